/**
 * Substrate's base-16 Patricia-Merkle trie root (sp-trie layouts V0 and V1), computed
 * synchronously so the in-process host can answer `ext_storage_root` and
 * `ext_trie_blake2_256_ordered_root`. Checked against smoldot's implementation (through
 * Chopsticks' `calculateStateRoot`) by runtime/harness tests.
 */
import { blake2AsU8a } from '@polkadot/util-crypto';
import { compactToU8a, u8aConcat } from '@polkadot/util';

export type TrieVersion = 0 | 1;
type Entry = { nibbles: Uint8Array; value: Uint8Array };

/** V1 stores values of 33 bytes or more as their hash. */
const HASHED_VALUE_THRESHOLD = 33;
const EMPTY_NODE = new Uint8Array([0]);

const hash = (data: Uint8Array) => blake2AsU8a(data, 256);

function toNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2);
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = key[i] >> 4;
    out[2 * i + 1] = key[i] & 15;
  }
  return out;
}

/** Node header: a variant in the top `bits` bits, then the partial key's nibble count. */
function header(variant: number, bits: number, nibbleCount: number): number[] {
  const max = (1 << (8 - bits)) - 1;
  if (nibbleCount < max) return [variant | nibbleCount];
  const out = [variant | max];
  let rest = nibbleCount - max;
  for (; rest >= 255; rest -= 255) out.push(255);
  out.push(rest);
  return out;
}

/** Partial key: an odd leading nibble in its own byte, then nibble pairs. */
function partialKey(nibbles: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  if (nibbles.length % 2 === 1) out.push(nibbles[i++]);
  for (; i < nibbles.length; i += 2) out.push((nibbles[i] << 4) | nibbles[i + 1]);
  return out;
}

function encodeValue(value: Uint8Array, hashed: boolean): Uint8Array {
  return hashed ? hash(value) : u8aConcat(compactToU8a(value.length), value);
}

/** Encodes the node holding `entries` (sorted, distinct, sharing nibbles [0, depth)). */
function encodeNode(entries: Entry[], depth: number, version: TrieVersion): Uint8Array {
  const first = entries[0].nibbles;
  const last = entries[entries.length - 1].nibbles;
  let end = depth; // common prefix of first and last is common to all (sorted)
  while (end < first.length && end < last.length && first[end] === last[end]) end++;
  const partial = first.subarray(depth, end);
  const valueEntry = first.length === end ? entries[0] : undefined;
  const hashed = (v: Uint8Array | undefined) => version === 1 && v !== undefined && v.length >= HASHED_VALUE_THRESHOLD;

  if (entries.length === 1) {
    const value = entries[0].value;
    const h = hashed(value) ? header(0b0010_0000, 3, partial.length) : header(0b0100_0000, 2, partial.length);
    return u8aConcat(h, partialKey(partial), encodeValue(value, hashed(value)));
  }
  const value = valueEntry?.value;
  const h = value === undefined ? header(0b1000_0000, 2, partial.length)
    : hashed(value) ? header(0b0001_0000, 4, partial.length)
    : header(0b1100_0000, 2, partial.length);
  const children: Uint8Array[] = [];
  let bitmap = 0;
  let i = valueEntry ? 1 : 0;
  while (i < entries.length) {
    const nibble = entries[i].nibbles[end];
    let j = i;
    while (j < entries.length && entries[j].nibbles[end] === nibble) j++;
    const child = encodeNode(entries.slice(i, j), end + 1, version);
    const ref = child.length < 32 ? child : hash(child);
    children.push(compactToU8a(ref.length), ref);
    bitmap |= 1 << nibble;
    i = j;
  }
  return u8aConcat(h, partialKey(partial), [bitmap & 0xff, bitmap >> 8], value === undefined ? [] : encodeValue(value, hashed(value)), ...children);
}

/** Root of the trie holding `entries` (any order; keys must be distinct). */
export function trieRoot(entries: Iterable<[Uint8Array, Uint8Array]>, version: TrieVersion): Uint8Array {
  const list: Entry[] = [...entries].map(([k, v]) => ({ nibbles: toNibbles(k), value: v }));
  if (list.length === 0) return hash(EMPTY_NODE);
  list.sort((a, b) => compareBytes(a.nibbles, b.nibbles));
  return hash(encodeNode(list, 0, version));
}

/** Root of the trie mapping SCALE compact(i) to the i-th item (the extrinsics root). */
export function orderedTrieRoot(items: Uint8Array[], version: TrieVersion): Uint8Array {
  return trieRoot(items.map((item, i) => [compactToU8a(i), item]), version);
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
