// pallet_kvstore: each account's own key-value entries, bounded as on TF-Chain.
import { DispatchError } from "../../generated/types";
import { TFKVStore_TFKVStore as Entries } from "../../generated/storage";
import { TFKVStoreErrors as Error } from "../../generated/errors";
import { TFKVStoreEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";

const MAX_KEY = 512;
const MAX_VALUE = 2048;

export function set(origin: Origin, key: Uint8Array, value: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (key.length > MAX_KEY) return Error.KeyIsTooLarge();
  if (value.length > MAX_VALUE) return Error.ValueIsTooLarge();
  Entries.set(origin.who, key, value);
  Event.EntrySet(origin.who, key, value);
  return null;
}

export function delete_(origin: Origin, key: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Entries.exists(origin.who, key)) return Error.NoValueStored();
  const value = Entries.get(origin.who, key);
  Entries.remove(origin.who, key);
  Event.EntryTaken(origin.who, key, value);
  return null;
}
