/** TF-Grid: terms and conditions, twins, farms, nodes, uptime and power (TfgridModule). */
import type { TfitClient } from '../client.js';
import type { Submitted } from '../submit.js';
import type { TxSigner } from '../signer.js';
import { TfitError } from '../errors.js';
import * as to from './convert.js';
import type { Farm, Interface, Location, Node, NodePower, Resources, Twin } from './types.js';

export interface Signed { signer: TxSigner; timeoutMs?: number }

/** Accepts the terms and conditions and creates the signer's twin, atomically. */
export async function createTwin(client: TfitClient, o: Signed & { relay?: string; pk?: string; documentLink?: string; documentHash?: string }): Promise<Twin & { submitted: Submitted }> {
  const g = client.api.tx.tfgridModule;
  const submitted = await client.batch([
    g.userAcceptTc(o.documentLink ?? 'https://library.threefold.me/info/legal/', o.documentHash ?? 'tfit'),
    g.createTwin(o.relay ?? null, o.pk ?? null),
  ], o);
  const stored = submitted.events.find((e) => client.api.events.tfgridModule.TwinStored.is(e.event));
  if (!stored) throw new TfitError('createTwin: no TwinStored event');
  return { ...to.twin(stored.event.data[0] as never), submitted };
}

export async function twin(client: TfitClient, id: number): Promise<Twin | null> {
  const t = await client.api.query.tfgridModule.twins(id);
  return t.isSome ? to.twin(t.unwrap()) : null;
}

export async function twinIdOf(client: TfitClient, address: string): Promise<number | null> {
  const id = await client.api.query.tfgridModule.twinIdByAccountID(address);
  return id.isSome ? id.unwrap().toNumber() : null;
}

export async function createFarm(client: TfitClient, o: Signed & { name: string; publicIps?: { ip: string; gw: string }[] }): Promise<Farm> {
  const r = await client.submit(client.api.tx.tfgridModule.createFarm(o.name, o.publicIps ?? []), o);
  const stored = r.events.find((e) => client.api.events.tfgridModule.FarmStored.is(e.event));
  if (!stored) throw new TfitError('createFarm: no FarmStored event');
  return to.farm(stored.event.data[0] as never);
}

export async function farm(client: TfitClient, id: number): Promise<Farm | null> {
  const f = await client.api.query.tfgridModule.farms(id);
  return f.isSome ? to.farm(f.unwrap()) : null;
}

export interface NodeInput {
  farmId: number; resources: Resources; location: Location; interfaces?: Interface[];
  secureBoot?: boolean; virtualized?: boolean; serialNumber?: string;
}

/** Registers the signer's twin as a node (one node per twin). */
export async function createNode(client: TfitClient, o: Signed & NodeInput): Promise<Node> {
  const tx = client.api.tx.tfgridModule.createNode(o.farmId, o.resources, o.location, o.interfaces ?? [], o.secureBoot ?? false, o.virtualized ?? false, o.serialNumber ?? null);
  const r = await client.submit(tx, o);
  const stored = r.events.find((e) => client.api.events.tfgridModule.NodeStored.is(e.event));
  if (!stored) throw new TfitError('createNode: no NodeStored event');
  return to.node(stored.event.data[0] as never);
}

export async function node(client: TfitClient, id: number): Promise<Node | null> {
  const n = await client.api.query.tfgridModule.nodes(id);
  return n.isSome ? to.node(n.unwrap()) : null;
}

export async function nodesOfFarm(client: TfitClient, farmId: number): Promise<number[]> {
  return (await client.api.query.tfgridModule.nodesByFarmID(farmId)).map((x) => x.toNumber());
}

/** The node run by the twin of `address`, or null. */
export async function nodeIdOf(client: TfitClient, address: string): Promise<number | null> {
  const twinId = await twinIdOf(client, address);
  if (twinId === null) return null;
  const id = (await client.api.query.tfgridModule.nodeIdByTwinID(twinId)).toNumber();
  return id > 0 && (await client.api.query.tfgridModule.nodes(id)).isSome ? id : null;
}

/** A node reports its uptime (free): `timestampHint` defaults to now (unix seconds). */
export function reportUptime(client: TfitClient, o: Signed & { uptimeSeconds: number; timestampHint?: number }): Promise<Submitted> {
  return client.submit(client.api.tx.tfgridModule.reportUptimeV2(o.uptimeSeconds, o.timestampHint ?? Math.floor(Date.now() / 1000)), o);
}

export function setPowerState(client: TfitClient, o: Signed & { state: 'Up' | 'Down' }): Promise<Submitted> {
  return client.submit(client.api.tx.tfgridModule.changePowerState(o.state), o);
}

export function setPowerTarget(client: TfitClient, o: Signed & { nodeId: number; target: 'Up' | 'Down' }): Promise<Submitted> {
  return client.submit(client.api.tx.tfgridModule.changePowerTarget(o.nodeId, o.target), o);
}

export async function nodePower(client: TfitClient, nodeId: number): Promise<NodePower> {
  return to.nodePower(await client.api.query.tfgridModule.nodePower(nodeId));
}
