/** Typed event watching: an async iterator over the events a filter matches, cancellable with an AbortSignal. */
import type { ApiPromise } from '@polkadot/api';
import type { EventRecord } from '@polkadot/types/interfaces';
import type { IEvent, AnyTuple } from '@polkadot/types/types';

/** Anything with polkadot-js' `is` guard: `api.events.smartContractModule.ContractApproved`. */
export interface EventFilter<T extends AnyTuple, N> {
  is(event: unknown): event is IEvent<T, N>;
}

export interface WatchedEvent<T extends AnyTuple, N> {
  event: IEvent<T, N>;
  blockHash: string;
  record: EventRecord;
}

/**
 * Yields each new event matching `filter`, block by block, until `signal` aborts (then
 * it returns) or the subscription fails (then it throws).
 */
export async function* watchEvents<T extends AnyTuple, N>(
  api: ApiPromise, filter: EventFilter<T, N>, signal?: AbortSignal,
): AsyncGenerator<WatchedEvent<T, N>, void, undefined> {
  const queue: WatchedEvent<T, N>[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  const unsubscribe = await api.rpc.chain.subscribeNewHeads(async (header) => {
    try {
      const blockHash = header.hash.toHex();
      const records = await (await api.at(header.hash)).query.system.events();
      for (const record of records) if (filter.is(record.event)) queue.push({ event: record.event as IEvent<T, N>, blockHash, record });
    } catch (e) {
      failure = e;
    }
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    while (!signal?.aborted) {
      if (failure) throw failure;
      const next = queue.shift();
      if (next) { yield next; continue; }
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
  }
}
