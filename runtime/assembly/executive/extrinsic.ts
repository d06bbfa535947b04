// UncheckedExtrinsic v4: compact(len) ++ version ++ [address ++ signature ++ extra] ++ call.
import { Reader, U128 } from "../codec";
import { MultiAddress, MultiSignature } from "../generated/types";
import { Call, decodeCall } from "../generated/calls";

/** Signed extension data the extrinsic carries (TF-Chain's SignedExtra order). */
export class Extra {
  /** 0 = immortal; otherwise the two era bytes. */
  eraFirst: u8 = 0;
  eraSecond: u8 = 0;
  nonce: u32 = 0;
  tip: U128 = U128.zero();
  /** The raw extra bytes, part of the signed payload. */
  raw: Uint8Array = new Uint8Array(0);
}

export class Extrinsic {
  signed: bool = false;
  address: MultiAddress = new MultiAddress();
  signature: MultiSignature = new MultiSignature();
  extra: Extra = new Extra();
  call: Call = new Call();
  /** The encoded call bytes, part of the signed payload. */
  callBytes: Uint8Array = new Uint8Array(0);
  /** Length of the whole encoded extrinsic (with its length prefix), for fees. */
  len: u32 = 0;
}

/** Decodes `bytes` as one extrinsic; null when malformed, truncated or with trailing bytes. */
export function decodeExtrinsic(bytes: Uint8Array): Extrinsic | null {
  const r = new Reader(bytes);
  const bodyLen = r.len(1);
  if (r.failed || bodyLen != r.remaining()) return null;
  const x = new Extrinsic();
  x.len = <u32>bytes.length;
  const version = r.u8();
  if (version == 0x84) {
    x.signed = true;
    x.address = MultiAddress.decode(r);
    x.signature = MultiSignature.decode(r);
    const extraStart = r.pos;
    x.extra.eraFirst = r.u8();
    if (x.extra.eraFirst != 0) x.extra.eraSecond = r.u8();
    x.extra.nonce = r.compactU32();
    x.extra.tip = r.compactU128();
    if (r.failed) return null;
    x.extra.raw = bytes.slice(extraStart, r.pos);
  } else if (version != 0x04) {
    return null;
  }
  const callStart = r.pos;
  x.call = decodeCall(r);
  if (!r.done()) return null;
  x.callBytes = bytes.slice(callStart, r.pos);
  return x;
}

/** Mortal era (period, phase) from its two bytes, as sp_runtime::generic::Era. */
export class Era {
  constructor(public period: u64, public phase: u64) {}
  static decode(first: u8, second: u8): Era | null {
    if (first == 0) return new Era(0, 0);
    const encoded = <u64>first | (<u64>second << 8);
    const period: u64 = <u64>2 << (encoded % (1 << 4));
    const quantizeFactor = max<u64>(period >> 12, 1);
    const phase = (encoded >> 4) * quantizeFactor;
    if (period < 4 || phase >= period) return null;
    return new Era(period, phase);
  }
  isImmortal(): bool { return this.period == 0; }
  birth(current: u64): u64 {
    if (this.isImmortal()) return 0;
    return ((max<u64>(current, this.phase) - this.phase) / this.period) * this.period + this.phase;
  }
  death(current: u64): u64 {
    if (this.isImmortal()) return u64.MAX_VALUE;
    return this.birth(current) + this.period;
  }
}
