/**
 * The runtime at `:code`, compiled once per code for the in-process host, or remembered as
 * one that host cannot run (TF-Chain's exports its memory): head calls and in-process block
 * tasks then leave the work to Chopsticks' executor.
 */
import { RuntimeHost } from '../runtime/harness/host.js';

export class CompiledRuntime {
  #entry: { code: Uint8Array; host: RuntimeHost | undefined } | undefined;

  /** A host of `code` (over no state: use `.with(state)`), or undefined if it cannot run here. */
  of(code: Uint8Array): RuntimeHost | undefined {
    if (!this.#entry || !sameBytes(this.#entry.code, code)) {
      let host: RuntimeHost | undefined;
      try {
        host = new RuntimeHost(code);
      } catch { /* undefined: not a runtime this host runs */ }
      this.#entry = { code, host };
    }
    return this.#entry.host;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
