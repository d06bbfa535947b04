/**
 * Builds a block in one executor task: Core_initialize_block, the inherents, every pending
 * extrinsic and BlockBuilder_finalize_block run as the calls of a single Chopsticks task.
 *
 * Why: Chopsticks' own builder (block-builder.js) runs each of those calls as a separate
 * task, and every task hands the whole runtime (as hex) to the executor worker, which
 * validates and compiles it again: ~10 ms per task for tfit's runtime, ~26 ms for
 * TF-Chain's, before the runtime does any work. A block of N extrinsics was N + 3 tasks.
 * One task compiles once and carries the storage changes from call to call, as the calls
 * of one block do on a Substrate node.
 *
 * A task reports only its last call's result (the header finalize returns), so whether
 * every extrinsic was applied is read from that header: its extrinsics root is the
 * runtime's ordered trie root of the extrinsics it applied, equal to the root of all that
 * were offered only if none was refused. If one was refused (or the task failed, or the
 * block needs what this builder does not do), nothing of the attempt is kept and the block
 * is built by Chopsticks' per-call builder, exactly as before: it drops and reports the
 * refused ones. e2e/localchain/block-builder.test.ts checks that both ways give the same
 * header, body and state over a randomized stream of valid, failing and invalid extrinsics.
 *
 * The block's storage diff holds what the block wrote. Chopsticks' per-call diff also holds
 * every key the build read (its storage layers cache reads, absent keys as undefined): the
 * same state, a larger diff to keep in memory and in the db.
 */
import { u8aConcat, hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { orderedTrieRoot } from '../runtime/harness/trie.js';
import type { FlatState, StateBlock, StorageLayerClass } from './flat-state.js';
import type { InProcessTasks } from './in-process-task.js';

/** The parts of Chopsticks' Block, Blockchain and executor used here (typed locally, see index.ts). */
export interface ChainBlock {
  readonly number: number;
  readonly hash: string;
  readonly chain: BuildingChain;
  readonly wasm: Promise<string>;
  readonly registry: Promise<HeaderRegistry>;
  pushStorageLayer(): unknown;
}
interface HeaderValue { toHex(): string; toJSON(): Record<string, unknown>; number: { toNumber(): number }; extrinsicsRoot: { toHex(): string }; hash: { toHex(): string } }
interface HeaderRegistry { createType(type: 'Header', value: unknown): HeaderValue }
export interface BuildingChain {
  readonly head: ChainBlock;
  readonly mockSignatureHost: boolean;
  readonly allowUnresolvedImports: boolean;
  readonly runtimeLogLevel: number;
  readonly offchainWorker?: { set(key: string, value: string | null): void };
  onNewBlock(block: ChainBlock): Promise<void>;
  upcomingBlocks(): Promise<number>;
  readonly txPool: TxPool;
}
/** What Chopsticks' txpool hands its builder for one block. */
export interface BuildParams {
  transactions: string[];
  upwardMessages?: Record<string, string[]>;
  downwardMessages?: unknown[];
  horizontalMessages?: Record<string, unknown[]>;
  unsafeBlockHeight?: number;
  relayChainStateOverrides?: unknown;
  relayParentNumber?: number;
}
interface TxPool {
  buildBlockWithParams(params: BuildParams): Promise<void>;
}
type TaskResponse = { Call: { result: string; storageDiff: [string, string | null][]; offchainStorageDiff: [string, string | null][] } } | { Error: string };
export interface InherentProvider { createInherents(block: ChainBlock, params: BuildParams): Promise<string[]> }
export interface BuilderCore {
  Block: new (chain: BuildingChain, number: number, hash: string, parent: ChainBlock, block: { header: HeaderValue; extrinsics: string[]; storage: unknown; storageDiff?: Record<string, string | null> }) => ChainBlock;
  newHeader(head: ChainBlock): Promise<HeaderValue>;
  runTask(task: { wasm: string; calls: [string, string[]][]; mockSignatureHost: boolean; allowUnresolvedImports: boolean; runtimeLogLevel: number }, handler: unknown): Promise<TaskResponse>;
  taskHandler(block: ChainBlock): unknown;
  StorageLayer: StorageLayerClass;
}

/** The hash of a block still being built (never registered with the chain). */
const BUILDING = `0x${'00'.repeat(31)}01`;

/** Block storage as Chopsticks keeps a block's base layer. */
const storageOf = (block: ChainBlock) => (block as unknown as { storage: unknown }).storage;

/**
 * The block on `head` holding every one of `params.transactions`, or undefined when it cannot
 * be built in one task (a refused extrinsic, a failing call, relay-chain messages, a forced
 * height): then the caller builds it the per-call way.
 */
export async function buildBlockInOneTask(
  core: BuilderCore, head: ChainBlock, inherentProviders: InherentProvider[], params: BuildParams,
  /** The storage the new block stands on: by default its parent's; a flat copy of it (flat-state.ts) cuts the chain of layers. */
  base: unknown = storageOf(head),
  /** Runs the task in this process when it can (in-process-task.ts); the executor runs it otherwise. */
  inProcess?: InProcessTasks,
): Promise<ChainBlock | undefined> {
  const messages = Object.keys(params.upwardMessages ?? {}).length + (params.downwardMessages?.length ?? 0) + Object.keys(params.horizontalMessages ?? {}).length;
  // Block 1 needs no exception: Chopsticks' per-call builder overrides System.ParentHash with
  // the genesis header's hash after initialize, which is the header's parent hash the
  // runtime has just stored (genesis.ts gives the chain the real genesis hash).
  if (messages > 0 || params.unsafeBlockHeight !== undefined || params.relayChainStateOverrides !== undefined) return undefined;

  const chain = head.chain;
  const registry = await head.registry;
  const header = await core.newHeader(head);
  const number = header.number.toNumber();
  // the block under construction, for the inherent providers (they read the parent's state)
  // and the executor's reads; its own layer takes Chopsticks' read cache, which would
  // otherwise grow the parent's
  const building = new core.Block(chain, number, BUILDING, head, { header, extrinsics: [], storage: storageOf(head) });
  building.pushStorageLayer();
  const inherentCalls: string[][] = [];
  for (const provider of inherentProviders) {
    const extrinsics = await provider.createInherents(building, params);
    if (extrinsics.length) inherentCalls.push(extrinsics);
  }
  const inherents = inherentCalls.flat();
  const transactions = params.transactions;
  const calls: [string, string[]][] = [
    ['Core_initialize_block', [header.toHex()]],
    ...inherentCalls.map((xs): [string, string[]] => ['BlockBuilder_apply_extrinsic', xs]),
    ...transactions.map((x): [string, string[]] => ['BlockBuilder_apply_extrinsic', [x]]),
    ['BlockBuilder_finalize_block', []],
  ];
  const here = await inProcess?.run(head as StateBlock, calls, chain.mockSignatureHost);
  const response: TaskResponse = here ? { Call: here } : await core.runTask({
    wasm: await head.wasm,
    calls,
    mockSignatureHost: chain.mockSignatureHost,
    allowUnresolvedImports: chain.allowUnresolvedImports,
    runtimeLogLevel: chain.runtimeLogLevel,
  }, core.taskHandler(building));
  if (!('Call' in response)) return undefined;

  const all = [...inherents, ...transactions];
  const finalized = registry.createType('Header', hexToU8a(response.Call.result));
  if (finalized.extrinsicsRoot.toHex() !== orderedRoot(all)) return undefined;

  if (chain.offchainWorker) for (const [key, value] of response.Call.offchainStorageDiff) chain.offchainWorker.set(key, value);
  // the header as Chopsticks' builder makes it: its own extrinsics root, no state root
  const final = registry.createType('Header', { ...header.toJSON(), extrinsicsRoot: blake2AsU8a(u8aConcat(...all), 256) });
  return new core.Block(chain, number, final.hash.toHex(), head, {
    header: final,
    extrinsics: all,
    storage: base,
    storageDiff: Object.fromEntries(response.Call.storageDiff),
  });
}

/**
 * The extrinsics root a runtime computes: the ordered trie root (keys compact indices) in
 * trie layout V0, which runtimes of system version 0 or 1 use (tfit's and TF-Chain's).
 * Computed here (runtime/harness/trie.ts, checked against smoldot's) rather than by the
 * executor worker: a round trip per block, and the worker need not be up for block 1.
 */
function orderedRoot(extrinsics: string[]): string {
  return u8aToHex(orderedTrieRoot(extrinsics.map((x) => hexToU8a(x)), 0));
}

/**
 * Makes `chain` build its blocks in one task when it can. Chopsticks' txpool sends every
 * block it builds (instant, batch, dev_newBlock) through its public buildBlockWithParams;
 * here that queues the block behind any being built and tries the one-task way first,
 * falling back to the original per-call method. With `flat`, every `flattenEvery`-th block
 * built in one task stands on a flat copy of its parent's state (flat-state.ts).
 */
export function buildInOneTask(
  core: BuilderCore, chain: BuildingChain, inherentProviders: InherentProvider[],
  { flat, flattenEvery = 256, inProcess }: { flat?: FlatState; flattenEvery?: number; inProcess?: InProcessTasks } = {},
): void {
  const pool = chain.txPool;
  const perCall = pool.buildBlockWithParams.bind(pool);
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let stacked = 0; // blocks standing on the last flat base (or on genesis)
  pool.buildBlockWithParams = (params) => {
    queued++;
    const built = queue.then(async () => {
      try {
        const head = chain.head;
        const flatten = !!flat && stacked + 1 >= flattenEvery && (await flat.advanceTo(head as StateBlock));
        const block = await buildBlockInOneTask(core, head, inherentProviders, params, flatten ? flat!.layer(core.StorageLayer) : undefined, inProcess);
        if (block) await chain.onNewBlock(block);
        else await perCall(params);
        stacked = block && flatten ? 1 : stacked + 1;
      } finally {
        queued--;
      }
    });
    queue = built.catch(() => {});
    return built;
  };
  // who waits for the chain's upcoming blocks waits for these (all blocks pass the queue;
  // the pool's own upcomingBlocks stays, as its per-call builder awaits it)
  chain.upcomingBlocks = async () => {
    const count = queued;
    await queue;
    return count;
  };
}
