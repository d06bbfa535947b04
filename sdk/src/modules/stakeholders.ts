/** tfit's Smart-Contract-for-IT extension: stakeholders, approvals, deployments, workload states. */
import type { TfitClient } from '../client.js';
import type { Submitted } from '../submit.js';
import * as to from './convert.js';
import type { Signed } from './grid.js';
import type { Consensus, WorkloadState } from './types.js';

export function addStakeholders(client: TfitClient, o: Signed & { contractId: number; twins: number[]; threshold: number }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.addStakeholders(o.contractId, o.twins, o.threshold), o);
}

export function approve(client: TfitClient, o: Signed & { contractId: number }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.approveContract(o.contractId), o);
}

export function reject(client: TfitClient, o: Signed & { contractId: number; reason: string }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.rejectContract(o.contractId, o.reason), o);
}

/** Groups the signer's node contracts into one deployment approved as a unit; its id is the first contract's. */
export function createDeployment(client: TfitClient, o: Signed & { contractIds: number[] }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.createDeployment(o.contractIds), o);
}

/** The approval unit of a contract: its deployment's id, or itself. */
export async function approvalUnitOf(client: TfitClient, contractId: number): Promise<number> {
  const d = await client.api.query.smartContractModule.deploymentOf(contractId);
  return d.isSome ? d.unwrap().toNumber() : contractId;
}

/** Stakeholders, approvals and status of a contract (through its deployment), or null when it has none. */
export async function consensusOf(client: TfitClient, contractId: number): Promise<Consensus | null> {
  const c = await client.api.query.smartContractModule.contractConsensus(await approvalUnitOf(client, contractId));
  return c.isSome ? to.consensus(c.unwrap()) : null;
}

/** Whether a node may run the contract now: approved, or guarded by no stakeholder. */
export async function mayDeploy(client: TfitClient, contractId: number): Promise<boolean> {
  const c = await consensusOf(client, contractId);
  return c === null || c.status === 'Approved';
}

/** The contract's node reports its workload state. */
export function reportWorkloadState(client: TfitClient, o: Signed & { contractId: number; state: WorkloadState }): Promise<Submitted> {
  const state = o.state.state === 'Failed' ? { Failed: o.state.reason } : o.state.state;
  return client.submit(client.api.tx.smartContractModule.reportWorkloadState(o.contractId, state), o);
}

export async function workloadStateOf(client: TfitClient, contractId: number): Promise<WorkloadState | null> {
  const w = await client.api.query.smartContractModule.contractWorkloadState(contractId);
  return w.isSome ? to.workloadState(w.unwrap()) : null;
}
