/**
 * Builds blocks and signed extrinsics offline, for tests that drive the wasm through
 * RuntimeHost: a polkadot-js registry from the runtime's own metadata, Aura-digested
 * headers, and the inherent data a block author would provide.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Header } from '@polkadot/types/interfaces';
import type { KeyringPair } from '@polkadot/keyring/types';
import { compactAddLength, compactStripLength, compactToU8a, hexToU8a, u8aConcat, u8aToHex, bnToU8a, stringToU8a } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import type { RuntimeHost } from './host.js';

export const SLOT_MS = 6000;

/** A registry decoded from the metadata the wasm itself returns. */
export function runtimeRegistry(host: RuntimeHost): TypeRegistry {
  const registry = new TypeRegistry();
  const [, raw] = compactStripLength(hexToU8a(host.call('Metadata_metadata', '0x', true)));
  registry.setMetadata(new Metadata(registry, raw));
  return registry;
}

const u64le = (n: number | bigint) => bnToU8a(BigInt(n), { bitLength: 64, isLe: true });

/** A header for block `number` whose Aura pre-runtime digest claims the slot of `nowMs`. */
export function blockHeader(registry: TypeRegistry, number: number, parentHash: HexString, nowMs: number): Header {
  return registry.createType('Header', {
    parentHash,
    number,
    stateRoot: new Uint8Array(32),
    extrinsicsRoot: new Uint8Array(32),
    digest: { logs: [{ PreRuntime: [stringToU8a('aura'), u8aToHex(u64le(Math.floor(nowMs / SLOT_MS)))] }] },
  });
}

/** InherentData carrying only the timestamp ("timstap0"). */
export function timestampInherentData(nowMs: number): HexString {
  return u8aToHex(u8aConcat([4], stringToU8a('timstap0'), compactAddLength(u64le(nowMs))));
}

/** Signs `call` (a registry Call) as `signer`, immortal, against `genesisHash`. */
export function signOffline(
  registry: TypeRegistry,
  call: Uint8Array,
  signer: KeyringPair,
  nonce: number,
  genesisHash: HexString,
  version: { specVersion: number; transactionVersion: number },
): HexString {
  const ext = registry.createType('Extrinsic', registry.createType('Call', call));
  ext.sign(signer, { blockHash: genesisHash, genesisHash, nonce, era: registry.createType('ExtrinsicEra'), runtimeVersion: registry.createType('RuntimeVersion', version) });
  return ext.toHex();
}

/** Block { header, extrinsics } as SCALE: each extrinsic already carries its length prefix. */
export function encodeBlock(header: Uint8Array, extrinsics: HexString[]): HexString {
  return u8aToHex(u8aConcat(header, compactToU8a(extrinsics.length), ...extrinsics.map((x) => hexToU8a(x))));
}

/**
 * Authors a chain of blocks on a host, as a node's block builder does: initialize with an
 * Aura digest, the timestamp inherent, the given extrinsics, finalize.
 */
export class BlockAuthor {
  number = 0;
  parentHash: HexString;
  nowMs: number;

  constructor(readonly host: RuntimeHost, readonly registry: TypeRegistry, readonly genesisHash: HexString, startMs = 1_700_000_004_000) {
    this.parentHash = genesisHash;
    this.nowMs = startMs;
  }

  /** Builds the next block; returns its header and each extrinsic's ApplyExtrinsicResult. */
  build(extrinsics: HexString[]): { header: Header; outcomes: string[] } {
    this.number += 1;
    this.nowMs += SLOT_MS;
    const { host, registry } = this;
    host.call('Core_initialize_block', blockHeader(registry, this.number, this.parentHash, this.nowMs).toHex());
    const inherents = registry.createType('Vec<Bytes>', hexToU8a(host.call('BlockBuilder_inherent_extrinsics', timestampInherentData(this.nowMs), true)));
    const all = [...inherents.map((x) => u8aToHex(u8aConcat(compactToU8a(x.length), x))), ...extrinsics];
    const outcomes = all.map((x) => host.call('BlockBuilder_apply_extrinsic', x));
    const header = registry.createType('Header', hexToU8a(host.call('BlockBuilder_finalize_block')));
    this.parentHash = header.hash.toHex();
    return { header, outcomes: outcomes.slice(inherents.length) };
  }
}

/** `Result<Result<(), DispatchError>, TransactionValidityError>` → 'ok' or a readable error. */
export function describeOutcome(registry: TypeRegistry, hex: HexString | string): string {
  const r = registry.createType('Result<Result<(), DispatchError>, TransactionValidityError>', hexToU8a(hex));
  if (r.isErr) return `invalid: ${r.asErr.toString()}`;
  return r.asOk.isOk ? 'ok' : `failed: ${r.asOk.asErr.toString()}`;
}

/** Encodes `section.method(args)` by name (snake_case method, metadata argument order). */
export function encodeCall(registry: TypeRegistry, section: string, method: string, args: Record<string, unknown>): Uint8Array {
  for (const pallet of registry.metadata.pallets) {
    if (pallet.name.toString().toLowerCase() !== section.toLowerCase() || pallet.calls.isNone) continue;
    const variant = registry.lookup.getSiType(pallet.calls.unwrap().type).def.asVariant.variants.find((v) => v.name.toString() === method);
    if (variant) return registry.createType('Call', { callIndex: [pallet.index.toNumber(), variant.index.toNumber()], args }).toU8a();
  }
  throw new Error(`the runtime has no call ${section}.${method}`);
}
