/** Summary statistics for benchmark samples (milliseconds). */
export interface Summary { n: number; mean: number; p50: number; p95: number; p99: number; min: number; max: number }

const round = (x: number) => Math.round(x * 1000) / 1000;

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return {
    n: s.length,
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    min: round(s[0]),
    max: round(s[s.length - 1]),
  };
}

/** Milliseconds taken by `f`. */
export async function time(f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}
