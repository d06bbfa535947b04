/**
 * Raw chain-spec builder: asks the runtime's GenesisBuilder for each preset's genesis
 * state and writes a raw spec Chopsticks and Substrate nodes accept.
 * Output: chain-spec/dist/<preset>.json
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TypeRegistry } from '@polkadot/types';
import { compactAddLength, stringToHex, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { VERSION } from '../runtime/schema/version.js';
import { RuntimeHost } from '../runtime/harness/host.js';
import { preset, RUNTIME_PRESET_NAMES } from './presets.js';

import { SPEC_DIR, specPath, WASM_PATH as WASM } from './paths.js';

export { SPEC_DIR, specPath };


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

/**
 * Genesis storage, built by the runtime itself: the wasm's GenesisBuilder returns its
 * preset's config (get_preset) and writes the state it describes (build_state), in the
 * in-process host. The same calls serve any node's `build-spec`.
 */
export function genesisStorage(presetName: string, wasm: Uint8Array): Record<string, string> {
  const registry = new TypeRegistry();
  const host = new RuntimeHost(wasm);
  const config = registry.createType('Option<Bytes>', host.callBytes('GenesisBuilder_get_preset', u8aConcat([1], compactAddLength(stringToU8a(presetName)))));
  if (config.isNone) throw new Error(`the runtime has no genesis preset ${presetName}`);
  const result = registry.createType('Result<(), Text>', host.callBytes('GenesisBuilder_build_state', config.unwrap().toU8a()));
  if (result.isErr) throw new Error(`genesis preset ${presetName}: ${result.asErr.toString()}`);
  const top: Record<string, string> = Object.fromEntries([...host.state].map(([k, v]) => [k, u8aToHex(v)]));
  top[stringToHex(':code')] = u8aToHex(wasm);
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
    genesis: { raw: { top: genesisStorage(RUNTIME_PRESET_NAMES[id], wasm), childrenDefault: {} } },
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
