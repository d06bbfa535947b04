// Fee = base (extrinsic base weight) + length fee + weight fee (+ tip), in TFT units.
import { U128 } from "../../codec";
import { TransactionPayment_TransactionByteFee, TransactionPayment_WeightToFeeDivisor } from "../../generated/constants";

/** Reference time every extrinsic pays for, on top of its call's weight (FRAME's ExtrinsicBaseWeight). */
export const EXTRINSIC_BASE_WEIGHT: u64 = 125_000_000;

export function weightToFee(weight: u64): U128 {
  return U128.fromU64(weight).divU64(TransactionPayment_WeightToFeeDivisor().lo);
}

export function lengthFee(len: u32): U128 {
  const f = TransactionPayment_TransactionByteFee().checkedMulU64(<u64>len);
  return f === null ? U128.max() : f;
}

export class FeeParts {
  constructor(public base: U128, public len: U128, public weight: U128) {}
  total(): U128 { return this.base.saturatingAdd(this.len).saturatingAdd(this.weight); }
}

/** The inclusion fee of an extrinsic of `len` bytes whose call weighs `weight`. */
export function inclusionFee(len: u32, weight: u64): FeeParts {
  return new FeeParts(weightToFee(EXTRINSIC_BASE_WEIGHT), lengthFee(len), weightToFee(weight));
}
