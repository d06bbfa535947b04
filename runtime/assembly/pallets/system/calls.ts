// frame_system dispatchables. Root-only maintenance calls check the origin first,
// then write; each emits its event last.
import { DispatchError, Tuple_Bytes_Bytes } from "../../generated/types";
import { SystemErrors as Error } from "../../generated/errors";
import { SystemEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { hashing, storage, misc } from "../../host";
import { Reader } from "../../codec";
import { System_Version } from "../../generated/constants";

const CODE_KEY = Uint8Array.wrap(String.UTF8.encode(":code"));
const HEAP_PAGES_KEY = Uint8Array.wrap(String.UTF8.encode(":heappages"));

export function remark(origin: Origin, remark: Uint8Array): DispatchError | null {
  if (!origin.isSigned() && !origin.isRoot()) return badOrigin();
  return null;
}

export function set_heap_pages(origin: Origin, pages: u64): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  const w = new Uint8Array(8);
  store<u64>(w.dataStart, pages);
  storage.set(HEAP_PAGES_KEY, w);
  return null;
}

/** Refuses code whose declared spec name differs or whose spec version does not increase. */
export function set_code(origin: Origin, code: Uint8Array): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  const raw = misc.runtimeVersion(code);
  if (raw === null) return Error.FailedToExtractRuntimeVersion();
  // `raw` is the encoded RuntimeVersion (the host's Option<Vec<u8>> already unwrapped)
  const r = new Reader(raw);
  const specName = r.str();
  r.str();
  r.u32();
  const specVersion = r.u32();
  if (r.failed) return Error.FailedToExtractRuntimeVersion();
  const current = System_Version();
  if (specName != current.spec_name) return Error.InvalidSpecName();
  if (specVersion <= current.spec_version) return Error.SpecVersionNeedsToIncrease();
  storage.set(CODE_KEY, code);
  Event.CodeUpdated();
  return null;
}

export function set_code_without_checks(origin: Origin, code: Uint8Array): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  storage.set(CODE_KEY, code);
  Event.CodeUpdated();
  return null;
}

export function set_storage(origin: Origin, items: Array<Tuple_Bytes_Bytes>): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  for (let i = 0; i < items.length; i++) storage.set(items[i]._0, items[i]._1);
  return null;
}

export function kill_storage(origin: Origin, keys: Array<Uint8Array>): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  for (let i = 0; i < keys.length; i++) storage.clear(keys[i]);
  return null;
}

export function kill_prefix(origin: Origin, prefix: Uint8Array, subkeys: u32): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  storage.clearPrefix(prefix);
  return null;
}

export function remark_with_event(origin: Origin, remark: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  Event.Remarked(origin.who, hashing.blake2_256(remark));
  return null;
}
