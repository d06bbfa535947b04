/**
 * Placement: which nodes can take a workload. The orchestrator picks a deployment's nodes
 * with it, and the self-healing agent the node a failed contract moves to.
 */
import type { TfitClient } from './client.js';
import { TfitError } from './errors.js';
import * as contracts from './modules/contracts.js';
import * as to from './modules/convert.js';
import type { Capacity } from './workload/definition.js';
import type { Node } from './modules/types.js';

/** Where a deployment may run (kept in its notary record, so that a move honours it too). */
export interface Placement {
  farmId?: number;
  country?: string;
}

export class NotEnoughCapacityError extends TfitError {}

export interface Candidate { node: Node; freeMru: bigint }

/**
 * Nodes that are up (on chain, and by `alive` when given), match `placement`, are not in
 * `exclude`, are not rented, and have room for `capacity`: most free memory first.
 */
export async function candidates(client: TfitClient, capacity: Capacity, placement: Placement = {}, exclude: ReadonlySet<number> = new Set(), alive?: (nodeId: number) => boolean): Promise<Candidate[]> {
  const { api } = client;
  const all = (await api.query.tfgridModule.nodes.entries()).map(([, n]) => to.node(n.unwrap()));
  const out: Candidate[] = [];
  for (const node of all) {
    if (exclude.has(node.id) || (alive && !alive(node.id))) continue;
    if (placement.farmId !== undefined && node.farmId !== placement.farmId) continue;
    if (placement.country !== undefined && node.location.country !== placement.country) continue;
    const power = to.nodePower(await api.query.tfgridModule.nodePower(node.id));
    if (power.state !== 'Up' || power.target !== 'Up') continue;
    if ((await api.query.smartContractModule.activeRentContractForNode(node.id)).isSome) continue;
    const { used } = await contracts.usedOnNode(client, node.id);
    const free = { cru: node.resources.cru - used.cru, mru: node.resources.mru - used.mru, sru: node.resources.sru - used.sru, hru: node.resources.hru - used.hru };
    if (free.cru < BigInt(capacity.cru) || free.mru < BigInt(capacity.mru) || free.sru < BigInt(capacity.sru) || free.hru < BigInt(capacity.hru)) continue;
    out.push({ node, freeMru: free.mru });
  }
  return out.sort((a, b) => (a.freeMru === b.freeMru ? a.node.id - b.node.id : a.freeMru > b.freeMru ? -1 : 1));
}

/** `count` distinct nodes for a new deployment, or NotEnoughCapacityError. */
export async function selectNodes(client: TfitClient, capacity: Capacity, placement: Placement, count: number): Promise<number[]> {
  const found = await candidates(client, capacity, placement);
  if (found.length < count) throw new NotEnoughCapacityError(`${count} node(s) needed, ${found.length} match the requirements and have room`);
  return found.slice(0, count).map((c) => c.node.id);
}
