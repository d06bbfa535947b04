/**
 * Keys on the command line: `--key` is a dev URI (//Alice), a mnemonic (optionally with a
 * derivation path), or `@FILE` holding one (what `tfit key new --out FILE` writes, mode 0600);
 * `--to`/`--address` also take an SS58 address. Also JSON input files, and `UsageError`:
 * bad input (exit 2).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady, mnemonicGenerate, decodeAddress } from '@polkadot/util-crypto';

export class UsageError extends Error {}

/** A JSON input file; missing or malformed is a usage error. */
export const readJson = (file: string): unknown => {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new UsageError(`${file}: not JSON (${(e as Error).message})`); }
};

export type KeyType = 'sr25519' | 'ed25519';

function secretOf(spec: string): string {
  if (!spec.startsWith('@')) return spec;
  const file = spec.slice(1);
  if (!existsSync(file)) throw new UsageError(`no key file ${file} (make one with \`tfit key new --out ${file}\`)`);
  const secret = readFileSync(file, 'utf8').trim();
  if (!secret) throw new UsageError(`key file ${file} is empty`);
  return secret;
}

export async function keyFrom(spec: string | undefined, type: string = 'sr25519'): Promise<KeyringPair> {
  if (!spec) throw new UsageError('missing --key (a dev URI like //Alice, a mnemonic, or @FILE from `tfit key new --out FILE`)');
  if (type !== 'sr25519' && type !== 'ed25519') throw new UsageError(`--key-type: sr25519 or ed25519, not ${type}`);
  await cryptoWaitReady();
  try {
    return new Keyring({ type }).addFromUri(secretOf(spec));
  } catch (e) {
    throw new UsageError(`--key ${spec.startsWith('@') ? spec : '(hidden)'}: not a dev URI, mnemonic or seed (${(e as Error).message})`);
  }
}

/** An SS58 address, or the address of a key spec (URI, mnemonic, @FILE). */
export async function addressFrom(spec: string, type: string = 'sr25519'): Promise<string> {
  if (!spec.startsWith('@') && !spec.startsWith('/') && !spec.includes(' ')) {
    try { decodeAddress(spec); return spec; } catch { /* not an address: a key spec */ }
  }
  return (await keyFrom(spec, type)).address;
}

/** A new key: a 12-word mnemonic, written to `out` (0600) when given. */
export async function newKey(type: string, out: string | undefined): Promise<{ address: string; type: KeyType; mnemonic: string; file?: string }> {
  await cryptoWaitReady();
  const mnemonic = mnemonicGenerate(12);
  const pair = await keyFrom(mnemonic, type);
  if (out) {
    if (existsSync(out)) throw new UsageError(`${out} exists: tfit never overwrites a key`);
    writeFileSync(out, `${mnemonic}\n`, { mode: 0o600 });
  }
  return { address: pair.address, type: type as KeyType, mnemonic, file: out };
}
