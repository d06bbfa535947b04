/**
 * Per-account nonces for concurrent submission: the first use of an account asks the
 * chain (`system_accountNextIndex`, which counts pool transactions), later ones count
 * locally. Accounts never wait on each other; there is no global lock. After a refused
 * transaction the account's counter is dropped and re-read from the chain.
 */
import type { ApiPromise } from '@polkadot/api';

export interface Reservation {
  nonce: Promise<number>;
  /** Resolves when every earlier reservation of the account was sent (or gave up). */
  turn: Promise<void>;
  /** Call once this transaction was sent (or failed before sending). */
  sent(): void;
}

export class NonceManager {
  private readonly next = new Map<string, Promise<number>>();
  private readonly lastSent = new Map<string, Promise<void>>();

  /**
   * Reserves a nonce and a place in the account's send order, so nonce n reaches the
   * pool before n + 1 (pools may not revisit a transaction they first saw as future).
   */
  reserveInOrder(address: string): Reservation {
    const nonce = this.reserve(address);
    const turn = this.lastSent.get(address) ?? Promise.resolve();
    let sent!: () => void;
    const mine = new Promise<void>((r) => (sent = r));
    this.lastSent.set(address, turn.then(() => mine));
    return { nonce, turn, sent };
  }

  constructor(private readonly api: ApiPromise) {}

  /** Reserves the next nonce of `address`. */
  reserve(address: string): Promise<number> {
    const previous = this.next.get(address) ?? this.fetch(address);
    const mine = previous.then((n) => n);
    // the next caller gets one more; a failed fetch is retried by the next caller
    this.next.set(address, mine.then((n) => n + 1, () => this.fetch(address)));
    return mine;
  }

  /** Forgets the local count: the next reservation reads the chain again. */
  reset(address: string): void {
    this.next.delete(address);
  }

  private async fetch(address: string): Promise<number> {
    return (await this.api.rpc.system.accountNextIndex(address)).toNumber();
  }
}
