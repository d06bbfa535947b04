/**
 * Raw chain-spec builder: encodes a preset's genesis storage with the runtime's own
 * metadata (so keys and values follow the schema) and writes a spec Chopsticks and
 * substrate nodes accept. Output: chain-spec/dist/<preset>.json
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { expandMetadata } from '@polkadot/types/metadata';
import { compactStripLength, u8aToHex, stringToHex } from '@polkadot/util';
import { buildMetadata } from '../runtime/schema/metadata.js';
import { VERSION } from '../runtime/schema/version.js';
import { preset, type Preset } from './presets.js';

const here = dirname(fileURLToPath(import.meta.url));
export const SPEC_DIR = join(here, 'dist');
export const specPath = (id: string) => join(SPEC_DIR, `${id}.json`);
const WASM = join(here, '..', 'runtime', 'dist', 'tfit_runtime.wasm');

/** frame_system's genesis parent hash: 0x45 repeated ("hash69"). */
const HASH69 = `0x${'45'.repeat(32)}`;

export interface ChainSpec {
  name: string;
  id: string;
  chainType: string;
  bootNodes: string[];
  telemetryEndpoints: null;
  protocolId: string;
  properties: { ss58Format: number; tokenDecimals: number; tokenSymbol: string };
  codeSubstitutes: Record<string, string>;
  genesis: { raw: { top: Record<string, string>; childrenDefault: Record<string, never> } };
}

export function genesisStorage(p: Preset, wasm: Uint8Array): Record<string, string> {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, buildMetadata().v14);
  registry.setMetadata(metadata);
  const { query } = expandMetadata(registry, metadata);
  const key = (k: Uint8Array) => u8aToHex(compactStripLength(k)[1]);
  const top: Record<string, string> = {};
  const put = (k: Uint8Array, type: string, value: unknown) => {
    // SCALE bytes: `toHex()` would render integers big-endian
    top[key(k)] = u8aToHex(registry.createType(type, value).toU8a());
  };

  top[stringToHex(':code')] = u8aToHex(wasm);
  let issuance = 0n;
  for (const a of p.accounts) {
    issuance += a.free;
    put(query.system.account(a.publicKey), 'FrameSystemAccountInfo', {
      nonce: 0, consumers: 0, providers: 1, sufficients: 0,
      data: { free: a.free, reserved: 0, frozen: 0, flags: 0 },
    });
  }
  put(query.balances.totalIssuance(), 'u128', issuance);
  put(query.system.blockHash(0), 'H256', HASH69);
  put(query.system.parentHash(), 'H256', HASH69);
  put(query.system.upgradedToU32RefCount(), 'bool', true);
  put(query.system.upgradedToTripleRefCount(), 'bool', true);
  put(query.system.lastRuntimeUpgrade(), 'FrameSystemLastRuntimeUpgradeInfo', { specVersion: VERSION.specVersion, specName: VERSION.specName });
  put(query.sudo.key(), 'AccountId32', p.sudo);
  put(query.aura.authorities(), 'Vec<[u8;32]>', p.aura);
  put(query.grandpa.authorities(), 'Vec<([u8;32], u64)>', p.grandpa.map((k) => [k, 1]));
  put(query.transactionPayment.nextFeeMultiplier(), 'u128', 10n ** 18n);
  put(query.transactionPayment.storageVersion(), 'u8', 1);
  tfgridGenesis(p, put, query);
  return top;
}

export async function buildSpec(id: 'dev' | 'local', wasm = readFileSync(WASM)): Promise<ChainSpec> {
  const p = await preset(id);
  return {
    name: p.name,
    id: `tfit_${id}`,
    chainType: id === 'dev' ? 'Development' : 'Local',
    bootNodes: [],
    telemetryEndpoints: null,
    protocolId: 'tfit',
    properties: { ss58Format: VERSION.ss58Prefix, tokenDecimals: VERSION.tokenDecimals, tokenSymbol: VERSION.tokenSymbol },
    codeSubstitutes: {},
    genesis: { raw: { top: genesisStorage(p, wasm), childrenDefault: {} } },
  };
}

export async function writeSpecs(): Promise<string[]> {
  mkdirSync(SPEC_DIR, { recursive: true });
  const out: string[] = [];
  for (const id of ['dev', 'local'] as const) {
    writeFileSync(specPath(id), JSON.stringify(await buildSpec(id), null, 2));
    out.push(specPath(id));
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const p of await writeSpecs()) process.stdout.write(`chain spec: ${p}\n`);
}

type Put = (k: Uint8Array, type: string, value: unknown) => void;

/** TF-Grid genesis: the default pricing policy (1) and DIY / certified farming policies, at TF-Chain's values. */
function tfgridGenesis(p: Preset, put: Put, query: ReturnType<typeof expandMetadata>['query']) {
  const g = query.tfgridModule;
  const policy = (value: number) => ({ value, unit: 'Gigabytes' });
  const pricing = {
    version: 1, id: 1, name: 'threefold_default_pricing_policy',
    su: policy(50_000), cu: policy(100_000), nu: policy(15_000), ipu: policy(40_000),
    uniqueName: policy(2_500), domainName: policy(5_000),
    foundationAccount: p.tfgrid.foundation, certifiedSalesAccount: p.tfgrid.certifiedSales, discountForDedicationNodes: 50,
  };
  put(g.pricingPolicies(1), 'PalletTfgridPricingPolicy', pricing);
  put(g.pricingPolicyIdByName(pricing.name), 'u32', 1);
  put(g.pricingPolicyID(), 'u32', 1);
  const farming = [
    { name: 'threefold_default_diy_farming_policy', cu: 2_400, su: 1_000, nu: 30, nodeCertification: 'Diy' },
    { name: 'threefold_default_certified_farming_policy', cu: 3_000, su: 1_250, nu: 38, nodeCertification: 'Certified' },
  ];
  farming.forEach((f, i) =>
    put(g.farmingPoliciesMap(i + 1), 'PalletTfgridFarmingPolicy', {
      version: 1, id: i + 1, ipv4: 5, minimalUptime: 95, policyCreated: 0, policyEnd: 0, immutable: false, default: true,
      farmCertification: 'NotCertified', ...f,
    }),
  );
  put(g.farmingPolicyID(), 'u32', farming.length);
  put(g.connectionPrice(), 'u32', 80);
}
