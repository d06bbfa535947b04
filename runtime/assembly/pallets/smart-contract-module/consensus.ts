// tfit's Smart-Contract-for-IT extension: stakeholders sign off a contract (or a
// deployment of several contracts) with a threshold; the node runs the workload only once
// it is approved (or has no stakeholders) and reports its state along legal transitions.
import { DispatchError, Consensus, Rejection, WorkloadState } from "../../generated/types";
import { Cause } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_ContractConsensus as ConsensusOf,
  SmartContractModule_DeploymentOf as DeploymentOf, SmartContractModule_DeploymentContracts as DeploymentContracts,
  SmartContractModule_ContractWorkloadState as WorkloadStates, SmartContractModule_ContractID as ContractID,
  TfgridModule_Twins as Twins,
} from "../../generated/storage";
import { SmartContractModuleErrors as Error } from "../../generated/errors";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { SmartContractModule_MaxStakeholders } from "../../generated/constants";
import { ConsensusStatus } from "../../generated/types";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { twinOf, nodeOf } from "../tfgrid-module/calls";
import { NODE, removeContract, contains32 } from "./store";
import { billContract, restartBillingClock, cancelAndBill } from "./billing";
import { checkOwner, create_node_contract } from "./contracts";

const MAX_REASON: i32 = 256;
const MAX_DEPLOYMENT: i32 = 32;
const DEPLOYED: u8 = 0;
const RUNNING: u8 = 1;
const FAILED: u8 = 2;

/** The approval unit of a contract: its deployment's id, or itself. */
export function leadOf(id: u64): u64 { return DeploymentOf.exists(id) ? DeploymentOf.get(id) : id; }

function membersOf(lead: u64): Array<u64> {
  if (!DeploymentContracts.exists(lead)) { const one = new Array<u64>(0); one.push(lead); return one; }
  return DeploymentContracts.get(lead);
}

export function add_stakeholders(origin: Origin, contract_id: u64, twins: Array<u32>, threshold: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkOwner(origin, contract_id, Error.TwinNotAuthorizedToUpdateContract());
  if (refused !== null) return refused;
  if (Contracts.get(contract_id).contract_type.index != NODE) return Error.InvalidContractType();
  const lead = leadOf(contract_id);
  if (ConsensusOf.exists(lead)) {
    const c = ConsensusOf.get(lead);
    if (c.status == ConsensusStatus.Rejected) return Error.ContractRejected();
    if (c.approvals.length > 0 || c.rejections.length > 0) return Error.ApprovalAlreadyStarted();
  }
  const members = membersOf(lead);
  for (let i = 0; i < members.length; i++) if (WorkloadStates.exists(members[i])) return Error.AlreadyDeployed();
  if (<u32>twins.length > SmartContractModule_MaxStakeholders()) return Error.TooManyStakeholders();
  for (let i = 0; i < twins.length; i++) {
    if (!Twins.exists(twins[i])) return Error.TwinNotExists();
    for (let j = 0; j < i; j++) if (twins[j] == twins[i]) return Error.DuplicateStakeholder();
  }
  if (threshold < 1 || threshold > <u32>twins.length) return Error.InvalidThreshold();
  const c = new Consensus();
  c.stakeholders = twins;
  c.threshold = threshold;
  c.status = ConsensusStatus.Pending;
  ConsensusOf.set(lead, c);
  Event.StakeholdersSet(lead, twins, threshold);
  return null;
}

/** The pending consensus of `contract_id` that the caller may vote on, or the refusal. */
function checkVote(origin: Origin, contract_id: u64): DispatchError | null {
  if (!Contracts.exists(contract_id)) return Error.ContractNotExists();
  const lead = leadOf(contract_id);
  if (!ConsensusOf.exists(lead)) return Error.NoStakeholders();
  const c = ConsensusOf.get(lead);
  if (c.status == ConsensusStatus.Rejected) return Error.ContractRejected();
  if (c.status == ConsensusStatus.Approved) return Error.ConsensusAlreadyReached();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!contains32(c.stakeholders, twin)) return Error.NotAStakeholder();
  if (contains32(c.approvals, twin)) return Error.AlreadyVoted();
  for (let i = 0; i < c.rejections.length; i++) if (c.rejections[i].twin_id == twin) return Error.AlreadyVoted();
  return null;
}

export function approve_contract(origin: Origin, contract_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkVote(origin, contract_id);
  if (refused !== null) return refused;
  const lead = leadOf(contract_id);
  const c = ConsensusOf.get(lead);
  const twin = twinOf(origin.who);
  c.approvals.push(twin);
  const reached = <u32>c.approvals.length >= c.threshold;
  if (reached) c.status = ConsensusStatus.Approved;
  ConsensusOf.set(lead, c);
  Event.ContractApprovedBy(lead, twin, <u32>c.approvals.length, c.threshold);
  if (reached) Event.ContractApproved(lead);
  return null;
}

export function reject_contract(origin: Origin, contract_id: u64, reason: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkVote(origin, contract_id);
  if (refused !== null) return refused;
  if (reason.length > MAX_REASON) return Error.ReasonTooLong();
  const lead = leadOf(contract_id);
  const c = ConsensusOf.get(lead);
  const twin = twinOf(origin.who);
  const r = new Rejection();
  r.twin_id = twin;
  r.reason = reason;
  c.rejections.push(r);
  // the threshold is out of reach once fewer stakeholders than it remain to approve
  const unreachable = <u32>(c.stakeholders.length - c.rejections.length) < c.threshold;
  if (unreachable) c.status = ConsensusStatus.Rejected;
  ConsensusOf.set(lead, c);
  Event.ContractRejectedBy(lead, twin, reason);
  if (unreachable) {
    Event.ContractRejected(lead);
    // terminal: every contract of the unit is canceled; none was deployed, so none was billed
    const members = membersOf(lead);
    for (let i = 0; i < members.length; i++) if (Contracts.exists(members[i])) removeContract(Contracts.get(members[i]), Cause.CanceledByUser);
  }
  return null;
}

/** Legal workload transitions: (none) → deployed | failed, deployed → running | failed, running → failed. */
function legal(from: i32, to: u8): bool {
  if (from < 0) return to == DEPLOYED || to == FAILED;
  if (from == DEPLOYED) return to == RUNNING || to == FAILED;
  if (from == RUNNING) return to == FAILED;
  return false;
}

export function report_workload_state(origin: Origin, contract_id: u64, state: WorkloadState): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const node = nodeOf(origin.who);
  if (node == 0) return Error.NodeNotExists();
  if (!Contracts.exists(contract_id)) return Error.ContractNotExists();
  const contract = Contracts.get(contract_id);
  if (contract.contract_type.index != NODE || contract.contract_type.NodeContract.node_id != node) return Error.NodeNotAuthorizedToComputeReport();
  const lead = leadOf(contract_id);
  if (ConsensusOf.exists(lead)) {
    const status = ConsensusOf.get(lead).status;
    if (status == ConsensusStatus.Rejected) return Error.ContractRejected();
    if (status != ConsensusStatus.Approved) return Error.AwaitingApproval();
  }
  if (state.index == FAILED && state.Failed.length > MAX_REASON) return Error.ReasonTooLong();
  const from: i32 = WorkloadStates.exists(contract_id) ? <i32>WorkloadStates.get(contract_id).index : -1;
  if (!legal(from, state.index)) return Error.IllegalWorkloadTransition();
  // a contract with stakeholders accrues only while its workload runs (billing.ts, isBilling)
  if (ConsensusOf.exists(lead)) {
    if (state.index == DEPLOYED) restartBillingClock(contract_id); // nothing accrued while it waited
    else if (state.index == FAILED && from >= 0) billContract(contract_id); // what ran until the failure is due
  }
  WorkloadStates.set(contract_id, state);
  Event.WorkloadStateReported(contract_id, node, state);
  if (state.index == DEPLOYED && Twins.exists(contract.twin_id)) Event.ContractDeployed(contract_id, Twins.get(contract.twin_id).account_id);
  return null;
}

export function create_deployment(origin: Origin, contract_ids: Array<u64>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (contract_ids.length < 2 || contract_ids.length > MAX_DEPLOYMENT) return Error.InvalidDeployment();
  for (let i = 0; i < contract_ids.length; i++) {
    const id = contract_ids[i];
    for (let j = 0; j < i; j++) if (contract_ids[j] == id) return Error.InvalidDeployment();
    if (!Contracts.exists(id)) return Error.ContractNotExists();
    const c = Contracts.get(id);
    if (c.twin_id != twin) return Error.TwinNotAuthorizedToUpdateContract();
    if (c.contract_type.index != NODE) return Error.InvalidContractType();
    if (DeploymentOf.exists(id) || ConsensusOf.exists(id) || WorkloadStates.exists(id)) return Error.InvalidDeployment();
  }
  const lead = contract_ids[0];
  DeploymentContracts.set(lead, contract_ids);
  for (let i = 0; i < contract_ids.length; i++) DeploymentOf.set(contract_ids[i], lead);
  Event.DeploymentCreated(lead, contract_ids);
  return null;
}

/**
 * Self-healing: the contract's deployment moves to `node_id`. The new contract is created
 * as create_node_contract would (every check of it applies, for the same owner), with the
 * same deployment hash, data, public IP count and solution provider, and takes the old
 * one's place in the approval unit, so the consensus (keyed by the unit's lead) covers it
 * unchanged; the old contract is billed to now and canceled. Any refusal rolls back all.
 */
export function move_contract(origin: Origin, contract_id: u64, node_id: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkOwner(origin, contract_id, Error.TwinNotAuthorizedToUpdateContract());
  if (refused !== null) return refused;
  const old = Contracts.get(contract_id);
  if (old.contract_type.index != NODE) return Error.InvalidContractType();
  const lead = leadOf(contract_id);
  if (ConsensusOf.exists(lead)) {
    const status = ConsensusOf.get(lead).status;
    if (status == ConsensusStatus.Rejected) return Error.ContractRejected();
    if (status != ConsensusStatus.Approved) return Error.AwaitingApproval();
  }
  const nc = old.contract_type.NodeContract;
  if (nc.node_id == node_id) return Error.MoveToSameNode();
  const created = create_node_contract(origin, node_id, nc.deployment_hash, nc.deployment_data, nc.public_ips, old.solution_provider_id);
  if (created !== null) return created;
  const fresh = ContractID.get();
  // the new contract takes the old one's place in the unit (a lone contract becomes a unit of one)
  const members = membersOf(lead);
  for (let i = 0; i < members.length; i++) if (members[i] == contract_id) members[i] = fresh;
  DeploymentContracts.set(lead, members);
  DeploymentOf.set(fresh, lead);
  const billed = cancelAndBill(old, Cause.CanceledByUser);
  if (billed !== null) return billed;
  Event.ContractMoved(lead, contract_id, fresh, nc.node_id, node_id);
  return null;
}
