/**
 * Genesis presets. `dev`: Alice..Ferdie funded, Alice the sudo key and only authority.
 * `local`: the same accounts, Alice, Bob, Charlie and Dave as Aura/Grandpa authorities (a
 * four-validator network keeps finalizing with one validator down).
 */
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

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
  /** The council (CouncilMembership and Council members): Alice, Bob, Charlie. */
  council: Uint8Array[];
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
  // four validators: Grandpa finalizes with more than 2/3 of the set, so `local` keeps finalizing with one down
  const validators = id === 'dev' ? ['Alice'] : ['Alice', 'Bob', 'Charlie', 'Dave'];
  return {
    id,
    name: id === 'dev' ? 'tfit development' : 'tfit local testnet',
    accounts,
    sudo: accounts[0].publicKey,
    aura: validators.map((v) => sr.addFromUri(`//${v}`).publicKey),
    grandpa: validators.map((v) => ed.addFromUri(`//${v}`).publicKey),
    tfgrid: { foundation: accounts[4].publicKey, certifiedSales: accounts[5].publicKey },
    council: accounts.slice(0, 3).map((a) => a.publicKey),
  };
}

/** The name under which the runtime's GenesisBuilder offers each preset (polkadot-sdk's conventions). */
export const RUNTIME_PRESET_NAMES = { dev: 'development', local: 'local_testnet' } as const;

const hex = (k: Uint8Array) => u8aToHex(k);
const policy = (name: string, f: { cu: number; su: number; nu: number; nodeCertification: 'Diy' | 'Certified' }) =>
  ({ name, ipv4: 5, minimalUptime: 95, ...f });

/**
 * The genesis config JSON the runtime's `GenesisBuilder_build_state` reads (see
 * runtime/assembly/genesis/config.ts). Account ids are 0x-hex public keys, amounts decimal
 * strings (u128). TF-Grid pricing and farming policies carry TF-Chain's genesis values.
 */
export function genesisConfig(p: Preset): Record<string, unknown> {
  return {
    balances: { balances: p.accounts.map((a) => [hex(a.publicKey), a.free.toString()]) },
    aura: { authorities: p.aura.map(hex) },
    grandpa: { authorities: p.grandpa.map((k) => [hex(k), 1]) },
    sudo: { key: hex(p.sudo) },
    tfgridModule: {
      pricingPolicy: {
        name: 'threefold_default_pricing_policy', su: 50_000, cu: 100_000, nu: 15_000, ipu: 40_000, uniqueName: 2_500, domainName: 5_000,
        foundationAccount: hex(p.tfgrid.foundation), certifiedSalesAccount: hex(p.tfgrid.certifiedSales), discountForDedicationNodes: 50,
      },
      farmingPolicies: [
        policy('threefold_default_diy_farming_policy', { cu: 2_400, su: 1_000, nu: 30, nodeCertification: 'Diy' }),
        policy('threefold_default_certified_farming_policy', { cu: 3_000, su: 1_250, nu: 38, nodeCertification: 'Certified' }),
      ],
      connectionPrice: 80,
    },
    // TF-Chain's bounds; tfit starts at 50 mUSD (TF-Chain waits for its validators' first price)
    tftPriceModule: { minTftPrice: 10, maxTftPrice: 1000, tftPrice: 50 },
    // TF-Chain's dev council is Alice and Bob; a third member lets its 3 vetoes and 3/5 majorities be tried
    councilMembership: { members: p.council.map(hex) },
  };
}
