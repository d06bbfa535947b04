/** A TCP port free on loopback right now (for workloads started by tests and the demo). */
import { createServer } from 'node:net';

/**
 * A free port below Linux's ephemeral range (32768-60999), for a port that is chosen now and
 * bound later by another process (a node's RPC, p2p and metrics ports): an ephemeral port can
 * be taken in between by any outgoing connection, such as another node dialing its peers,
 * and a node that finds its RPC port taken listens on a random one instead.
 */
export async function freeStablePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue; // chosen for another node, maybe not bound yet
    const srv = createServer();
    const bound = await new Promise<boolean>((resolve) => { srv.once('error', () => resolve(false)); srv.listen(port, host, () => resolve(true)); });
    if (bound) { await new Promise((r) => srv.close(r)); handedOut.add(port); return port; }
  }
  return freePort(host);
}
const handedOut = new Set<number>();

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => { srv.once('error', reject); srv.listen(0, host, () => resolve()); });
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * fetch(url), retried while the connection is refused: a workload is Running once its
 * processes have started (as Zero-OS reports it), which can be a moment before a service
 * listens. Any other failure, or still refused after `timeoutMs`, rejects with its cause.
 */
export async function fetchWhenListening(url: string, { timeoutMs = 10_000, init }: { timeoutMs?: number; init?: RequestInit } = {}): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url, init);
    } catch (e) {
      const code = ((e as Error & { cause?: { code?: string } }).cause)?.code;
      if (code !== 'ECONNREFUSED' || Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
