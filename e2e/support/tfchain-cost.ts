/**
 * TF-Chain's cost model (pallet_smart_contract's cost.rs) as tfit's runtime computes it,
 * for expected amounts in tests: units USD per hour by the genesis pricing policy 1, fixed
 * point ×10^6 for compute and storage units, rounded once; converted to TFT at 50 mUSD;
 * then a discount level's multiplier (the level comes from the chain's ContractBilled event),
 * rounded.
 */
const GIB = 1024n ** 3n;
const S = 1_000_000n;
/** Genesis pricing policy 1 (chain-spec/presets.ts), units USD per hour. */
export const POLICY = { su: 50_000n, cu: 100_000n, nu: 15_000n, ipu: 40_000n, uniqueName: 2_500n, dedicatedShare: 50n };
/** TF-Chain's price multipliers by discount level, in tenths. */
export const DISCOUNT_TENTHS: Record<string, bigint> = { None: 10n, Default: 8n, Bronze: 7n, Silver: 6n, Gold: 4n };

export type Used = { cru: bigint; mru: bigint; sru: bigint; hru: bigint };

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const divRound = (n: bigint, d: bigint) => (n + d / 2n) / d;

/** Units USD per hour ×S for the capacity `r`. */
function perHourScaled(r: Used): bigint {
  const su = (r.hru * S) / (1200n * GIB) + (r.sru * S) / (200n * GIB);
  const m = (r.mru * S) / GIB;
  const c = r.cru * S;
  const cu = min(min(max(m / 4n, c / 2n), max(m / 8n, c)), max(m / 2n, c / 4n));
  return su * POLICY.su + cu * POLICY.cu;
}

/** Units USD → TFT chain units at `priceMusd` (the dev chain's 50 mUSD unless set), rounded, then the discount (rounded up). */
export function toTft(unitsUsd: bigint, discount = 'None', priceMusd = 50n): bigint {
  const tft = (unitsUsd * 1000n + priceMusd / 2n) / priceMusd;
  return (tft * DISCOUNT_TENTHS[discount] + 5n) / 10n;
}

/** A node contract's resources (unless its node is rented) and public IPs over `seconds`, in units USD. */
export function nodeContractUsd(r: Used, ips: bigint, seconds: bigint, rented = false): bigint {
  return divRound(((rented ? 0n : perHourScaled(r)) + ips * POLICY.ipu * S) * seconds, 3600n * S);
}

/** What a node contract costs over `seconds`, in TFT chain units. */
export function expectedCost(r: Used, ips: bigint, seconds: bigint, discount = 'None'): bigint {
  return toTft(nodeContractUsd(r, ips, seconds), discount);
}

/** x·p/100 to the nearest, an exact half down (sp-arithmetic's Percent × balance). */
export function percentOf(x: bigint, p: bigint): bigint {
  const q = (x * p) / 100n;
  return (x * p) % 100n > 50n ? q + 1n : q;
}

/** A rent contract on a node of capacity `r` over `seconds`: the policy's share of the node's price, in TFT chain units. */
export function rentCost(r: Used, seconds: bigint, discount = 'None'): bigint {
  return toTft(percentOf(divRound(perHourScaled(r) * seconds, 3600n * S), POLICY.dedicatedShare), discount);
}

/** A name contract over `seconds`, in TFT chain units. */
export function nameCost(seconds: bigint, discount = 'None', priceMusd = 50n): bigint {
  return toTft(divRound(POLICY.uniqueName * seconds, 3600n), discount, priceMusd);
}

/** NRU over a report's window: nru / 10^9 × (nu / 3600) × window, rounded, in units USD. */
export function nruUsd(nru: bigint, window: bigint): bigint {
  return divRound(nru * POLICY.nu * window, 1_000_000_000n * 3600n);
}
