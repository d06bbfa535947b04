// SCALE decoder over a byte array. It never traps: malformed input sets `failed`
// and reads return zero values, so callers check `ok()` once at the end.
import { U128 } from "./u128";

/** Nested call/type depth bound: deeper input is refused instead of exhausting the stack. */
export const MAX_DEPTH: i32 = 16;

export class Reader {
  pos: i32 = 0;
  failed: bool = false;
  depth: i32 = 0;
  constructor(public data: Uint8Array) {}

  remaining(): i32 { return this.data.length - this.pos; }
  /** True when nothing failed and all input was consumed. */
  done(): bool { return !this.failed && this.pos == this.data.length; }
  fail(): void { this.failed = true; this.pos = this.data.length; }

  private take(n: i32): bool {
    if (this.failed || n < 0 || this.pos + n > this.data.length) { this.fail(); return false; }
    return true;
  }
  u8(): u8 {
    if (!this.take(1)) return 0;
    return this.data[this.pos++];
  }
  bool(): bool {
    const b = this.u8();
    if (b > 1) this.fail();
    return b == 1;
  }
  u16(): u16 {
    if (!this.take(2)) return 0;
    const v = load<u16>(this.data.dataStart + <usize>this.pos);
    this.pos += 2;
    return v;
  }
  u32(): u32 {
    if (!this.take(4)) return 0;
    const v = load<u32>(this.data.dataStart + <usize>this.pos);
    this.pos += 4;
    return v;
  }
  u64(): u64 {
    if (!this.take(8)) return 0;
    const v = load<u64>(this.data.dataStart + <usize>this.pos);
    this.pos += 8;
    return v;
  }
  u128(): U128 {
    const lo = this.u64();
    const hi = this.u64();
    return new U128(lo, hi);
  }
  /** Compact integer up to u128; non-canonical encodings are refused, as parity-scale-codec does. */
  compactU128(): U128 {
    const first = this.u8();
    if (this.failed) return U128.zero();
    const mode = first & 3;
    if (mode == 0) return U128.fromU64(<u64>(first >> 2));
    if (mode == 1) {
      const second = this.u8();
      const v = ((<u64>second << 8) | <u64>first) >> 2;
      if (v < 64) this.fail();
      return U128.fromU64(v);
    }
    if (mode == 2) {
      this.pos -= 1;
      const v = <u64>(this.u32() >> 2);
      if (v < 16384) this.fail();
      return U128.fromU64(v);
    }
    const n = <i32>(first >> 2) + 4;
    if (n > 16 || !this.take(n)) { this.fail(); return U128.zero(); }
    let lo: u64 = 0, hi: u64 = 0;
    for (let i = 0; i < n; i++) {
      const b = <u64>this.data[this.pos + i];
      if (i < 8) lo |= b << (<u64>i * 8); else hi |= b << (<u64>(i - 8) * 8);
    }
    this.pos += n;
    // canonical: top byte non-zero and value above the 4-byte range
    if (this.data[this.pos - 1] == 0 || (hi == 0 && lo < 0x40000000)) this.fail();
    return new U128(lo, hi);
  }
  compactU64(): u64 {
    const v = this.compactU128();
    if (!v.fitsU64()) { this.fail(); return 0; }
    return v.lo;
  }
  compactU32(): u32 {
    const v = this.compactU64();
    if (v > <u64>u32.MAX_VALUE) { this.fail(); return 0; }
    return <u32>v;
  }
  /** A length prefix, refused when it exceeds the bytes left (each item takes >= `minItem` bytes). */
  len(minItem: i32 = 1): i32 {
    const n = this.compactU64();
    if (this.failed) return 0;
    if (n * <u64>max(minItem, 0) > <u64>this.remaining() || n > 0x7fffffff) { this.fail(); return 0; }
    return <i32>n;
  }
  fixed(n: i32): Uint8Array {
    if (!this.take(n)) return new Uint8Array(n);
    const out = this.data.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  bytes(): Uint8Array {
    const n = this.len(1);
    return this.fixed(n);
  }
  str(): string {
    const b = this.bytes();
    return String.UTF8.decode(b.buffer);
  }
  enter(): bool {
    this.depth++;
    if (this.depth > MAX_DEPTH) { this.fail(); return false; }
    return true;
  }
  leave(): void { this.depth--; }
}
