/**
 * tfit-node, the real Substrate node for the tfit runtime (node/), as child processes: a
 * `--dev` chain (instant seal, one process) and networks of Aura/Grandpa validators. Each node
 * listens on free loopback ports and keeps its database in its own base path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { base58Encode, ed25519PairFromSeed } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import WebSocket from 'ws';
import { specPath } from '../chain-spec/paths.js';
import { freeStablePort } from '../zos/net.js';

/** Where `npm run build:node` builds: outside the clone, so another clone (or CI) rebuilds incrementally. */
export const NODE_TARGET_DIR = process.env.TFIT_CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'tfit', 'node-target');

export class NodeBinaryMissingError extends Error {
  constructor(readonly path: string, why: string) {
    super(`no tfit-node binary at ${path} (${why}): run \`npm run build:node\` (needs Rust and protoc) or set TFIT_NODE_BIN`);
    this.name = 'NodeBinaryMissingError';
  }
}

/** The tfit-node binary: TFIT_NODE_BIN, else the release build of `npm run build:node`. */
export function nodeBinary(): string {
  const explicit = process.env.TFIT_NODE_BIN;
  if (explicit) {
    if (!existsSync(explicit)) throw new NodeBinaryMissingError(explicit, 'TFIT_NODE_BIN points there');
    return explicit;
  }
  const built = join(NODE_TARGET_DIR, 'release', 'tfit-node');
  if (!existsSync(built)) throw new NodeBinaryMissingError(built, 'not built yet');
  return built;
}

export class NodeExitedError extends Error {
  constructor(readonly code: number | null, readonly signal: string | null, readonly log: string) {
    super(`tfit-node exited (${signal ?? `code ${code}`}) before it was ready:\n${log.trim().split('\n').slice(-15).join('\n')}`);
    this.name = 'NodeExitedError';
  }
}

export interface TfitNodeOptions {
  /** Raw chain spec file; default the built `dev` preset (the `local` preset for validators). */
  spec?: string;
  /** `--dev`: one node, no peers, manual seal (default true). */
  dev?: boolean;
  /** With dev: `instant` (default), `manual` (engine_createBlock only) or a block time in ms. */
  sealing?: 'instant' | 'manual' | number;
  /** Node name; a dev account name (alice, bob, …) also puts that account's Aura and Grandpa keys in the keystore. */
  name?: string;
  validator?: boolean;
  /** Database folder; default a new temporary one, removed by close(). Reuse one to restart a node. */
  basePath?: string;
  rpcPort?: number;
  p2pPort?: number;
  prometheusPort?: number;
  /** 32-byte hex ed25519 secret: fixes the node's peer id. */
  nodeKey?: string;
  bootnodes?: string[];
  /** Ready transactions the pool holds (`--pool-limit`, default 20,000 for the load benches). */
  poolLimit?: number;
  /** More command-line flags. */
  args?: string[];
  /** Milliseconds to wait for the RPC to answer (default 60 s). */
  readyTimeoutMs?: number;
}

export interface TfitNode {
  name: string;
  endpoint: string;
  rpcPort: number;
  p2pPort: number;
  prometheusPort: number;
  basePath: string;
  pid: number;
  /** `/ip4/127.0.0.1/tcp/<p2p>/p2p/<peer id>` when a node key was given. */
  multiaddr?: string;
  /** What the node printed so far (stdout and stderr). */
  log(): string;
  /** Stops the process (SIGTERM: graceful; SIGKILL: a crash); keeps the database. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Stops it and removes a base path this module created. Idempotent. */
  close(): Promise<void>;
}

const DEV_NAMES = new Set(['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie']);

/** libp2p peer id of an ed25519 node key: identity multihash of the protobuf-encoded public key. */
export function peerIdOf(nodeKey: string): string {
  const { publicKey } = ed25519PairFromSeed(Uint8Array.from(Buffer.from(nodeKey.replace(/^0x/, ''), 'hex')));
  const protobuf = u8aConcat([0x08, 0x01, 0x12, 0x20], publicKey);
  return base58Encode(u8aConcat([0x00, protobuf.length], protobuf));
}

/** A node key derived from a name, so a network's peer ids are stable across restarts. */
export function nodeKeyFor(name: string): string {
  const bytes = new Uint8Array(32);
  Buffer.from(`tfit-node-key:${name}`).forEach((b, i) => (bytes[i % 32] ^= b));
  return u8aToHex(bytes).slice(2);
}

/** Resolves once `endpoint` answers chain_getHeader; rejects when `exited` does first or on timeout. */
async function waitForRpc(endpoint: string, exited: Promise<unknown>, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  exited.then(() => (gone = true), () => (gone = true));
  while (!gone) {
    if (Date.now() > deadline) throw new Error(`tfit-node at ${endpoint} did not answer within ${timeoutMs} ms:\n${log().trim().split('\n').slice(-15).join('\n')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(endpoint);
      const done = (v: boolean) => { ws.removeAllListeners(); ws.on('error', () => {}); ws.terminate(); resolve(v); };
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'chain_getHeader', params: [] })));
      ws.once('message', () => done(true));
      ws.once('error', () => done(false));
      setTimeout(() => done(false), 2_000);
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startTfitNode(opts: TfitNodeOptions = {}): Promise<TfitNode> {
  const bin = nodeBinary();
  const dev = opts.dev ?? true;
  const name = opts.name ?? (dev ? 'tfit-dev' : 'tfit-node');
  const ownBase = !opts.basePath;
  const basePath = opts.basePath ?? mkdtempSync(join(tmpdir(), `tfit-node-${name}-`));
  const [rpcPort, p2pPort, prometheusPort] = [opts.rpcPort || (await freeStablePort()), opts.p2pPort || (await freeStablePort()), opts.prometheusPort || (await freeStablePort())];
  const args = [
    '--chain', opts.spec ?? specPath(dev ? 'dev' : 'local'),
    '--base-path', basePath,
    '--name', name,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--prometheus-port', String(prometheusPort),
    '--rpc-cors', 'all',
    '--rpc-methods', 'unsafe',
    '--no-mdns', '--no-telemetry',
    // the load benches keep thousands of transactions in flight
    '--rpc-max-connections', '1000', '--pool-limit', String(opts.poolLimit ?? 20_000), '--pool-kbytes', '65536',
  ];
  // one node, one fork: the single-state pool (the fork-aware one, built for competing forks,
  // sometimes answers 1013 "already imported" to a submission racing a new view of a dev block)
  if (dev) args.push('--dev', '--sealing', String(opts.sealing ?? 'instant'), '--pool-type', 'single-state');
  if (!dev && DEV_NAMES.has(name)) args.push(`--${name}`);
  if (!dev && opts.validator) args.push('--validator');
  if (opts.nodeKey) args.push('--node-key', opts.nodeKey);
  for (const b of opts.bootnodes ?? []) args.push('--bootnodes', b);
  args.push(...(opts.args ?? []));

  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (c: Buffer) => { out += c; if (out.length > 4_000_000) out = out.slice(-2_000_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `ws://127.0.0.1:${rpcPort}`;
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  try {
    await Promise.race([
      waitForRpc(endpoint, exited, opts.readyTimeoutMs ?? 60_000, () => out),
      exited.then(() => { throw new NodeExitedError(child.exitCode, child.signalCode, out); }),
    ]);
  } catch (e) {
    await stop('SIGKILL');
    if (ownBase) rmSync(basePath, { recursive: true, force: true });
    throw e;
  }
  let closed: Promise<void> | undefined;
  return {
    name,
    endpoint,
    rpcPort,
    p2pPort,
    prometheusPort,
    basePath,
    pid: child.pid!,
    multiaddr: opts.nodeKey ? `/ip4/127.0.0.1/tcp/${p2pPort}/p2p/${peerIdOf(opts.nodeKey)}` : undefined,
    log: () => out,
    stop,
    close: () => (closed ??= stop().then(() => { if (ownBase) rmSync(basePath, { recursive: true, force: true }); })),
  };
}
