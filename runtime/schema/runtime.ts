/**
 * The assembled runtime: its pallets in index order, the outer enums built from them,
 * the extrinsic format and the signed extensions. Everything generated reads this.
 */
import { array, compact, enumOf, struct, tuple, u32, u8, type Ty, type PalletSpec, type Variant } from './dsl.js';
import { AccountId32, H256, MultiAddress, MultiSignature } from './primitives.js';
import { RuntimeCall, RuntimeError, RuntimeEvent } from './outer.js';
import { System } from './pallets/system.js';
import { Timestamp } from './pallets/timestamp.js';
import { Utility } from './pallets/utility.js';
import { Aura, Grandpa } from './pallets/consensus.js';
import { Balances } from './pallets/balances.js';
import { TransactionPayment } from './pallets/transaction-payment.js';
import { Sudo } from './pallets/sudo.js';
import { TFKVStore } from './pallets/kvstore.js';
import { TfgridModule } from './pallets/tfgrid.js';
import { SmartContractModule } from './pallets/smart-contract.js';
import { TFTPriceModule } from './pallets/tft-price.js';
import { BurningModule } from './pallets/burning.js';
import { RuntimeUpgrade } from './pallets/runtime-upgrade.js';
import { Council, CouncilMembership } from './pallets/council.js';
import { Dao } from './pallets/dao.js';

export const PALLETS: PalletSpec[] = [System, Timestamp, Utility, Aura, Grandpa, Balances, TransactionPayment, TfgridModule, SmartContractModule, TFTPriceModule, BurningModule, TFKVStore, RuntimeUpgrade, Council, CouncilMembership, Dao, Sudo];

const seen = new Set<number>();
for (const p of PALLETS) {
  if (seen.has(p.index)) throw new Error(`duplicate pallet index ${p.index}`);
  seen.add(p.index);
}

/** Rust-like path for a pallet-level type (`pallet_balances::pallet::Call`). */
const palletPath = (p: PalletSpec, item: string) => [p.rustPath, 'pallet', item];

/** Fields named `_0`, `_1`, … are a Rust tuple variant's: unnamed in the metadata. */
const toFields = (args: Record<string, Ty | [Ty, string]>) =>
  Object.entries(args).map(([key, t]) => {
    const name = /^_\d+$/.test(key) ? undefined : key;
    return Array.isArray(t) ? { name, type: t[0], typeName: t[1] } : { name, type: t };
  });

/** Each pallet's `Call`, `Event` and `Error` enums, by pallet name. */
export const palletEnums = new Map<string, { call?: Ty; event?: Ty; error?: Ty }>();
for (const p of PALLETS) {
  const e: { call?: Ty; event?: Ty; error?: Ty } = {};
  if (p.calls?.length)
    e.call = {
      kind: 'variant',
      path: palletPath(p, 'Call'),
      params: [{ name: 'T', type: undefined }],
      docs: ['Contains a variant per dispatchable extrinsic that this pallet has.'],
      variants: p.calls.map((c) => ({ name: c.name, index: c.index, fields: toFields(c.args), docs: [c.docs] })),
    };
  if (p.events?.length)
    e.event = {
      kind: 'variant',
      path: palletPath(p, 'Event'),
      params: [{ name: 'T', type: undefined }],
      docs: ['The `Event` enum of this pallet'],
      variants: p.events.map((ev, index) => ({ name: ev.name, index, fields: toFields(ev.fields), docs: [ev.docs] })),
    };
  if (p.errors?.length)
    e.error = {
      kind: 'variant',
      path: palletPath(p, 'Error'),
      params: [{ name: 'T', type: undefined }],
      docs: ['The `Error` enum of this pallet.'],
      variants: p.errors.map((er, index) => ({ name: er.name, index, fields: [], docs: [er.docs] })),
    };
  palletEnums.set(p.name, e);
}

const outerVariants = (pick: 'call' | 'event' | 'error'): Variant[] =>
  PALLETS.flatMap((p) => {
    const t = palletEnums.get(p.name)![pick];
    return t ? [{ name: p.name, index: p.index, fields: [{ type: t }], docs: [] }] : [];
  });
(RuntimeCall as { variants: Variant[] }).variants = outerVariants('call');
(RuntimeEvent as { variants: Variant[] }).variants = outerVariants('event');
(RuntimeError as { variants: Variant[] }).variants = outerVariants('error');

// ---- extrinsic format -----------------------------------------------------------

const Era = enumOf(['sp_runtime', 'generic', 'era', 'Era'], [
  { name: 'Immortal' },
  ...Array.from({ length: 255 }, (_, i) => ({ name: `Mortal${i + 1}`, index: i + 1, fields: u8 })),
]);
const unitStruct = (path: string[]): Ty => ({ kind: 'composite', path, fields: [] });
const Nonce: Ty = { kind: 'composite', path: ['frame_system', 'extensions', 'check_nonce', 'CheckNonce'], fields: [{ type: compact(u32), typeName: 'T::Nonce' }] };
const ChargeTransactionPayment: Ty = {
  kind: 'composite',
  path: ['pallet_transaction_payment', 'ChargeTransactionPayment'],
  fields: [{ type: compact({ kind: 'primitive', prim: 'u128' }), typeName: 'BalanceOf<T>' }],
};
const CheckMortality: Ty = { kind: 'composite', path: ['frame_system', 'extensions', 'check_mortality', 'CheckMortality'], fields: [{ type: Era, typeName: 'Era' }] };
const empty: Ty = tuple();

/**
 * Signed extensions in TF-Chain's order. `extra` is what the extrinsic carries,
 * `additional` what only the signed payload carries.
 */
export const SIGNED_EXTENSIONS: { identifier: string; extra: Ty; additional: Ty }[] = [
  { identifier: 'CheckNonZeroSender', extra: unitStruct(['frame_system', 'extensions', 'check_non_zero_sender', 'CheckNonZeroSender']), additional: empty },
  { identifier: 'CheckSpecVersion', extra: unitStruct(['frame_system', 'extensions', 'check_spec_version', 'CheckSpecVersion']), additional: u32 },
  { identifier: 'CheckTxVersion', extra: unitStruct(['frame_system', 'extensions', 'check_tx_version', 'CheckTxVersion']), additional: u32 },
  { identifier: 'CheckGenesis', extra: unitStruct(['frame_system', 'extensions', 'check_genesis', 'CheckGenesis']), additional: H256 },
  { identifier: 'CheckMortality', extra: CheckMortality, additional: H256 },
  { identifier: 'CheckNonce', extra: Nonce, additional: empty },
  { identifier: 'CheckWeight', extra: unitStruct(['frame_system', 'extensions', 'check_weight', 'CheckWeight']), additional: empty },
  { identifier: 'ChargeTransactionPayment', extra: ChargeTransactionPayment, additional: empty },
];

export const SignedExtra: Ty = tuple(...SIGNED_EXTENSIONS.map((e) => e.extra));

export const UncheckedExtrinsic: Ty = {
  kind: 'composite',
  path: ['sp_runtime', 'generic', 'unchecked_extrinsic', 'UncheckedExtrinsic'],
  params: [
    { name: 'Address', type: MultiAddress },
    { name: 'Call', type: RuntimeCall },
    { name: 'Signature', type: MultiSignature },
    { name: 'Extra', type: SignedExtra },
  ],
  fields: [{ type: { kind: 'sequence', of: u8 } }],
};

export const RuntimeTy: Ty = struct(['tfchain_runtime', 'Runtime'], {});
export { RuntimeCall, RuntimeEvent, RuntimeError, AccountId32, array };
