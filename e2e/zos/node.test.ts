// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { SimNode } from '../../zos/node.js';
import { freePort } from '../../zos/net.js';
import { waitFor } from '../support/wait.js';
import { connect, grid, contracts, stakeholders, workload, putContent, type TfitClient } from '@tfit/sdk';

const SERVER = "require('http').createServer((q, s) => s.end(process.env.GREETING)).listen(Number(process.argv[2]), '127.0.0.1');\n";
const GIB = 1024n ** 3n;



const answer = (port: number) => fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then((r) => r.text()).catch(() => null);

/** A simulated Zero-OS node on a real chain: it runs only approved, verified work, as real processes. */
describe('simulated Zero-OS node', () => {
  let chain: LocalChain;
  let store: ContentStore;
  let client: TfitClient;
  let dir: string;
  let node: SimNode;
  let farmer: KeyringPair, consumer: KeyringPair, auditor: KeyringPair, expert: KeyringPair, nodeKey: KeyringPair;
  let signed: workload.SignedDefinition;
  let expertTwin: number, auditorTwin: number;

  /** Publishes a deployment of the hello server on `port`; resolves to its hash. */
  async function publish(port: number, definition = signed): Promise<string> {
    const { deployment, hash } = workload.instantiate(definition, { port, greeting: 'hi' });
    expect(await putContent(store.url, workload.canonicalBytes(deployment))).to.equal(hash);
    return hash;
  }

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-zos-'));
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint });
    const sr = new Keyring({ type: 'sr25519' });
    [farmer, consumer, auditor, expert] = ['//Alice', '//Dave', '//Eve', '//Charlie'].map((u) => sr.addFromUri(u));
    nodeKey = new Keyring({ type: 'ed25519' }).addFromUri('//ZosNode1');
    await client.submit(client.api.tx.balances.transferKeepAlive(nodeKey.address, 1000n * 10_000_000n), { signer: farmer });
    const twins = await Promise.all([farmer, consumer, auditor, expert].map((signer) => grid.createTwin(client, { signer })));
    [, , auditorTwin, expertTwin] = twins.map((t) => t.id);
    await grid.createFarm(client, { signer: farmer, name: 'farm1' });
    const file = new TextEncoder().encode(SERVER);
    await putContent(store.url, file);
    signed = workload.signDefinition({
      format: 'tfit.workload/v1', name: 'hello-http', version: '1.0.0', expert: { twinId: expertTwin },
      files: [{ name: 'server.js', size: file.length, blake2_256: blake2AsHex(file) }],
      processes: [{ name: 'web', command: process.execPath, args: ['server.js', '{{port}}'], env: { GREETING: '{{greeting}}' }, limits: { memoryMb: 128 } }],
      capacity: { cru: 1, mru: 128 * 1024 * 1024, sru: 1024 * 1024, hru: 0, publicIps: 0 },
      parameters: { port: { type: 'integer', min: 1024, max: 65535 }, greeting: { type: 'string', default: 'hello' } },
    }, expert);
    node = await SimNode.start({
      endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, 'node1'), key: nodeKey, farmId: 1,
      capacity: { cru: 8n, mru: 16n * GIB, sru: 512n * GIB, hru: 0n }, uptimeIntervalMs: 0,
    });
  });
  after(async () => {
    await node?.stop();
    await client?.close();
    await store?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers itself: twin and node on the chain', async () => {
    expect(await grid.nodeIdOf(client, nodeKey.address)).to.equal(node.nodeId);
    expect((await grid.node(client, node.nodeId))!.farmId).to.equal(1);
  });

  it('does not run work awaiting approval; runs it once approved and reports deployed, running and resources', async () => {
    const port = await freePort();
    const hash = await publish(port);
    const id = await contracts.nextContractId(client);
    await client.batch([
      contracts.nodeContractTx(client, { nodeId: node.nodeId, deploymentHash: hash }),
      client.api.tx.smartContractModule.addStakeholders(id, [auditorTwin], 1),
    ], { signer: consumer });
    await client.submit(client.api.tx.system.remark('0x00'), { signer: farmer }); // another block for the node to see
    await node.settled();
    expect(await stakeholders.workloadStateOf(client, id)).to.equal(null);
    expect(await answer(port)).to.equal(null);

    await stakeholders.approve(client, { signer: auditor, contractId: id });
    await waitFor('running', async () => (await stakeholders.workloadStateOf(client, id))?.state === 'Running');
    expect(await waitFor('the service', () => answer(port))).to.equal('hi');
    const used = await waitFor('the resource report', async () => {
      const u = (await client.api.query.smartContractModule.nodeContractResources(id)).used;
      return u.mru.toBigInt() > 0n && u;
    });
    // measured, not declared: the server's resident memory (well under its 128 MB limit) and its sandbox's bytes
    const measured = node.usage(id)!;
    expect(Number(used.mru.toBigInt())).to.be.within(8 * 2 ** 20, 127 * 2 ** 20);
    expect(Number(used.mru.toBigInt()) / measured.rssBytes).to.be.within(0.5, 2);
    expect(used.sru.toBigInt()).to.equal(BigInt(SERVER.length));
    expect(used.cru.toBigInt()).to.equal(1n);

    // canceled: stopped and cleaned up
    await contracts.cancelContract(client, { signer: consumer, contractId: id });
    await waitFor('the service to stop', async () => (await answer(port)) === null && !node.running.has(id));
    expect(existsSync(join(dir, 'node1', `contract-${id}`))).to.equal(false);
  });

  it('refuses a tampered deployment and says why on chain', async () => {
    const { deployment } = workload.instantiate(signed, { port: await freePort(), greeting: 'hi' });
    deployment.processes[0].args.push('--evil');
    const hash = await putContent(store.url, workload.canonicalBytes(deployment));
    const id = await contracts.createNodeContract(client, { signer: consumer, nodeId: node.nodeId, deploymentHash: hash });
    const state = await waitFor('the refusal', () => stakeholders.workloadStateOf(client, id));
    expect(state).to.deep.include({ state: 'Failed' });
    expect((state as { reason: string }).reason).to.match(/does not follow from its signed definition/);
  });

  it('refuses a definition not signed by the expert twin it names', async () => {
    const forged = workload.signDefinition(signed.definition, consumer); // valid signature, wrong key
    const id = await contracts.createNodeContract(client, { signer: consumer, nodeId: node.nodeId, deploymentHash: await publish(await freePort(), forged) });
    const state = await waitFor('the refusal', () => stakeholders.workloadStateOf(client, id));
    expect((state as { reason: string }).reason).to.match(new RegExp(`not by the expert twin ${expertTwin}`));
  });

  it('refuses a file that does not match its description in the definition', async () => {
    const lying = workload.signDefinition({ ...signed.definition, files: [{ ...signed.definition.files[0], size: signed.definition.files[0].size + 1 }] }, expert);
    const id = await contracts.createNodeContract(client, { signer: consumer, nodeId: node.nodeId, deploymentHash: await publish(await freePort(), lying) });
    const state = await waitFor('the refusal', () => stakeholders.workloadStateOf(client, id));
    expect((state as { reason: string }).reason).to.match(/file server\.js: \d+ bytes, the definition says \d+/);
  });

  /** Deploys a one-script workload (process `name`, with `limits`) on the node; resolves to the reason it failed. */
  async function failureOf(name: string, script: string, limits: workload.Limits): Promise<{ id: number; reason: string }> {
    const file = new TextEncoder().encode(script);
    await putContent(store.url, file);
    const definition = workload.signDefinition({
      ...signed.definition, name, parameters: {},
      files: [{ name: `${name}.js`, size: file.length, blake2_256: blake2AsHex(file) }],
      processes: [{ name, command: process.execPath, args: [`${name}.js`], env: {}, limits }],
    }, expert);
    const { deployment, hash } = workload.instantiate(definition, {});
    await putContent(store.url, workload.canonicalBytes(deployment));
    const id = await contracts.createNodeContract(client, { signer: consumer, nodeId: node.nodeId, deploymentHash: hash });
    const state = await waitFor('the failure', async () => {
      const s = await stakeholders.workloadStateOf(client, id);
      return s?.state === 'Failed' && s;
    });
    return { id, reason: state.reason };
  }

  it('fails a workload whose process exceeds its memory limit, and says so on chain', async () => {
    const { id, reason } = await failureOf('hog', 'const keep = []; setInterval(() => keep.push(Buffer.alloc(16 << 20, 1)), 20);\n', { memoryMb: 96 });
    expect(reason).to.match(/^process hog exceeded its memory limit: \d+ MB resident > 96 MB$/);
    expect(node.running.has(id)).to.equal(false);
  });

  it('fails a workload whose process exceeds its CPU time limit', async () => {
    const { reason } = await failureOf('spin', 'for (;;) {}\n', { memoryMb: 128, cpuSeconds: 1 });
    expect(reason).to.match(/^process spin exceeded its CPU limit: \d+\.\d s > 1 s$/);
  });

  it('resumes running workloads from chain state after a restart', async () => {
    const port = await freePort();
    const id = await contracts.createNodeContract(client, { signer: consumer, nodeId: node.nodeId, deploymentHash: await publish(port) });
    await waitFor('running', async () => (await stakeholders.workloadStateOf(client, id))?.state === 'Running');
    await node.stop();
    expect(await waitFor('the service to stop', async () => (await answer(port)) === null)).to.equal(true);
    node = await SimNode.start({
      endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, 'node1'), key: nodeKey, farmId: 1,
      capacity: { cru: 8n, mru: 16n * GIB, sru: 512n * GIB, hru: 0n }, uptimeIntervalMs: 0,
    });
    await client.submit(client.api.tx.system.remark('0x01'), { signer: farmer }); // a block to react to
    expect(await waitFor('the service again', () => answer(port))).to.equal('hi');
    expect((await stakeholders.workloadStateOf(client, id))!.state).to.equal('Running');
  });
});
