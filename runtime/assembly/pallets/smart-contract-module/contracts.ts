// Node, name and rent contracts: creation, update, cancellation, node reports and
// the dedicated-node rule, with TF-Chain's checks and indexes.
import {
  DispatchError, Contract, ContractState, ContractData, NodeContract, NameContract, RentContract, PublicIP,
  ContractBillingInformation, NruConsumption, ContractResources, Some_u64,
} from "../../generated/types";
import { Cause } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_ContractID as ContractID,
  SmartContractModule_ContractIDByNodeIDAndHash as ContractIDByNodeIDAndHash, SmartContractModule_ActiveNodeContracts as ActiveNodeContracts,
  SmartContractModule_ContractBillingInformationByID as BillingInfo, SmartContractModule_NodeContractResources as NodeContractResources,
  SmartContractModule_ContractIDByNameRegistration as NameRegistration, SmartContractModule_ActiveRentContractForNode as RentOfNode,
  SmartContractModule_DedicatedNodesExtraFee as ExtraFee,
  SmartContractModule_ContractConsensus as ConsensusOf, SmartContractModule_DeploymentOf as DeploymentOf,
  TfgridModule_Nodes as Nodes, TfgridModule_Farms as Farms, TfgridModule_NodeIdByTwinID as NodeIdByTwinID, TfgridModule_NodePower as NodePower, TfgridModule_PricingPolicies as PricingPolicies,
} from "../../generated/storage";
import { SmartContractModuleErrors as Error } from "../../generated/errors";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { SmartContractModule_MaxDeploymentDataLength, SmartContractModule_MaxNameContractNameLength } from "../../generated/constants";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { twinOf, nodeOf } from "../tfgrid-module/calls";
import { NODE, NAME, RENT, nowSeconds, insertInBillingLoop, bytesEqual } from "./store";
import { U128 } from "../../codec";
import { billContract, cancelAndBill, startBilling } from "./billing";
import { checkSolutionProvider } from "./solution-providers";

const CONTRACT_VERSION: u32 = 4;
const MIN_NAME: i32 = 3;

/** TF-Chain's is_valid_name_contract_name: lowercase letters, digits, `-` and `_`. */
function isContractName(name: Uint8Array): bool {
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 95)) return false;
  }
  return true;
}

/** A node takes no new contract while it is powered down or its farmer wants it down. */
function onStandby(node_id: u32): bool {
  const power = NodePower.get(node_id);
  return power.state.index == 1 || power.target == 1;
}

function newContract(twin: u32, data: ContractData, sp: Some_u64 | null): Contract {
  const c = new Contract();
  c.version = CONTRACT_VERSION;
  c.state = ContractState.Created();
  c.contract_id = ContractID.get() + 1;
  c.twin_id = twin;
  c.contract_type = data;
  c.solution_provider_id = sp;
  return c;
}

/** Stores a new contract, puts it in the billing loop and starts its billing clock (TF-Chain's create_contract). */
function store(c: Contract): void {
  insertInBillingLoop(c.contract_id);
  Contracts.set(c.contract_id, c);
  ContractID.set(c.contract_id);
  startBilling(c.contract_id);
  if (c.contract_type.index == NODE) {
    // NRU reports accrue here; TF-Chain keeps it for node contracts only
    const info = new ContractBillingInformation();
    info.last_updated = nowSeconds();
    BillingInfo.set(c.contract_id, info);
  }
  Event.ContractCreated(c);
}

export function create_node_contract(
  origin: Origin, node_id: u32, deployment_hash: Uint8Array, deployment_data: Uint8Array, public_ips: u32, solution_provider_id: Some_u64 | null,
): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const node = Nodes.get(node_id);
  if (onStandby(node_id)) return Error.NodeNotAvailableToDeploy();
  if (!Farms.exists(node.farm_id)) return Error.FarmNotExists();
  // a rented node takes its renter's contracts only; a dedicated node (its farm's, or one
  // with an extra fee) is rented whole first
  if (RentOfNode.exists(node_id)) {
    if (!Contracts.exists(RentOfNode.get(node_id))) return Error.ContractNotExists();
    if (Contracts.get(RentOfNode.get(node_id)).twin_id != twin) return Error.NodeNotAvailableToDeploy();
  } else if (Farms.get(node.farm_id).dedicated_farm || ExtraFee.get(node_id) > 0) {
    return Error.NodeNotAvailableToDeploy();
  }
  if (<u32>deployment_data.length > SmartContractModule_MaxDeploymentDataLength()) return Error.DeploymentDataTooLong();
  if (ContractIDByNodeIDAndHash.exists(node_id, deployment_hash) && Contracts.exists(ContractIDByNodeIDAndHash.get(node_id, deployment_hash)))
    return Error.ContractIsNotUnique();
  // TF-Chain's create_contract: the IPs are reserved, then the solution provider checked
  const farm = Farms.get(node.farm_id);
  if (<u32>farm.public_ips.length < public_ips) return Error.FarmHasNotEnoughPublicIPs();
  let free: u32 = 0;
  for (let i = 0; i < farm.public_ips.length; i++) if (farm.public_ips[i].contract_id == 0) free++;
  if (free < public_ips) return Error.FarmHasNotEnoughPublicIPsFree();
  const bad = checkSolutionProvider(solution_provider_id);
  if (bad !== null) return bad;

  const nc = new NodeContract();
  nc.node_id = node_id;
  nc.deployment_hash = deployment_hash;
  nc.deployment_data = deployment_data;
  nc.public_ips = public_ips;
  const c = newContract(twin, ContractData.NodeContract(nc), solution_provider_id);
  if (public_ips > 0) {
    let left = public_ips;
    for (let i = 0; i < farm.public_ips.length && left > 0; i++) {
      if (farm.public_ips[i].contract_id != 0) continue;
      farm.public_ips[i].contract_id = c.contract_id;
      nc.public_ips_list.push(farm.public_ips[i]);
      left--;
    }
    Farms.set(node.farm_id, farm);
  }
  store(c);
  ContractIDByNodeIDAndHash.set(node_id, deployment_hash, c.contract_id);
  const active = ActiveNodeContracts.get(node_id);
  active.push(c.contract_id);
  ActiveNodeContracts.set(node_id, active);
  return null; // TF-Chain declares IPsReserved but emits only ContractCreated
}

/**
 * Refuses unless contract `id` exists and belongs to the caller's twin. As TF-Chain, the
 * contract is looked up first, so a caller without a twin is simply not the owner.
 */
export function checkOwner(origin: Origin, id: u64, notOwner: DispatchError): DispatchError | null {
  if (!Contracts.exists(id)) return Error.ContractNotExists();
  const twin = twinOf(origin.who);
  if (twin == 0 || Contracts.get(id).twin_id != twin) return notOwner;
  return null;
}

export function update_node_contract(origin: Origin, contract_id: u64, deployment_hash: Uint8Array, deployment_data: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkOwner(origin, contract_id, Error.TwinNotAuthorizedToUpdateContract());
  if (refused !== null) return refused;
  const c = Contracts.get(contract_id);
  if (c.state.index == 2) return Error.CannotUpdateContractInGraceState();
  if (c.contract_type.index != NODE) return Error.InvalidContractType();
  if (<u32>deployment_data.length > SmartContractModule_MaxDeploymentDataLength()) return Error.DeploymentDataTooLong();
  // what stakeholders vote on must not change under them
  const lead = DeploymentOf.exists(contract_id) ? DeploymentOf.get(contract_id) : contract_id;
  if (ConsensusOf.exists(lead)) return Error.ApprovalAlreadyStarted();
  const nc = c.contract_type.NodeContract;
  // as TF-Chain: the hash index is remapped, with no uniqueness check
  ContractIDByNodeIDAndHash.remove(nc.node_id, nc.deployment_hash);
  nc.deployment_hash = deployment_hash;
  nc.deployment_data = deployment_data;
  Contracts.set(contract_id, c);
  ContractIDByNodeIDAndHash.set(nc.node_id, deployment_hash, contract_id);
  Event.ContractUpdated(c);
  return null;
}

export function cancel_contract(origin: Origin, contract_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkOwner(origin, contract_id, Error.TwinNotAuthorizedToCancelContract());
  if (refused !== null) return refused;
  const c = Contracts.get(contract_id);
  if (c.contract_type.index == RENT) {
    const active = ActiveNodeContracts.get(c.contract_type.RentContract.node_id);
    if (active.length > 0) return Error.NodeHasActiveContracts();
  }
  // Deleted first, then the last bill: it reserves what is due, pays out the reserve and removes the contract
  return cancelAndBill(c, Cause.CanceledByUser);
}

export function create_name_contract(origin: Origin, name: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (name.length < MIN_NAME) return Error.NameContractNameTooShort();
  if (<u32>name.length > SmartContractModule_MaxNameContractNameLength()) return Error.NameContractNameTooLong();
  if (!isContractName(name)) return Error.NameNotValid();
  if (NameRegistration.exists(name)) return Error.NameExists();
  const n = new NameContract();
  n.name = name;
  const c = newContract(twin, ContractData.NameContract(n), null);
  store(c);
  NameRegistration.set(name, c.contract_id);
  return null;
}

/**
 * TF-Chain's order of checks; no standby check (a rent on a sleeping node is waived until
 * it wakes, billing.ts), and a dedicated farm's node may be rented with contracts on it.
 */
export function create_rent_contract(origin: Origin, node_id: u32, solution_provider_id: Some_u64 | null): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (RentOfNode.exists(node_id)) return Error.NodeHasRentContract();
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const node = Nodes.get(node_id);
  if (!Farms.exists(node.farm_id)) return Error.FarmNotExists();
  if (!Farms.get(node.farm_id).dedicated_farm && ActiveNodeContracts.get(node_id).length > 0) return Error.NodeNotAvailableToDeploy();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  const bad = checkSolutionProvider(solution_provider_id);
  if (bad !== null) return bad;
  const r = new RentContract();
  r.node_id = node_id;
  const c = newContract(twin, ContractData.RentContract(r), solution_provider_id);
  store(c);
  RentOfNode.set(node_id, c.contract_id);
  return null;
}

/** The caller's node id if it runs node contract `id`, else 0. */
function reportingNode(origin: Origin, id: u64): u32 {
  const node = nodeOf(origin.who);
  if (node == 0 || !Contracts.exists(id)) return 0;
  const c = Contracts.get(id);
  if (c.contract_type.index != NODE || c.contract_type.NodeContract.node_id != node) return 0;
  return node;
}

/** TF-Chain's order for node reports: the caller's twin, then its node. */
function checkReporter(origin: Origin): DispatchError | null {
  if (twinOf(origin.who) == 0) return Error.TwinNotExists();
  if (nodeOf(origin.who) == 0) return Error.NodeNotExists();
  return null;
}

export function add_nru_reports(origin: Origin, reports: Array<NruConsumption>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkReporter(origin);
  if (refused !== null) return refused;
  const node = nodeOf(origin.who);
  if (!Farms.exists(Nodes.get(node).farm_id)) return Error.FarmNotExists();
  // priced by the node's farm's pricing policy, as TF-Chain's compute_reports
  const policyId = Farms.get(Nodes.get(node).farm_id).pricing_policy_id;
  if (!PricingPolicies.exists(policyId)) return Error.PricingPolicyNotExists();
  const nu = PricingPolicies.get(policyId).nu;
  for (let i = 0; i < reports.length; i++) {
    const rep = reports[i];
    // as TF-Chain: a report on a contract that is gone is skipped, not an error
    if (!Contracts.exists(rep.contract_id) || !BillingInfo.exists(rep.contract_id)) continue;
    const c = Contracts.get(rep.contract_id);
    if (c.contract_type.index != NODE) return Error.InvalidContractType();
    if (c.contract_type.NodeContract.node_id != node) return Error.NodeNotAuthorizedToComputeReport();
    const info = BillingInfo.get(rep.contract_id);
    // a report older than the last one counted adds nothing (it is still acknowledged)
    if (rep.timestamp >= info.last_updated) {
      info.amount_unbilled += nruCost(rep.nru, rep.window, <u64>nu.value, nu.unit);
      info.last_updated = rep.timestamp;
      BillingInfo.set(rep.contract_id, info);
    }
    Event.NruConsumptionReportReceived(rep);
  }
  return null;
}

/** Bytes per unit of a Policy (TF-Chain's factor_base_1000). */
function unitFactor(unit: u8): u64 {
  let f: u64 = 1;
  for (let i: u8 = 0; i < unit; i++) f *= 1000;
  return f;
}

/** TF-Chain's NRU cost in units USD: nru / unit × (nu per hour / 3600) × window seconds, rounded. */
function nruCost(nru: u64, window: u64, nuPerHour: u64, unit: u8): u64 {
  const denominator = unitFactor(unit) * 3600;
  const product = U128.fromU64(nru).checkedMulU64(nuPerHour);
  if (product === null) return u64.MAX_VALUE;
  const scaled = product.checkedMulU64(window);
  if (scaled === null) return u64.MAX_VALUE;
  const q = scaled.saturatingAdd(U128.fromU64(denominator / 2)).divU64(denominator);
  return q.fitsU64() ? q.lo : u64.MAX_VALUE;
}

export function report_contract_resources(origin: Origin, contract_resources: Array<ContractResources>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  // TF-Chain asks only NodeIdByTwinID, which outlives delete_node
  if (!NodeIdByTwinID.exists(twin)) return Error.NodeNotExists();
  const node = NodeIdByTwinID.get(twin);
  for (let i = 0; i < contract_resources.length; i++) {
    const r = contract_resources[i];
    // as TF-Chain: a contract that is gone is skipped; no bill here, the next cycle bills the new usage
    if (!Contracts.exists(r.contract_id)) continue;
    const c = Contracts.get(r.contract_id);
    if (c.contract_type.index != NODE) return Error.InvalidContractType();
    if (c.contract_type.NodeContract.node_id != node) return Error.NodeNotAuthorizedToComputeReport();
    NodeContractResources.set(r.contract_id, r);
    Event.UpdatedUsedResources(r);
  }
  return null;
}

export function bill_contract_for_block(origin: Origin, contract_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  return billContract(contract_id);
}

