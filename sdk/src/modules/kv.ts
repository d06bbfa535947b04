/** TFKVStore: each account's key-value notary. */
import type { TfitClient } from '../client.js';
import type { Submitted } from '../submit.js';
import type { Signed } from './grid.js';
import { stringToU8a, u8aToHex } from '@polkadot/util';

/** Text as the hex of its UTF-8 bytes: the one form polkadot-js takes as exactly those bytes for a Bytes argument. */
const utf8Hex = (text: string) => u8aToHex(stringToU8a(text));

/**
 * The TFKVStore.set call for text `key` and `value`, as UTF-8 bytes (polkadot-js would
 * read a string that looks like hex, a "0x…" content address say, as the bytes it spells).
 */
export function kvSetTx(client: TfitClient, key: string, value: string) {
  return client.api.tx.tfkvStore.set(utf8Hex(key), utf8Hex(value));
}

export function kvSet(client: TfitClient, o: Signed & { key: string; value: string }): Promise<Submitted> {
  return client.submit(kvSetTx(client, o.key, o.value), o);
}

export function kvDelete(client: TfitClient, o: Signed & { key: string }): Promise<Submitted> {
  return client.submit(client.api.tx.tfkvStore.delete(utf8Hex(o.key)), o);
}

/** The value `address` stored under `key`, or null. */
export async function kvGet(client: TfitClient, address: string, key: string): Promise<string | null> {
  const v = await client.api.query.tfkvStore.tfkvStore(address, key);
  return v.length ? v.toUtf8() : null;
}

/** Every entry of `address`. */
export async function kvEntries(client: TfitClient, address: string): Promise<Map<string, string>> {
  const entries = await client.api.query.tfkvStore.tfkvStore.entries(address);
  return new Map(entries.map(([k, v]) => [k.args[1].toUtf8(), v.toUtf8()]));
}
