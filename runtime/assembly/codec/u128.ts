// Unsigned 128-bit integer for balances (TF-Chain's `Balance` is u128). Immutable;
// arithmetic is checked (returns null on overflow/underflow) or saturating.
export class U128 {
  constructor(public lo: u64 = 0, public hi: u64 = 0) {}

  static fromU64(v: u64): U128 { return new U128(v, 0); }
  static zero(): U128 { return new U128(0, 0); }
  static max(): U128 { return new U128(u64.MAX_VALUE, u64.MAX_VALUE); }

  isZero(): bool { return (this.lo | this.hi) == 0; }
  eq(o: U128): bool { return this.lo == o.lo && this.hi == o.hi; }
  lt(o: U128): bool { return this.hi < o.hi || (this.hi == o.hi && this.lo < o.lo); }
  le(o: U128): bool { return !o.lt(this); }
  gt(o: U128): bool { return o.lt(this); }
  ge(o: U128): bool { return !this.lt(o); }

  checkedAdd(o: U128): U128 | null {
    const lo = this.lo + o.lo;
    const carry: u64 = lo < this.lo ? 1 : 0;
    const hi1 = this.hi + o.hi;
    if (hi1 < this.hi) return null;
    const hi = hi1 + carry;
    if (hi < hi1) return null;
    return new U128(lo, hi);
  }
  checkedSub(o: U128): U128 | null {
    if (this.lt(o)) return null;
    const borrow: u64 = this.lo < o.lo ? 1 : 0;
    return new U128(this.lo - o.lo, this.hi - o.hi - borrow);
  }
  saturatingAdd(o: U128): U128 {
    const r = this.checkedAdd(o);
    return r === null ? U128.max() : r;
  }
  saturatingSub(o: U128): U128 {
    const r = this.checkedSub(o);
    return r === null ? U128.zero() : r;
  }
  min(o: U128): U128 { return this.lt(o) ? this : o; }

  /** Fits in u64? */
  fitsU64(): bool { return this.hi == 0; }

  /** Multiplication by a u64, null on overflow. */
  checkedMulU64(m: u64): U128 | null {
    // split into 32-bit limbs: (hi, lo) * m
    const a0 = this.lo & 0xffffffff, a1 = this.lo >> 32, a2 = this.hi & 0xffffffff, a3 = this.hi >> 32;
    const m0 = m & 0xffffffff, m1 = m >> 32;
    // schoolbook over 32-bit limbs with carries, keep 4 limbs, detect overflow
    const p: u64[] = [0, 0, 0, 0, 0, 0];
    const a: u64[] = [a0, a1, a2, a3];
    const b: u64[] = [m0, m1];
    for (let i = 0; i < 4; i++) {
      let carry: u64 = 0;
      for (let j = 0; j < 2; j++) {
        const cur = p[i + j] + a[i] * b[j] + carry;
        // a[i]*b[j] < 2^64 - 2^33 + 1, plus two 32-bit values fits in u64
        p[i + j] = cur & 0xffffffff;
        carry = cur >> 32;
      }
      p[i + 2] += carry;
    }
    if (p[4] != 0 || p[5] != 0) return null;
    return new U128(p[0] | (p[1] << 32), p[2] | (p[3] << 32));
  }

  /** Division by a non-zero u64 (floor). */
  divU64(d: u64): U128 {
    // long division, 32 bits at a time
    const limbs: u64[] = [this.hi >> 32, this.hi & 0xffffffff, this.lo >> 32, this.lo & 0xffffffff];
    let rem: u64 = 0;
    const q: u64[] = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      // rem < d <= 2^64-1; (rem << 32 | limb) may overflow when d > 2^32, fall back to bitwise
      if (d <= 0xffffffff) {
        const cur = (rem << 32) | limbs[i];
        q[i] = cur / d;
        rem = cur % d;
      } else {
        let qi: u64 = 0;
        for (let bit = 31; bit >= 0; bit--) {
          const top = rem >> 63;
          rem = (rem << 1) | ((limbs[i] >> <u64>bit) & 1);
          qi <<= 1;
          if (top != 0 || rem >= d) { rem -= d; qi |= 1; }
        }
        q[i] = qi;
      }
    }
    return new U128((q[2] << 32) | q[3], (q[0] << 32) | q[1]);
  }

  toString(): string {
    if (this.hi == 0) return this.lo.toString();
    // repeated division by 10^18 for display
    let v: U128 = this;
    let out = "";
    const base: u64 = 1_000_000_000_000_000_000;
    while (!v.fitsU64()) {
      const q = v.divU64(base);
      const r = v.checkedSub(q.checkedMulU64(base)!)!;
      let chunk = r.lo.toString();
      while (chunk.length < 18) chunk = "0" + chunk;
      out = chunk + out;
      v = q;
    }
    return v.lo.toString() + out;
  }
}
