// pallet_timestamp: `set` is an inherent, once per block, monotonic by MinimumPeriod.
import { DispatchError } from "../../generated/types";
import { Timestamp_Now, Timestamp_DidUpdate, Aura_CurrentSlot } from "../../generated/storage";
import { Timestamp_MinimumPeriod } from "../../generated/constants";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";

/** Slot duration (ms): twice the minimum period, as Aura derives it. */
export function slotDuration(): u64 { return Timestamp_MinimumPeriod() * 2; }

export function set(origin: Origin, now: u64): DispatchError | null {
  if (origin.kind != Origin.NONE) return badOrigin();
  // Mandatory inherent: a second set or a time going backwards makes the block invalid.
  // FRAME panics here; returning an error makes apply_extrinsic reject the block's inherent.
  if (Timestamp_DidUpdate.get()) return DispatchError.Other();
  const prev = Timestamp_Now.get();
  if (prev != 0 && now < prev + Timestamp_MinimumPeriod()) return DispatchError.Other();
  Timestamp_Now.set(now);
  Timestamp_DidUpdate.set(true);
  Aura_CurrentSlot.set(now / slotDuration());
  return null;
}

/** on_finalize: the flag only lives for one block. */
export function onFinalize(): void {
  Timestamp_DidUpdate.remove();
}
