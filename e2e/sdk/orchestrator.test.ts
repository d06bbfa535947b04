// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
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
  connect, grid, stakeholders, workload, putContent, Orchestrator, NotEnoughCapacityError, DeploymentFailedError, type TfitClient, type DeployStep,
} from '@tfit/sdk';

const GIB = 1024n ** 3n;

/** The orchestrator against a real chain and a simulated node: refusals, rejection, resuming from its notary. */
describe('SDK: orchestrator', () => {
  let chain: LocalChain, store: ContentStore, client: TfitClient, node: SimNode, dir: string;
  let consumer: KeyringPair, eve: KeyringPair, signed: workload.SignedDefinition, eveTwin: number;

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-orch-'));
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint });
    const sr = new Keyring({ type: 'sr25519' });
    const [farmer, expert] = [sr.addFromUri('//Alice'), sr.addFromUri('//Charlie')];
    [consumer, eve] = [sr.addFromUri('//Dave'), sr.addFromUri('//Eve')];
    const nodeKey = new Keyring({ type: 'ed25519' }).addFromUri('//OrchNode');
    await client.submit(client.api.tx.balances.transferKeepAlive(nodeKey.address, 1000n * 10_000_000n), { signer: farmer });
    const twins = await Promise.all([farmer, expert, consumer, eve].map((signer) => grid.createTwin(client, { signer })));
    eveTwin = twins[3].id;
    await grid.createFarm(client, { signer: farmer, name: 'farm_orchestrator' });
    node = await SimNode.start({ endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, 'n'), key: nodeKey, farmId: 1, capacity: { cru: 2n, mru: 4n * GIB, sru: 10n * GIB, hru: 0n }, uptimeIntervalMs: 0 });
    const idle = idleWorkload(twins[1].id);
    await putContent(store.url, idle.file);
    signed = workload.signDefinition(idle.definition, expert);
  });
  after(async () => {
    await node?.stop();
    await client?.close();
    await store?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses requirements no node meets, before creating anything', async () => {
    const o = new Orchestrator(client, consumer, store.url);
    const err = await o.deploy(signed, { nodes: 2 }).catch((e) => e);
    expect(err).to.be.instanceOf(NotEnoughCapacityError);
    expect((await client.api.query.smartContractModule.contractID()).toNumber()).to.equal(0);
  });

  it('refuses an oversize or malformed definition before touching the chain', async () => {
    const small = await startContentStore({ dir: join(dir, 'small'), maxBytes: 512 });
    try {
      const o = new Orchestrator(client, consumer, small.url);
      const file = new TextEncoder().encode("setInterval(() => {}, 1000);\n");
      await putContent(small.url, file);
      const big = { ...signed.definition, description: 'x'.repeat(2000) };
      const err = await o.deploy(workload.signDefinition(big, new Keyring({ type: 'sr25519' }).addFromUri('//Charlie'))).catch((e) => e);
      expect(String(err)).to.match(/larger than 512 bytes/);
      const malformed = await o.deploy({ ...signed, definition: { ...signed.definition, processes: [] } }).catch((e) => e);
      expect(malformed).to.be.instanceOf(workload.DefinitionError);
      expect((await client.api.query.smartContractModule.contractID()).toNumber()).to.equal(0);
    } finally {
      await small.close();
    }
  });

  it('a rejected deployment ends in DeploymentFailedError, notarized as rejected; nothing ran', async () => {
    const o = new Orchestrator(client, consumer, store.url);
    const steps: DeployStep[] = [];
    const deploying = o.deploy(signed, {}, { stakeholders: [eveTwin], threshold: 1, timeoutMs: 30_000, onStep: (s) => {
      steps.push(s);
      if (s.step === 'awaiting-approval') void stakeholders.reject(client, { signer: eve, contractId: s.deploymentId, reason: 'not audited' });
    } });
    const err = await deploying.catch((e) => e);
    expect(err).to.be.instanceOf(DeploymentFailedError);
    expect((err as DeploymentFailedError).record.phase).to.equal('rejected');
    expect((await o.record(1))!.reason).to.match(/not audited/);
    expect(node.running.size).to.equal(0);
    expect(steps.map((s) => s.step)).to.deep.equal(['published', 'nodes-selected', 'contracts-created', 'awaiting-approval', 'failed']);
  });

  it('resumes a deployment from its notary record after the orchestrator restarts', async () => {
    const first = new Orchestrator(client, consumer, store.url);
    let id = 0;
    const abandoned = first.deploy(signed, {}, { stakeholders: [eveTwin], threshold: 1, timeoutMs: 1500, onStep: (s) => { if (s.step === 'contracts-created') id = s.deploymentId; } });
    expect(await abandoned.catch((e) => String(e))).to.match(/still awaiting-approval/); // "crashed" while waiting
    expect((await first.record(id))!.phase).to.equal('awaiting-approval');
    await stakeholders.approve(client, { signer: eve, contractId: id });
    const again = new Orchestrator(client, consumer, store.url);
    const done = await again.resume(id, { timeoutMs: 30_000 });
    expect(done.phase).to.equal('running');
    const status = await again.status(id);
    expect(status.consensus!.status).to.equal('Approved');
    expect(status.states[0].state).to.deep.equal({ state: 'Running' });
    await again.cancel(id);
    expect((await again.record(id))!.phase).to.equal('canceled');
  });
});

