/**
 * The orchestrator (the consumer's "3bot"): deploys a signed workload definition with
 * the consumer's requirements. It publishes the deployment, picks nodes with free
 * capacity, creates the contracts, the deployment grouping and the stakeholders in one
 * atomic batch, then follows consensus and the nodes' reports, recording every milestone
 * in TFKVStore (its notary) so that it can resume from chain state after a crash.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import type { TfitClient } from './client.js';
import { ModuleError, TfitError } from './errors.js';
import { putContent, getContent } from './content.js';
import * as contracts from './modules/contracts.js';
import * as stakeholders from './modules/stakeholders.js';
import { checkSecrets, secretNames } from './workload/signed.js';
import { commitSecrets, envelopeKey, ownerEnvelopeKey, type SecretOpening } from './workload/sealed.js';
import { pointerCalls, publishForNode, publishForOwner } from './secrets.js';
import { notarize, readMoves, readRecord, recordKey, type DeploymentRecord, type MoveRecord } from './notary.js';
import { selectNodes, type Placement } from './placement.js';
import { canonicalBytes } from './workload/canonical.js';
import { instantiate, type SignedDefinition } from './workload/signed.js';
import type { WorkloadState } from './modules/types.js';
import { NewHeads } from './heads.js';

export interface Requirements extends Placement {
  /** How many nodes (one contract each), default 1. */
  nodes?: number;
  /** Values for the definition's parameters. */
  parameters?: Record<string, unknown>;
  /** Values for the definition's secret parameters: sealed to the chosen nodes (and to the consumer), never published. */
  secrets?: Record<string, string>;
}

export interface DeployOptions {
  /** Twins whose approvals the nodes need, and how many. */
  stakeholders?: number[];
  threshold?: number;
  /** A role label per stakeholder twin (e.g. { 3: 'code', 4: 'legal' }), shown in status. */
  roles?: Record<number, string>;
  onStep?: (step: DeployStep) => void;
  /** Give up waiting for approval and the nodes after this long (default 5 min). */
  timeoutMs?: number;
}

export type DeployStep =
  | { step: 'published'; deploymentHash: string }
  | { step: 'nodes-selected'; nodeIds: number[] }
  | { step: 'contracts-created'; deploymentId: number; contractIds: number[] }
  | { step: 'awaiting-approval'; deploymentId: number; stakeholders: number[]; threshold: number }
  | { step: 'approved'; deploymentId: number }
  | { step: 'node-state'; contractId: number; nodeId: number; state: WorkloadState }
  | { step: 'running'; deploymentId: number }
  | { step: 'failed'; deploymentId: number; reason: string };

export interface DeploymentStatus extends DeploymentRecord {
  consensus: Awaited<ReturnType<typeof stakeholders.consensusOf>>;
  states: { contractId: number; nodeId: number; state: WorkloadState | null; active: boolean }[];
  /** The self-healing agent's moves, oldest first. */
  moveHistory: MoveRecord[];
  /** Each stakeholder's vote, role and note. */
  signoffs: stakeholders.Signoff[];
}

export class DeploymentFailedError extends TfitError {
  constructor(readonly record: DeploymentRecord) { super(`deployment ${record.deploymentId} ${record.phase}: ${record.reason ?? ''}`); }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The longest a follower waits between two looks when no new head announces itself. */
const FOLLOW_POLL_MS = 1_000;

export class Orchestrator {
  constructor(readonly client: TfitClient, readonly signer: KeyringPair, readonly storeUrl: string) {}

  /** Deploys `signed` and resolves once every contract runs (or rejects on rejection, failure or timeout). */
  async deploy(signed: SignedDefinition, requirements: Requirements = {}, options: DeployOptions = {}): Promise<DeploymentRecord> {
    const step = options.onStep ?? (() => {});
    for (const [twin, role] of Object.entries(options.roles ?? {})) {
      if (!(options.stakeholders ?? []).includes(Number(twin))) throw new TfitError(`role "${role}" is for twin ${twin}, who is not a stakeholder`);
      if (!/^[\w .-]{1,32}$/.test(role)) throw new TfitError(`role "${role}": 1 to 32 letters, digits, spaces, ".", "_" or "-"`);
    }
    const secretValues = checkSecrets(signed.definition, requirements.secrets ?? {});
    const { commitments, openings } = commitSecrets(secretValues);
    const { deployment, hash } = instantiate(signed, requirements.parameters ?? {}, commitments);
    for (const f of signed.definition.files) await getContent(this.storeUrl, f.blake2_256).catch((e) => { throw new TfitError(`file ${f.name} is not in the content store: ${(e as Error).message}`); });
    await putContent(this.storeUrl, canonicalBytes(deployment));
    step({ step: 'published', deploymentHash: hash });

    const placement: Placement = { farmId: requirements.farmId, country: requirements.country };
    const nodeIds = await selectNodes(this.client, signed.definition.capacity, placement, requirements.nodes ?? 1);
    step({ step: 'nodes-selected', nodeIds });
    const twins = options.stakeholders ?? [];
    const threshold = options.threshold ?? twins.length;
    const roles = options.roles && Object.keys(options.roles).length ? { ...options.roles } : undefined;
    const sealed = secretNames(signed.definition).length ? await this.sealFor(hash, nodeIds, openings) : null;
    const record = { ...(await this.createContracts(hash, nodeIds, twins, threshold, sealed)), placement, ...(roles ? { roles } : {}) };
    step({ step: 'contracts-created', deploymentId: record.deploymentId, contractIds: record.contracts.map((c) => c.contractId) });
    if (twins.length) step({ step: 'awaiting-approval', deploymentId: record.deploymentId, stakeholders: twins, threshold });
    await this.notarize(record);
    return this.follow(record, step, options.timeoutMs ?? 300_000);
  }

  /** Continues following a deployment (after the orchestrator's own restart) from chain state. */
  async resume(deploymentId: number, options: Pick<DeployOptions, 'onStep' | 'timeoutMs'> = {}): Promise<DeploymentRecord> {
    const record = await this.record(deploymentId);
    if (!record) throw new TfitError(`no deployment ${deploymentId} in ${this.signer.address}'s notary`);
    if (record.phase !== 'awaiting-approval' && record.phase !== 'approved') return record; // the agent follows it from here
    return this.follow(record, options.onStep ?? (() => {}), options.timeoutMs ?? 300_000);
  }

  record(deploymentId: number): Promise<DeploymentRecord | null> {
    return readRecord(this.client, this.signer.address, deploymentId);
  }

  async status(deploymentId: number): Promise<DeploymentStatus> {
    const record = await this.record(deploymentId);
    if (!record) throw new TfitError(`no deployment ${deploymentId}`);
    const states = await Promise.all(record.contracts.map(async (c) => ({
      ...c, state: await stakeholders.workloadStateOf(this.client, c.contractId), active: (await contracts.contract(this.client, c.contractId)) !== null,
    })));
    return { ...record, consensus: await stakeholders.consensusOf(this.client, deploymentId), states,
      moveHistory: await readMoves(this.client, this.signer.address, record), signoffs: await stakeholders.signoffsOf(this.client, deploymentId, record.roles) };
  }

  /** Cancels every contract of the deployment (one atomic batch) and notarizes it. */
  async cancel(deploymentId: number): Promise<void> {
    const record = await this.record(deploymentId);
    if (!record) throw new TfitError(`no deployment ${deploymentId}`);
    const live = [];
    for (const c of record.contracts) if (await contracts.contract(this.client, c.contractId)) live.push(c.contractId);
    if (live.length) await this.client.batch(live.map((id) => this.client.api.tx.smartContractModule.cancelContract(id)), { signer: this.signer });
    await this.notarize({ ...record, phase: 'canceled' });
  }

  /** One atomic batch: a contract per node, the deployment grouping, the stakeholders. Retries if another contract took the ids. */
  /** Each node's envelope and the consumer's own copy, published; their content addresses. */
  private async sealFor(hash: string, nodeIds: number[], openings: Record<string, SecretOpening>): Promise<{ nodes: string[]; owner: string }> {
    const nodes = [];
    for (const nodeId of nodeIds) nodes.push(await publishForNode(this.client, this.storeUrl, hash, nodeId, openings));
    return { nodes, owner: await publishForOwner(this.storeUrl, hash, this.signer, openings) };
  }

  /**
   * One atomic batch: a contract per node, the deployment grouping, the stakeholders, and
   * each contract's pointer to its sealed secrets. Retries if another contract took the ids.
   */
  private async createContracts(hash: string, nodeIds: number[], twins: number[], threshold: number, sealed: { nodes: string[]; owner: string } | null): Promise<DeploymentRecord> {
    const sc = this.client.api.tx.smartContractModule;
    for (let attempt = 0; ; attempt++) {
      const first = await contracts.nextContractId(this.client);
      const ids = nodeIds.map((_, i) => first + i);
      const pointers = sealed ? [...ids.map((id, i) => ({ key: envelopeKey(id), address: sealed.nodes[i] })), { key: ownerEnvelopeKey(first), address: sealed.owner }] : [];
      const calls = [
        ...nodeIds.map((nodeId) => contracts.nodeContractTx(this.client, { nodeId, deploymentHash: hash, deploymentData: 'tfit.deployment/v1' })),
        ...(ids.length > 1 ? [sc.createDeployment(ids)] : []),
        ...(twins.length ? [sc.addStakeholders(first, twins, threshold)] : []),
        ...pointerCalls(this.client, pointers),
      ];
      try {
        const r = await this.client.batch(calls, { signer: this.signer });
        // a lone contract without stakeholders has no call that fails on a raced id: check the id it got
        const got = contracts.createdIds(this.client, r);
        if (got.join() !== ids.join()) {
          if (attempt >= 3) throw new TfitError(`contracts got ids ${got.join(', ')}, expected ${ids.join(', ')}`);
          await this.client.batch(got.map((id) => sc.cancelContract(id)), { signer: this.signer });
          continue;
        }
        return { deploymentId: first, deploymentHash: hash, contracts: ids.map((contractId, i) => ({ contractId, nodeId: nodeIds[i] })), stakeholders: twins, threshold, phase: twins.length ? 'awaiting-approval' : 'approved' };
      } catch (e) {
        // someone else's contract took an id between our read and our batch: read again
        const raced = e instanceof ModuleError && (e.is('smartContractModule', 'TwinNotAuthorizedToUpdateContract') || e.is('smartContractModule', 'InvalidDeployment'));
        if (!raced || attempt >= 3) throw e;
      }
    }
  }

  private notarize(record: DeploymentRecord): Promise<void> {
    return notarize(this.client, this.signer, recordKey(record.deploymentId), record);
  }

  /**
   * Follows consensus, then the nodes, until every contract runs, one fails, or the time is
   * up, looking at the chain at every new head (and at least every second). A lost
   * connection is waited out (the client reconnects by itself) until the deadline: the
   * chain, not this process, holds the deployment's state.
   */
  private async follow(record: DeploymentRecord, step: (s: DeployStep) => void, timeoutMs: number): Promise<DeploymentRecord> {
    const deadline = Date.now() + timeoutMs;
    const seen = new Map<number, string>();
    const heads = await NewHeads.follow(this.client.api);
    try {
      for (;;) {
        if (Date.now() > deadline) throw new TfitError(`deployment ${record.deploymentId}: still ${record.phase} after ${timeoutMs} ms`);
        // while the client is reconnecting, asking would only fail (and polkadot-js would log it)
        if (!this.client.api.isConnected) { await sleep(250); continue; }
        try {
          record = await this.advance(record, seen, step);
          if (record.phase === 'running') return record;
        } catch (e) {
          if (e instanceof DeploymentFailedError || this.client.api.isConnected) throw e;
          this.client.logger.warn('chain unreachable; still following the deployment', { deploymentId: record.deploymentId, error: String(e) });
        }
        await heads.next(FOLLOW_POLL_MS);
      }
    } finally {
      heads.stop();
    }
  }

  /** One look at the chain: the record moved on as far as the chain says. */
  private async advance(record: DeploymentRecord, seen: Map<number, string>, step: (s: DeployStep) => void): Promise<DeploymentRecord> {
    if (record.phase === 'awaiting-approval') {
      const c = await stakeholders.consensusOf(this.client, record.deploymentId);
      if (c?.status === 'Rejected') {
        const done = { ...record, phase: 'rejected' as const, reason: c.rejections.map((r) => `twin ${r.twinId}: ${r.reason}`).join('; ') };
        await this.notarize(done);
        step({ step: 'failed', deploymentId: record.deploymentId, reason: `rejected (${done.reason})` });
        throw new DeploymentFailedError(done);
      }
      if (c?.status === 'Approved') {
        record = { ...record, phase: 'approved' };
        await this.notarize(record);
        step({ step: 'approved', deploymentId: record.deploymentId });
      }
    }
    if (record.phase === 'approved') {
      let running = 0;
      for (const { contractId, nodeId } of record.contracts) {
        const state = await stakeholders.workloadStateOf(this.client, contractId);
        if (!state) continue;
        const key = state.state === 'Failed' ? `Failed:${state.reason}` : state.state;
        if (seen.get(contractId) !== key) { seen.set(contractId, key); step({ step: 'node-state', contractId, nodeId, state }); }
        if (state.state === 'Failed') {
          const done = { ...record, phase: 'failed' as const, reason: `contract ${contractId} on node ${nodeId}: ${state.reason}` };
          await this.notarize(done);
          step({ step: 'failed', deploymentId: record.deploymentId, reason: done.reason });
          throw new DeploymentFailedError(done);
        }
        if (state.state === 'Running') running++;
      }
      if (running === record.contracts.length) {
        record = { ...record, phase: 'running' };
        await this.notarize(record);
        step({ step: 'running', deploymentId: record.deploymentId });
      }
    }
    return record;
  }
}
