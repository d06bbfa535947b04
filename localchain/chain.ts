/**
 * The embedded chain itself, without a server: Chopsticks' Blockchain on tfit's genesis
 * (genesis.ts), with blocks stored before they are announced and built in one executor task
 * (block-builder.ts). index.ts serves it over JSON-RPC; tests drive it directly.
 */
import type { RpcContext } from './rpc.js';
import { realGenesis, type ChopsticksGenesisProvider, type GenesisSource } from './genesis.js';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { CODE, FlatState } from './flat-state.js';
import { HeadCalls, type CallableBlock } from './head-calls.js';
import { InProcessTasks } from './in-process-task.js';
import { CompiledRuntime } from './compiled-runtime.js';
import { primeExecutorMemos, type ExecutorMemos } from './executor-memo.js';
import { hexToU8a } from '@polkadot/util';
import { buildInBatches, type BatchingChain } from './batch.js';
import { buildInOneTask, type BuilderCore, type BuildingChain, type InherentProvider } from './block-builder.js';

/**
 * The part of Chopsticks' API used here, typed locally: importing its own declarations
 * would install @polkadot/api-augment's Substrate types globally and clash with the
 * tfit runtime's generated ones (sdk/src/interfaces).
 */
export interface ChopsticksContext {
  port: number;
  close(): Promise<void>;
  chain: { head: { hash: string } };
}
export interface SetupContext { chain: RpcContext['chain'] & ChopsticksContext['chain'] & { close(): Promise<void>; newBlock(): Promise<unknown>; loadBlockFromDB(n: number): Promise<unknown>; setHead(b: unknown): Promise<void>; onNewBlock(b: unknown): Promise<void>; saveBlockToDB(b: unknown): Promise<void> } }
const CHOPSTICKS_CORE: string = '@acala-network/chopsticks-core';
const CHOPSTICKS_DB: string = '@acala-network/chopsticks-db';

type DbModule = { SqliteDatabase: new (path: string) => { queryHighestBlock(): Promise<{ number: number } | null> } };
const loadDb = () => import(CHOPSTICKS_DB) as Promise<DbModule>;

/** Chopsticks' core library (its own declarations stay unimported, see above). */
export const loadChopsticksCore = () => import(CHOPSTICKS_CORE) as Promise<ChopsticksCore>;

export interface ChopsticksCore extends BuilderCore, ExecutorMemos {
  GenesisProvider: new (spec: unknown) => ChopsticksGenesisProvider;
  Api: new (provider: GenesisSource) => { setDb(db: unknown, scope: string): void; readonly isReady: Promise<void> };
  Blockchain: new (options: Record<string, unknown>) => SetupContext['chain'];
  inherentProviders: InherentProvider[];
  ResponseError: new (code: number, message: string) => Error;
  destroyWorker(): Promise<void>;
}
/** See LocalChainOptions.blockBuilder. */
export type BlockBuilder = 'in-process' | 'one-task' | 'per-call';
export interface ChainConfig {
  genesis: unknown; blockMode: string; db?: string; runtimeLogLevel: number; blockBuilder: BlockBuilder;
  /** One-task blocks between flat copies of the state (flat-state.ts); default 256. */
  flattenEvery?: number;
}

/**
 * Chopsticks' chain on tfit's genesis (genesis.ts: the real genesis hash), composed as
 * Chopsticks' setupContext does, except that a chain resumed from its db does not first
 * build a new block 1 from genesis (which replaced the stored block 1 and broke the chain
 * of parent hashes back to genesis).
 */
export async function openChain(core: ChopsticksCore, config: ChainConfig): Promise<SetupContext> {
  const top = (config.genesis as { genesis: { raw: { top: Record<string, string> } } }).genesis.raw.top;
  const genesis = realGenesis(new core.GenesisProvider(config.genesis), top);
  const api = new core.Api(genesis);
  // the db module (typeorm, sqlite3) is loaded only for a chain that has a db: it is a good
  // part of a cold start
  const db = config.db ? new (await loadDb()).SqliteDatabase(config.db) : undefined;
  if (db) api.setDb(db, JSON.stringify('')); // Chopsticks' scope for a chain without an endpoint
  await api.isReady;
  let serveHead = (_block: unknown) => {};
  // tfit batches blocks itself (batch.ts), on Chopsticks' manual mode
  const tfitBuilds = config.blockBuilder !== 'per-call';
  const ownBatches = tfitBuilds && config.blockMode === 'Batch';
  const chain = new core.Blockchain({
    api, db, buildBlockMode: ownBatches ? 'Manual' : config.blockMode, inherentProviders: core.inherentProviders,
    header: { hash: genesis.genesisHash, number: 0 }, runtimeLogLevel: config.runtimeLogLevel, registeredTypes: {},
  });
  // Chopsticks announces a new block (setHead: new heads, RPC subscribers) and stores it after,
  // so a kill -9 in between lost a block clients had been told of: store it first.
  if (db) chain.onNewBlock = async (block) => { await chain.saveBlockToDB(block); await chain.setHead(block); };
  if (tfitBuilds) {
    const flat = new FlatState(genesis.genesisHash, top);
    await cryptoWaitReady();
    // one compilation of the runtime for Chopsticks' per-code answers, head calls and block
    // tasks: block 1 then needs no executor worker (the version, slot duration and metadata
    // are answered here, the block built here), which was most of a cold start
    const runtime = new CompiledRuntime();
    const host = runtime.of(hexToU8a(top[CODE]));
    if (host) primeExecutorMemos(core, top[CODE], host);
    const inProcess = config.blockBuilder === 'in-process' ? new InProcessTasks(flat, runtime) : undefined;
    buildInOneTask(core, chain as unknown as BuildingChain, core.inherentProviders, { flat, flattenEvery: config.flattenEvery, inProcess });
    (chain as unknown as { inProcessTasks?: InProcessTasks }).inProcessTasks = inProcess; // for tests and benchmarks
    // each new head answers validation, nonce, fee and metadata calls in process (head-calls.ts)
    const headCalls = new HeadCalls(flat, (b) => (chain.head as unknown) === b, runtime);
    serveHead = (block) => headCalls.serve(block as CallableBlock);
    const announce = chain.onNewBlock.bind(chain);
    chain.onNewBlock = async (block) => { serveHead(block); await announce(block); };
    (chain as unknown as { headCalls: HeadCalls }).headCalls = headCalls; // for tests and benchmarks
    if (ownBatches) buildInBatches(chain as unknown as BatchingChain);
  }
  const highest = db ? await db.queryHighestBlock() : null;
  if (highest) {
    const head = await chain.loadBlockFromDB(highest.number);
    if (!head) throw new Error(`cannot resume from ${config.db}: block ${highest.number} is not loadable`);
    serveHead(head);
    await chain.setHead(head);
  } else {
    serveHead(chain.head);
    await chain.newBlock(); // a fresh chain starts with block 1, as Chopsticks' genesis mode does
  }
  return { chain };
}

