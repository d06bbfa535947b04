/** tfit's Smart-Contract-for-IT extension: stakeholders, approvals, deployments, workload states. */
import type { TfitClient } from '../client.js';
import type { Submitted } from '../submit.js';
import * as to from './convert.js';
import type { Signed } from './grid.js';
import type { Consensus, WorkloadState } from './types.js';
import * as grid from './grid.js';
import { kvGet, kvSetTx } from './kv.js';

export function addStakeholders(client: TfitClient, o: Signed & { contractId: number; twins: number[]; threshold: number }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.addStakeholders(o.contractId, o.twins, o.threshold), o);
}

/** Where a stakeholder's approval note lives: TFKVStore, under the stakeholder's own account. */
export const noteKey = (deploymentId: number) => `tfit/approvals/${deploymentId}`;

/**
 * A stakeholder approves the contract (and its whole deployment). A `note` (e.g. "GDPR
 * checked") is written with it, atomically, in the stakeholder's own TFKVStore entry for the
 * approval unit: only that stakeholder can write it, and status shows it beside the vote.
 */
export async function approve(client: TfitClient, o: Signed & { contractId: number; note?: string }): Promise<Submitted> {
  const approval = client.api.tx.smartContractModule.approveContract(o.contractId);
  if (o.note === undefined) return client.submit(approval, o);
  return client.batch([approval, kvSetTx(client, noteKey(await approvalUnitOf(client, o.contractId)), o.note)], o);
}

/** Each stakeholder's vote on the unit of `contractId`, with its role label (from `roles`) and approval note or rejection reason. */
export async function signoffsOf(client: TfitClient, contractId: number, roles: Record<string, string> = {}): Promise<Signoff[]> {
  const c = await consensusOf(client, contractId);
  if (!c) return [];
  const unit = await approvalUnitOf(client, contractId);
  return Promise.all(c.stakeholders.map(async (twinId): Promise<Signoff> => {
    const role = roles[twinId];
    const rejected = c.rejections.find((r) => r.twinId === twinId);
    if (rejected) return { twinId, role, vote: 'rejected', note: rejected.reason };
    if (!c.approvals.includes(twinId)) return { twinId, role, vote: 'pending' };
    const account = (await grid.twin(client, twinId))?.accountId;
    const note = account ? await kvGet(client, account, noteKey(unit)) : null;
    return { twinId, role, vote: 'approved', note: note ?? undefined };
  }));
}

export interface Signoff { twinId: number; role?: string; vote: 'approved' | 'rejected' | 'pending'; note?: string }

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

/** The contracts of the approval unit `lead` (a deployment's, or a lone contract's own id). */
export async function unitContracts(client: TfitClient, lead: number): Promise<number[]> {
  const listed = (await client.api.query.smartContractModule.deploymentContracts(lead)).map((x) => x.toNumber());
  return listed.length ? listed : [lead];
}

/** The approval units waiting for `twinId`'s vote: pending, listing it, no vote from it yet; by id. */
export async function awaitingVoteOf(client: TfitClient, twinId: number): Promise<{ deploymentId: number; consensus: Consensus }[]> {
  const out = [];
  for (const [key, value] of await client.api.query.smartContractModule.contractConsensus.entries()) {
    if (value.isNone) continue;
    const c = to.consensus(value.unwrap());
    if (c.status !== 'Pending' || !c.stakeholders.includes(twinId)) continue;
    if (c.approvals.includes(twinId) || c.rejections.some((r) => r.twinId === twinId)) continue;
    out.push({ deploymentId: key.args[0].toNumber(), consensus: c });
  }
  return out.sort((a, b) => a.deploymentId - b.deploymentId);
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
