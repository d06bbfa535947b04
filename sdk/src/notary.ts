/**
 * The consumer's notary: what the orchestrator and the self-healing agent record about each
 * deployment in TFKVStore, under the consumer's account (only that key can write there).
 * `tfit/deployments/<id>` holds the deployment's record; `tfit/deployments/<id>/moves/<n>`
 * each move the agent made. Both survive any process: a restarted orchestrator or agent
 * resumes from them and the chain.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import type { TfitClient } from './client.js';
import { ConnectionError } from './errors.js';
import * as kv from './modules/kv.js';
import type { Placement } from './placement.js';

export type DeploymentPhase = 'awaiting-approval' | 'approved' | 'running' | 'healing' | 'degraded' | 'failed' | 'rejected' | 'canceled';

/** A contract being moved by the agent: one failure, until its workload runs again. */
export interface Healing {
  /** What went wrong first (the failure this episode heals). */
  reason: string;
  /** Nodes that had this failure's workload or were tried for it: never tried again for it. */
  tried: number[];
  /** Moves made for this failure. */
  attempts: number;
  /** When the current contract was created by a move (ms since epoch), to time out a node that never starts it. */
  movedAt: number;
}

export interface DeploymentRecord {
  deploymentId: number;
  deploymentHash: string;
  contracts: { contractId: number; nodeId: number }[];
  stakeholders: number[];
  threshold: number;
  /** Role labels of the stakeholders, by twin id (e.g. code, legal, budget). */
  roles?: Record<string, string>;
  phase: DeploymentPhase;
  reason?: string;
  /** Where it may run (the deploy's requirements). */
  placement?: Placement;
  /** How many moves are notarized under `…/moves/<n>`, n = 1…moves. */
  moves?: number;
  /** Contracts being healed, by their current contract id. */
  healing?: Record<string, Healing>;
}

/** One notarized move. */
export interface MoveRecord {
  n: number;
  from: { contractId: number; nodeId: number };
  to: { contractId: number; nodeId: number };
  reason: string;
  /** The block that holds the move. */
  block: string;
  at: string;
}

const PREFIX = 'tfit/deployments/';
export const recordKey = (id: number) => `${PREFIX}${id}`;
export const moveKey = (id: number, n: number) => `${PREFIX}${id}/moves/${n}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function readRecord(client: TfitClient, owner: string, deploymentId: number): Promise<DeploymentRecord | null> {
  const text = await kv.kvGet(client, owner, recordKey(deploymentId));
  return text ? (JSON.parse(text) as DeploymentRecord) : null;
}

/** Every deployment record of `owner`. */
export async function readRecords(client: TfitClient, owner: string): Promise<DeploymentRecord[]> {
  const out: DeploymentRecord[] = [];
  for (const [key, value] of await kv.kvEntries(client, owner))
    if (/^tfit\/deployments\/\d+$/.test(key)) out.push(JSON.parse(value) as DeploymentRecord);
  return out.sort((a, b) => a.deploymentId - b.deploymentId);
}

export async function readMoves(client: TfitClient, owner: string, record: DeploymentRecord): Promise<MoveRecord[]> {
  const out: MoveRecord[] = [];
  for (let n = 1; n <= (record.moves ?? 0); n++) {
    const text = await kv.kvGet(client, owner, moveKey(record.deploymentId, n));
    if (text) out.push(JSON.parse(text) as MoveRecord);
  }
  return out;
}

/**
 * Writes `value` under `key`. A connection lost on the way is waited out (the client
 * reconnects by itself) and the value written again: setting the same value twice is harmless.
 */
export function notarize(client: TfitClient, signer: KeyringPair, key: string, value: unknown, timeoutMs = 60_000): Promise<void> {
  return notarizeRaw(client, signer, key, JSON.stringify(value), timeoutMs);
}

/** As notarize, with the value as given (not JSON-encoded). */
export async function notarizeRaw(client: TfitClient, signer: KeyringPair, key: string, value: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return void (await kv.kvSet(client, { signer, key, value }));
    } catch (e) {
      if (!(e instanceof ConnectionError) || Date.now() > deadline) throw e;
      client.logger.warn('chain unreachable; notarizing again once reconnected', { key });
      while (!client.api.isConnected && Date.now() < deadline) await sleep(250);
    }
  }
}
