/**
 * Canonical JSON: the one byte string a document has, so that the same document always
 * hashes the same. Keys sorted (by UTF-16 code units, as RFC 8785), no whitespace,
 * strings NFC-normalized, integers only (amounts beyond 2^53 go in strings).
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import { stringToU8a } from '@polkadot/util';
import { TfitError } from '../errors.js';

export class CanonicalJsonError extends TfitError {}

export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${path}: only safe integers are canonical (got ${value}); use a string`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (Array.isArray(value)) return `[${value.map((v, i) => canonicalJson(v, `${path}[${i}]`)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k.normalize('NFC'))}:${canonicalJson(v, `${path}.${k}`)}`).join(',')}}`;
  }
  throw new CanonicalJsonError(`${path}: ${typeof value} is not JSON`);
}

export const canonicalBytes = (value: unknown): Uint8Array => stringToU8a(canonicalJson(value));

/** blake2-256 of the canonical bytes, 0x-hex: a document's identity. */
export const documentHash = (value: unknown): `0x${string}` => blake2AsHex(canonicalBytes(value), 256) as `0x${string}`;
