/**
 * Fidelity to TF-Chain: for every call, event and error tfit shares with TF-Chain, the
 * name and index match TF-Chain's type definitions (@threefold/tfchain_client's
 * generated lookup, the live chain's metadata), and sample values encoded under tfit's
 * metadata decode under TF-Chain's definitions to the same variant and re-encode to the
 * same bytes, and the other way round.
 */
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Si1Type } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { compactToU8a, stringCamelCase, u8aConcat, u8aToHex } from '@polkadot/util';
import { buildMetadata } from '../../runtime/schema/metadata.js';
import { rng } from '../support/random.js';

const require = createRequire(import.meta.url);
const clientDir = dirname(require.resolve('@threefold/tfchain_client'));
const tfchainLookup = require(join(clientDir, 'interfaces', 'chain', 'lookup.js')).default as Record<string, unknown>;

/** tfit pallet → TF-Chain's type names for its Call, Event and Error enums. */
const SHARED: Record<string, { call?: string; event?: string; error?: string }> = {
  System: { call: 'FrameSystemCall', event: 'FrameSystemEvent', error: 'FrameSystemError' },
  Timestamp: { call: 'PalletTimestampCall' },
  Utility: { call: 'PalletUtilityCall', event: 'PalletUtilityEvent', error: 'PalletUtilityError' },
  Balances: { call: 'PalletBalancesCall', event: 'PalletBalancesEvent', error: 'PalletBalancesError' },
  TransactionPayment: { event: 'PalletTransactionPaymentEvent' },
  TfgridModule: { call: 'PalletTfgridCall', event: 'PalletTfgridEvent', error: 'PalletTfgridError' },
  TFKVStore: { call: 'PalletKvstoreCall', event: 'PalletKvstoreEvent', error: 'PalletKvstoreError' },
  SmartContractModule: { call: 'PalletSmartContractCall', event: 'PalletSmartContractEvent', error: 'PalletSmartContractError' },
  TFTPriceModule: { call: 'PalletTftPriceCall', event: 'PalletTftPriceEvent', error: 'PalletTftPriceError' },
  BurningModule: { call: 'PalletBurningCall', event: 'PalletBurningEvent', error: 'PalletBurningError' },
  RuntimeUpgrade: { call: 'PalletRuntimeUpgradeCall' },
  Council: { call: 'PalletCollectiveCall', event: 'PalletCollectiveEvent', error: 'PalletCollectiveError' },
  CouncilMembership: { call: 'PalletMembershipCall', event: 'PalletMembershipEvent', error: 'PalletMembershipError' },
  Dao: { call: 'PalletDaoCall', event: 'PalletDaoEvent', error: 'PalletDaoError' },
};
/** TF-Chain's pallets tfit emulates in full: every call and storage item of theirs must be tfit's too. */
const COMPLETE = ['TfgridModule', 'SmartContractModule', 'TFTPriceModule', 'BurningModule', 'RuntimeUpgrade', 'TFKVStore', 'Council', 'CouncilMembership', 'Dao'];

/**
 * TF-Chain's storage items per pallet, from the client's generated query augmentation:
 * name → key types and value type (an OptionQuery's value shows as `Option<…>`).
 */
function tfchainStorage(): Record<string, Record<string, { keys: string[]; value: string }>> {
  const text = readFileSync(join(clientDir, 'interfaces', 'chain', 'augment-api-query.d.ts'), 'utf8').replace(/\s*\n\s*/g, ' ');
  const out: Record<string, Record<string, { keys: string[]; value: string }>> = {};
  const section = /(\w+): \{ (.*?) \[key: string\]: QueryableStorageEntry<ApiType>; \}/g;
  for (const [, pallet, body] of text.matchAll(section)) {
    const items: Record<string, { keys: string[]; value: string }> = {};
    for (const [, name, value, keys] of body.matchAll(/(\w+): AugmentedQuery<ApiType, \([^)]*\) => Observable<(.*?)>, \[[^\]]*\]> & QueryableStorageEntry<ApiType, \[([^\]]*)\]>;/g))
      items[name] = { value, keys: keys.split(',').map((k) => k.trim()).filter(Boolean) };
    out[pallet] = items;
  }
  return out;
}
/** polkadot-js's TS spelling of a type → a type string its registry creates. */
const creatable = (t: string) => t.replace(/ITuple<\[(.*?)\]>/g, '($1)').replace(/\s/g, '');
/** The Smart-Contract-for-IT extension: no TF-Chain release has these; they sit after TF-Chain's items. */
const EXTENSION = new Set([
  'add_stakeholders', 'approve_contract', 'reject_contract', 'report_workload_state', 'create_deployment', 'move_contract',
  'StakeholdersSet', 'ContractApprovedBy', 'ContractRejectedBy', 'ContractApproved', 'ContractRejected', 'WorkloadStateReported', 'DeploymentCreated', 'ContractMoved',
  'ApprovalAlreadyStarted', 'DuplicateStakeholder', 'InvalidThreshold', 'TooManyStakeholders', 'NotAStakeholder', 'AlreadyVoted',
  'ConsensusAlreadyReached', 'AwaitingApproval', 'IllegalWorkloadTransition', 'ReasonTooLong', 'InvalidDeployment',
  'NoStakeholders', 'AlreadyDeployed', 'DeploymentDataTooLong', 'MoveToSameNode',
]);
/** tfit items TF-Chain does not have, on purpose. */
const TFIT_ONLY = new Set(['Sudo', 'Aura', 'Grandpa']);


/** Random SCALE bytes of a type of tfit's metadata; null when it nests a RuntimeCall (not comparable). */
function sample(reg: TypeRegistry, id: number, r: ReturnType<typeof rng>, depth = 0): Uint8Array | null {
  const ty: Si1Type = reg.lookup.getSiType(id);
  if (ty.path.length && ty.path[ty.path.length - 1].toString() === 'RuntimeCall') return null;
  const def = ty.def;
  const int = (bytes: number) => Uint8Array.from({ length: bytes }, () => Math.floor(r.next() * 256));
  const all = (ids: number[]) => {
    const parts = ids.map((x) => sample(reg, x, r, depth + 1));
    return parts.some((p) => p === null) ? null : u8aConcat(...(parts as Uint8Array[]));
  };
  if (def.isPrimitive) {
    const p = def.asPrimitive.type;
    if (p === 'Bool') return new Uint8Array([r.next() < 0.5 ? 0 : 1]);
    if (p === 'Str') return u8aConcat(compactToU8a(3), new TextEncoder().encode('abc'));
    const bits = Number(p.slice(1));
    return int(bits / 8);
  }
  if (def.isCompact) {
    const inner = reg.lookup.getSiType(def.asCompact.type).def;
    return inner.isTuple && inner.asTuple.length === 0 ? new Uint8Array(0) : compactToU8a(Math.floor(r.next() * 100_000));
  }
  if (def.isSequence) {
    const n = depth > 4 ? 0 : Math.floor(r.next() * 3);
    const items = Array.from({ length: n }, () => sample(reg, def.asSequence.type.toNumber(), r, depth + 1));
    return items.some((x) => x === null) ? null : u8aConcat(compactToU8a(n), ...(items as Uint8Array[]));
  }
  if (def.isArray) return all(Array.from({ length: def.asArray.len.toNumber() }, () => def.asArray.type.toNumber()));
  if (def.isTuple) return all(def.asTuple.map((x) => x.toNumber()));
  if (def.isComposite) return all(def.asComposite.fields.map((f) => f.type.toNumber()));
  if (def.isVariant) {
    // polkadot-js' GenericMultiAddress rewrites Index (as Compact<u32>; TF-Chain's is Compact<()>)
    // and Raw addresses on re-encoding in every registry: sample plain account ids
    const path = ty.path.map((x) => x.toString()).join('::');
    const variants = path === 'sp_runtime::multiaddress::MultiAddress' ? def.asVariant.variants.filter((v) => v.name.toString() === 'Id') : def.asVariant.variants;
    const v = variants[Math.floor(r.next() * variants.length)];
    const fields = all(v.fields.map((f) => f.type.toNumber()));
    return fields === null ? null : u8aConcat([v.index.toNumber()], fields);
  }
  throw new Error(`no sampler for ${def.type}`);
}

describe('fidelity to TF-Chain (@threefold/tfchain_client 2.9.2 type definitions)', () => {
  const tfit = new TypeRegistry();
  tfit.setMetadata(new Metadata(tfit, buildMetadata().v14));
  const tfchain = new TypeRegistry();
  tfchain.register(tfchainLookup as never);
  const pallets = tfit.metadata.pallets;

  /** Variant names of a TF-Chain enum by index (its `__UnusedN` placeholders keep indices). */
  const tfchainVariants = (name: string): string[] => {
    const def = (tfchainLookup[name] as { _enum: Record<string, unknown> | string[] })._enum;
    return Array.isArray(def) ? def : Object.keys(def);
  };
  const tfitVariants = (typeId: number) => tfit.lookup.getSiType(typeId).def.asVariant.variants;

  it('every tfit pallet is TF-Chain\'s (same index) or deliberately tfit-only', () => {
    for (const p of pallets) {
      const name = p.name.toString();
      expect(SHARED[name] !== undefined || TFIT_ONLY.has(name), `${name} is neither shared nor tfit-only`).to.equal(true);
    }
  });

  for (const [pallet, names] of Object.entries(SHARED)) {
    const meta = () => pallets.find((p) => p.name.toString() === pallet)!;

    if (names.call)
      it(`${pallet} calls: same names and indices; samples decode identically both ways`, () => {
        const theirs = tfchainVariants(names.call!);
        let compared = 0;
        for (const v of tfitVariants(meta().calls.unwrap().type.toNumber())) {
          const index = v.index.toNumber();
          if (EXTENSION.has(v.name.toString())) {
            expect(index, `${pallet}.${v.name}: past TF-Chain's calls`).to.be.greaterThanOrEqual(theirs.length);
            continue;
          }
          expect(theirs[index], `${pallet}.${v.name} index ${index}`).to.equal(v.name.toString());
          const r = rng(index + 1);
          for (let n = 0; n < 20; n++) {
            const args = v.fields.map((f) => sample(tfit, f.type.toNumber(), r));
            if (args.some((a) => a === null)) break; // nests a RuntimeCall: TF-Chain's lookup has no outer Call to compare
            const bytes = u8aConcat([index], ...(args as Uint8Array[]));
            const decoded = tfchain.createType(names.call!, bytes) as Codec & { type: string };
            expect(u8aToHex(decoded.toU8a()), `${pallet}.${v.name} sample ${n} (TF-Chain re-encodes)`).to.equal(u8aToHex(bytes));
            const call = tfit.createType('Call', u8aConcat([meta().index.toNumber()], bytes));
            expect(u8aToHex(call.toU8a()), `${pallet}.${v.name} sample ${n} (tfit re-encodes)`).to.equal(u8aToHex(u8aConcat([meta().index.toNumber()], bytes)));
            expect(call.method).to.equal(stringCamelCase(decoded.type));
            compared++;
          }
        }
        expect(compared).to.be.greaterThan(0);
      });

    if (names.event)
      it(`${pallet} events: same names and indices; samples decode identically`, () => {
        const theirs = tfchainVariants(names.event!);
        for (const v of tfitVariants(meta().events.unwrap().type.toNumber())) {
          const index = v.index.toNumber();
          if (EXTENSION.has(v.name.toString())) {
            expect(index, `${pallet}.${v.name}: past TF-Chain's events`).to.be.greaterThanOrEqual(theirs.length);
            continue;
          }
          expect(theirs[index], `${pallet} event ${index}`).to.equal(v.name.toString());
          const r = rng(1000 + index);
          for (let n = 0; n < 10; n++) {
            const fields = v.fields.map((f) => sample(tfit, f.type.toNumber(), r)) as Uint8Array[];
            const bytes = u8aConcat([index], ...fields);
            expect(u8aToHex(tfchain.createType(names.event!, bytes).toU8a()), `${pallet}.${v.name}`).to.equal(u8aToHex(bytes));
          }
        }
      });

    if (names.error)
      it(`${pallet} errors: TF-Chain's list, in TF-Chain's order`, () => {
        const ours = tfitVariants(meta().errors.unwrap().type.toNumber()).map((v) => v.name.toString());
        const theirs = tfchainVariants(names.error!);
        const shared = ours.filter((n) => !EXTENSION.has(n));
        expect(shared).to.deep.equal(theirs.slice(0, shared.length));
        expect(ours.slice(0, shared.length), 'extension errors come after TF-Chain\'s').to.deep.equal(shared);
      });
  }

  const storage = tfchainStorage();
  for (const pallet of COMPLETE) {
    const meta = () => pallets.find((p) => p.name.toString() === pallet)!;
    const theirs = storage[stringCamelCase(pallet === 'TFKVStore' ? 'tfkvStore' : pallet)] ?? {};

    if (SHARED[pallet]?.call)
      it(`${pallet}: every TF-Chain call is emulated`, () => {
        const ours = new Set(tfitVariants(meta().calls.unwrap().type.toNumber()).map((v) => v.name.toString()));
        const missing = tfchainVariants(SHARED[pallet].call!).filter((n) => !n.startsWith('__Unused') && !ours.has(n));
        expect(missing).to.deep.equal([]);
      });

    it(`${pallet}: every TF-Chain storage item, with TF-Chain's key and value layouts`, () => {
      const items = meta().storage.isSome ? meta().storage.unwrap().items : [];
      const names = Object.keys(theirs);
      // a pallet with no storage has no section in the client (RuntimeUpgrade); else the parse found it
      expect(names.length > 0, `${pallet} has storage in the client`).to.equal(items.length > 0);
      for (const name of names) {
        const item = items.find((i) => stringCamelCase(i.name.toString()) === name);
        expect(item, `${pallet}.${name} is missing`).to.not.equal(undefined);
        const { keys, value } = theirs[name];
        const optional = item!.modifier.isOptional;
        expect(optional, `${pallet}.${name}: OptionQuery on one side only`).to.equal(value.startsWith('Option<'));
        const type = item!.type;
        const valueId = (type.isPlain ? type.asPlain : type.asMap.value).toNumber();
        const keyIds = type.isPlain ? [] : (() => {
          const k = type.asMap.key.toNumber();
          const def = tfit.lookup.getSiType(k).def;
          return keys.length > 1 && def.isTuple ? def.asTuple.map((x) => x.toNumber()) : [k];
        })();
        expect(keyIds.length, `${pallet}.${name} key count`).to.equal(keys.length);
        const theirValue = creatable(optional ? value.slice('Option<'.length, -1) : value);
        const r = rng(name.length * 7919);
        for (let n = 0; n < 10; n++) {
          const bytes = sample(tfit, valueId, r);
          // a stored call (a proposal): TF-Chain's lookup has no outer Call to compare; its name and keys still are
          if (bytes !== null) expect(u8aToHex(tfchain.createType(theirValue, bytes).toU8a()), `${pallet}.${name} value`).to.equal(u8aToHex(bytes));
          keyIds.forEach((id, i) => {
            const kb = sample(tfit, id, r)!;
            const theirKey = keys[i] === 'U8aFixed' ? `[u8;${kb.length}]` : creatable(keys[i]);
            expect(u8aToHex(tfchain.createType(theirKey, kb).toU8a()), `${pallet}.${name} key ${i}`).to.equal(u8aToHex(kb));
          });
        }
      }
    });
  }
});
