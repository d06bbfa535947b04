/**
 * A simulated Zero-OS node: its own key, twin and node record; the chain is its only
 * input. On every block it looks at the contracts addressed to it and, for each one whose
 * consensus is reached (or that has no stakeholders), fetches the deployment, checks its
 * hash against the chain and the expert's signature against the expert twin's key,
 * fetches and checks every file, runs the processes as real child processes in a
 * per-contract sandbox, and reports deployed → running (or failed, with the reason) and
 * the resources used. A canceled contract is stopped and cleaned up. A restarted node
 * resumes from chain state. One process can host many nodes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { processUsage, directoryBytes } from './usage.js';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import type { KeyringPair } from '@polkadot/keyring/types';
import {
  connect, grid, contracts, stakeholders, workload, sealed, getContent, silentLogger,
  type TfitClient, type Logger, type Resources, type Location, type WorkloadState,
} from '@tfit/sdk';

export interface SimNodeOptions {
  /** Chain endpoint (ws://); ignored when `client` is given. */
  endpoint: string;
  /**
   * A connection to share (many nodes in one process need not hold one each: an API
   * instance costs megabytes). The node does not close it.
   */
  client?: TfitClient;
  /** Content store URL (http://). */
  storeUrl: string;
  /** Root of the per-contract sandboxes. */
  workDir: string;
  /** The node's key (ed25519, as Zero-OS); its account must hold TFT for fees. */
  key: KeyringPair;
  farmId: number;
  capacity: Resources;
  location?: Location;
  /**
   * The loopback address this node gives its workloads (as Zero-OS gives each its own
   * network): registered as the node's interface on chain and passed to processes as
   * TFIT_IP. Default: 127.0.10.<n>, n from the key.
   */
  ip?: string;
  /** Uptime report period (default 60 s; 0 disables). */
  uptimeIntervalMs?: number;
  /** How often running workloads' memory and CPU are measured and their limits enforced (default 1 s). */
  usageSampleMs?: number;
  /** How often measured resources are reported on chain while a workload runs (default 60 s; 0: only once, when it starts). */
  resourceReportMs?: number;
  /**
   * How often a running workload's files are re-checked against the signed definition's
   * hashes (default 5 s; 0: only before each process starts). A mismatch stops the workload
   * and reports it Failed, naming the file.
   */
  integrityCheckMs?: number;
  /** Fault injection for tests: called once a contract's files are in its sandbox, before any process starts. */
  onFilesFetched?: (contractId: number, dir: string) => void | Promise<void>;
  logger?: Logger;
}

interface Running {
  contractId: number;
  processes: { name: string; child: ChildProcess; limits: workload.Limits }[];
  dir: string;
  /** The signed definition's files: re-checked before each process starts and while it runs. */
  files: workload.WorkloadFile[];
  /** The opened secret values, only to keep them out of every reason this node reports or logs. */
  secrets: string[];
  failed: boolean;
  /** Declared cores: a reservation, reported as is. */
  cru: number;
  peakRssBytes: number;
  lastReport: number;
}

/** What a running workload uses now, measured (see zos/usage.ts). */
export interface WorkloadUsage {
  rssBytes: number;
  peakRssBytes: number;
  cpuSeconds: number;
  diskBytes: number;
}

/** 127.0.10.<1..250>, stable per key. */
function defaultIp(key: KeyringPair): string {
  return `127.0.10.${1 + (key.publicKey.reduce((a, b) => (a * 31 + b) % 250, 7) % 250)}`;
}

const DEFAULT_LOCATION: Location = { city: 'Ghent', country: 'Belgium', latitude: '51.05', longitude: '3.72' };
/** How long after its processes start a workload's first resource report waits, so that it measures them loaded. */
const RESOURCES_SETTLE_MS = 300;

export class SimNode {
  readonly running = new Map<number, Running>();
  /** Contracts this node refused or gave up on: never retried. */
  readonly refused = new Map<number, string>();
  private unsubscribe?: () => void;
  private timer?: NodeJS.Timeout;
  private sampler?: NodeJS.Timeout;
  private integrityTimer?: NodeJS.Timeout;
  private busy: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Every workload process started and not yet exited: stop() ends them all, whatever the map of running contracts says. */
  private readonly children = new Set<ChildProcess>();
  /** The last block whose contracts this node has acted on. */
  reconciledBlock = 0;
  /** Whether an active contract is neither running here nor refused (it may be approved in any block). */
  private waiting = true;

  private constructor(readonly client: TfitClient, readonly options: SimNodeOptions, readonly nodeId: number, readonly twinId: number) {}

  get logger(): Logger { return this.options.logger ?? silentLogger; }
  get ip(): string { return this.options.ip ?? defaultIp(this.options.key); }

  /** Registers the node if the chain does not know it yet, then starts watching. */
  static async start(options: SimNodeOptions): Promise<SimNode> {
    const client = options.client ?? await connect({ endpoint: options.endpoint, logger: options.logger });
    try {
      const signer = options.key;
      let twinId = await grid.twinIdOf(client, signer.address);
      if (twinId === null) twinId = (await grid.createTwin(client, { signer })).id;
      let nodeId = await grid.nodeIdOf(client, signer.address);
      const ip = options.ip ?? defaultIp(signer);
      if (nodeId === null) {
        const mac = `02:00:7f:00:0a:${ip.split('.')[3].padStart(3, '0').slice(-2)}`;
        const interfaces = [{ name: 'zos', mac, ips: [ip] }];
        nodeId = (await grid.createNode(client, { signer, farmId: options.farmId, resources: options.capacity, location: options.location ?? DEFAULT_LOCATION, interfaces, virtualized: true })).id;
      }
      const node = new SimNode(client, options, nodeId, twinId);
      await node.watch();
      return node;
    } catch (e) {
      if (!options.client) await client.close();
      throw e;
    }
  }

  private async watch(): Promise<void> {
    mkdirSync(this.options.workDir, { recursive: true });
    // A change of the node's contract list (a new contract, a cancel) is looked at at once.
    // Blocks are looked at only while a contract waits (for its approval): an idle node
    // costs the chain nothing per block.
    const unsubscribeList = await this.client.api.query.smartContractModule.activeNodeContracts(this.nodeId, () => this.reconcileAfter(null));
    const unsubscribeHeads = await this.client.api.rpc.chain.subscribeNewHeads((header) => {
      const n = header.number.toNumber();
      if (this.waiting) this.reconcileAfter(n);
      else this.busy = this.busy.then(() => { this.reconciledBlock = Math.max(this.reconciledBlock, n); });
    });
    this.unsubscribe = () => { unsubscribeList(); unsubscribeHeads(); };
    const period = this.options.uptimeIntervalMs ?? 60_000;
    if (period > 0) {
      const report = () => this.reportUptime().catch((e) => this.logger.warn('uptime report failed', { error: String(e) }));
      void report();
      this.timer = setInterval(report, period);
      this.timer.unref();
    }
    this.sampler = setInterval(() => this.sampleAll(), this.options.usageSampleMs ?? 1000);
    this.sampler.unref();
    const integrity = this.options.integrityCheckMs ?? 5000;
    if (integrity > 0) {
      this.integrityTimer = setInterval(() => this.checkIntegrity(), integrity);
      this.integrityTimer.unref();
    }
  }

  /** Measured use of a running contract's processes and sandbox; null when it is not running here. */
  usage(contractId: number): WorkloadUsage | null {
    const r = this.running.get(contractId);
    if (!r) return null;
    let rssBytes = 0;
    let cpuSeconds = 0;
    for (const p of r.processes) {
      const u = p.child.pid === undefined ? null : processUsage(p.child.pid);
      if (u) { rssBytes += u.rssBytes; cpuSeconds += u.cpuSeconds; }
    }
    r.peakRssBytes = Math.max(r.peakRssBytes, rssBytes);
    return { rssBytes, peakRssBytes: r.peakRssBytes, cpuSeconds, diskBytes: directoryBytes(r.dir) };
  }

  /** Enforces each process's declared limits (a process over its memory or CPU limit fails the workload) and reports on schedule. */
  private sampleAll(): void {
    const every = this.options.resourceReportMs ?? 60_000;
    workloads: for (const r of [...this.running.values()]) {
      for (const p of r.processes) {
        const u = p.child.pid === undefined ? null : processUsage(p.child.pid);
        if (!u) continue;
        const over = u.rssBytes / 1024 / 1024 > p.limits.memoryMb
          ? `memory limit: ${(u.rssBytes / 1024 / 1024).toFixed(0)} MB resident > ${p.limits.memoryMb} MB`
          : p.limits.cpuSeconds !== undefined && u.cpuSeconds > p.limits.cpuSeconds
            ? `CPU limit: ${u.cpuSeconds.toFixed(1)} s > ${p.limits.cpuSeconds} s` : null;
        if (over) { this.fail(r, `process ${p.name} exceeded its ${over}`); continue workloads; }
      }
      if (every > 0 && r.lastReport > 0 && Date.now() - r.lastReport >= every) void this.reportResources(r);
    }
  }

  /**
   * Reports the node's uptime on chain (as the timer does every `uptimeIntervalMs`). The
   * timestamp hint is the chain's own clock, as a node in sync with it sees it: a local chain
   * that builds blocks on demand runs its clock ahead of the wall clock.
   */
  async reportUptime(): Promise<void> {
    const chainNow = Math.floor((await this.client.api.query.timestamp.now()).toNumber() / 1000);
    await grid.reportUptime(this.client, { signer: this.options.key, uptimeSeconds: Math.floor(process.uptime()), timestampHint: chainNow });
  }

  /** Schedules a reconcile pass after those already scheduled (one pass at a time). */
  private reconcileAfter(block: number | null): void {
    this.busy = this.busy.then(() => this.reconcile())
      .then(() => { if (block !== null) this.reconciledBlock = Math.max(this.reconciledBlock, block); })
      .catch((e) => this.logger.error('reconcile failed', { error: String(e) }));
  }

  /** Waits for the reconcile passes already scheduled. */
  settled(): Promise<void> { return this.busy; }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    const active = new Set(await contracts.activeContractsOfNode(this.client, this.nodeId));
    // canceled (or rejected) contracts: stop and clean up
    for (const [id, r] of this.running) if (!active.has(id)) this.stopContract(r, true);
    for (const id of active) {
      if (this.running.has(id) || this.refused.has(id)) continue;
      await this.consider(id);
    }
    this.waiting = [...active].some((id) => !this.running.has(id) && !this.refused.has(id));
  }

  private async consider(id: number): Promise<void> {
    if (!(await stakeholders.mayDeploy(this.client, id))) return; // awaiting approval (or rejected): never run
    const state = await stakeholders.workloadStateOf(this.client, id);
    if (state?.state === 'Failed') { this.refused.set(id, state.reason); return; }
    const contract = await contracts.contract(this.client, id);
    if (!contract || contract.kind !== 'node') return;
    let deployment: workload.Deployment;
    try {
      deployment = await this.verifiedDeployment(contract.deploymentHash);
    } catch (e) {
      return this.refuse(id, (e as Error).message);
    }
    let secrets: Record<string, string> = {};
    if (deployment.secrets) {
      try {
        const owner = await grid.twin(this.client, contract.twinId);
        const opened = owner && await sealed.nodeSecrets(this.client, this.options.storeUrl, this.options.key, owner.accountId, id, contract.deploymentHash, deployment.secrets);
        if (!opened) return; // the consumer has not pointed this contract at its envelope yet: look again at the next block
        secrets = opened;
      } catch (e) {
        return this.refuse(id, `sealed secrets: ${(e as Error).message}`);
      }
    }
    const dir = join(this.options.workDir, `contract-${id}`);
    try {
      await this.fetchFiles(deployment, dir);
      await this.options.onFilesFetched?.(id, dir);
    } catch (e) {
      return this.refuse(id, (e as Error).message);
    }
    // resuming after a restart: the chain already says deployed/running
    if (state === null) await this.report(id, { state: 'Deployed' });
    // running once every process has started: one that cannot start fails the workload
    // instead, one that exits later fails it then
    await this.startProcesses(id, deployment, dir, secrets);
    const r = this.running.get(id);
    if (!r || r.failed) return;
    if (state?.state !== 'Running') await this.report(id, { state: 'Running' });
    // what the processes use is measured once they have loaded
    setTimeout(() => { if (!r.failed && this.running.get(id) === r) void this.reportResources(r); }, RESOURCES_SETTLE_MS).unref();
  }

  /** The deployment behind `hash`, checked: its hash, its definition's signature, and that the signer is the expert twin's key. */
  private async verifiedDeployment(hash: string): Promise<workload.Deployment> {
    const bytes = await getContent(this.options.storeUrl, hash);
    let doc: workload.Deployment;
    try {
      doc = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new Error('the deployment is not JSON');
    }
    workload.verifyDeployment(doc, hash);
    const expert = await grid.twin(this.client, doc.signed.definition.expert.twinId);
    if (!expert) throw new Error(`the expert twin ${doc.signed.definition.expert.twinId} does not exist`);
    if (u8aToHex(decodeAddress(expert.accountId)) !== doc.signed.signature.signer)
      throw new Error(`the definition is signed by ${doc.signed.signature.signer}, not by the expert twin ${expert.id}`);
    return doc;
  }

  private async fetchFiles(deployment: workload.Deployment, dir: string): Promise<void> {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of deployment.signed.definition.files) {
      const bytes = await getContent(this.options.storeUrl, f.blake2_256);
      if (bytes.length !== f.size) throw new Error(`file ${f.name}: ${bytes.length} bytes, the definition says ${f.size}`);
      const path = join(dir, f.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
  }

  /** Starts the deployment's processes; resolves once each has started or failed to. */
  /** The first of the definition's files whose bytes in `dir` do not hash as signed, or null. */
  private changedFile(files: workload.WorkloadFile[], dir: string): string | null {
    for (const f of files) {
      const path = join(dir, f.name);
      if (!existsSync(path) || blake2AsHex(readFileSync(path), 256) !== f.blake2_256) return f.name;
    }
    return null;
  }

  /** Continuous integrity: a running workload whose files changed is stopped and reported Failed, naming the file. */
  private checkIntegrity(): void {
    for (const r of [...this.running.values()]) {
      if (r.failed) continue;
      const changed = this.changedFile(r.files, r.dir);
      if (changed) this.fail(r, `integrity: file ${changed} no longer matches the signed definition's hash (changed while the workload ran)`);
    }
  }

  /** Starts the deployment's processes; resolves once each has started or failed to. */
  private startProcesses(id: number, deployment: workload.Deployment, dir: string, secrets: Record<string, string>): Promise<void> {
    if (this.stopped) return Promise.resolve(); // a pass that was under way when the node stopped
    const files = deployment.signed.definition.files;
    const r: Running = { contractId: id, processes: [], dir, files, secrets: Object.values(secrets).filter(Boolean), failed: false, cru: deployment.signed.definition.capacity.cru, peakRssBytes: 0, lastReport: 0 };
    this.running.set(id, r);
    // secrets fill their placeholders here only, in the process's environment (never its arguments)
    const secretValues = Object.fromEntries(workload.secretNames(deployment.signed.definition).map((n) => [n, secrets[n] ?? '']));
    const started: Promise<void>[] = [];
    for (const p of deployment.processes) {
      // before each process starts, every file is checked again: one swapped since the fetch never runs
      const changed = this.changedFile(files, dir);
      if (changed) { this.fail(r, `integrity: file ${changed} no longer matches the signed definition's hash; process ${p.name} not started`); break; }
      const env = Object.fromEntries(Object.entries(p.env).map(([k, v]) => [k, workload.fillPlaceholders(v, secretValues)]));
      const child = spawn(p.command, p.args, {
        cwd: dir,
        // only what the definition declares, plus PATH to find the command
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, TFIT_IP: this.ip, NODE_OPTIONS: `--max-old-space-size=${p.limits.memoryMb}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.children.add(child);
      child.once('exit', () => this.children.delete(child));
      const log: Buffer[] = [];
      child.stdout?.on('data', (c) => log.push(c));
      child.stderr?.on('data', (c) => log.push(c));
      started.push(new Promise<void>((resolve) => { child.once('spawn', resolve); child.once('error', () => resolve()); }));
      child.on('error', (e) => this.fail(r, `process ${p.name}: ${e.message}`));
      child.on('exit', (code, signal) => {
        if (existsSync(dir)) writeFileSync(join(dir, `${p.name}.log`), Buffer.concat(log)); // gone when canceled
        if (!this.running.has(id) || this.stopped) return; // stopped on purpose
        // redacted before it is cut, so that no part of a secret survives the cut
        const tail = workload.redact(Buffer.concat(log).toString().trim().split('\n').slice(-1)[0] ?? '', r.secrets);
        this.fail(r, `process ${p.name} exited (${signal ?? `code ${code}`})${tail ? `: ${tail.slice(0, 120)}` : ''}`);
      });
      r.processes.push({ name: p.name, child, limits: p.limits });
    }
    return Promise.all(started).then(() => {});
  }

  private fail(r: Running, unredacted: string): void {
    if (r.failed) return;
    r.failed = true;
    // a process may print its secrets: none reaches the chain or the log
    const reason = workload.redact(unredacted, r.secrets);
    this.logger.warn('workload failed', { contractId: r.contractId, reason });
    this.stopContract(r, false);
    this.refused.set(r.contractId, reason);
    void this.report(r.contractId, { state: 'Failed', reason: reason.slice(0, 250) });
  }

  /** Never runs the contract, and says why on chain. */
  private async refuse(id: number, reason: string): Promise<void> {
    this.logger.warn('refusing contract', { contractId: id, reason });
    this.refused.set(id, reason);
    await this.report(id, { state: 'Failed', reason: reason.slice(0, 250) });
  }

  private async report(contractId: number, state: WorkloadState): Promise<void> {
    await stakeholders.reportWorkloadState(this.client, { signer: this.options.key, contractId, state })
      .catch((e) => this.logger.warn('workload report failed', { contractId, error: String(e) }));
  }

  /**
   * Reports what the workload uses, measured: resident memory of its processes (mru) and
   * bytes in its sandbox (sru). Cores (cru) are a reservation, so the declared count.
   */
  private async reportResources(r: Running): Promise<void> {
    const u = this.usage(r.contractId);
    if (!u) return;
    r.lastReport = Date.now();
    const used = { cru: BigInt(r.cru), mru: BigInt(u.rssBytes), sru: BigInt(u.diskBytes), hru: 0n };
    await contracts.reportResources(this.client, { signer: this.options.key, reports: [{ contractId: r.contractId, used }] })
      .catch((e) => this.logger.warn('resource report failed', { contractId: r.contractId, error: String(e) }));
  }

  private stopContract(r: Running, clean: boolean): void {
    this.running.delete(r.contractId);
    for (const { child } of r.processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    if (clean) rmSync(r.dir, { recursive: true, force: true });
  }

  /**
   * Ends every process this node started that still runs (one a reconcile pass under way
   * started, or one the map lost): SIGTERM, then SIGKILL after 2 s. Resolves when all exited.
   */
  private async endChildren(): Promise<void> {
    const alive = [...this.children].filter((c) => c.exitCode === null && c.signalCode === null);
    if (alive.length === 0) return;
    const exited = Promise.all(alive.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
    })));
    for (const c of alive) c.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), 2000); });
    if ((await Promise.race([exited, late])) === 'late') {
      for (const c of alive) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await exited;
    }
    clearTimeout(timer);
  }

  /** Stops watching and every workload (sandboxes stay: a restart resumes them). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.timer);
    clearInterval(this.sampler);
    clearInterval(this.integrityTimer);
    for (const r of [...this.running.values()]) this.stopContract(r, false);
    await this.busy.catch(() => {});
    await this.endChildren();
    if (!this.options.client) await this.client.close();
  }
}

