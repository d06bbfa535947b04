/**
 * What the pages show, read from the chain and the content store through @tfit/sdk (the
 * page has no chain logic of its own). Every document is checked here, in the browser: the
 * deployment against its on-chain hash, the definition's signature and its expert twin's
 * key, every file against its hash.
 */
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import {
  contracts, estimateCost, getContent, grid, readMoves, readRecord, stakeholders, workload,
  type Consensus, type CostEstimate, type DeploymentRecord, type MoveRecord, type Node, type NodePower, type TfitClient, type WorkloadState,
} from '@tfit/sdk';

export interface FileCheck { name: string; size: number; hash: string; ok: boolean; problem?: string }
export interface ContractView { contractId: number; nodeId: number; farmId: number | null; state: WorkloadState | null; active: boolean; billedUntil: number; unbilled: bigint }
export interface DeploymentView {
  deploymentId: number;
  owner: { twinId: number; account: string } | null;
  deploymentHash: string;
  deployment: workload.Deployment | null;
  /** Why the deployment document could not be shown or trusted (missing from the store, tampered). */
  problem?: string;
  expert: { twinId: number; signer: string; isExpertKey: boolean; account: string | null } | null;
  files: FileCheck[];
  contracts: ContractView[];
  cost: CostEstimate | null;
  consensus: Consensus | null;
  signoffs: stakeholders.Signoff[];
  record: DeploymentRecord | null;
  moves: MoveRecord[];
}

/** Everything about deployment `id` a stakeholder or consumer looks at. */
export async function deploymentView(client: TfitClient, storeUrl: string, id: number): Promise<DeploymentView> {
  const ids = await stakeholders.unitContracts(client, id);
  const members = await Promise.all(ids.map((cid) => contracts.contract(client, cid)));
  const first = members[0];
  const consensus = await stakeholders.consensusOf(client, id);
  if (!first && !consensus) throw new Error(`deployment ${id} does not exist on this chain`);
  const ownerTwin = first ? await grid.twin(client, first.twinId) : null;
  const owner = ownerTwin ? { twinId: ownerTwin.id, account: ownerTwin.accountId } : null;
  const record = owner ? await readRecord(client, owner.account, id) : null;
  const hash = first && first.kind === 'node' ? first.deploymentHash : record?.deploymentHash ?? '';
  const view: DeploymentView = {
    deploymentId: id, owner, deploymentHash: hash, deployment: null, expert: null, files: [], contracts: [], cost: null, consensus,
    signoffs: await stakeholders.signoffsOf(client, id, record?.roles), record, moves: record && owner ? await readMoves(client, owner.account, record) : [],
  };
  for (const [i, cid] of ids.entries()) {
    const c = members[i];
    const nodeId = c && c.kind === 'node' ? c.nodeId : record?.contracts.find((x) => x.contractId === cid)?.nodeId ?? 0;
    const node = nodeId ? await grid.node(client, nodeId) : null;
    const billing = await client.api.query.smartContractModule.contractBillingInformationByID(cid);
    view.contracts.push({
      contractId: cid, nodeId, farmId: node?.farmId ?? null, state: await stakeholders.workloadStateOf(client, cid), active: c !== null,
      billedUntil: billing.lastUpdated.toNumber(), unbilled: billing.amountUnbilled.toBigInt(),
    });
  }
  if (!hash) { view.problem = 'Its contracts are canceled: the chain no longer names its definition.'; return view; }
  try {
    const doc = JSON.parse(new TextDecoder().decode(await getContent(storeUrl, hash))) as workload.Deployment;
    workload.verifyDeployment(doc, hash);
    view.deployment = doc;
  } catch (e) {
    view.problem = `the deployment document ${hash.slice(0, 12)}… cannot be trusted or read: ${(e as Error).message}`;
    return view;
  }
  const def = view.deployment.signed.definition;
  const expert = await grid.twin(client, def.expert.twinId);
  const signer = view.deployment.signed.signature.signer;
  view.expert = { twinId: def.expert.twinId, signer, account: expert?.accountId ?? null, isExpertKey: !!expert && u8aToHex(decodeAddress(expert.accountId)) === signer };
  view.files = await Promise.all(def.files.map(async (f) => {
    try {
      const bytes = await getContent(storeUrl, f.blake2_256); // rejects unless the bytes hash to it
      return bytes.length === f.size ? { name: f.name, size: f.size, hash: f.blake2_256, ok: true } : { name: f.name, size: f.size, hash: f.blake2_256, ok: false, problem: `${bytes.length} bytes in the store` };
    } catch (e) {
      return { name: f.name, size: f.size, hash: f.blake2_256, ok: false, problem: (e as Error).message };
    }
  }));
  const farmId = view.contracts.find((c) => c.farmId !== null)?.farmId;
  if (farmId != null) {
    const one = await estimateCost(client, def.capacity, farmId);
    const n = view.contracts.length;
    view.cost = { ...one, usdPerHour: one.usdPerHour * n, tftPerHour: one.tftPerHour * n, usdPerMonth: one.usdPerMonth * n, tftPerMonth: one.tftPerMonth * n };
  }
  return view;
}

export interface NodeRow { node: Node; power: NodePower; used: { cru: bigint; mru: bigint; sru: bigint; hru: bigint }; contracts: number[] }

/** The grid: every node, its power, what its contracts use, which contracts it runs. */
export async function gridView(client: TfitClient): Promise<NodeRow[]> {
  const rows: NodeRow[] = [];
  for (const [, n] of await client.api.query.tfgridModule.nodes.entries()) {
    const node = (await grid.node(client, n.unwrap().id.toNumber()))!;
    const { contracts: ids, used } = await contracts.usedOnNode(client, node.id);
    rows.push({ node, power: await grid.nodePower(client, node.id), used, contracts: ids });
  }
  return rows.sort((a, b) => a.node.id - b.node.id);
}
