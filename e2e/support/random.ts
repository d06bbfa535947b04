/** Deterministic pseudo-random numbers (xorshift32), so that a failing generated input reproduces from its seed. */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
  return {
    /** In [0, 1). */
    next,
    /** An integer in [0, n). */
    int: (n: number) => Math.floor(next() * n),
    /** `n` bytes, each below `alphabet`. */
    bytes: (n: number, alphabet = 256) => Uint8Array.from({ length: n }, () => Math.floor(next() * alphabet)),
  };
}
