/**
 * Batches: atomic (`utility.batch_all`) by default, with each call's events on success
 * and the failing call's index on failure; or non-atomic (`utility.batch`), which
 * rejects with BatchInterruptedError listing what did complete. Never split silently.
 */
import type { EventRecord } from '@polkadot/types/interfaces';
import { DispatchFailure, ModuleError, TfitError } from './errors.js';
import { dispatchErrorOf, submit, type SubmitContext, type SubmitOptions, type Submitted, type Tx } from './submit.js';
import { isPair } from './signer.js';

export interface BatchOptions extends SubmitOptions {
  /** `batch_all` (default): all calls or none. `false`: `batch`, which stops at the first failure. */
  atomic?: boolean;
}

export interface BatchResult extends Submitted {
  /** The events each call emitted, in call order. */
  calls: EventRecord[][];
}

/** A non-atomic batch stopped at `index`: calls before it took effect. */
export class BatchInterruptedError extends TfitError {
  constructor(readonly index: number, readonly reason: ModuleError | DispatchFailure, readonly completed: EventRecord[][]) {
    super(`batch interrupted at call ${index}: ${reason.message}`, { cause: reason });
  }
}

/** Splits a batch's events at each Utility.ItemCompleted (after the fee withdrawal that precedes the calls). */
function perCall(ctx: SubmitContext, events: EventRecord[]): EventRecord[][] {
  const out: EventRecord[][] = [];
  let current: EventRecord[] = [];
  const first = events[0];
  const start = first && ctx.api.events.balances.Withdraw.is(first.event) ? 1 : 0;
  for (const e of events.slice(start)) {
    if (ctx.api.events.utility.ItemCompleted.is(e.event)) { out.push(current); current = []; }
    else if (ctx.api.events.utility.ItemFailed.is(e.event)) { out.push(current); current = []; }
    else current.push(e);
  }
  return out;
}

export async function submitBatch(ctx: SubmitContext, calls: Tx[], options: BatchOptions): Promise<BatchResult> {
  const { api } = ctx;
  if (calls.length === 0) throw new TfitError('an empty batch does nothing');
  if (options.atomic === false) {
    const result = await submit(ctx, api.tx.utility.batch(calls), options);
    const done = perCall(ctx, result.events);
    const interrupted = result.events.find((e) => api.events.utility.BatchInterrupted.is(e.event));
    if (interrupted) {
      const [index, error] = interrupted.event.data as unknown as [{ toNumber(): number }, Parameters<typeof dispatchErrorOf>[1]];
      throw new BatchInterruptedError(index.toNumber(), dispatchErrorOf(api, error, result, index.toNumber()), done);
    }
    return { ...result, calls: done };
  }
  try {
    const result = await submit(ctx, api.tx.utility.batchAll(calls), options);
    return { ...result, calls: perCall(ctx, result.events) };
  } catch (e) {
    if (!(e instanceof ModuleError || e instanceof DispatchFailure)) throw e;
    // batch_all rolls its calls' events back: find the failing call by dry-running prefixes
    // on the state before the batch (same signer and nonce)
    const index = await failingIndex(ctx, calls, options, e).catch(() => undefined);
    if (index === undefined) throw e;
    throw e instanceof ModuleError
      ? new ModuleError(e.pallet, e.error, e.docs, e.inclusion, index)
      : new DispatchFailure(e.kind, e.detail, e.inclusion, index);
  }
}

/** Binary search for the shortest failing prefix, with `system_dryRun` at the batch's parent block. */
async function failingIndex(ctx: SubmitContext, calls: Tx[], options: BatchOptions, failure: ModuleError | DispatchFailure): Promise<number> {
  const { api } = ctx;
  const header = await api.rpc.chain.getHeader(failure.inclusion.blockHash);
  const at = header.parentHash;
  const nonce = failure.inclusion.nonce;
  const fails = async (n: number) => {
    const tx = api.tx.utility.batchAll(calls.slice(0, n));
    const signOptions = { nonce, era: 0, blockHash: api.genesisHash };
    if (isPair(options.signer)) await tx.signAsync(options.signer, signOptions);
    else await tx.signAsync(options.signer.address, { ...signOptions, signer: options.signer.signer });
    const outcome = await api.rpc.system.dryRun(tx.toHex(), at);
    return outcome.isOk && outcome.asOk.isErr;
  };
  let lo = 1;
  let hi = calls.length; // calls[0..hi) fails
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (await fails(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}
