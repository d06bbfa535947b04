// Dispatch results: `null` is success, a DispatchError is a refusal. Helpers mirror
// FRAME's ensure_signed / ensure_root and the storage-transactional wrapper.
import { DispatchError, ModuleError } from "../generated/types";
import { Origin } from "./origin";
import { storage } from "../host";

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

/** True when the origin is a signed account. */
export function isSigned(origin: Origin): bool { return origin.isSigned(); }

/**
 * Runs `f` in a storage transaction: its writes are kept only when it succeeds,
 * as `#[transactional]` / `with_storage_layer` in FRAME.
 */
export function transactional<T>(f: (x: T) => DispatchError | null, x: T): DispatchError | null {
  storage.startTransaction();
  const res = f(x);
  if (res === null) storage.commitTransaction();
  else storage.rollbackTransaction();
  return res;
}
