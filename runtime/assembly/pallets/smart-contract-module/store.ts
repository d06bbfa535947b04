// Shared reads and the contract lifecycle's bookkeeping (billing loop, removal), used by
// the contract, billing and consensus modules.
import { Contract, ContractState, PublicIP } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_ContractsToBillAt as ContractsToBillAt,
  SmartContractModule_BillingFrequency as BillingFrequencyValue, SmartContractModule_ActiveNodeContracts as ActiveNodeContracts,
  SmartContractModule_ContractIDByNodeIDAndHash as ContractIDByNodeIDAndHash, SmartContractModule_NodeContractResources as NodeContractResources,
  SmartContractModule_ContractBillingInformationByID as BillingInfo, SmartContractModule_ContractPaymentState as PaymentStates,
  SmartContractModule_ContractIDByNameRegistration as NameRegistration, SmartContractModule_ActiveRentContractForNode as RentOfNode,
  SmartContractModule_DeploymentOf as DeploymentOf, SmartContractModule_DeploymentContracts as DeploymentContracts,
  SmartContractModule_ContractWorkloadState as WorkloadStates, TfgridModule_Farms as Farms, TfgridModule_Nodes as Nodes,
  Timestamp_Now,
} from "../../generated/storage";
import { SmartContractModule_BillingFrequency } from "../../generated/constants";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { bytesEqual } from "../../codec";

export const NODE: u8 = 0;
export const NAME: u8 = 1;
export const RENT: u8 = 2;

export function nowSeconds(): u64 { return Timestamp_Now.get() / 1000; }

export function billingFrequency(): u64 {
  const f = BillingFrequencyValue.get();
  return f == 0 ? SmartContractModule_BillingFrequency() : f;
}

export function insertInBillingLoop(id: u64): void {
  const index = id % billingFrequency();
  const list = ContractsToBillAt.get(index);
  list.push(id);
  ContractsToBillAt.set(index, list);
}

function removeFromBillingLoop(id: u64): void {
  const index = id % billingFrequency();
  const list = ContractsToBillAt.get(index);
  const kept = new Array<u64>(0);
  for (let i = 0; i < list.length; i++) if (list[i] != id) kept.push(list[i]);
  ContractsToBillAt.set(index, kept); // TF-Chain stores the emptied list too
}

function without(list: Array<u64>, id: u64): Array<u64> {
  const kept = new Array<u64>(0);
  for (let i = 0; i < list.length; i++) if (list[i] != id) kept.push(list[i]);
  return kept;
}

/** Gives a node contract's public IPs back to its farm; IPsFreed lists them as freed (held by no contract), as TF-Chain's. */
function freeIps(contract: Contract): void {
  const nc = contract.contract_type.NodeContract;
  if (nc.public_ips == 0) return;
  const freed = new Array<PublicIP>(0);
  const node = Nodes.get(nc.node_id);
  if (Farms.exists(node.farm_id)) {
    const farm = Farms.get(node.farm_id);
    for (let i = 0; i < farm.public_ips.length; i++)
      if (farm.public_ips[i].contract_id == contract.contract_id) { farm.public_ips[i].contract_id = 0; freed.push(farm.public_ips[i]); }
    Farms.set(node.farm_id, farm);
  }
  Event.IPsFreed(contract.contract_id, freed);
  nc.public_ips_list = new Array<PublicIP>(0);
}

/** Deletes a contract and everything indexed by it, emitting TF-Chain's cancel events (TF-Chain's remove_contract). */
export function removeContract(contract: Contract, cause: u8): void {
  const id = contract.contract_id;
  contract.state = ContractState.Deleted(cause);
  const kind = contract.contract_type.index;
  if (kind == NODE) {
    const nc = contract.contract_type.NodeContract;
    freeIps(contract);
    ActiveNodeContracts.set(nc.node_id, without(ActiveNodeContracts.get(nc.node_id), id)); // emptied lists stay, as TF-Chain's
    if (ContractIDByNodeIDAndHash.get(nc.node_id, nc.deployment_hash) == id) ContractIDByNodeIDAndHash.remove(nc.node_id, nc.deployment_hash);
    NodeContractResources.remove(id);
    WorkloadStates.remove(id);
    if (DeploymentOf.exists(id)) {
      const lead = DeploymentOf.get(id);
      DeploymentOf.remove(id);
      const members = without(DeploymentContracts.get(lead), id);
      if (members.length == 0) DeploymentContracts.remove(lead);
      else DeploymentContracts.set(lead, members);
    }
    Event.NodeContractCanceled(id, nc.node_id, contract.twin_id);
  } else if (kind == NAME) {
    NameRegistration.remove(contract.contract_type.NameContract.name);
    Event.NameContractCanceled(id);
  } else {
    const node = contract.contract_type.RentContract.node_id;
    if (RentOfNode.exists(node) && RentOfNode.get(node) == id) RentOfNode.remove(node);
    // as TF-Chain, the rented node's contracts go with it (unbilled: they paid only IPs and NRU)
    const active = ActiveNodeContracts.get(node);
    for (let i = 0; i < active.length; i++) if (Contracts.exists(active[i])) removeContract(Contracts.get(active[i]), cause);
    Event.RentContractCanceled(id);
  }
  removeFromBillingLoop(id);
  BillingInfo.remove(id);
  PaymentStates.remove(id);
  Contracts.remove(id);
}

/** The node a contract runs on (0 for name contracts). */
export function nodeOfContract(contract: Contract): u32 {
  const kind = contract.contract_type.index;
  if (kind == NODE) return contract.contract_type.NodeContract.node_id;
  if (kind == RENT) return contract.contract_type.RentContract.node_id;
  return 0;
}

export function contains32(list: Array<u32>, x: u32): bool {
  for (let i = 0; i < list.length; i++) if (list[i] == x) return true;
  return false;
}

export { bytesEqual };
