/**
 * Starts tfit's local chain in this process: Chopsticks in genesis mode, executing the
 * tfit runtime wasm from a chain spec, serving JSON-RPC over WebSocket on loopback.
 */
import { readFileSync } from 'node:fs';
import { specPath } from '../chain-spec/paths.js';
import { withNonBlockingWatch, type RpcContext, type RpcHandler } from './rpc.js';
import { withSpecJsonRpc, type SpecContext } from './rpc-spec.js';
import { serveRpc } from './server.js';
import { loadChopsticksCore, openChain, type BlockBuilder, type ChainConfig, type ChopsticksContext, type SetupContext } from './chain.js';

export type BlockMode = 'instant' | 'batch' | 'manual';
/** Chopsticks' BuildBlockMode values. */
const MODES: Record<BlockMode, string> = { instant: 'Instant', batch: 'Batch', manual: 'Manual' };

export interface LocalChainOptions {
  /** TCP port; 0 picks a free one. Default 8000. */
  port?: number;
  host?: string;
  /** When blocks are built: on each transaction (instant, default), batched, or on `dev_newBlock` only. */
  blockMode?: BlockMode;
  /** sqlite file to persist blocks and state in (resumes from it when it exists). */
  db?: string;
  /** Chain spec path; default the built `dev` preset. */
  spec?: string;
  /**
   * Who answers author_submitAndWatchExtrinsic: tfit (default; every watcher of a block
   * hears of it at once, see rpc.ts) or Chopsticks' own method (one watcher per 100 ms).
   */
  watch?: 'tfit' | 'chopsticks';
  /**
   * How blocks are built and the head answers validation, nonce and fee calls: tfit's way
   * (default 'in-process': a block's calls as one task, block-builder.ts, run on this
   * process's WebAssembly engine, in-process-task.ts, else as one executor task; those calls
   * in process, head-calls.ts), 'one-task' (the same, the task always on Chopsticks'
   * executor), or exactly as Chopsticks does, one executor task per runtime call
   * ('per-call': the reference tfit's ways must equal).
   */
  blockBuilder?: BlockBuilder;
  /** Chopsticks log level (default 'error'). */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export interface LocalChain {
  /** ws:// endpoint. */
  endpoint: string;
  port: number;
  /** Stops block production and the server. Idempotent. */
  close(): Promise<void>;
}

export { PortInUseError } from './server.js';
export type { BlockBuilder } from './chain.js';

let live = 0;

/**
 * Chopsticks' setupWithServer, composed here: the chain (chain.ts) and Chopsticks' RPC
 * handler, with tfit's author_submitAndWatchExtrinsic (rpc.ts), served by tfit's
 * server (server.ts).
 */
const CHOPSTICKS: string = '@acala-network/chopsticks';

async function setupWithServer(config: ChainConfig & { port: number; host: string }, watch: 'tfit' | 'chopsticks'): Promise<ChopsticksContext> {
  const [{ handler }, core] = await Promise.all([
    import(`${CHOPSTICKS}/rpc/index`) as Promise<{ handler(c: SetupContext): RpcHandler }>,
    loadChopsticksCore(),
  ]);
  const context = await openChain(core, config);
  const stopContext = () => context.chain.close();
  const base = withSpecJsonRpc(handler(context), context as unknown as SpecContext);
  const rpc = watch === 'tfit' ? withNonBlockingWatch(base, context, core.ResponseError) : base;
  let server;
  try {
    server = await serveRpc(rpc, config.port, config.host);
  } catch (e) {
    await stopContext();
    if (live === 0) await core.destroyWorker(); // nothing else uses the executor: let the process exit
    throw e;
  }
  return {
    chain: context.chain,
    port: server.port,
    async close() {
      await server.close(); // first, so that clients see the chain go
      await stopContext();
    },
  };
}

export async function startLocalChain(opts: LocalChainOptions = {}): Promise<LocalChain> {
  // Chopsticks reads LOG_LEVEL once, when it is first imported: set it before the import.
  process.env.LOG_LEVEL ??= opts.logLevel ?? 'error';
  const requested = opts.port ?? 8000;
  const genesis = JSON.parse(readFileSync(opts.spec ?? specPath('dev'), 'utf8'));
  const ctx = await setupWithServer({
    genesis,
    port: requested,
    host: opts.host ?? '127.0.0.1',
    blockMode: MODES[opts.blockMode ?? 'instant'],
    db: opts.db,
    runtimeLogLevel: Number(process.env.TFIT_RUNTIME_LOG ?? 0),
    blockBuilder: opts.blockBuilder ?? 'in-process',
  }, opts.watch ?? 'tfit');
  const port = ctx.port;
  let closed: Promise<void> | undefined;
  // The wasm executor is a worker thread shared by every chain in the process: stop it
  // with the last chain so the process can exit.
  live++;
  const close = () =>
    (closed ??= ctx.close().finally(async () => {
      if (--live === 0) {
        await (await loadChopsticksCore()).destroyWorker();
      }
    }));
  return { endpoint: `ws://${opts.host ?? '127.0.0.1'}:${port}`, port, close };
}
