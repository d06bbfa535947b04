// Which farming policy a node gets (TF-Chain's get_farming_policy, pricing.rs), and the
// node weight TF-Chain derives from its resources (tfchain_support's resources.rs).
//
// A farm with limits (attach_policy_to_farm) hands its policy to nodes while the limits
// last: each node uses up its compute and storage units and one of node_count, and the
// farm is written back; a node the limits cannot take (or an expired limit) gets the
// default policy instead. A farm without limits gives the best matching policy: policies
// ranked by (default, farm certification, node certification, id), highest first, the
// first whose certifications the node and farm meet.
import { FarmingPolicy, Node, Resources, Some_u32, Some_u64, DispatchError } from "../../generated/types";
import {
  TfgridModule_Farms as Farms, TfgridModule_FarmingPoliciesMap as FarmingPoliciesMap, TfgridModule_FarmingPolicyID as FarmingPolicyID,
  Timestamp_Now,
} from "../../generated/storage";
import { TfgridModuleErrors as Error } from "../../generated/errors";
import { TfgridModuleEvents as Event } from "../../generated/events";
import { U128 } from "../../codec";

const GIB: u64 = 1 << 30;

function u128(x: u64): U128 { return U128.fromU64(x); }
function times(x: U128, m: u64): U128 { const p = x.checkedMulU64(m); return p === null ? U128.max() : p; }

/** TF-Chain's calc_cu: the strict smallest of the CPU, memory and SSD bounds (0 on a tie), in bytes × 1000. */
function calcCu(r: Resources): U128 {
  const cru = times(u128(r.cru), 2 * GIB * 1000);
  const mru = times(times(u128(r.mru > 0 ? r.mru - 1 : 0), GIB), 1000).divU64(4); // bytes × GiB, as TF-Chain: in practice never the smallest
  const sru = times(u128(r.sru), 1000).divU64(50);
  if (cru.lt(mru) && cru.lt(sru)) return cru;
  if (mru.lt(cru) && mru.lt(sru)) return mru;
  if (sru.lt(cru) && sru.lt(mru)) return sru;
  return U128.zero();
}

/** A node's compute units as TF-Chain counts them for farming limits and DAO votes. */
export function nodeCu(r: Resources): u64 {
  const cu = calcCu(r);
  return 2 * cu.lo / GIB / 1000; // TF-Chain casts calc_cu to u64 first
}

/** A node's storage units: (hru / 1200 + sru / 250) GiB, whole. */
export function nodeSu(r: Resources): u64 {
  const su = times(u128(r.hru), 1000).divU64(1200).saturatingAdd(times(u128(r.sru), 1000).divU64(250));
  return su.divU64(GIB).divU64(1000).lo;
}

/** A node's DAO vote weight: 2 CU + SU. */
export function nodeWeight(r: Resources): u64 { return nodeCu(r) * 2 + nodeSu(r); }

/** Policy rank, highest first: default, then farm certification, node certification, id. */
function ranksAbove(a: FarmingPolicy, b: FarmingPolicy): bool {
  if (a.default != b.default) return a.default;
  if (a.farm_certification != b.farm_certification) return a.farm_certification > b.farm_certification;
  if (a.node_certification != b.node_certification) return a.node_certification > b.node_certification;
  return a.id > b.id;
}

/** The highest-ranked policy that is default (`defaultsOnly`) or whose certifications the node and farm meet. */
function best(nodeCert: u8, farmCert: u8, defaultsOnly: bool): FarmingPolicy | null {
  let top: FarmingPolicy | null = null;
  for (let id: u32 = 1; id <= FarmingPolicyID.get(); id++) {
    if (!FarmingPoliciesMap.exists(id)) continue;
    const p = FarmingPoliciesMap.get(id);
    const fits = defaultsOnly ? p.default : p.node_certification <= nodeCert && p.farm_certification <= farmCert;
    if (fits && (top === null || ranksAbove(p, top))) top = p;
  }
  return top;
}

/** The chosen policy, or why there is none. */
export class PolicyChoice {
  policy: FarmingPolicy | null = null;
  error: DispatchError | null = null;
}

function chose(p: FarmingPolicy | null): PolicyChoice {
  const c = new PolicyChoice();
  if (p === null) c.error = Error.FarmingPolicyNotExists();
  else c.policy = p;
  return c;
}

/** TF-Chain's get_farming_policy for `node`; may use up and write back its farm's limits (FarmUpdated). */
export function farmingPolicyFor(node: Node): PolicyChoice {
  if (!Farms.exists(node.farm_id)) { const c = new PolicyChoice(); c.error = Error.FarmNotExists(); return c; }
  const farm = Farms.get(node.farm_id);
  const limits = farm.farming_policy_limits;
  if (limits === null) return chose(best(node.certification, farm.certification, false));
  if (!FarmingPoliciesMap.exists(limits.farming_policy_id)) return chose(null);
  const fallback = chose(best(0, 0, true));
  const end = limits.end;
  if (end !== null && Timestamp_Now.get() / 1000 > end.value) return fallback;
  const cu = limits.cu;
  if (cu !== null) {
    const need = nodeCu(node.resources);
    if (need > cu.value) return fallback;
    limits.cu = new Some_u64(cu.value - need);
  }
  const su = limits.su;
  if (su !== null) {
    const need = nodeSu(node.resources);
    if (need > su.value) return fallback;
    limits.su = new Some_u64(su.value - need);
  }
  const count = limits.node_count;
  if (count !== null) {
    if (count.value == 0) return fallback;
    limits.node_count = new Some_u32(count.value - 1);
  }
  farm.farming_policy_limits = limits;
  Farms.set(farm.id, farm);
  Event.FarmUpdated(farm);
  return chose(FarmingPoliciesMap.get(limits.farming_policy_id));
}
