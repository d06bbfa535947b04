/**
 * Read-only runtime calls at the head, run on this process's WebAssembly engine: the same
 * wasm, over the head's state (flat-state.ts), on the in-process Substrate host
 * (runtime/harness/host.ts, whose host functions and trie are checked against smoldot).
 *
 * Why: every transaction a client submits is validated first
 * (TaggedTransactionQueue_validate_transaction), and nonce and fee queries are runtime calls
 * too. In Chopsticks each is an executor task that compiles the whole runtime again, ~10 ms
 * of the one executor worker every chain shares: under load, validation alone capped the
 * chain at a few dozen transactions a second. Here the module is compiled once and a call
 * takes well under a millisecond.
 *
 * Only the calls below, only at the head, only once the map holds the head's state (layers
 * dev_setStorage pushed on it included); anything else (another block, a chain the map
 * stopped following, a call that traps) goes to Chopsticks' executor as before, so a
 * refusal reads exactly as it did. e2e/localchain/head-calls.test.ts compares both over a random stream.
 */
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { CODE, type FlatState, type StateBlock } from './flat-state.js';
import { CompiledRuntime } from './compiled-runtime.js';

/**
 * Runtime APIs that read state and write none a caller keeps (validation runs in a
 * rolled-back transaction). Metadata_metadata depends on the code alone: the genesis
 * block's, asked for on every start, then needs no executor worker.
 */
export const HEAD_CALLS = new Set([
  'Metadata_metadata',
  'TaggedTransactionQueue_validate_transaction',
  'AccountNonceApi_account_nonce',
  'TransactionPaymentApi_query_info',
  'TransactionPaymentApi_query_fee_details',
]);

type CallResult = { result: string; storageDiff: [string, string | null][]; offchainStorageDiff: [string, string | null][]; runtimeLogs: unknown[] };
export interface CallableBlock extends StateBlock {
  call(method: string, args: string[], mockSignatureHost?: boolean): Promise<CallResult>;
}

export class HeadCalls {
  readonly #flat: FlatState;
  readonly #isHead: (block: CallableBlock) => boolean;
  readonly #runtime: CompiledRuntime;
  /** Calls answered here and handed on, for tests and benchmarks. */
  readonly counts = { inProcess: 0, executor: 0 };

  constructor(flat: FlatState, isHead: (block: CallableBlock) => boolean, runtime = new CompiledRuntime()) {
    this.#flat = flat;
    this.#isHead = isHead;
    this.#runtime = runtime;
  }

  /** Makes `block` (a new head) answer HEAD_CALLS here while it is the head. */
  serve(block: CallableBlock): void {
    const executor = block.call.bind(block);
    block.call = async (method, args, mockSignatureHost) => {
      if (HEAD_CALLS.has(method) && !mockSignatureHost && this.#isHead(block)) {
        const result = await this.#call(block, method, args);
        if (result !== undefined) {
          this.counts.inProcess++;
          return { result, storageDiff: [], offchainStorageDiff: [], runtimeLogs: [] };
        }
      }
      this.counts.executor++;
      return executor(method, args, mockSignatureHost);
    };
  }

  async #call(block: CallableBlock, method: string, args: string[]): Promise<string | undefined> {
    if (!(await this.#flat.advanceTo(block))) return undefined;
    const state = this.#flat.state;
    const code = state.get(CODE);
    if (!code) return undefined;
    const runtime = this.#runtime.of(code);
    if (!runtime) return undefined;
    try {
      return u8aToHex(runtime.with(state).callBytes(method, u8aConcat(...args.map((a) => hexToU8a(a))), true));
    } catch {
      return undefined; // a trap: the executor gives the error as it always did
    }
  }
}
