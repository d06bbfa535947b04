/**
 * Waiting for the chain to move on: resolves at the next new head, so a follower looks at
 * the chain as soon as a block could have changed what it waits for, instead of sleeping a
 * fixed period. `maxMs` bounds every wait, so a subscription lost with the connection (and
 * not yet renewed by polkadot-js) only slows the follower down to polling.
 */
import type { ApiPromise } from '@polkadot/api';

export class NewHeads {
  #count = 0;
  #seen = 0;
  #wake: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;

  private constructor() {}

  /** Starts counting new heads; if the subscription cannot be made, waits are plain timeouts. */
  static async follow(api: ApiPromise): Promise<NewHeads> {
    const heads = new NewHeads();
    try {
      heads.#unsubscribe = await api.rpc.chain.subscribeNewHeads(() => {
        heads.#count++;
        heads.#wake?.();
      });
    } catch { /* disconnected: the waits time out */ }
    return heads;
  }

  /** Resolves once a head newer than the last wait's has arrived (at once if one came meanwhile), or after `maxMs`. */
  async next(maxMs: number): Promise<void> {
    if (this.#count === this.#seen) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxMs);
        this.#wake = () => { clearTimeout(timer); resolve(); };
      });
      this.#wake = undefined;
    }
    this.#seen = this.#count;
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#wake?.();
  }
}
