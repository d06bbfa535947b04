/** Contracts, node reports and billing (SmartContractModule, TF-Chain's part). */
import type { TfitClient } from '../client.js';
import type { Submitted } from '../submit.js';
import { TfitError } from '../errors.js';
import * as to from './convert.js';
import type { Signed } from './grid.js';
import type { Contract, Resources } from './types.js';

/** The ids of the contracts a submission created, in order (its ContractCreated events). */
export function createdIds(client: TfitClient, r: Submitted): number[] {
  return r.events.filter((e) => client.api.events.smartContractModule.ContractCreated.is(e.event))
    .map((e) => (e.event.data[0] as unknown as { contractId: { toNumber(): number } }).contractId.toNumber());
}

function createdId(client: TfitClient, r: Submitted): number {
  const [id] = createdIds(client, r);
  if (id === undefined) throw new TfitError('no ContractCreated event');
  return id;
}

export interface NodeContractInput { nodeId: number; deploymentHash: string; deploymentData?: string; publicIps?: number; solutionProviderId?: number }

/** The id the next contract will get (ids are sequential): lets a batch create a contract and act on it. */
export async function nextContractId(client: TfitClient): Promise<number> {
  return (await client.api.query.smartContractModule.contractID()).toNumber() + 1;
}

export function nodeContractTx(client: TfitClient, c: NodeContractInput) {
  return client.api.tx.smartContractModule.createNodeContract(c.nodeId, c.deploymentHash, c.deploymentData ?? '', c.publicIps ?? 0, c.solutionProviderId ?? null);
}

export async function createNodeContract(client: TfitClient, o: Signed & NodeContractInput): Promise<number> {
  return createdId(client, await client.submit(nodeContractTx(client, o), o));
}

export async function createNameContract(client: TfitClient, o: Signed & { name: string }): Promise<number> {
  return createdId(client, await client.submit(client.api.tx.smartContractModule.createNameContract(o.name), o));
}

export async function createRentContract(client: TfitClient, o: Signed & { nodeId: number; solutionProviderId?: number }): Promise<number> {
  return createdId(client, await client.submit(client.api.tx.smartContractModule.createRentContract(o.nodeId, o.solutionProviderId ?? null), o));
}

export function updateNodeContract(client: TfitClient, o: Signed & { contractId: number; deploymentHash: string; deploymentData?: string }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.updateNodeContract(o.contractId, o.deploymentHash, o.deploymentData ?? ''), o);
}

export function cancelContract(client: TfitClient, o: Signed & { contractId: number }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.cancelContract(o.contractId), o);
}

/** Active contract `id`, or null (canceled, rejected or unknown). */
export async function contract(client: TfitClient, id: number): Promise<Contract | null> {
  const c = await client.api.query.smartContractModule.contracts(id);
  return c.isSome ? to.contract(c.unwrap()) : null;
}

/** A node's active node contracts. */
export async function activeContractsOfNode(client: TfitClient, nodeId: number): Promise<number[]> {
  return (await client.api.query.smartContractModule.activeNodeContracts(nodeId)).map((x) => x.toNumber());
}

/** A node's active contracts and what they use together, as their node reported it. */
export async function usedOnNode(client: TfitClient, nodeId: number): Promise<{ contracts: number[]; used: Resources }> {
  const ids = await activeContractsOfNode(client, nodeId);
  const used = { cru: 0n, mru: 0n, sru: 0n, hru: 0n };
  for (const id of ids) {
    const u = (await client.api.query.smartContractModule.nodeContractResources(id)).used;
    used.cru += u.cru.toBigInt(); used.mru += u.mru.toBigInt(); used.sru += u.sru.toBigInt(); used.hru += u.hru.toBigInt();
  }
  return { contracts: ids, used };
}

/** A node reports what its contracts use (its own contracts only). */
export function reportResources(client: TfitClient, o: Signed & { reports: { contractId: number; used: Resources }[] }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.reportContractResources(o.reports), o);
}

/** A node reports public traffic (NRU, bytes) of its contracts. */
export function reportNru(client: TfitClient, o: Signed & { reports: { contractId: number; timestamp: number; window: number; nru: bigint }[] }): Promise<Submitted> {
  return client.submit(client.api.tx.smartContractModule.addNruReports(o.reports), o);
}

/** Bills a contract now; resolves to the amount billed (0 when nothing was due). */
export async function billContract(client: TfitClient, o: Signed & { contractId: number }): Promise<bigint> {
  const r = await client.submit(client.api.tx.smartContractModule.billContractForBlock(o.contractId), o);
  const billed = r.events.find((e) => client.api.events.smartContractModule.ContractBilled.is(e.event));
  return billed ? (billed.event.data[0] as unknown as { amountBilled: { toBigInt(): bigint } }).amountBilled.toBigInt() : 0n;
}
