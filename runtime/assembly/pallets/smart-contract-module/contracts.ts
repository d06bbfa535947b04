// Node, name and rent contracts: creation, update, cancellation, node reports and
// solution providers, with TF-Chain's checks and indexes.
import {
  DispatchError, Contract, ContractState, ContractData, NodeContract, NameContract, RentContract, PublicIP,
  ContractBillingInformation, NruConsumption, ContractResources, Provider, SolutionProvider, Some_u64,
} from "../../generated/types";
import { Cause } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_ContractID as ContractID,
  SmartContractModule_ContractIDByNodeIDAndHash as ContractIDByNodeIDAndHash, SmartContractModule_ActiveNodeContracts as ActiveNodeContracts,
  SmartContractModule_ContractBillingInformationByID as BillingInfo, SmartContractModule_NodeContractResources as NodeContractResources,
  SmartContractModule_ContractIDByNameRegistration as NameRegistration, SmartContractModule_ActiveRentContractForNode as RentOfNode,
  SmartContractModule_SolutionProviders as SolutionProviders, SmartContractModule_SolutionProviderID as SolutionProviderID,
  SmartContractModule_ContractConsensus as ConsensusOf, SmartContractModule_DeploymentOf as DeploymentOf,
  TfgridModule_Nodes as Nodes, TfgridModule_Farms as Farms, TfgridModule_NodePower as NodePower, TfgridModule_PricingPolicies as PricingPolicies,
} from "../../generated/storage";
import { SmartContractModuleErrors as Error } from "../../generated/errors";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { SmartContractModule_MaxDeploymentDataLength, SmartContractModule_MaxNameContractNameLength } from "../../generated/constants";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { twinOf, nodeOf } from "../tfgrid-module/calls";
import { isNameLike } from "../tfgrid-module/validate";
import { NODE, NAME, RENT, nowSeconds, insertInBillingLoop, removeContract, bytesEqual } from "./store";
import { billContract } from "./billing";

const CONTRACT_VERSION: u32 = 4;
const MIN_NAME: i32 = 3;

/** A node takes no new contract while it is powered down or its farmer wants it down. */
function onStandby(node_id: u32): bool {
  const power = NodePower.get(node_id);
  return power.state.index == 1 || power.target == 1;
}

function checkSolutionProvider(id: Some_u64 | null): DispatchError | null {
  if (id === null) return null;
  if (!SolutionProviders.exists(id.value)) return Error.NoSuchSolutionProvider();
  if (!SolutionProviders.get(id.value).approved) return Error.SolutionProviderNotApproved();
  return null;
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

/** Stores a new contract, starts its billing clock and puts it in the billing loop. */
function store(c: Contract): void {
  Contracts.set(c.contract_id, c);
  ContractID.set(c.contract_id);
  const info = new ContractBillingInformation();
  info.last_updated = nowSeconds();
  BillingInfo.set(c.contract_id, info);
  insertInBillingLoop(c.contract_id);
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
  if (!Farms.exists(node.farm_id)) return Error.FarmNotExists();
  if (onStandby(node_id)) return Error.NodeNotAvailableToDeploy();
  if (RentOfNode.exists(node_id) && Contracts.get(RentOfNode.get(node_id)).twin_id != twin) return Error.NodeNotAvailableToDeploy();
  if (<u32>deployment_data.length > SmartContractModule_MaxDeploymentDataLength()) return Error.DeploymentDataTooLong();
  if (ContractIDByNodeIDAndHash.exists(node_id, deployment_hash) && Contracts.exists(ContractIDByNodeIDAndHash.get(node_id, deployment_hash)))
    return Error.ContractIsNotUnique();
  const bad = checkSolutionProvider(solution_provider_id);
  if (bad !== null) return bad;
  const farm = Farms.get(node.farm_id);
  if (<u32>farm.public_ips.length < public_ips) return Error.FarmHasNotEnoughPublicIPs();
  let free: u32 = 0;
  for (let i = 0; i < farm.public_ips.length; i++) if (farm.public_ips[i].contract_id == 0) free++;
  if (free < public_ips) return Error.FarmHasNotEnoughPublicIPsFree();

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
  if (public_ips > 0) Event.IPsReserved(c.contract_id, nc.public_ips_list);
  return null;
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
  if (c.contract_type.index != NODE) return Error.InvalidContractType();
  if (c.state.index == 2) return Error.CannotUpdateContractInGraceState();
  if (<u32>deployment_data.length > SmartContractModule_MaxDeploymentDataLength()) return Error.DeploymentDataTooLong();
  // what stakeholders vote on must not change under them
  const lead = DeploymentOf.exists(contract_id) ? DeploymentOf.get(contract_id) : contract_id;
  if (ConsensusOf.exists(lead)) return Error.ApprovalAlreadyStarted();
  const nc = c.contract_type.NodeContract;
  if (!bytesEqual(nc.deployment_hash, deployment_hash) && ContractIDByNodeIDAndHash.exists(nc.node_id, deployment_hash)
    && Contracts.exists(ContractIDByNodeIDAndHash.get(nc.node_id, deployment_hash))) return Error.ContractIsNotUnique();
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
  billContract(contract_id); // what is due until now
  removeContract(Contracts.get(contract_id), Cause.CanceledByUser);
  return null;
}

export function create_name_contract(origin: Origin, name: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (name.length < MIN_NAME) return Error.NameContractNameTooShort();
  if (<u32>name.length > SmartContractModule_MaxNameContractNameLength()) return Error.NameContractNameTooLong();
  if (!isNameLike(name)) return Error.NameNotValid();
  if (NameRegistration.exists(name)) return Error.NameExists();
  const n = new NameContract();
  n.name = name;
  const c = newContract(twin, ContractData.NameContract(n), null);
  store(c);
  NameRegistration.set(name, c.contract_id);
  return null;
}

export function create_rent_contract(origin: Origin, node_id: u32, solution_provider_id: Some_u64 | null): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  if (onStandby(node_id)) return Error.NodeNotAvailableToDeploy();
  if (RentOfNode.exists(node_id)) return Error.NodeHasRentContract();
  if (ActiveNodeContracts.get(node_id).length > 0) return Error.NodeHasActiveContracts();
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
  for (let i = 0; i < reports.length; i++)
    if (reportingNode(origin, reports[i].contract_id) == 0) return Error.NodeNotAuthorizedToComputeReport();
  for (let i = 0; i < reports.length; i++) {
    const rep = reports[i];
    const info = BillingInfo.get(rep.contract_id);
    // NRU is public traffic in bytes; priced per GiB as TF-Chain's nu policy (units USD per GiB)
    info.amount_unbilled += nruCost(rep.nru);
    info.previous_nu_reported = rep.nru;
    BillingInfo.set(rep.contract_id, info);
    Event.NruConsumptionReportReceived(rep);
  }
  return null;
}

/** Public traffic (bytes) in units USD: the nu policy's price per GiB. */
function nruCost(nru: u64): u64 {
  return PricingPolicies.exists(1) ? (nru >> 30) * <u64>PricingPolicies.get(1).nu.value : 0;
}

export function report_contract_resources(origin: Origin, contract_resources: Array<ContractResources>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkReporter(origin);
  if (refused !== null) return refused;
  for (let i = 0; i < contract_resources.length; i++)
    if (reportingNode(origin, contract_resources[i].contract_id) == 0) return Error.NodeNotAuthorizedToComputeReport();
  for (let i = 0; i < contract_resources.length; i++) {
    const r = contract_resources[i];
    // bill at the old usage up to now, then switch to the new one
    billContract(r.contract_id);
    NodeContractResources.set(r.contract_id, r);
    Event.UpdatedUsedResources(r);
  }
  return null;
}

export function create_solution_provider(origin: Origin, description: Uint8Array, link: Uint8Array, providers: Array<Provider>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  let take: u32 = 0;
  for (let i = 0; i < providers.length; i++) take += providers[i].take;
  if (take > 50) return Error.InvalidProviderConfiguration();
  const sp = new SolutionProvider();
  sp.solution_provider_id = SolutionProviderID.get() + 1;
  sp.providers = providers;
  sp.description = description;
  sp.link = link;
  SolutionProviders.set(sp.solution_provider_id, sp);
  SolutionProviderID.set(sp.solution_provider_id);
  Event.SolutionProviderCreated(sp);
  return null;
}

export function approve_solution_provider(origin: Origin, solution_provider_id: u64, approve: bool): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  if (!SolutionProviders.exists(solution_provider_id)) return Error.NoSuchSolutionProvider();
  const sp = SolutionProviders.get(solution_provider_id);
  sp.approved = approve;
  SolutionProviders.set(solution_provider_id, sp);
  Event.SolutionProviderApproved(solution_provider_id, approve);
  return null;
}

export function bill_contract_for_block(origin: Origin, contract_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Contracts.exists(contract_id)) return Error.ContractNotExists();
  billContract(contract_id);
  return null;
}

