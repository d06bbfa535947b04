/**
 * Chopsticks' Block as the localchain tests drive it directly (typed locally, see
 * localchain/chain.ts), and signing against one block's metadata without a client.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import type { ChainBlock } from '../../localchain/block-builder.js';

export interface Meta {
  registry: { createType(type: string, value: unknown): { toHex(): string; sign(pair: KeyringPair, opts: unknown): void }; signedExtensions: string[] };
  tx: Record<string, Record<string, ((...args: unknown[]) => unknown)>>;
  query: { system: { events: unknown; account: unknown } };
}

export interface TestBlock extends ChainBlock {
  readonly header: Promise<{ toHex(): string }>;
  readonly extrinsics: Promise<string[]>;
  readonly meta: Promise<Meta>;
  readonly runtimeVersion: Promise<unknown>;
  storageDiff(): Promise<Record<string, string | null>>;
  get(key: string): Promise<string | undefined>;
  read(type: string, query: unknown, ...args: unknown[]): Promise<{ toJSON(): unknown; toHuman(): unknown } | undefined>;
  call(method: string, args: string[]): Promise<{ result: string }>;
  pushStorageLayer(): { set(key: string, value: string): void };
}

/** Signs calls immortal for the chain of `genesisHash`, with `block`'s metadata and runtime version. */
export async function signerAt(block: TestBlock, genesisHash: string) {
  const { registry } = await block.meta;
  const runtimeVersion = await block.runtimeVersion;
  return (call: unknown, who: KeyringPair, nonce: number, hash = genesisHash): string => {
    const x = registry.createType('Extrinsic', call);
    x.sign(who, { nonce, era: registry.createType('ExtrinsicEra', new Uint8Array([0])), blockHash: hash, genesisHash: hash, runtimeVersion, signedExtensions: registry.signedExtensions });
    return x.toHex();
  };
}
