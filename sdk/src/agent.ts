/**
 * The self-healing agent (the consumer's 3bot, long-lived): follows every running
 * deployment in its owner's notary and, when a contract's node stops reporting uptime for
 * `uptimeWindowMs`, is powered down, or its workload reports Failed, moves that contract to
 * another matching node with SmartContractModule.move_contract. The new contract joins the
 * same approval unit, so the stakeholders' approval carries over; the chain cancels and
 * bills the old one to the move, so no period is billed twice.
 *
 * Bounded: at most `maxAttempts` moves per failure, with exponential backoff between tries,
 * and no node tried twice for the same failure. With no node to move to, the deployment is
 * notarized `degraded` (with why) and healed as soon as a node qualifies. Every move is
 * notarized (`tfit/deployments/<id>/moves/<n>`) and the episode's state lives in the
 * deployment's record, so a restarted agent resumes where it stopped; a move made just
 * before a crash is recovered from the chain's own record of the approval unit.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import type { TfitClient } from './client.js';
import { TfitError } from './errors.js';
import { getContent } from './content.js';
import * as contracts from './modules/contracts.js';
import * as stakeholders from './modules/stakeholders.js';
import * as to from './modules/convert.js';
import { NewHeads } from './heads.js';
import { candidates } from './placement.js';
import { moveKey, notarize, notarizeRaw, readRecords, recordKey, type DeploymentRecord, type Healing, type MoveRecord } from './notary.js';
import type { Deployment } from './workload/signed.js';
import { envelopeKey } from './workload/sealed.js';
import { ownerOpenings, pointerCalls, publishForNode } from './secrets.js';

export interface AgentOptions {
  /** A node silent (no uptime report) for this long is taken as gone (default 3 min; TF-Chain's nodes report every 40 min). */
  uptimeWindowMs?: number;
  /** Moves per failure before the deployment is left degraded (default 3). */
  maxAttempts?: number;
  /** Wait before the first retry after a failed move; doubled each retry (default 2 s). */
  backoffMs?: number;
  /** A moved contract whose new node has not reported it running by then counts as a failed move (default 2 min). */
  startTimeoutMs?: number;
  /** The longest pause between two looks at the chain when no block comes (default 1 s). */
  pollMs?: number;
  onEvent?: (event: AgentEvent) => void;
}

export type AgentEvent =
  | { kind: 'following'; deploymentIds: number[] }
  | { kind: 'unhealthy'; deploymentId: number; contractId: number; nodeId: number; reason: string }
  | { kind: 'moved'; deploymentId: number; move: MoveRecord; attempt: number }
  | { kind: 'move-failed'; deploymentId: number; contractId: number; nodeId: number; reason: string; retryInMs: number }
  | { kind: 'degraded'; deploymentId: number; reason: string }
  | { kind: 'healed'; deploymentId: number }
  | { kind: 'recovered'; deploymentId: number; move: MoveRecord }
  | { kind: 'error'; error: string };

/** Phases the agent keeps running. */
const FOLLOWED = new Set(['running', 'healing', 'degraded']);
/** At most this many blocks are read per look (a long pause reads only the latest). */
const MAX_SCAN = 200;

export class HealingAgent {
  readonly options: Required<Omit<AgentOptions, 'onEvent'>> & Pick<AgentOptions, 'onEvent'>;
  /** When each node last reported uptime (this agent's clock), or when the agent started. */
  private readonly lastUptime = new Map<number, number>();
  private readonly startedAt = Date.now();
  private readonly documents = new Map<string, Deployment>();
  /** When a contract may be tried again (after a failed move), by contract id. */
  private readonly retryAt = new Map<number, number>();
  private heads?: NewHeads;
  /** The last block whose events were read for uptime reports. */
  private scannedBlock = 0;
  private loop?: Promise<void>;
  private stopped = false;

  constructor(readonly client: TfitClient, readonly signer: KeyringPair, readonly storeUrl: string, options: AgentOptions = {}) {
    this.options = {
      uptimeWindowMs: options.uptimeWindowMs ?? 180_000, maxAttempts: options.maxAttempts ?? 3, backoffMs: options.backoffMs ?? 2_000,
      startTimeoutMs: options.startTimeoutMs ?? 120_000, pollMs: options.pollMs ?? 1_000, onEvent: options.onEvent,
    };
  }

  private emit(e: AgentEvent): void { this.options.onEvent?.(e); }

  /** Starts following; resolves once the first pass over the owner's deployments is done. */
  async start(): Promise<void> {
    const api = this.client.api;
    this.scannedBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    this.heads = await NewHeads.follow(api);
    const ids = (await readRecords(this.client, this.signer.address)).filter((r) => FOLLOWED.has(r.phase)).map((r) => r.deploymentId);
    this.emit({ kind: 'following', deploymentIds: ids });
    await this.pass();
    this.loop = (async () => {
      while (!this.stopped) {
        await this.heads!.next(this.options.pollMs);
        if (this.stopped) break;
        await this.pass();
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.heads?.stop();
    await this.loop;
  }

  /** Whether `nodeId` (running a contract) counts as up: it reported uptime within the window; one not heard of since the agent started gets the window from then. */
  alive(nodeId: number): boolean {
    return Date.now() - (this.lastUptime.get(nodeId) ?? this.startedAt) <= this.options.uptimeWindowMs;
  }

  /** Whether `nodeId` may take a moved contract: this agent has heard it report uptime within the window (no benefit of the doubt). */
  heard(nodeId: number): boolean {
    const last = this.lastUptime.get(nodeId);
    return last !== undefined && Date.now() - last <= this.options.uptimeWindowMs;
  }

  /** One look at every followed deployment; an error is reported and the next pass tries again. */
  private async pass(): Promise<void> {
    if (!this.client.api.isConnected) return;
    try {
      await this.scanUptime();
      for (const record of await readRecords(this.client, this.signer.address))
        if (FOLLOWED.has(record.phase)) await this.heal(record);
    } catch (e) {
      this.emit({ kind: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }

  /**
   * Reads the uptime reports (TfgridModule.NodeUptimeReported) of every block since the last
   * look: block by block, since a subscription may skip blocks that come fast.
   */
  private async scanUptime(): Promise<void> {
    const api = this.client.api;
    const head = await api.rpc.chain.getHeader();
    const last = head.number.toNumber();
    for (let n = Math.max(this.scannedBlock + 1, last - MAX_SCAN); n <= last; n++) {
      const hash = n === last ? head.hash : await api.rpc.chain.getBlockHash(n);
      for (const { event } of await api.query.system.events.at(hash))
        if (api.events.tfgridModule.NodeUptimeReported.is(event)) this.lastUptime.set(event.data[0].toNumber(), Date.now());
    }
    this.scannedBlock = last;
  }

  private async heal(record: DeploymentRecord): Promise<void> {
    record = await this.recover(record);
    const healing: Record<string, Healing> = { ...record.healing };
    let changed = false;
    let degraded: string | undefined;
    const slots = [...record.contracts];
    for (let i = 0; i < slots.length; i++) {
      const { contractId, nodeId } = slots[i];
      if (!(await contracts.contract(this.client, contractId))) continue; // canceled by its owner: nothing to heal
      const state = await stakeholders.workloadStateOf(this.client, contractId);
      const episode = healing[contractId];
      const problem = await this.problemOf(nodeId, state, episode);
      if (!problem) {
        if (episode && state?.state === 'Running') { delete healing[contractId]; changed = true; }
        continue;
      }
      if (!episode) this.emit({ kind: 'unhealthy', deploymentId: record.deploymentId, contractId, nodeId, reason: problem });
      const current: Healing = episode ?? { reason: problem, tried: [nodeId], attempts: 0, movedAt: 0 };
      if (current.attempts >= this.options.maxAttempts) { degraded = `contract ${contractId}: gave up after ${current.attempts} moves (${problem})`; continue; }
      if ((this.retryAt.get(contractId) ?? 0) > Date.now()) { healing[contractId] = current; continue; }
      const others = new Set([...slots.map((s) => s.nodeId), ...current.tried]);
      const [target] = await candidates(this.client, (await this.documentOf(record)).signed.definition.capacity, record.placement ?? {}, others, (id) => this.heard(id));
      if (!target) {
        degraded = `contract ${contractId} on node ${nodeId}: ${problem}; no other node matches and has room`;
        healing[contractId] = current;
        continue;
      }
      const moved = await this.move(record, contractId, nodeId, target.node.id, current, problem);
      if (!moved) { healing[contractId] = { ...current, tried: [...current.tried, target.node.id], attempts: current.attempts + 1 }; changed = true; continue; }
      delete healing[contractId];
      healing[moved.to.contractId] = { ...current, tried: [...current.tried, target.node.id], attempts: current.attempts + 1, movedAt: Date.now() };
      slots[i] = moved.to;
      record = { ...record, contracts: slots, moves: moved.n };
      changed = true;
    }
    const phase = degraded ? 'degraded' : Object.keys(healing).length ? 'healing' : 'running';
    const reason = degraded ?? (phase === 'healing' ? Object.values(healing)[0].reason : undefined);
    if (!changed && phase === record.phase && reason === record.reason) return;
    const next: DeploymentRecord = { ...record, contracts: slots, phase, reason, healing: Object.keys(healing).length ? healing : undefined };
    await notarize(this.client, this.signer, recordKey(record.deploymentId), next);
    if (phase === 'degraded' && record.phase !== 'degraded') this.emit({ kind: 'degraded', deploymentId: record.deploymentId, reason: degraded! });
    if (phase === 'running' && record.phase !== 'running') this.emit({ kind: 'healed', deploymentId: record.deploymentId });
  }

  /** Why the contract on `nodeId` needs a move, or null while it is fine (or a move of it is still starting). */
  private async problemOf(nodeId: number, state: Awaited<ReturnType<typeof stakeholders.workloadStateOf>>, episode: Healing | undefined): Promise<string | null> {
    if (state?.state === 'Failed') return `the workload failed on node ${nodeId}: ${state.reason}`;
    const power = to.nodePower(await this.client.api.query.tfgridModule.nodePower(nodeId));
    if (power.state !== 'Up' || power.target !== 'Up') return `node ${nodeId} is powered down`;
    if (!this.alive(nodeId)) return `node ${nodeId} has not reported uptime for ${Math.round(this.options.uptimeWindowMs / 1000)} s`;
    if (episode && state?.state !== 'Running' && Date.now() - episode.movedAt > this.options.startTimeoutMs)
      return `node ${nodeId} did not start the workload within ${Math.round(this.options.startTimeoutMs / 1000)} s`;
    return null;
  }

  /** Moves the contract; the notarized move, or null (retry scheduled) when the chain refused. */
  private async move(record: DeploymentRecord, contractId: number, nodeId: number, target: number, episode: Healing, reason: string): Promise<MoveRecord | null> {
    const sc = this.client.api.tx.smartContractModule;
    let submitted;
    let reseal: Awaited<ReturnType<HealingAgent['resealCalls']>> = null;
    try {
      reseal = await this.resealCalls(record, target);
      submitted = reseal
        ? await this.client.batch([sc.moveContract(contractId, target), ...reseal.calls], { signer: this.signer })
        : await this.client.submit(sc.moveContract(contractId, target), { signer: this.signer });
    } catch (e) {
      const retryInMs = this.options.backoffMs * 2 ** episode.attempts;
      this.retryAt.set(contractId, Date.now() + retryInMs);
      this.emit({ kind: 'move-failed', deploymentId: record.deploymentId, contractId, nodeId: target, reason: e instanceof Error ? e.message : String(e), retryInMs });
      return null;
    }
    const ev = submitted.events.find((e) => this.client.api.events.smartContractModule.ContractMoved.is(e.event));
    if (!ev) throw new TfitError(`move of contract ${contractId}: no ContractMoved event`);
    const newId = (ev.event.data as unknown as [unknown, unknown, { toNumber(): number }])[2].toNumber();
    // another contract took the predicted id meanwhile: point the new contract at its secrets now
    if (reseal && reseal.predicted !== newId) await notarizeRaw(this.client, this.signer, envelopeKey(newId), reseal.address);
    const move: MoveRecord = {
      n: (record.moves ?? 0) + 1, from: { contractId, nodeId }, to: { contractId: newId, nodeId: target }, reason,
      block: submitted.blockHash, at: new Date().toISOString(),
    };
    await notarize(this.client, this.signer, moveKey(record.deploymentId, move.n), move);
    this.emit({ kind: 'moved', deploymentId: record.deploymentId, move, attempt: episode.attempts + 1 });
    return move;
  }

  /**
   * The record as the chain says it is: a move made just before the agent stopped (on chain,
   * not yet in the record) is adopted from the approval unit's member list and notarized.
   */
  private async recover(record: DeploymentRecord): Promise<DeploymentRecord> {
    const listed = await stakeholders.unitContracts(this.client, record.deploymentId);
    const known = new Set(record.contracts.map((c) => c.contractId));
    const fresh = listed.filter((id) => !known.has(id));
    if (fresh.length === 0) return record;
    const gone = record.contracts.filter((c) => !listed.includes(c.contractId));
    const slots = [...record.contracts];
    let n = record.moves ?? 0;
    for (let i = 0; i < fresh.length && i < gone.length; i++) {
      const c = await contracts.contract(this.client, fresh[i]);
      if (!c || c.kind !== 'node') continue;
      const move: MoveRecord = { n: ++n, from: gone[i], to: { contractId: fresh[i], nodeId: c.nodeId }, reason: 'made before the agent restarted', block: '', at: new Date().toISOString() };
      await notarize(this.client, this.signer, moveKey(record.deploymentId, n), move);
      slots[slots.indexOf(gone[i])] = move.to;
      const healing = { ...record.healing };
      const episode = healing[gone[i].contractId];
      delete healing[gone[i].contractId];
      healing[fresh[i]] = { reason: episode?.reason ?? move.reason, tried: [...(episode?.tried ?? [gone[i].nodeId]), c.nodeId], attempts: (episode?.attempts ?? 0) + 1, movedAt: Date.now() };
      record = { ...record, healing };
      this.emit({ kind: 'recovered', deploymentId: record.deploymentId, move });
    }
    record = { ...record, contracts: slots, moves: n };
    await notarize(this.client, this.signer, recordKey(record.deploymentId), record);
    return record;
  }

  /** The deployment's document (from the content store, hash-checked): its capacity and secrets' commitments. */
  private async documentOf(record: DeploymentRecord): Promise<Deployment> {
    let doc = this.documents.get(record.deploymentHash);
    if (!doc) {
      doc = JSON.parse(new TextDecoder().decode(await getContent(this.storeUrl, record.deploymentHash))) as Deployment;
      this.documents.set(record.deploymentHash, doc);
    }
    return doc;
  }

  /**
   * The calls that give the contract the move creates its sealed secrets: re-sealed for
   * `target` from the consumer's own copy (never from the old node), pointed at under the id
   * the new contract will get. None when the deployment has no secrets.
   */
  private async resealCalls(record: DeploymentRecord, target: number): Promise<{ calls: ReturnType<typeof pointerCalls>; predicted: number; address: string } | null> {
    const commitments = (await this.documentOf(record)).secrets;
    if (!commitments || Object.keys(commitments).length === 0) return null;
    const openings = await ownerOpenings(this.client, this.storeUrl, this.signer, record.deploymentId, record.deploymentHash, commitments);
    if (!openings) throw new TfitError(`deployment ${record.deploymentId} has secrets but no sealed copy for its owner: cannot re-seal them`);
    const address = await publishForNode(this.client, this.storeUrl, record.deploymentHash, target, openings);
    const predicted = await contracts.nextContractId(this.client);
    return { calls: pointerCalls(this.client, [{ key: envelopeKey(predicted), address }]), predicted, address };
  }
}
