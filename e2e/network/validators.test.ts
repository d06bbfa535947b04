/**
 * A real network: four tfit-node validators (Aura authoring, Grandpa finality, libp2p/litep2p
 * gossip, paritydb) on the `local` preset. The whole Smart-Contract-for-IT flow across
 * validators, with one validator killed (-9) mid-flow and restarted; every node stopped and
 * started again from its database; a fresh node syncing the chain from genesis.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { specPath } from '../../chain-spec/paths.js';
import { genesisOfSpec } from '../../chain-spec/genesis.js';
import { startValidatorNetwork, type ValidatorNetwork } from '../../localchain/network.js';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { SimNode } from '../../zos/node.js';
import { idleWorkload } from '../../zos/fixtures.js';
import { connect, contracts, grid, putContent, stakeholders, workload, Orchestrator, type TfitClient } from '@tfit/sdk';
import { requireNodeBinary } from '../support/node.js';
import { waitFor } from '../support/wait.js';

const GIB = 1024n ** 3n;
const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];

interface Health { peers: number; isSyncing: boolean }
const heads = async (c: TfitClient) => ({
  best: (await c.api.rpc.chain.getHeader()).number.toNumber(),
  finalized: (await c.api.rpc.chain.getHeader(await c.api.rpc.chain.getFinalizedHead())).number.toNumber(),
});

describe('tfit-node network: four validators', function () {
  this.timeout(15 * 60_000);
  let net: ValidatorNetwork;
  let store: ContentStore;
  let dir: string;
  const clients = new Map<string, TfitClient>();
  const nodes: SimNode[] = [];
  const client = (name: string) => clients.get(name)!;
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  let farmer: KeyringPair, expert: KeyringPair, consumer: KeyringPair, eve: KeyringPair, ferdie: KeyringPair;
  let deploymentId: number;

  before(async function () {
    requireNodeBinary(this);
    await cryptoWaitReady();
    [farmer, expert, consumer, eve, ferdie] = ['//Alice', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => sr.addFromUri(u));
    dir = mkdtempSync(join(tmpdir(), 'tfit-net-'));
    net = await startValidatorNetwork({ validators: VALIDATORS });
    store = await startContentStore({ dir: join(dir, 'store') });
    for (const name of VALIDATORS) clients.set(name, await connect({ endpoint: net.node(name).endpoint, connectTimeoutMs: 30_000, submitTimeoutMs: 120_000, logger: process.env.DEBUG_SDK ? { debug: (m, c) => console.error(name, m, JSON.stringify(c)), info: () => {}, warn: (m, c) => console.error(name, 'WARN', m, JSON.stringify(c)), error: () => {} } : undefined }));
  });
  after(async () => {
    for (const n of nodes) await n.stop().catch(() => {});
    for (const c of clients.values()) await c.close().catch(() => {});
    await store?.close();
    await net?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("starts from the local preset's genesis, as the project computes it, on every validator", async () => {
    const expected = genesisOfSpec(specPath('local')).hash;
    for (const name of VALIDATORS) expect(client(name).api.genesisHash.toHex(), name).to.equal(expected);
  });

  it('peers every validator with the others, authors blocks with Aura and finalizes them with Grandpa', async () => {
    for (const name of VALIDATORS) {
      await waitFor(`${name} peered with 3`, async () => ((await client(name).api.rpc.system.health()).toJSON() as unknown as Health).peers >= 3, 60_000);
    }
    await waitFor('finalized height 3 on every validator', async () => (await Promise.all(VALIDATORS.map(async (n) => (await heads(client(n))).finalized >= 3))).every(Boolean), 120_000);
    // every validator authored: the first blocks' Aura slots are spread round-robin over the authorities
    const authors = new Set<number>();
    const api = client('alice').api;
    const best = (await heads(client('alice'))).best;
    for (let n = 1; n <= Math.min(8, best); n++) {
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      const pre = header.digest.logs.find((l) => l.isPreRuntime)!.asPreRuntime;
      authors.add(Number(api.createType('u64', pre[1]).toBigInt() % 4n));
    }
    expect(authors.size).to.be.at.least(3);
  });

  it("resolves waitFor: 'finalized' only once Grandpa has finalized the transaction's block", async () => {
    const c = client('bob');
    const bob = sr.addFromUri('//Bob');
    const r = await c.submit(c.api.tx.balances.transferKeepAlive(eve.address, 1n), { signer: bob, waitFor: 'finalized' });
    const included = (await c.api.rpc.chain.getHeader(r.blockHash)).number.toNumber();
    expect((await heads(c)).finalized).to.be.at.least(included);
    // the finalized chain holds exactly that block
    expect((await c.api.rpc.chain.getBlockHash(included)).toHex()).to.equal(r.blockHash);
  });

  it('runs the whole flow across validators, with one killed -9 mid-flow: orchestrator, stakeholders and Zero-OS nodes on different validators', async () => {
    const [a, b, c, d] = VALIDATORS.map(client);
    const nodeKeys = ['//NetZos1', '//NetZos2'].map((u) => new Keyring({ type: 'ed25519' }).addFromUri(u));
    await a.batch(nodeKeys.map((k) => a.api.tx.balances.transferKeepAlive(k.address, 1_000n * 10_000_000n)), { signer: farmer });
    const twins = await Promise.all([[farmer, a], [expert, b], [consumer, a], [eve, b], [ferdie, c]].map(([signer, cl]) => grid.createTwin(cl as TfitClient, { signer: signer as KeyringPair })));
    const farm = await grid.createFarm(a, { signer: farmer, name: 'network_farm' });
    // one Zero-OS node on charlie, one on dave
    for (const [i, [key, name]] of [[nodeKeys[0], 'charlie'], [nodeKeys[1], 'dave']].entries()) {
      nodes.push(await SimNode.start({
        endpoint: net.node(name as string).endpoint, storeUrl: store.url, workDir: join(dir, `zos${i}`), key: key as KeyringPair, farmId: farm.id,
        capacity: { cru: 2n, mru: 4n * GIB, sru: 10n * GIB, hru: 0n }, uptimeIntervalMs: 0, resourceReportMs: 0,
      }));
    }
    const idle = idleWorkload(twins[1].id);
    await putContent(store.url, idle.file);
    const signed = workload.signDefinition(idle.definition, expert);

    const orchestrator = new Orchestrator(a, consumer, store.url);
    let awaiting!: (id: number) => void;
    const asked = new Promise<number>((r) => (awaiting = r));
    const deploying = orchestrator.deploy(signed, { nodes: 2 }, {
      stakeholders: [twins[3].id, twins[4].id], threshold: 2, timeoutMs: 600_000,
      onStep: (s) => { if (s.step === 'awaiting-approval') awaiting(s.deploymentId); },
    });
    deploymentId = await asked;
    // Eve approves through bob; then bob crashes; Ferdie approves through charlie
    await stakeholders.approve(b, { signer: eve, contractId: deploymentId });
    const beforeKill = await heads(c);
    await net.stop('bob', 'SIGKILL');
    await stakeholders.approve(c, { signer: ferdie, contractId: deploymentId });
    const record = await deploying;
    expect(record.contracts).to.have.length(2);
    expect(new Set(record.contracts.map((x) => x.nodeId))).to.deep.equal(new Set(nodes.map((n) => n.nodeId)));
    await waitFor('both workloads running', async () => nodes.every((n) => n.running.size === 1), 120_000);
    // without bob: blocks go on, and Grandpa (3 of 4 votes) still finalizes
    await waitFor('finality past the kill', async () => (await heads(c)).finalized > beforeKill.best + 2, 180_000);

    // bob comes back from its database and catches up with the head
    clients.get('bob')!.close().catch(() => {});
    await net.start('bob');
    clients.set('bob', await connect({ endpoint: net.node('bob').endpoint, connectTimeoutMs: 30_000, submitTimeoutMs: 120_000 }));
    await waitFor('bob resynced to the head', async () => (await heads(client('bob'))).best >= (await heads(c)).best - 1, 180_000);

    // billing (anyone may trigger it: Ferdie, through dave), then cancel: the nodes stop the workloads
    for (const { contractId } of record.contracts) {
      const billed = await contracts.billContract(d, { signer: ferdie, contractId });
      expect(billed >= 0n).to.equal(true);
    }
    await orchestrator.cancel(deploymentId);
    await waitFor('workloads stopped', async () => nodes.every((n) => n.running.size === 0), 120_000);
    for (const { contractId } of record.contracts) expect(await contracts.contract(a, contractId)).to.equal(null);
  });

  it('keeps contracts, consensus, notary and balances when every node is stopped and started again', async () => {
    expect(deploymentId, 'the flow test made a deployment').to.be.a('number');
    for (const n of nodes.splice(0)) await n.stop();
    const a = client('alice');
    const snapshot = async (cl: TfitClient) => ({
      consensus: JSON.stringify(await stakeholders.consensusOf(cl, deploymentId)),
      record: JSON.stringify(await new Orchestrator(cl, consumer, store.url).record(deploymentId)),
      balances: JSON.stringify(await Promise.all([farmer, consumer, eve].map(async (k) => (await cl.api.query.system.account(k.address)).data.free.toString()))),
      contractIds: (await cl.api.query.smartContractModule.contractID()).toString(),
    });
    const last = (await heads(a)).best;
    await waitFor('a finalized head past the last transactions', async () => (await heads(a)).finalized >= last, 120_000);
    const before = { ...(await snapshot(a)), ...(await heads(a)) };
    for (const c of clients.values()) await c.close();
    clients.clear();
    for (const name of VALIDATORS) await net.stop(name);
    for (const name of VALIDATORS) await net.start(name);
    for (const name of VALIDATORS) clients.set(name, await connect({ endpoint: net.node(name).endpoint, connectTimeoutMs: 30_000, submitTimeoutMs: 120_000 }));
    const after = await snapshot(client('charlie'));
    expect(after).to.deep.equal({ consensus: before.consensus, record: before.record, balances: before.balances, contractIds: before.contractIds });
    expect((await heads(client('charlie'))).finalized).to.be.at.least(before.finalized);
    await waitFor('blocks authored and finalized again', async () => (await heads(client('alice'))).finalized > before.finalized, 180_000);
  });

  it('lets a fresh node join and sync the whole chain from genesis, re-executing every block', async () => {
    const target = (await heads(client('alice'))).best;
    const fresh = await net.join('eve-observer');
    const fc = await connect({ endpoint: fresh.endpoint, connectTimeoutMs: 30_000 });
    try {
      await waitFor(`the fresh node at block ${target}`, async () => (await heads(fc)).best >= target, 300_000);
      for (const n of [1, Math.floor(target / 2), target]) {
        expect((await fc.api.rpc.chain.getBlockHash(n)).toHex(), `block ${n}`).to.equal((await client('alice').api.rpc.chain.getBlockHash(n)).toHex());
      }
      // it executed the blocks itself: its state answers queries (no state sync)
      expect((await fc.api.query.smartContractModule.contractID()).toString()).to.equal((await client('alice').api.query.smartContractModule.contractID()).toString());
    } finally {
      await fc.close();
    }
  });
});
