/**
 * Sealed secrets on the chain and the store (the crypto is workload/sealed.ts): the
 * orchestrator seals a deployment's secrets to each chosen node and to the consumer, the
 * agent re-seals from the consumer's copy when it moves a contract, a node finds and
 * opens its envelope. Envelopes live in the content store; the consumer's TFKVStore points
 * each contract at its node's envelope (`tfit/sealed/<contractId>`) and keeps its own copy's
 * address (`tfit/sealed/deployment-<id>`).
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { decodeAddress } from '@polkadot/util-crypto';
import type { TfitClient } from './client.js';
import { TfitError } from './errors.js';
import { getContent, putContent } from './content.js';
import * as grid from './modules/grid.js';
import { kvGet, kvSetTx } from './modules/kv.js';
import { canonicalBytes } from './workload/canonical.js';
import {
  envelopeKey, ownerEnvelopeKey, openEnvelope, openOpenings, sealToNode, sealToOwner, SealedSecretError,
  type Envelope, type SecretCommitment, type SecretOpening,
} from './workload/sealed.js';

/** A node's ed25519 public key: its twin's account on chain. */
export async function nodePublicKey(client: TfitClient, nodeId: number): Promise<Uint8Array> {
  const node = await grid.node(client, nodeId);
  const twin = node ? await grid.twin(client, node.twinId) : null;
  if (!twin) throw new TfitError(`node ${nodeId} (or its twin) does not exist: cannot seal secrets to it`);
  return decodeAddress(twin.accountId);
}

const publish = async (storeUrl: string, e: Envelope) => putContent(storeUrl, canonicalBytes(e));

/** Seals `openings` to `nodeId` and publishes the envelope; resolves to its content address. */
export async function publishForNode(client: TfitClient, storeUrl: string, deploymentHash: string, nodeId: number, openings: Record<string, SecretOpening>): Promise<string> {
  return publish(storeUrl, sealToNode(deploymentHash, await nodePublicKey(client, nodeId), openings));
}

export function publishForOwner(storeUrl: string, deploymentHash: string, owner: KeyringPair, openings: Record<string, SecretOpening>): Promise<string> {
  return publish(storeUrl, sealToOwner(deploymentHash, owner, openings));
}

/** The TFKVStore writes that point contracts (and the owner's copy) at their envelopes. */
export function pointerCalls(client: TfitClient, pointers: { key: string; address: string }[]) {
  return pointers.map((p) => kvSetTx(client, p.key, p.address));
}

async function fetchEnvelope(client: TfitClient, storeUrl: string, owner: string, key: string): Promise<Envelope | null> {
  const address = await kvGet(client, owner, key);
  if (!address) return null;
  const bytes = await getContent(storeUrl, address);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as Envelope;
  } catch {
    throw new SealedSecretError(`the envelope at ${address} is not JSON`);
  }
}

/** The consumer's own copy of a deployment's secrets (values and salts, to re-seal after a move), or null when it has none. */
export async function ownerOpenings(client: TfitClient, storeUrl: string, owner: KeyringPair, deploymentId: number, deploymentHash: string, commitments: Record<string, SecretCommitment>): Promise<Record<string, SecretOpening> | null> {
  const e = await fetchEnvelope(client, storeUrl, owner.address, ownerEnvelopeKey(deploymentId));
  return e ? openOpenings(e, owner, deploymentHash, commitments) : null;
}

/** A node's secrets for `contractId` (owned by `owner`), opened and checked; null while the consumer has not pointed it at an envelope. */
export async function nodeSecrets(client: TfitClient, storeUrl: string, node: KeyringPair, owner: string, contractId: number, deploymentHash: string, commitments: Record<string, SecretCommitment>): Promise<Record<string, string> | null> {
  const e = await fetchEnvelope(client, storeUrl, owner, envelopeKey(contractId));
  return e ? openEnvelope(e, node, deploymentHash, commitments) : null;
}
