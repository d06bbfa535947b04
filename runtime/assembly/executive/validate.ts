// TaggedTransactionQueue: pool validation on the state of `block_hash`, as
// frame-executive does it: pretend to be in block n+1 so mortal eras resolve.
import { Writer } from "../codec";
import { System_Number, System_ParentHash, System_BlockHash } from "../generated/storage";
import { callClass } from "../generated/calls";
import { decodeExtrinsic } from "./extrinsic";
import { checkSigned } from "./checks";
import * as V from "./validity";

export class ValidOutcome {
  priority: u64 = 0;
  requires: Array<Uint8Array> = [];
  provides: Array<Uint8Array> = [];
  longevity: u64 = 0;
  error: V.ValidityError | null = null;
  encode(): Uint8Array {
    const w = new Writer(128);
    const e = this.error;
    if (e !== null) { w.u8(1); e.encode(w); return w.finish(); }
    w.u8(0);
    w.u64(this.priority);
    w.compact(<u64>this.requires.length);
    for (let i = 0; i < this.requires.length; i++) w.bytes(this.requires[i]);
    w.compact(<u64>this.provides.length);
    for (let i = 0; i < this.provides.length; i++) w.bytes(this.provides[i]);
    w.u64(this.longevity);
    w.bool(true);
    return w.finish();
  }
}

/** The pool tag of (account, nonce): who ++ nonce (u32 LE), as CheckNonce encodes it. */
function nonceTag(who: Uint8Array, nonce: u32): Uint8Array {
  return new Writer(36).raw(who).u32(nonce).finish();
}

export function validateTransaction(tx: Uint8Array, blockHash: Uint8Array): ValidOutcome {
  const n = System_Number.get();
  System_Number.set(n + 1);
  System_ParentHash.set(blockHash);
  System_BlockHash.set(n, blockHash);

  const out = new ValidOutcome();
  const x = decodeExtrinsic(tx);
  if (x === null) { out.error = V.ValidityError.invalid(V.INVALID_CALL); return out; }
  if (!x.signed) { out.error = V.ValidityError.unknownTx(V.UNKNOWN_NO_UNSIGNED_VALIDATOR); return out; }
  // a Mandatory call (an inherent, Timestamp.set) is never a transaction
  if (callClass(x.call) == 2) { out.error = V.ValidityError.invalid(V.INVALID_MANDATORY_VALIDATION); return out; }
  const c = checkSigned(x, true);
  const err = c.error;
  if (err !== null) { out.error = err; return out; }
  // FRAME's priority: the tip per unit of weight, boosted for operational calls
  const tip = x.extra.tip.fitsU64() ? x.extra.tip.lo : u64.MAX_VALUE;
  out.priority = tip + (callClass(x.call) == 1 ? (<u64>1 << 40) : 0);
  out.provides.push(nonceTag(c.who, x.extra.nonce));
  if (x.extra.nonce > c.accountNonce) out.requires.push(nonceTag(c.who, x.extra.nonce - 1));
  out.longevity = c.longevity;
  return out;
}
