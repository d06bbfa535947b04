// Applying one extrinsic inside a block, as frame-executive: checks, fee and nonce,
// dispatch in a storage transaction, then ExtrinsicSuccess / ExtrinsicFailed.
import { Writer, U128 } from "../codec";
import { storage } from "../host";
import { DispatchError, DispatchInfo, Phase, Weight } from "../generated/types";
import { callClass, callPaysFee, callRefundsFeeOnSuccess, callMayWaiveFee } from "../generated/calls";
import { dispatchTransactional, PostDispatch } from "../support/dispatch";
import { SystemEvents, TransactionPaymentEvents } from "../generated/events";
import { System_Account, System_ExtrinsicCount, System_ExtrinsicData, System_ExecutionPhase, System_BlockWeight, System_AllExtrinsicsLen } from "../generated/storage";
import { Origin } from "../support/origin";
import { decodeExtrinsic, Extrinsic } from "./extrinsic";
import { checkSigned, extrinsicWeight } from "./checks";
import * as V from "./validity";
import { withdrawFee, refundFee } from "../pallets/balances/currency";

const EXTRINSIC_INDEX_KEY = Uint8Array.wrap(String.UTF8.encode(":extrinsic_index"));

/** Outcome of applying: a validity error (not included), or included with a dispatch result. */
export class ApplyOutcome {
  validity: V.ValidityError | null = null;
  dispatch: DispatchError | null = null;
  encode(): Uint8Array {
    const w = new Writer(16);
    const v = this.validity;
    if (v !== null) { w.u8(1); v.encode(w); return w.finish(); }
    w.u8(0);
    const d = this.dispatch;
    if (d === null) w.u8(0);
    else { w.u8(1); d.encode(w); }
    return w.finish();
  }
}

/** Refuses after writes were made: they are all undone (a refused extrinsic writes nothing). */
function refuseAfterWrites(kind: V.ValidityError): ApplyOutcome {
  storage.rollbackTransaction();
  return refuse(kind);
}

function refuse(kind: V.ValidityError): ApplyOutcome {
  const o = new ApplyOutcome();
  o.validity = kind;
  return o;
}

function dispatchInfo(x: Extrinsic): DispatchInfo {
  const info = new DispatchInfo();
  info.weight = new Weight();
  info.weight.ref_time = extrinsicWeight(x);
  info.class = callClass(x.call);
  info.pays_fee = callPaysFee(x.call) ? 0 : 1;
  return info;
}

function noteWeight(cls: u8, weight: u64, len: u32): void {
  const bw = System_BlockWeight.get();
  if (cls == 0) bw.normal.ref_time += weight;
  else if (cls == 1) bw.operational.ref_time += weight;
  else bw.mandatory.ref_time += weight;
  System_BlockWeight.set(bw);
  System_AllExtrinsicsLen.set(System_AllExtrinsicsLen.get() + len);
}

function setExtrinsicIndex(index: u32): void {
  const idx = new Uint8Array(4);
  store<u32>(idx.dataStart, index);
  storage.set(EXTRINSIC_INDEX_KEY, idx);
}

/** Events deposited from here on are recorded in phase ApplyExtrinsic(index). */
function enterPhase(index: u32): void {
  System_ExecutionPhase.set(Phase.ApplyExtrinsic(index));
  setExtrinsicIndex(index);
}

/**
 * Applies an encoded extrinsic. Never traps on bad input: malformed bytes are
 * `Invalid(Call)`, refusals leave no writes (the checks run inside a storage
 * transaction that is rolled back), and block production continues.
 */
export function applyExtrinsic(bytes: Uint8Array): ApplyOutcome {
  const x = decodeExtrinsic(bytes);
  if (x === null) return refuse(V.ValidityError.invalid(V.INVALID_CALL));
  const index = System_ExtrinsicCount.get();

  let origin: Origin;
  let who = new Uint8Array(0);
  let tip = U128.zero();
  let fee = U128.zero();
  // everything from here on is undone if the extrinsic is refused after all
  storage.startTransaction();
  if (x.signed) {
    const c = checkSigned(x, false);
    const err = c.error;
    if (err !== null) return refuseAfterWrites(err);
    enterPhase(index);
    // pre-dispatch writes: nonce and fee, kept even if the call fails
    const info = System_Account.get(c.who);
    info.nonce += 1;
    System_Account.set(c.who, info);
    // cannot fail after checkSigned
    if (!withdrawFee(c.who, c.fee)) return refuseAfterWrites(V.ValidityError.invalid(V.INVALID_PAYMENT));
    origin = Origin.signed(c.who);
    who = c.who;
    tip = x.extra.tip;
    fee = c.fee;
  } else {
    // unsigned: only inherents (Timestamp.set), once per block, are accepted
    if (!(x.call.pallet == 1 && x.call.index == 0)) return refuseAfterWrites(V.ValidityError.unknownTx(V.UNKNOWN_NO_UNSIGNED_VALIDATOR));
    origin = Origin.none();
    enterPhase(index);
  }

  PostDispatch.waived = false;
  const res = dispatchTransactional(origin, x.call);

  // a failing Mandatory call (an inherent, or one signed by mistake) is not included
  // (BadMandatory), as frame-executive: for an inherent, that makes the block invalid
  if (res !== null && callClass(x.call) == 2) return refuseAfterWrites(V.ValidityError.invalid(V.INVALID_BAD_MANDATORY));
  const info = dispatchInfo(x);
  if (x.signed && res === null && (callRefundsFeeOnSuccess(x.call) || (callMayWaiveFee(x.call) && PostDispatch.waived))) {
    // TF-Chain's `Ok(Pays::No.into())`: a call that succeeded is free (the tip is kept)
    refundFee(who, fee.saturatingSub(tip));
    fee = tip;
    info.pays_fee = 1;
  }
  if (x.signed) TransactionPaymentEvents.TransactionFeePaid(who, fee, tip);
  if (res === null) SystemEvents.ExtrinsicSuccess(info);
  else SystemEvents.ExtrinsicFailed(res, info);

  noteWeight(info.class, info.weight.ref_time, x.len);
  System_ExtrinsicData.set(index, bytes);
  System_ExtrinsicCount.set(index + 1);
  setExtrinsicIndex(index + 1);
  storage.commitTransaction();

  const o = new ApplyOutcome();
  o.dispatch = res;
  return o;
}
