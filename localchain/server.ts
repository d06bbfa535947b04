/**
 * The local chain's JSON-RPC server: WebSocket (with subscriptions) and HTTP POST on one
 * port, answering with Chopsticks' RPC handler. tfit serves it itself, rather than with
 * Chopsticks' server, so that stopping the chain closes every open WebSocket (Chopsticks'
 * close() leaves upgraded connections open: their clients never learn the chain stopped)
 * and so that a port in use is an error rather than a move to the next port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { RpcHandler, SubscriptionManager } from './rpc.js';

interface Request { id?: number | string | null; jsonrpc: '2.0'; method: string; params: unknown[] }
type Response = { id?: number | string | null; jsonrpc: '2.0'; result: unknown } | { id?: number | string | null; jsonrpc: '2.0'; error: { code: number; message: string } };

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(readonly requested: number) {
    super(`port ${requested} is in use; choose another with --port`);
  }
}

export interface RpcServer { port: number; close(): Promise<void> }

/** A request or batch of requests, or null when `text` is not one. */
function parse(text: string): Request | Request[] | null {
  let v: unknown;
  try { v = JSON.parse(text); } catch { return null; }
  const one = (r: unknown): Request | null => {
    if (typeof r !== 'object' || r === null) return null;
    const q = r as Record<string, unknown>;
    if (q.jsonrpc !== '2.0' || typeof q.method !== 'string') return null;
    if (q.params !== undefined && !Array.isArray(q.params)) return null;
    if (q.id !== undefined && q.id !== null && typeof q.id !== 'number' && typeof q.id !== 'string') return null;
    return { id: q.id as Request['id'], jsonrpc: '2.0', method: q.method, params: (q.params as unknown[]) ?? [] };
  };
  if (Array.isArray(v)) {
    const all = v.map(one);
    return all.every((r) => r !== null) ? (all as Request[]) : null;
  }
  return one(v);
}

/** JSON-RPC error object: the handler's own code (Chopsticks' ResponseError) or internal error. */
function errorOf(e: unknown): { code: number; message: string } {
  const err = e as { code?: unknown; message?: unknown };
  return typeof err?.code === 'number' ? { code: err.code, message: String(err.message) } : { code: -32603, message: `Internal ${String(e)}` };
}

const NO_SUBSCRIPTIONS: SubscriptionManager = {
  subscribe: () => { throw new Error('subscriptions need a WebSocket connection'); },
  unsubscribe: () => { throw new Error('subscriptions need a WebSocket connection'); },
};

async function answer(handler: RpcHandler, req: Request, subscriptions: SubscriptionManager): Promise<Response> {
  try {
    return { id: req.id, jsonrpc: '2.0', result: (await handler(req, subscriptions)) ?? null };
  } catch (e) {
    return { id: req.id, jsonrpc: '2.0', error: errorOf(e) };
  }
}

async function answerAll(handler: RpcHandler, req: Request | Request[], subscriptions: SubscriptionManager): Promise<Response | Response[]> {
  return Array.isArray(req) ? Promise.all(req.map((r) => answer(handler, r, subscriptions))) : answer(handler, req, subscriptions);
}

const INVALID = { id: null, jsonrpc: '2.0', error: { code: -32600, message: 'Invalid JSON Request' } } as const;

export async function serveRpc(handler: RpcHandler, port: number, host: string): Promise<RpcServer> {
  const server = http.createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', '*');
    if (req.method === 'OPTIONS') return void res.end();
    if (req.method !== 'POST') return void res.writeHead(405).end('only POST (JSON-RPC) or a WebSocket upgrade');
    const body: Buffer[] = [];
    for await (const chunk of req) body.push(chunk as Buffer);
    const parsed = parse(Buffer.concat(body).toString());
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(parsed ? await answerAll(handler, parsed, NO_SUBSCRIPTIONS) : INVALID));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError(port) : e));
    server.listen(port, host, () => resolve());
  });
  // attached once listening: a WebSocketServer re-emits its server's errors, a failed listen included
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ server, maxPayload: 100 * 1024 * 1024 });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    const send = (data: unknown) => { if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(data)); };
    const active = new Map<string, (id: string) => void>();
    const subscriptions: SubscriptionManager = {
      subscribe(method, id, onCancel = () => {}) {
        active.set(id, onCancel);
        return (result) => { if (active.has(id)) send({ jsonrpc: '2.0', method, params: { result, subscription: id } }); };
      },
      unsubscribe(id) {
        const cancel = active.get(id);
        active.delete(id);
        cancel?.(id);
      },
    };
    ws.on('message', async (data) => {
      const parsed = parse(data.toString());
      send(parsed ? await answerAll(handler, parsed, subscriptions) : INVALID);
    });
    const closed = () => {
      sockets.delete(ws);
      for (const [id, cancel] of active) cancel(id);
      active.clear();
      ws.removeAllListeners();
    };
    ws.on('close', closed);
    ws.on('error', closed);
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const ws of sockets) ws.terminate(); // clients see the connection drop
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
    },
  };
}
