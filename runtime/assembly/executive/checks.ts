// The signed extensions, in TF-Chain's order: CheckNonZeroSender, CheckSpecVersion,
// CheckTxVersion, CheckGenesis, CheckMortality (these four only feed the signed
// payload), CheckNonce, CheckWeight, ChargeTransactionPayment. Everything is checked
// before anything is written.
import { U128, Writer, bytesEqual } from "../codec";
import { crypto, hashing } from "../host";
import { System_Account, System_BlockHash, System_Number, System_BlockWeight, System_AllExtrinsicsLen } from "../generated/storage";
import { System_Version } from "../generated/constants";
import { callClass, callPaysFee, callWeight } from "../generated/calls";
import { Extrinsic, Era } from "./extrinsic";
import * as V from "./validity";
import { lookup, canWithdrawFee } from "../pallets/balances/currency";
import { inclusionFee, EXTRINSIC_BASE_WEIGHT } from "../pallets/transaction-payment/fees";
import { MAX_BLOCK_WEIGHT, MAX_BLOCK_LENGTH, NORMAL_RATIO_PERCENT } from "./limits";

export class Checked {
  who: Uint8Array = new Uint8Array(32);
  weight: u64 = 0;
  fee: U128 = U128.zero();
  /** Block number after which the transaction is no longer valid (validate only). */
  longevity: u64 = 0;
  /** The account's current nonce (the transaction's nonce may be ahead of it in the pool). */
  accountNonce: u32 = 0;
  error: V.ValidityError | null = null;
  static fail(e: V.ValidityError): Checked { const c = new Checked(); c.error = e; return c; }
}

function isZero(b: Uint8Array): bool {
  for (let i = 0; i < b.length; i++) if (b[i] != 0) return false;
  return true;
}

/** Total weight charged for an extrinsic: base weight plus its call's weight. */
export function extrinsicWeight(x: Extrinsic): u64 { return EXTRINSIC_BASE_WEIGHT + callWeight(x.call); }

/** The fee the signer pays (excluding tip); zero for calls that do not pay. */
export function extrinsicFee(x: Extrinsic): U128 {
  if (!callPaysFee(x.call)) return U128.zero();
  return inclusionFee(x.len, callWeight(x.call)).total();
}

/**
 * Runs every check of a signed extrinsic at the current block number. `forPool`
 * (validate_transaction) accepts a future nonce; block application does not.
 */
export function checkSigned(x: Extrinsic, forPool: bool): Checked {
  const who = lookup(x.address);
  if (who === null) return Checked.fail(V.ValidityError.unknownTx(V.UNKNOWN_CANNOT_LOOKUP));
  if (isZero(who)) return Checked.fail(V.ValidityError.invalid(V.INVALID_BAD_SIGNER));

  // additional signed data: spec version, tx version, genesis hash, era birth hash
  const current = <u64>System_Number.get();
  const era = Era.decode(x.extra.eraFirst, x.extra.eraSecond);
  if (era === null) return Checked.fail(V.ValidityError.invalid(V.INVALID_BAD_PROOF));
  const birth = era.birth(current);
  if (!era.isImmortal() && (birth > current || !System_BlockHash.exists(<u32>birth)))
    return Checked.fail(V.ValidityError.invalid(V.INVALID_ANCIENT_BIRTH_BLOCK));
  const version = System_Version();
  const payload = new Writer(x.callBytes.length + x.extra.raw.length + 80);
  payload.raw(x.callBytes).raw(x.extra.raw);
  payload.u32(version.spec_version).u32(version.transaction_version);
  payload.raw(System_BlockHash.get(0));
  payload.raw(System_BlockHash.get(<u32>birth));
  let msg = payload.finish();
  if (msg.length > 256) msg = hashing.blake2_256(msg);
  const sig = x.signature;
  let ok = false;
  if (sig.index == 0) ok = crypto.ed25519Verify(sig.Ed25519, msg, who);
  else if (sig.index == 1) ok = crypto.sr25519Verify(sig.Sr25519, msg, who);
  // ECDSA would need the signer recovered from the signature; tfit accounts are ed/sr25519.
  if (!ok) return Checked.fail(V.ValidityError.invalid(V.INVALID_BAD_PROOF));

  // CheckNonce
  const info = System_Account.get(who);
  if (x.extra.nonce < info.nonce) return Checked.fail(V.ValidityError.invalid(V.INVALID_STALE));
  if (!forPool && x.extra.nonce > info.nonce) return Checked.fail(V.ValidityError.invalid(V.INVALID_FUTURE));

  // CheckWeight: normal-class extrinsics may use NORMAL_RATIO_PERCENT of the block
  const weight = extrinsicWeight(x);
  const cls = callClass(x.call);
  const weightLimit = cls == 0 ? MAX_BLOCK_WEIGHT / 100 * NORMAL_RATIO_PERCENT : MAX_BLOCK_WEIGHT;
  const lenLimit = cls == 0 ? MAX_BLOCK_LENGTH / 100 * NORMAL_RATIO_PERCENT : MAX_BLOCK_LENGTH;
  const used = System_BlockWeight.get();
  const usedClass = cls == 0 ? used.normal.ref_time : cls == 1 ? used.operational.ref_time : used.mandatory.ref_time;
  if (weight > weightLimit || (!forPool && usedClass + weight > weightLimit))
    return Checked.fail(V.ValidityError.invalid(V.INVALID_EXHAUSTS_RESOURCES));
  const usedLen = <u64>System_AllExtrinsicsLen.get();
  if (<u64>x.len > lenLimit || (!forPool && usedLen + <u64>x.len > lenLimit))
    return Checked.fail(V.ValidityError.invalid(V.INVALID_EXHAUSTS_RESOURCES));

  // ChargeTransactionPayment: can the signer pay fee + tip and stay alive?
  const fee = extrinsicFee(x).saturatingAdd(x.extra.tip);
  if (!canWithdrawFee(info, fee)) return Checked.fail(V.ValidityError.invalid(V.INVALID_PAYMENT));

  const c = new Checked();
  c.who = who;
  c.weight = weight;
  c.fee = fee;
  c.accountNonce = info.nonce;
  c.longevity = era.isImmortal() ? u64.MAX_VALUE : era.death(current) - current;
  return c;
}

export { bytesEqual };
