/** Tiny SCALE encoders for schema constants (values are known at build time). */
const le = (value: bigint, bytes: number): Uint8Array => {
  const out = new Uint8Array(bytes);
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new RangeError(`${value} does not fit in ${bytes} bytes`);
  return out;
};
export const encU8 = (v: number) => le(BigInt(v), 1);
export const encU16 = (v: number) => le(BigInt(v), 2);
export const encU32 = (v: number) => le(BigInt(v), 4);
export const encU64 = (v: bigint) => le(v, 8);
export const encU128 = (v: bigint) => le(v, 16);
export const encCompact = (v: bigint): Uint8Array => {
  if (v < 1n << 6n) return le(v << 2n, 1);
  if (v < 1n << 14n) return le((v << 2n) | 1n, 2);
  if (v < 1n << 30n) return le((v << 2n) | 2n, 4);
  const body: number[] = [];
  let x = v;
  while (x > 0n) {
    body.push(Number(x & 0xffn));
    x >>= 8n;
  }
  return Uint8Array.from([((body.length - 4) << 2) | 3, ...body]);
};
export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
export const encStr = (s: string) => {
  const b = new TextEncoder().encode(s);
  return concat(encCompact(BigInt(b.length)), b);
};
