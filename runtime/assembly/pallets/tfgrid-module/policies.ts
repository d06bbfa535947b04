// Pricing and farming policies (TF-Chain's pricing.rs and farm.rs): created and updated by
// TF-Chain's RestrictedOrigin (root or a council motion approved by 3/5 of the seats), and a farming policy attached to a farm with limits. Checks in TF-Chain's order.
import { DispatchError, Policy, PricingPolicy, FarmingPolicy, FarmingPolicyLimit } from "../../generated/types";
import {
  TfgridModule_PricingPolicies as PricingPolicies, TfgridModule_PricingPolicyID as PricingPolicyID,
  TfgridModule_PricingPolicyIdByName as PricingPolicyIdByName, TfgridModule_FarmingPoliciesMap as FarmingPoliciesMap,
  TfgridModule_FarmingPolicyID as FarmingPolicyID, TfgridModule_Farms as Farms, TfgridModule_Nodes as Nodes,
  TfgridModule_NodesByFarmID as NodesByFarmID, System_Number,
} from "../../generated/storage";
import { TfgridModuleErrors as Error } from "../../generated/errors";
import { TfgridModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { bytesEqual } from "../../codec";
import { assignFarmingPolicy } from "./calls";

// TF-Chain's TFGRID_PRICING_POLICY_VERSION and TFGRID_FARMING_POLICY_VERSION
const POLICY_VERSION: u32 = 2;

export function create_pricing_policy(
  origin: Origin, name: Uint8Array, su: Policy, cu: Policy, nu: Policy, ipu: Policy, unique_name: Policy, domain_name: Policy,
  foundation_account: Uint8Array, certified_sales_account: Uint8Array, discount_for_dedication_nodes: u8,
): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (PricingPolicyIdByName.exists(name)) return Error.PricingPolicyExists();
  const p = new PricingPolicy();
  p.version = POLICY_VERSION;
  p.id = PricingPolicyID.get() + 1;
  p.name = name;
  p.su = su; p.cu = cu; p.nu = nu; p.ipu = ipu; p.unique_name = unique_name; p.domain_name = domain_name;
  p.foundation_account = foundation_account;
  p.certified_sales_account = certified_sales_account;
  p.discount_for_dedication_nodes = discount_for_dedication_nodes;
  PricingPolicies.set(p.id, p);
  PricingPolicyIdByName.set(name, p.id);
  PricingPolicyID.set(p.id);
  Event.PricingPolicyStored(p);
  return null;
}

export function create_farming_policy(
  origin: Origin, name: Uint8Array, su: u32, cu: u32, nu: u32, ipv4: u32, minimal_uptime: u16, policy_end: u32,
  immutable: bool, default_: bool, node_certification: u8, farm_certification: u8,
): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  const p = new FarmingPolicy();
  p.version = POLICY_VERSION;
  p.id = FarmingPolicyID.get() + 1;
  p.name = name;
  p.su = su; p.cu = cu; p.nu = nu; p.ipv4 = ipv4;
  p.minimal_uptime = minimal_uptime;
  p.policy_created = System_Number.get();
  p.policy_end = policy_end;
  p.immutable = immutable;
  p.default = default_;
  p.node_certification = node_certification;
  p.farm_certification = farm_certification;
  FarmingPoliciesMap.set(p.id, p);
  FarmingPolicyID.set(p.id);
  Event.FarmingPolicyStored(p);
  return null;
}

/**
 * Updates a pricing policy. As TF-Chain, the id counter is set to the updated policy's id
 * (so the next create_pricing_policy after updating an older one reuses an id): kept for
 * parity, since clients read PricingPolicyID.
 */
export function update_pricing_policy(
  origin: Origin, pricing_policy_id: u32, name: Uint8Array, su: Policy, cu: Policy, nu: Policy, ipu: Policy, unique_name: Policy,
  domain_name: Policy, foundation_account: Uint8Array, certified_sales_account: Uint8Array, discount_for_dedication_nodes: u8,
): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!PricingPolicies.exists(pricing_policy_id)) return Error.PricingPolicyNotExists();
  if (PricingPolicyIdByName.exists(name) && PricingPolicyIdByName.get(name) != pricing_policy_id) return Error.PricingPolicyWithDifferentIdExists();
  const p = PricingPolicies.get(pricing_policy_id);
  if (!bytesEqual(p.name, name)) PricingPolicyIdByName.remove(p.name);
  p.name = name;
  p.su = su; p.cu = cu; p.nu = nu; p.ipu = ipu; p.unique_name = unique_name; p.domain_name = domain_name;
  p.foundation_account = foundation_account;
  p.certified_sales_account = certified_sales_account;
  p.discount_for_dedication_nodes = discount_for_dedication_nodes;
  PricingPolicies.set(pricing_policy_id, p);
  PricingPolicyIdByName.set(name, pricing_policy_id);
  PricingPolicyID.set(pricing_policy_id);
  Event.PricingPolicyStored(p);
  return null;
}

/** Updates a farming policy; its id, creation block and immutable flag stay (TF-Chain updates immutable policies too). */
export function update_farming_policy(
  origin: Origin, farming_policy_id: u32, name: Uint8Array, su: u32, cu: u32, nu: u32, ipv4: u32, minimal_uptime: u16, policy_end: u32,
  default_: bool, node_certification: u8, farm_certification: u8,
): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!FarmingPoliciesMap.exists(farming_policy_id)) return Error.FarmingPolicyNotExists();
  const p = FarmingPoliciesMap.get(farming_policy_id);
  p.name = name;
  p.su = su; p.cu = cu; p.nu = nu; p.ipv4 = ipv4;
  p.minimal_uptime = minimal_uptime;
  p.policy_end = policy_end;
  p.default = default_;
  p.node_certification = node_certification;
  p.farm_certification = farm_certification;
  FarmingPoliciesMap.set(farming_policy_id, p);
  Event.FarmingPolicyUpdated(p);
  return null;
}

/**
 * Attaches a farming policy to a farm with limits (none: nothing happens, as TF-Chain).
 * The farm takes the policy's certification; each of its nodes on a default policy is
 * re-assigned (using up the limits); a policy `policy_end` blocks past its creation has
 * expired.
 */
export function attach_policy_to_farm(origin: Origin, farm_id: u32, limits: FarmingPolicyLimit | null): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (limits === null) return null;
  // TF-Chain reads the policy as a default-valued one when it is missing (its check comes later, per node)
  const policy = FarmingPoliciesMap.get(limits.farming_policy_id);
  if (policy.policy_end != 0 && System_Number.get() >= policy.policy_created + policy.policy_end) return Error.FarmingPolicyExpired();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const farm = Farms.get(farm_id);
  farm.farming_policy_limits = limits;
  farm.certification = policy.farm_certification;
  Farms.set(farm_id, farm);
  Event.FarmUpdated(farm);
  const nodes = NodesByFarmID.get(farm_id);
  for (let i = 0; i < nodes.length; i++) {
    if (!Nodes.exists(nodes[i])) continue;
    const node = Nodes.get(nodes[i]);
    if (!FarmingPoliciesMap.get(node.farming_policy_id).default) continue;
    const refused = assignFarmingPolicy(node, true);
    if (refused !== null) return refused;
    Nodes.set(node.id, node);
    Event.NodeUpdated(node);
  }
  Event.FarmingPolicySet(farm_id, limits);
  return null;
}
