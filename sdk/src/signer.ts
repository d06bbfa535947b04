/** Signers: keyring pairs (from URIs or mnemonics, sr25519 or ed25519) or any polkadot-js `Signer`. */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer as InjectedSigner } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** A keyring pair, or an address with an external signer (an extension, a hardware wallet). */
export type TxSigner = KeyringPair | { address: string; signer: InjectedSigner };

export type KeyType = 'sr25519' | 'ed25519';

/** A pair from a dev URI (`//Alice`), a mnemonic, or a mnemonic with a derivation path. */
export async function signerFromUri(uri: string, type: KeyType = 'sr25519', ss58Format = 42): Promise<KeyringPair> {
  await cryptoWaitReady();
  return new Keyring({ type, ss58Format }).addFromUri(uri);
}

export const addressOf = (s: TxSigner): string => s.address;
export const isPair = (s: TxSigner): s is KeyringPair => typeof (s as KeyringPair).sign === 'function';
