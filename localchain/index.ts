/**
 * Starts tfit's local chain in this process: Chopsticks in genesis mode, executing the
 * tfit runtime wasm from a chain spec, serving JSON-RPC over WebSocket on loopback.
 */
import { readFileSync } from 'node:fs';
import { specPath } from '../chain-spec/paths.js';
import { withNonBlockingWatch, type RpcContext, type RpcHandler } from './rpc.js';
import { withSpecChainHead } from './rpc-spec.js';
import { serveRpc } from './server.js';
import { realGenesis, type ChopsticksGenesisProvider, type GenesisSource } from './genesis.js';

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

let live = 0;

/**
 * The part of Chopsticks' API used here, typed locally: importing its own declarations
 * would install @polkadot/api-augment's Substrate types globally and clash with the
 * tfit runtime's generated ones (sdk/src/interfaces).
 */
interface ChopsticksContext {
  port: number;
  close(): Promise<void>;
  chain: { head: { hash: string } };
}
interface SetupContext { chain: RpcContext['chain'] & ChopsticksContext['chain'] & { close(): Promise<void>; newBlock(): Promise<unknown>; loadBlockFromDB(n: number): Promise<unknown>; setHead(b: unknown): Promise<void>; onNewBlock(b: unknown): Promise<void>; saveBlockToDB(b: unknown): Promise<void> } }
const CHOPSTICKS: string = '@acala-network/chopsticks';
const CHOPSTICKS_CORE: string = '@acala-network/chopsticks-core';
const CHOPSTICKS_DB: string = '@acala-network/chopsticks-db';

interface ChopsticksCore {
  GenesisProvider: new (spec: unknown) => ChopsticksGenesisProvider;
  Api: new (provider: GenesisSource) => { setDb(db: unknown, scope: string): void; readonly isReady: Promise<void> };
  Blockchain: new (options: Record<string, unknown>) => SetupContext['chain'];
  inherentProviders: unknown;
  ResponseError: new (code: number, message: string) => Error;
  destroyWorker(): Promise<void>;
}
interface ChainConfig { genesis: unknown; port: number; host: string; blockMode: string; db?: string; runtimeLogLevel: number }

/**
 * Chopsticks' chain on tfit's genesis (genesis.ts: the real genesis hash), composed as
 * Chopsticks' setupContext does, except that a chain resumed from its db does not first
 * build a new block 1 from genesis (which replaced the stored block 1 and broke the chain
 * of parent hashes back to genesis).
 */
async function setupChain(core: ChopsticksCore, config: ChainConfig): Promise<SetupContext> {
  const { SqliteDatabase } = await (import(CHOPSTICKS_DB) as Promise<{ SqliteDatabase: new (path: string) => { queryHighestBlock(): Promise<{ number: number } | null> } }>);
  const genesis = await realGenesis(new core.GenesisProvider(config.genesis));
  const api = new core.Api(genesis);
  const db = config.db ? new SqliteDatabase(config.db) : undefined;
  if (db) api.setDb(db, JSON.stringify('')); // Chopsticks' scope for a chain without an endpoint
  await api.isReady;
  const chain = new core.Blockchain({
    api, db, buildBlockMode: config.blockMode, inherentProviders: core.inherentProviders,
    header: { hash: genesis.genesisHash, number: 0 }, runtimeLogLevel: config.runtimeLogLevel, registeredTypes: {},
  });
  // Chopsticks announces a new block (setHead: new heads, RPC subscribers) and stores it after,
  // so a kill -9 in between lost a block clients had been told of: store it first.
  if (db) chain.onNewBlock = async (block) => { await chain.saveBlockToDB(block); await chain.setHead(block); };
  const highest = db ? await db.queryHighestBlock() : null;
  if (highest) {
    const head = await chain.loadBlockFromDB(highest.number);
    if (!head) throw new Error(`cannot resume from ${config.db}: block ${highest.number} is not loadable`);
    await chain.setHead(head);
  } else {
    await chain.newBlock(); // a fresh chain starts with block 1, as Chopsticks' genesis mode does
  }
  return { chain };
}

/**
 * Chopsticks' setupWithServer, composed here: the chain (setupChain) and Chopsticks' RPC
 * handler, with tfit's author_submitAndWatchExtrinsic (rpc.ts), served by tfit's
 * server (server.ts).
 */
async function setupWithServer(config: ChainConfig, watch: 'tfit' | 'chopsticks'): Promise<ChopsticksContext> {
  const [{ handler }, core] = await Promise.all([
    import(`${CHOPSTICKS}/rpc/index`) as Promise<{ handler(c: SetupContext): RpcHandler }>,
    import(CHOPSTICKS_CORE) as Promise<ChopsticksCore>,
  ]);
  const context = await setupChain(core, config);
  const stopContext = () => context.chain.close();
  const base = withSpecChainHead(handler(context));
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
  }, opts.watch ?? 'tfit');
  const port = ctx.port;
  let closed: Promise<void> | undefined;
  // The wasm executor is a worker thread shared by every chain in the process: stop it
  // with the last chain so the process can exit.
  live++;
  const close = () =>
    (closed ??= ctx.close().finally(async () => {
      if (--live === 0) {
        const { destroyWorker } = await import('@acala-network/chopsticks-core');
        await destroyWorker();
      }
    }));
  return { endpoint: `ws://${opts.host ?? '127.0.0.1'}:${port}`, port, close };
}
