/**
 * A raw spec's genesis block, computed here exactly as a Substrate node computes it: the state
 * root of `genesis.raw.top` (trie layout of the runtime's state version), the empty extrinsics
 * root, no parent, no digest. Its hash is what transactions sign for (CheckGenesis), so every
 * spec has its own, and tfit-node must report the same one (e2e/network/dev.test.ts).
 */
import { readFileSync } from 'node:fs';
import { TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { VERSION } from '../runtime/schema/version.js';
import { trieRoot, type TrieVersion } from '../runtime/harness/trie.js';

export interface GenesisBlock {
  hash: HexString;
  stateRoot: HexString;
  extrinsicsRoot: HexString;
}

export function genesisOfStorage(top: Record<string, string>, stateVersion = VERSION.stateVersion as TrieVersion): GenesisBlock {
  const stateRoot = u8aToHex(trieRoot(Object.entries(top).map(([k, v]) => [hexToU8a(k), hexToU8a(v)]), stateVersion));
  const extrinsicsRoot = u8aToHex(trieRoot([], 0));
  const header = new TypeRegistry().createType('Header', { parentHash: new Uint8Array(32), number: 0, stateRoot, extrinsicsRoot, digest: { logs: [] } });
  return { hash: header.hash.toHex(), stateRoot, extrinsicsRoot };
}

/** The genesis block of the raw chain spec at `path`. */
export function genesisOfSpec(path: string): GenesisBlock {
  return genesisOfStorage(JSON.parse(readFileSync(path, 'utf8')).genesis.raw.top);
}
