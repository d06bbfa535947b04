// @target fresh-chopsticks: it stops and restarts the local chain itself (see e2e/support/target-hooks.ts)
/**
 * The local chain, persisted in sqlite, stopped in the middle of a deployment (one of two
 * approvals given) and started again from its db: every contract, approval, report and
 * notary record is still there, and the simulated node and the orchestrator, which only
 * ever talk to the chain, carry the deployment through to running.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startChainProcess, type ChainProcess } from '../../localchain/process.js';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { SimNode } from '../../zos/node.js';
import { idleWorkload } from '../../zos/fixtures.js';
import { freePort } from '../../zos/net.js';
import { waitFor } from '../support/wait.js';
import { connect, grid, contracts, stakeholders, workload, putContent, Orchestrator, type TfitClient } from '@tfit/sdk';

const GIB = 1024n ** 3n;


describe('hardening: the local chain stopped mid-flow and restarted from its sqlite db', () => {
  let dir: string, port: number, chain: ChainProcess, store: ContentStore, client: TfitClient, node: SimNode | undefined;

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-restart-'));
    port = await freePort();
    chain = await startChainProcess({ port, db: join(dir, 'chain.sqlite') });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint, reconnect: { initialDelayMs: 100, maxDelayMs: 500 } });
  });
  after(async () => {
    await node?.stop();
    await client?.close();
    await store?.close();
    await chain?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every contract, approval, report and notary record; the node and the orchestrator resume', async function () {
    this.timeout(240_000);
    const sr = new Keyring({ type: 'sr25519' });
    const [farmer, expert, consumer, eve, ferdie] = ['//Alice', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => sr.addFromUri(u));
    const nodeKey = new Keyring({ type: 'ed25519' }).addFromUri('//RestartNode');
    await client.submit(client.api.tx.balances.transferKeepAlive(nodeKey.address, 1000n * 10_000_000n), { signer: farmer });
    const twins = await Promise.all([farmer, expert, consumer, eve, ferdie].map((signer) => grid.createTwin(client, { signer })));
    await grid.createFarm(client, { signer: farmer, name: 'restart' });
    node = await SimNode.start({ endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, 'node'), key: nodeKey, farmId: 1, capacity: { cru: 2n, mru: 4n * GIB, sru: 10n * GIB, hru: 0n }, uptimeIntervalMs: 0, resourceReportMs: 0 });
    const idle = idleWorkload(twins[1].id);
    await putContent(store.url, idle.file);
    const signed = workload.signDefinition(idle.definition, expert);

    // deploy with two stakeholders, threshold 2: Eve approves, then the chain dies
    const orchestrator = new Orchestrator(client, consumer, store.url);
    let awaiting!: (id: number) => void;
    const awaitingApproval = new Promise<number>((r) => (awaiting = r));
    const deploying = orchestrator.deploy(signed, {}, {
      stakeholders: [twins[3].id, twins[4].id], threshold: 2, timeoutMs: 180_000,
      onStep: (s) => { if (s.step === 'awaiting-approval') awaiting(s.deploymentId); },
    });
    const id = await awaitingApproval;
    await stakeholders.approve(client, { signer: eve, contractId: id });
    await waitFor('the notary record', () => orchestrator.record(id)); // stopped after it, so that "before" has it
    const before = {
      contract: await contracts.contract(client, id),
      consensus: await stakeholders.consensusOf(client, id),
      record: await orchestrator.record(id),
      node: await grid.node(client, node.nodeId),
      block: (await client.api.rpc.chain.getHeader()).number.toNumber(),
    };
    expect(before.consensus!.approvals).to.have.length(1);
    expect(node.running.size).to.equal(0);

    await chain.stop('SIGTERM'); // stopped as `npm run chain` is on Ctrl-C: its last block is stored first
    chain = await startChainProcess({ port, db: join(dir, 'chain.sqlite') });
    // the same clients reconnect by themselves; the chain resumes from its last block
    // while reconnecting, the query fails: keep asking
    await waitFor('the client to reconnect', () => client.api.rpc.chain.getHeader().then((h) => h.number.toNumber() >= before.block, () => false), 60_000);
    expect(await contracts.contract(client, id)).to.deep.equal(before.contract);
    expect(await stakeholders.consensusOf(client, id)).to.deep.equal(before.consensus);
    expect(await orchestrator.record(id)).to.deep.equal(before.record);
    expect(await grid.node(client, node.nodeId)).to.deep.equal(before.node);

    // the second approval after the restart: the node runs it, the orchestrator sees it running
    await stakeholders.approve(client, { signer: ferdie, contractId: id });
    const done = await deploying;
    expect(done.phase).to.equal('running');
    expect((await stakeholders.workloadStateOf(client, id))!.state).to.equal('Running');
    expect(node.running.has(id)).to.equal(true);
  });
});
