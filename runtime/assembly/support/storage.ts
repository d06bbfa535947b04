// Storage key construction shared by the generated accessors.
import { Writer } from "../codec";
import { hashing } from "../host";

/** Copies a static byte list into a fresh array. */
export function bytesOf(list: u8[]): Uint8Array {
  const out = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list[i];
  return out;
}

/** Appends a hashed key part: 0 Blake2_128Concat, 1 Twox64Concat, 2 Identity. */
export function hashKey(w: Writer, encoded: Uint8Array, hasher: i32): void {
  if (hasher == 0) w.raw(hashing.blake2_128(encoded));
  else if (hasher == 1) w.raw(hashing.twox_64(encoded));
  w.raw(encoded);
}
