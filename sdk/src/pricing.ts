/**
 * What a workload will cost, estimated as the chain bills it (runtime billing.ts, TF-Chain's
 * calculate_contract_cost): compute and storage units from the capacity, priced by the farm's
 * pricing policy (units USD per hour, 10^7 per USD), converted at the chain's TFT price
 * (TFTPriceModule's average, clamped to its min and max; mUSD per TFT). Before discounts.
 */
import type { TfitClient } from './client.js';
import { TfitError } from './errors.js';
import * as grid from './modules/grid.js';
import type { Capacity } from './workload/definition.js';

const GIB = 1024 ** 3;
const UNITS = 1e7;

export interface CostEstimate {
  cu: number;
  su: number;
  usdPerHour: number;
  tftPerHour: number;
  usdPerMonth: number;
  tftPerMonth: number;
  /** The price used, mUSD per TFT. */
  tftPriceMusd: number;
  pricingPolicyId: number;
}

/** TF-Chain's compute units: the smallest of max(mru/4, cru/2), max(mru/8, cru), max(mru/2, cru/4), mru in GiB. */
export function computeUnits(c: Pick<Capacity, 'cru' | 'mru'>): number {
  const m = c.mru / GIB;
  return Math.min(Math.max(m / 4, c.cru / 2), Math.max(m / 8, c.cru), Math.max(m / 2, c.cru / 4));
}

/** TF-Chain's storage units: hru/1200 + sru/200, in GiB. */
export function storageUnits(c: Pick<Capacity, 'hru' | 'sru'>): number {
  return c.hru / GIB / 1200 + c.sru / GIB / 200;
}

/** The cost of one contract of `capacity` on a node of farm `farmId`. */
export async function estimateCost(client: TfitClient, capacity: Capacity, farmId: number): Promise<CostEstimate> {
  const farm = await grid.farm(client, farmId);
  if (!farm) throw new TfitError(`farm ${farmId} does not exist: no pricing policy to estimate with`);
  const policy = await client.api.query.tfgridModule.pricingPolicies(farm.pricingPolicyId);
  if (policy.isNone) throw new TfitError(`pricing policy ${farm.pricingPolicyId} does not exist`);
  const p = policy.unwrap();
  const q = client.api.query.tftPriceModule;
  const [avg, min, max] = (await Promise.all([q.averageTftPrice(), q.minTftPrice(), q.maxTftPrice()])).map((x) => x.toNumber());
  const price = Math.min(Math.max(avg, min), max);
  const cu = computeUnits(capacity);
  const su = storageUnits(capacity);
  const unitsPerHour = cu * p.cu.value.toNumber() + su * p.su.value.toNumber() + capacity.publicIps * p.ipu.value.toNumber();
  const usdPerHour = unitsPerHour / UNITS;
  const tftPerHour = (usdPerHour * 1000) / price;
  const hoursPerMonth = 24 * 30;
  return { cu, su, usdPerHour, tftPerHour, usdPerMonth: usdPerHour * hoursPerMonth, tftPerMonth: tftPerHour * hoursPerMonth, tftPriceMusd: price, pricingPolicyId: farm.pricingPolicyId };
}
