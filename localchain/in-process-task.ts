/**
 * A block's task (Core_initialize_block, the inherents, the extrinsics,
 * BlockBuilder_finalize_block) run on this process's WebAssembly engine over the flat state
 * of its parent, instead of as an executor task.
 *
 * Why: Chopsticks' executor interprets the runtime (smoldot's wasm interpreter, itself
 * compiled to wasm) and compiles the module again for every task. A profile of 50 clients
 * sending transfers put the chain's executor worker at its limit (~200 ms for a block of 13
 * transfers) while V8 runs the same calls, compiled once, about ten times faster. The
 * in-process host (runtime/harness/host.ts) is the one head-calls.ts already answers
 * validation with, its host functions checked against smoldot's.
 *
 * The calls run synchronously on the flat map itself: every write is noted with the value
 * before it, the block's diff is read off the noted keys, and the map is put back as it was,
 * so the map still holds the parent's state (and head calls never see a half-built block).
 * It answers like an executor task (result of the last call, storage diff) or declines, and
 * the builder then runs the executor task as before: the map is not at the parent, the chain
 * mocks signatures, or a call traps (the runtime needs a host function this host lacks, or a
 * transaction it refuses, which the builder's root check would also catch).
 *
 * As in Chopsticks' executor, `ext_storage_root` is not the state's trie root: the embedded
 * chain's headers carry none (see HostOptions.stateRoot). e2e/localchain/block-builder.test.ts
 * checks header, body and state against Chopsticks' per-call builder.
 */
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { CODE, type FlatState, type StateBlock } from './flat-state.js';
import { CompiledRuntime } from './compiled-runtime.js';

export interface TaskCall { result: string; storageDiff: [string, string | null][]; offchainStorageDiff: [string, string | null][] }

export class InProcessTasks {
  readonly #flat: FlatState;
  readonly #runtime: CompiledRuntime;
  /** Tasks run here, and declined (run by the executor instead), for tests and benchmarks. */
  readonly counts = { inProcess: 0, declined: 0 };

  constructor(flat: FlatState, runtime = new CompiledRuntime()) {
    this.#flat = flat;
    this.#runtime = runtime;
  }

  /** The calls' outcome on `parent`'s state, or undefined to leave the task to the executor. */
  async run(parent: StateBlock, calls: [string, string[]][], mockSignatureHost: boolean): Promise<TaskCall | undefined> {
    if (mockSignatureHost || !(await this.#flat.advanceTo(parent))) return this.#decline();
    // from here to the end nothing awaits: the map stays the parent's for everyone else
    const state = this.#flat.state;
    const code = state.get(CODE);
    if (!code) return this.#decline();
    const before = new Map<string, Uint8Array | undefined>();
    const host = this.#runtime.of(code)?.with(state, { stateRoot: 'none', onWrite: (key, value) => { if (!before.has(key)) before.set(key, value); } });
    if (!host) return this.#decline();
    try {
      let result: Uint8Array = new Uint8Array(0);
      for (const [method, args] of calls) result = host.callBytes(method, u8aConcat(...args.map((a) => hexToU8a(a))));
      const storageDiff: [string, string | null][] = [];
      for (const [key, old] of before) {
        const now = state.get(key);
        if (now === old) continue; // written back as it was
        storageDiff.push([key, now === undefined ? null : u8aToHex(now)]);
      }
      this.counts.inProcess++;
      return { result: u8aToHex(result), storageDiff, offchainStorageDiff: [] };
    } catch {
      return this.#decline();
    } finally {
      for (const [key, old] of before) {
        if (old === undefined) state.delete(key);
        else state.set(key, old);
      }
    }
  }

  #decline(): undefined {
    this.counts.declined++;
    return undefined;
  }
}
