/**
 * Genesis presets. `dev`: Alice..Ferdie funded, Alice the sudo key and only authority.
 * `local`: the same accounts, Alice, Bob and Charlie as Aura/Grandpa authorities (for
 * multi-validator networks).
 */
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** 1 TFT in chain units (7 decimals). */
export const TFT = 10_000_000n;

export interface GenesisAccount {
  name: string;
  address: string;
  publicKey: Uint8Array;
  free: bigint;
}

export interface Preset {
  id: string;
  name: string;
  accounts: GenesisAccount[];
  sudo: Uint8Array;
  /** sr25519 Aura keys and ed25519 Grandpa keys of the validators. */
  aura: Uint8Array[];
  grandpa: Uint8Array[];
  /** TF-Grid: accounts the default pricing policy pays (Eve: foundation, Ferdie: certified sales). */
  tfgrid: { foundation: Uint8Array; certifiedSales: Uint8Array };
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
export const DEV_ENDOWMENT = 1_000_000n * TFT;

export async function preset(id: 'dev' | 'local'): Promise<Preset> {
  await cryptoWaitReady();
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const accounts = DEV_NAMES.map((name) => {
    const pair = sr.addFromUri(`//${name}`);
    return { name, address: pair.address, publicKey: pair.publicKey, free: DEV_ENDOWMENT };
  });
  const validators = id === 'dev' ? ['Alice'] : ['Alice', 'Bob', 'Charlie'];
  return {
    id,
    name: id === 'dev' ? 'tfit development' : 'tfit local testnet',
    accounts,
    sudo: accounts[0].publicKey,
    aura: validators.map((v) => sr.addFromUri(`//${v}`).publicKey),
    grandpa: validators.map((v) => ed.addFromUri(`//${v}`).publicKey),
    tfgrid: { foundation: accounts[4].publicKey, certifiedSales: accounts[5].publicKey },
  };
}
