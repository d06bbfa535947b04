/**
 * Chopsticks' answers that depend on the runtime code alone, computed on this process's
 * WebAssembly engine and handed to Chopsticks' memos before it asks its executor worker.
 *
 * Why: Chopsticks asks the executor, memoized per code, for the runtime's version (every
 * block's type registry) and for Aura's slot duration (every block's timestamp inherent and
 * slot digest). On a cold start the worker takes ~0.5 s to come up, and block 1 waited for
 * it twice. The in-process host answers both in well under a millisecond once compiled.
 *
 * The answers are the executor's exactly (its shapes, its decoding);
 * e2e/localchain/cold-start.test.ts compares them. A runtime the host cannot run (see
 * compiled-runtime.ts), or a call it fails, is left to the executor.
 */
import { TypeRegistry } from '@polkadot/types';
import { u8aToBn } from '@polkadot/util';
import type { RuntimeHost } from '../runtime/harness/host.js';

/** The executor's runtime version (chopsticks-core's wasm-executor getRuntimeVersion). */
export interface ExecutorRuntimeVersion {
  specName: string; implName: string; authoringVersion: number; specVersion: number; implVersion: number;
  apis: [string, number][]; transactionVersion: number; stateVersion: number;
}

/** A lodash memoize over the code's hex, as Chopsticks' executor answers are. */
export interface PerCodeMemo<T> {
  (code: string): Promise<T>;
  cache: { has(code: string): boolean; set(code: string, value: Promise<T>): unknown };
}

export interface ExecutorMemos {
  getRuntimeVersion: PerCodeMemo<ExecutorRuntimeVersion>;
  getAuraSlotDuration: PerCodeMemo<number>;
}

const registry = new TypeRegistry();
const NO_ARGS = new Uint8Array(0);

/** The version `host`'s runtime reports, in the executor's shape. */
export function runtimeVersionOf(host: RuntimeHost): ExecutorRuntimeVersion {
  return registry.createType('RuntimeVersion', host.callBytes('Core_version', NO_ARGS, true)).toJSON() as unknown as ExecutorRuntimeVersion;
}

/** Aura's slot duration in ms, decoded as the executor's caller does (the first 8 bytes, little endian). */
export function auraSlotDurationOf(host: RuntimeHost): number {
  return u8aToBn(host.callBytes('AuraApi_slot_duration', NO_ARGS, true).subarray(0, 8)).toNumber();
}

/** Hands Chopsticks' memos the answers for `codeHex` that `host` (compiled from it) gives. */
export function primeExecutorMemos(memos: ExecutorMemos, codeHex: string, host: RuntimeHost): void {
  prime(memos.getRuntimeVersion, codeHex, () => runtimeVersionOf(host));
  prime(memos.getAuraSlotDuration, codeHex, () => auraSlotDurationOf(host));
}

function prime<T>(memo: PerCodeMemo<T>, code: string, answer: () => T): void {
  if (memo.cache.has(code)) return;
  let value: T;
  try {
    value = answer();
  } catch {
    return; // not this runtime's (no Aura, say): the executor answers as before
  }
  memo.cache.set(code, Promise.resolve(value));
}
