import { bytes, type PalletSpec } from '../dsl.js';
import { AccountId32 } from '../primitives.js';

/** TF-Chain's bounds on a TFKVStore entry. */
export const KV_MAX_KEY = 512;
export const KV_MAX_VALUE = 2048;

const Who: [typeof AccountId32, string] = [AccountId32, 'T::AccountId'];
const Bytes: [typeof bytes, string] = [bytes, 'Vec<u8>'];

/** pallet_kvstore: a per-account key-value store (the agent's notary for intermediate state). */
export const TFKVStore: PalletSpec = {
  name: 'TFKVStore',
  index: 30,
  rustPath: 'pallet_kvstore',
  docs: 'A key-value store per account, with bounded keys and values.',
  calls: [
    { name: 'set', index: 0, args: { key: Bytes, value: Bytes }, weight: 111_722_000n, docs: `Set \`key\` to \`value\` in the caller's store (key at most ${KV_MAX_KEY} bytes, value at most ${KV_MAX_VALUE}).` },
    { name: 'delete', index: 1, args: { key: Bytes }, weight: 146_210_000n, docs: "Remove `key` from the caller's store." },
  ],
  events: [
    { name: 'EntrySet', fields: { _0: Who, _1: Bytes, _2: Bytes }, docs: 'A user has set their entry.' },
    { name: 'EntryGot', fields: { _0: Who, _1: Bytes, _2: Bytes }, docs: 'A user has read their entry, leaving it in storage.' },
    { name: 'EntryTaken', fields: { _0: Who, _1: Bytes, _2: Bytes }, docs: 'A user has read their entry, removing it from storage.' },
  ],
  errors: [
    { name: 'NoValueStored', docs: 'The requested user has not stored a value yet.' },
    { name: 'KeyIsTooLarge', docs: 'The key is longer than allowed.' },
    { name: 'ValueIsTooLarge', docs: 'The value is longer than allowed.' },
  ],
  storage: [
    {
      name: 'TFKVStore',
      keys: [[AccountId32, 'Blake2_128Concat'], [bytes, 'Blake2_128Concat']],
      value: bytes,
      modifier: 'Default',
      docs: "Each account's entries, by key.",
    },
  ],
};
