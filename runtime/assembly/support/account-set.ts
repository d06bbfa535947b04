// Sorted lists of account ids, as FRAME keeps member and certifier lists (byte order).
import { bytesEqual } from "../codec";

/** Byte order of two account ids. */
export function compareAccounts(a: Uint8Array, b: Uint8Array): i32 {
  for (let i = 0; i < 32; i++) if (a[i] != b[i]) return <i32>a[i] - <i32>b[i];
  return 0;
}

export function containsAccount(list: Array<Uint8Array>, who: Uint8Array): bool {
  for (let i = 0; i < list.length; i++) if (bytesEqual(list[i], who)) return true;
  return false;
}

/** Where `who` is or would go in the sorted `list`. */
export function sortedPosition(list: Array<Uint8Array>, who: Uint8Array): i32 {
  let at = 0;
  while (at < list.length && compareAccounts(list[at], who) < 0) at++;
  return at;
}

/** A copy of sorted `list` with `who` inserted in order (the caller checked it is absent). */
export function withAccount(list: Array<Uint8Array>, who: Uint8Array): Array<Uint8Array> {
  const at = sortedPosition(list, who);
  const out = new Array<Uint8Array>(0);
  for (let i = 0; i < list.length; i++) {
    if (i == at) out.push(who);
    out.push(list[i]);
  }
  if (at == list.length) out.push(who);
  return out;
}

/** A copy of `list` without `who`. */
export function withoutAccount(list: Array<Uint8Array>, who: Uint8Array): Array<Uint8Array> {
  const out = new Array<Uint8Array>(0);
  for (let i = 0; i < list.length; i++) if (!bytesEqual(list[i], who)) out.push(list[i]);
  return out;
}

/** A sorted copy (insertion sort: member lists are small). */
export function sortedAccounts(list: Array<Uint8Array>): Array<Uint8Array> {
  let out = new Array<Uint8Array>(0);
  for (let i = 0; i < list.length; i++) out = withAccount(out, list[i]);
  return out;
}
