/** Small display helpers. */
export const bytes = (n: number | bigint) => {
  const v = Number(n);
  if (v >= 1024 ** 3) return `${(v / 1024 ** 3).toFixed(v % 1024 ** 3 ? 1 : 0)} GiB`;
  if (v >= 1024 ** 2) return `${(v / 1024 ** 2).toFixed(v % 1024 ** 2 ? 1 : 0)} MiB`;
  if (v >= 1024) return `${(v / 1024).toFixed(1)} KiB`;
  return `${v} B`;
};
export const short = (hex: string) => (hex.length > 20 ? `${hex.slice(0, 10)}…${hex.slice(-6)}` : hex);
export const money = (n: number, digits = 4) => n.toFixed(digits);
export const when = (unixSeconds: number) => (unixSeconds ? new Date(unixSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19) : 'never');
