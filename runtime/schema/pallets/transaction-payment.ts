import { newtype, u128, u8, unitEnum, type PalletSpec } from '../dsl.js';
import { AccountId32 } from '../primitives.js';
import { encU128, encU8 } from '../scale.js';

/** Length fee per byte, as TF-Chain's `TransactionByteFee`. */
export const TRANSACTION_BYTE_FEE = 1n;
/** Weight-to-fee: one unit per this much reference time (see docs/fees in README). */
export const WEIGHT_PER_FEE_UNIT = 100_000n;

const Releases = unitEnum(['pallet_transaction_payment', 'Releases'], ['V1Ancient', 'V2']);
const FixedU128 = newtype(['sp_arithmetic', 'fixed_point', 'FixedU128'], u128, 'u128');

/** pallet_transaction_payment: length and weight fees, charged before dispatch. */
export const TransactionPayment: PalletSpec = {
  name: 'TransactionPayment',
  index: 21,
  rustPath: 'pallet_transaction_payment',
  docs: 'Charges length and weight fees (plus tip) before dispatch.',
  events: [
    { name: 'TransactionFeePaid', fields: { who: [AccountId32, 'T::AccountId'], actual_fee: [u128, 'BalanceOf<T>'], tip: [u128, 'BalanceOf<T>'] }, docs: 'A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee, has been paid by `who`.' },
  ],
  storage: [
    { name: 'NextFeeMultiplier', value: FixedU128, modifier: 'Default', docs: 'The fee multiplier (fixed at 1 on tfit).' },
    { name: 'StorageVersion', value: Releases, modifier: 'Default', docs: 'Storage version of the pallet.' },
  ],
  constants: [
    { name: 'OperationalFeeMultiplier', type: u8, value: encU8(5), docs: 'A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their `priority`.' },
    { name: 'TransactionByteFee', type: u128, value: encU128(TRANSACTION_BYTE_FEE), docs: 'The fee charged per byte of an extrinsic.' },
    { name: 'WeightToFeeDivisor', type: u128, value: encU128(WEIGHT_PER_FEE_UNIT), docs: 'Reference time per fee unit (tfit: fee = ref_time / divisor).' },
  ],
};
