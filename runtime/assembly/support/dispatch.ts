// Dispatch results: `null` is success, a DispatchError is a refusal. Helpers mirror
// FRAME's ensure_signed / ensure_root and the storage-transactional wrapper.
import { DispatchError, ModuleError } from "../generated/types";
import { Origin } from "./origin";
import { storage } from "../host";
import { Call, dispatchCall } from "../generated/calls";

export function moduleError(pallet: u8, index: u8): DispatchError {
  const m = new ModuleError();
  m.index = pallet;
  m.error = new Uint8Array(4);
  m.error[0] = index;
  return DispatchError.Module(m);
}

export function badOrigin(): DispatchError { return DispatchError.BadOrigin(); }
export function cannotLookup(): DispatchError { return DispatchError.CannotLookup(); }
export function unknownCall(): DispatchError { return DispatchError.Other(); }

/** Arithmetic overflow / underflow. */
export function overflow(): DispatchError { return DispatchError.Arithmetic(1); }
export function underflow(): DispatchError { return DispatchError.Arithmetic(0); }

/**
 * What a call says of its own fee as it succeeds (FRAME's PostDispatchInfo.pays_fee): a
 * call marked 'whenWaived' in the schema may waive it (a first vote is free). The executive
 * clears it before the top-level call and reads it after; a nested call's waiver is ignored.
 */
export class PostDispatch {
  static waived: bool = false;
  static waiveFee(): void { PostDispatch.waived = true; }
}

/**
 * Dispatches a call in a storage transaction: its writes are kept only when it succeeds,
 * as FRAME's `with_storage_layer`.
 */
export function dispatchTransactional(origin: Origin, call: Call): DispatchError | null {
  storage.startTransaction();
  const res = dispatchCall(origin, call);
  if (res === null) storage.commitTransaction();
  else storage.rollbackTransaction();
  return res;
}
