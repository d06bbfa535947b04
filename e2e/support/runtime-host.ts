/**
 * Runs runtime API calls on the tfit wasm directly, through Chopsticks' executor (the
 * same smoldot host), over an in-memory genesis state. This plays FRAME's
 * `new_test_ext`: each call sees the state left by the previous ones.
 */
import { readFileSync } from 'node:fs';
import { runTask, emptyTaskHandler, calculateStateRoot } from '@acala-network/chopsticks-core';
import type { HexString } from '@polkadot/util/types';
import { specPath } from '../../chain-spec/build.js';

export class RuntimeHost {
  readonly state: Map<string, string>;
  readonly wasm: HexString;

  constructor(state?: Map<string, string>) {
    const top: Record<string, string> = JSON.parse(readFileSync(specPath('dev'), 'utf8')).genesis.raw.top;
    this.state = state ?? new Map(Object.entries(top));
    this.wasm = this.state.get('0x3a636f6465') as HexString;
  }

  clone(): RuntimeHost {
    return new RuntimeHost(new Map(this.state));
  }

  /** Calls a runtime API; applies its storage writes unless `dryRun`. Rejects when the wasm traps. */
  async call(method: string, args: HexString, dryRun = false): Promise<HexString> {
    const sorted = () => [...this.state.keys()].sort();
    const res = await runTask(
      { wasm: this.wasm, calls: [[method, [args]]], mockSignatureHost: false, allowUnresolvedImports: false, runtimeLogLevel: 0 },
      {
        ...emptyTaskHandler,
        getStorage: async (k: HexString) => this.state.get(k) as HexString | undefined,
        getNextKey: async (prefix: HexString, key: HexString) =>
          sorted().find((k) => k.startsWith(prefix) && k > key) as HexString | undefined,
      },
    );
    if ('Error' in res) throw new Error(`${method} trapped: ${res.Error}`);
    if (!dryRun)
      for (const [k, v] of res.Call.storageDiff) {
        if (v === null) this.state.delete(k);
        else this.state.set(k, v);
      }
    return res.Call.result;
  }

  /** Trie root (V1) of the current state, computed outside the runtime. */
  stateRoot(): Promise<HexString> {
    return calculateStateRoot([...this.state.entries()] as [HexString, HexString][], 1);
  }
}
