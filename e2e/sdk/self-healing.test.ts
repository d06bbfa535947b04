// @target fresh-chopsticks: genesis ids and balances (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { SimNode } from '../../zos/node.js';
import { idleWorkload } from '../../zos/fixtures.js';
import {
  connect, grid, stakeholders, workload, putContent, Orchestrator, HealingAgent, readMoves, type TfitClient, type AgentEvent,
} from '@tfit/sdk';
import { CLI } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

const GIB = 1024n ** 3n;
/** A node silent this long is gone: the nodes here report uptime every second. */
const WINDOW_S = 4;
/** The bound the issue asks us to state: from a node's death to the workload running elsewhere. */
const MAX_HEAL_MS = 30_000;
const MAX_HEAL_BLOCKS = 80;

/**
 * Self-healing end to end: a deployment on 2 nodes (node-sim child processes) approved by one
 * stakeholder. Killing one node's process moves its contract to the spare node, with no new
 * vote; then its workload fails there, no node is left (degraded, said in status), and a node
 * joining heals it. The second half runs `tfit agent` as a child process: a restarted agent
 * resumes from the notary.
 */
describe('self-healing: the agent moves contracts off dead and failed nodes', function () {
  this.timeout(300_000);
  let chain: LocalChain, store: ContentStore, client: TfitClient, dir: string;
  let consumer: KeyringPair, reviewer: KeyringPair, signed: workload.SignedDefinition;
  const sims: ChildProcess[] = [];
  const inProcess: SimNode[] = [];
  let agentProcess: ChildProcess | undefined;
  const common = () => ['--endpoint', chain.endpoint];

  /** `tfit node-sim` as its own process group (so a kill takes its workloads too); its node id. */
  async function nodeSimProcess(prefix: string): Promise<{ child: ChildProcess; nodeId: number }> {
    const child = spawn(process.execPath, [...CLI, 'node-sim', ...common(), '--store', store.url, '--farm', '1', '--key-prefix', prefix, '--fund-from', '//Ferdie', '--uptime-interval', '1', '--dir', join(dir, prefix.slice(2)), '--json'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    sims.push(child);
    const nodeId = await new Promise<number>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (c: Buffer) => {
        buf += c.toString();
        for (const line of buf.split('\n')) { try { const j = JSON.parse(line); if (j.nodeId) resolve(j.nodeId); } catch { /* not a whole line yet */ } }
      });
      child.on('exit', (code) => reject(new Error(`node-sim exited ${code}`)));
    });
    return { child, nodeId };
  }
  const inProcessNode = async (seed: string) => {
    const key = new Keyring({ type: 'ed25519' }).addFromUri(seed);
    await client.submit(client.api.tx.balances.transferKeepAlive(key.address, 1000n * 10_000_000n), { signer: new Keyring({ type: 'sr25519' }).addFromUri('//Alice') });
    const n = await SimNode.start({ endpoint: chain.endpoint, client, storeUrl: store.url, workDir: join(dir, seed.slice(2)), key, farmId: 1, capacity: { cru: 8n, mru: 16n * GIB, sru: 256n * GIB, hru: 0n }, uptimeIntervalMs: 1000 });
    inProcess.push(n);
    return n;
  };
  const until = <T>(what: string, f: () => Promise<T | undefined | null | false>, ms = 60_000) => waitFor(what, f, ms);
  const best = async () => (await client.api.rpc.chain.getHeader()).number.toNumber();

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-heal-'));
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint });
    const sr = new Keyring({ type: 'sr25519' });
    const [farmer, expert] = [sr.addFromUri('//Alice'), sr.addFromUri('//Charlie')];
    [consumer, reviewer] = [sr.addFromUri('//Dave'), sr.addFromUri('//Eve')];
    for (const signer of [farmer, expert, consumer, reviewer]) await grid.createTwin(client, { signer }); // twins 1-4
    await grid.createFarm(client, { signer: farmer, name: 'farm_heal' });
    const idle = idleWorkload(2);
    await putContent(store.url, idle.file);
    signed = workload.signDefinition(idle.definition, expert);
  });
  after(async () => {
    agentProcess?.kill('SIGKILL');
    for (const s of sims) { try { process.kill(-s.pid!, 'SIGKILL'); } catch { /* gone */ } }
    for (const n of inProcess) await n.stop();
    await client?.close();
    await store?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let deploymentId: number, dead: number, spare: number;

  it(`a node's process killed: within ${MAX_HEAL_MS / 1000} s and ${MAX_HEAL_BLOCKS} blocks its contract runs on another node, with no new vote, notarized`, async () => {
    const a = await nodeSimProcess('//HealA');
    const b = await nodeSimProcess('//HealB');
    spare = (await inProcessNode('//HealC')).nodeId;
    const o = new Orchestrator(client, consumer, store.url);
    const deploying = o.deploy(signed, { nodes: 2 }, { stakeholders: [4], threshold: 1, timeoutMs: 120_000 });
    await until('the deployment', () => stakeholders.consensusOf(client, 1));
    await stakeholders.approve(client, { signer: reviewer, contractId: 1 });
    const record = await deploying;
    deploymentId = record.deploymentId;
    expect(record.contracts.map((c) => c.nodeId)).to.deep.equal([a.nodeId, b.nodeId]);

    const events: AgentEvent[] = [];
    const agent = new HealingAgent(client, consumer, store.url, { uptimeWindowMs: WINDOW_S * 1000, backoffMs: 500, onEvent: (e) => events.push(e) });
    await agent.start();
    try {
      dead = a.nodeId;
      const [killedAt, killedBlock] = [Date.now(), await best()];
      process.kill(-a.child.pid!, 'SIGKILL');
      const healed = await until('the workload running elsewhere', async () => {
        const s = await o.status(deploymentId);
        const moved = s.states.find((c) => c.nodeId === spare);
        return moved?.state?.state === 'Running' && s.phase === 'running' ? s : null;
      }, MAX_HEAL_MS).catch(async (e) => { throw new Error(`${e.message}; agent: ${JSON.stringify(events)}; status: ${JSON.stringify(await o.status(deploymentId))}`); });
      const [ms, blocks] = [Date.now() - killedAt, (await best()) - killedBlock];
      expect(ms).to.be.at.most(MAX_HEAL_MS);
      expect(blocks).to.be.at.most(MAX_HEAL_BLOCKS);
      const old = record.contracts[0].contractId;
      expect(healed.states.map((c) => c.nodeId)).to.deep.equal([spare, b.nodeId]);
      expect((await client.api.query.smartContractModule.contracts(old)).isNone, 'the old contract is canceled').to.equal(true);
      expect(healed.consensus?.approvals, 'no new stakeholder vote').to.deep.equal([4]);
      expect(healed.consensus?.status).to.equal('Approved');
      const [move] = healed.moveHistory;
      expect(move).to.deep.include({ n: 1, from: { contractId: old, nodeId: dead } });
      expect(move.to.nodeId).to.equal(spare);
      expect(move.reason).to.match(new RegExp(`node ${dead} has not reported uptime for ${WINDOW_S} s`));
      await until('the agent saying healed', async () => events.some((e) => e.kind === 'healed'));
      expect(events.map((e) => e.kind)).to.include.members(['unhealthy', 'moved', 'healed']);
      // the new contract's billing starts when its node deploys it, after the old one was billed and removed
      const billing = await client.api.query.smartContractModule.contractBillingInformationByID(move.to.contractId);
      const movedAt = (await client.api.query.timestamp.now.at(move.block)).toNumber() / 1000;
      expect(billing.lastUpdated.toNumber()).to.be.at.least(Math.floor(movedAt));
      expect((await client.api.query.smartContractModule.contractBillingInformationByID(old)).lastUpdated.toNumber(), 'the old contract has no billing left').to.equal(0);
      console.log(`      healed in ${ms} ms, ${blocks} blocks`);
    } finally {
      await agent.stop();
    }
  });

  it('a workload that fails with no other node left: degraded in status; a node joining heals it (tfit agent, restarted from the notary)', async () => {
    agentProcess = spawn(process.execPath, [...CLI, 'agent', ...common(), '--store', store.url, '--key', '//Dave', '--uptime-window', String(WINDOW_S), '--backoff', '0.5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    agentProcess.stdout!.on('data', (c: Buffer) => { said += c.toString(); });
    agentProcess.stderr!.on('data', (c: Buffer) => { said += c.toString(); });
    await until('the agent following', async () => said.includes(`following 1 deployment(s): ${deploymentId}`));
    const o = new Orchestrator(client, consumer, store.url);
    const onSpare = (await o.status(deploymentId)).states.find((c) => c.nodeId === spare)!.contractId;
    // the workload's process dies on the spare node: the node reports Failed
    const c = inProcess[0].running.get(onSpare)!;
    c.processes[0].child.kill('SIGKILL');
    const degraded = await until('degraded', async () => { const s = await o.status(deploymentId); return s.phase === 'degraded' ? s : null; });
    expect(degraded.reason).to.match(new RegExp(`contract ${onSpare} on node ${spare}: the workload failed on node ${spare}: process idle exited \\(SIGKILL\\); no other node matches`));
    await until('the agent saying so', async () => said.includes(`deployment ${deploymentId} DEGRADED`));
    const human = await new Promise<string>((resolve) => {
      const p = spawn(process.execPath, [...CLI, 'status', String(deploymentId), ...common(), '--key', '//Dave'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = ''; p.stdout!.on('data', (x: Buffer) => { out += x.toString(); }); p.on('exit', () => resolve(out));
    });
    expect(human).to.match(new RegExp(`deployment ${deploymentId}: degraded \\(`));
    expect(human).to.match(/move 1: contract 1 \(node 1\) → /);

    const joined = (await inProcessNode('//HealD')).nodeId;
    const healed = await until('healed on the new node', async () => {
      const s = await o.status(deploymentId);
      return s.phase === 'running' && s.states.some((x) => x.nodeId === joined && x.state?.state === 'Running') ? s : null;
    });
    expect(healed.moveHistory.map((m) => [m.from.nodeId, m.to.nodeId])).to.deep.equal([[dead, spare], [spare, joined]]);
    expect(healed.consensus?.approvals).to.deep.equal([4]);
    expect((await readMoves(client, consumer.address, healed)).length).to.equal(2);
    await until('the agent saying healed', async () => said.includes(`deployment ${deploymentId}: healed`));
  });
});
