// pallet_utility: batches. Every inner call runs in its own storage transaction so a
// failing call leaves nothing behind; batch_all wraps the whole batch in one more.
import { DispatchError, Weight } from "../../generated/types";
import { Call, dispatchCall } from "../../generated/calls";
import { UtilityErrors as Error } from "../../generated/errors";
import { UtilityEvents as Event } from "../../generated/events";
import { Utility_batched_calls_limit } from "../../generated/constants";
import { Origin } from "../../support/origin";
import { badOrigin, dispatchTransactional } from "../../support/dispatch";
import { storage, hashing } from "../../host";
import { Writer } from "../../codec";

function checkBatch(origin: Origin, calls: Array<Call>): DispatchError | null {
  if (origin.kind == Origin.NONE) return badOrigin();
  if (<u32>calls.length > Utility_batched_calls_limit()) return Error.TooManyCalls();
  return null;
}

/** Stops at the first failure (BatchInterrupted) but succeeds itself, keeping earlier effects. */
export function batch(origin: Origin, calls: Array<Call>): DispatchError | null {
  const bad = checkBatch(origin, calls);
  if (bad !== null) return bad;
  for (let i = 0; i < calls.length; i++) {
    const res = dispatchTransactional(origin, calls[i]);
    if (res !== null) {
      Event.BatchInterrupted(<u32>i, res);
      return null;
    }
    Event.ItemCompleted();
  }
  Event.BatchCompleted();
  return null;
}

/** Derived account: blake2_256("modlpy/utilisuba" ++ who ++ index), as pallet_utility. */
export function derivativeAccount(who: Uint8Array, index: u16): Uint8Array {
  const w = new Writer(64);
  w.raw(Uint8Array.wrap(String.UTF8.encode("modlpy/utilisuba")));
  w.raw(who);
  w.u16(index);
  return hashing.blake2_256(w.finish());
}

export function as_derivative(origin: Origin, index: u16, call: Call): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  return dispatchTransactional(Origin.signed(derivativeAccount(origin.who, index)), call);
}

/** All or nothing: the first failure undoes every earlier call and fails the extrinsic. */
export function batch_all(origin: Origin, calls: Array<Call>): DispatchError | null {
  const bad = checkBatch(origin, calls);
  if (bad !== null) return bad;
  storage.startTransaction();
  for (let i = 0; i < calls.length; i++) {
    const res = dispatchCall(origin, calls[i]);
    if (res !== null) {
      storage.rollbackTransaction();
      return res;
    }
    Event.ItemCompleted();
  }
  storage.commitTransaction();
  Event.BatchCompleted();
  return null;
}

/** Not supported on tfit: origins other than root/signed do not exist here. Root only. */
export function dispatch_as(origin: Origin, as_origin: u32, call: Call): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  return DispatchError.Other();
}

/** Runs every call; failures are reported per item (ItemFailed) and never stop the batch. */
export function force_batch(origin: Origin, calls: Array<Call>): DispatchError | null {
  const bad = checkBatch(origin, calls);
  if (bad !== null) return bad;
  let failed = false;
  for (let i = 0; i < calls.length; i++) {
    const res = dispatchTransactional(origin, calls[i]);
    if (res !== null) {
      failed = true;
      Event.ItemFailed(res);
    } else Event.ItemCompleted();
  }
  if (failed) Event.BatchCompletedWithErrors();
  else Event.BatchCompleted();
  return null;
}

export function with_weight(origin: Origin, call: Call, weight: Weight): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  return dispatchTransactional(origin, call);
}
