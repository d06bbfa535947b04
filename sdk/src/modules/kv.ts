/** TFKVStore: each account's key-value notary. */
import type { TfitClient } from '../client.js';
import type { Submitted } from '../submit.js';
import type { Signed } from './grid.js';

export function kvSet(client: TfitClient, o: Signed & { key: string; value: string }): Promise<Submitted> {
  return client.submit(client.api.tx.tfkvStore.set(o.key, o.value), o);
}

export function kvDelete(client: TfitClient, o: Signed & { key: string }): Promise<Submitted> {
  return client.submit(client.api.tx.tfkvStore.delete(o.key), o);
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
