// SCALE encoder into a growable buffer.
import { U128 } from "./u128";

export class Writer {
  buf: Uint8Array;
  len: i32 = 0;
  constructor(capacity: i32 = 64) { this.buf = new Uint8Array(capacity); }

  private reserve(n: i32): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length << 1;
    while (cap < this.len + n) cap <<= 1;
    const next = new Uint8Array(cap);
    memory.copy(next.dataStart, this.buf.dataStart, <usize>this.len);
    this.buf = next;
  }
  u8(v: u8): Writer { this.reserve(1); this.buf[this.len++] = v; return this; }
  bool(v: bool): Writer { return this.u8(v ? 1 : 0); }
  u16(v: u16): Writer { this.reserve(2); store<u16>(this.buf.dataStart + <usize>this.len, v); this.len += 2; return this; }
  u32(v: u32): Writer { this.reserve(4); store<u32>(this.buf.dataStart + <usize>this.len, v); this.len += 4; return this; }
  u64(v: u64): Writer { this.reserve(8); store<u64>(this.buf.dataStart + <usize>this.len, v); this.len += 8; return this; }
  u128(v: U128): Writer { this.u64(v.lo); return this.u64(v.hi); }
  compact(v: u64): Writer {
    if (v < 64) return this.u8(<u8>(v << 2));
    if (v < 16384) return this.u16(<u16>((v << 2) | 1));
    if (v < 1073741824) return this.u32(<u32>((v << 2) | 2));
    return this.compactU128(U128.fromU64(v));
  }
  compactU128(v: U128): Writer {
    if (v.hi == 0 && v.lo < 1073741824) return this.compact(v.lo);
    let n = 16;
    while (n > 4) {
      const i = n - 1;
      const b = i < 8 ? (v.lo >> (<u64>i * 8)) & 0xff : (v.hi >> (<u64>(i - 8) * 8)) & 0xff;
      if (b != 0) break;
      n--;
    }
    this.u8(<u8>(((n - 4) << 2) | 3));
    for (let i = 0; i < n; i++) {
      this.u8(<u8>(i < 8 ? (v.lo >> (<u64>i * 8)) & 0xff : (v.hi >> (<u64>(i - 8) * 8)) & 0xff));
    }
    return this;
  }
  /** Raw bytes, no length prefix. */
  raw(b: Uint8Array): Writer {
    this.reserve(b.length);
    memory.copy(this.buf.dataStart + <usize>this.len, b.dataStart, <usize>b.length);
    this.len += b.length;
    return this;
  }
  /** Exactly `n` bytes (a fixed-size array); shorter input is zero-padded. */
  fixed(b: Uint8Array, n: i32): Writer {
    this.reserve(n);
    memory.copy(this.buf.dataStart + <usize>this.len, b.dataStart, <usize>min(n, b.length));
    this.len += n;
    return this;
  }
  /** Length-prefixed bytes (`Vec<u8>`). */
  bytes(b: Uint8Array): Writer { this.compact(<u64>b.length); return this.raw(b); }
  str(s: string): Writer { return this.bytes(Uint8Array.wrap(String.UTF8.encode(s))); }
  finish(): Uint8Array { return this.buf.slice(0, this.len); }
}

/** Concatenates byte arrays. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  return memory.compare(a.dataStart, b.dataStart, <usize>a.length) == 0;
}
