// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { SimNode } from '../../zos/node.js';
import { idleWorkload } from '../../zos/fixtures.js';
import { catalog, CatalogError, connect, grid, kv, putContent, workload, Orchestrator, type TfitClient } from '@tfit/sdk';

const GIB = 1024n ** 3n;
const MIB = 1024 * 1024;

/** The catalog against a real chain and store: publish, search, supersede, withdraw, and every way an entry fails verification. */
describe('SDK: catalog', () => {
  let chain: LocalChain, store: ContentStore, client: TfitClient, node: SimNode, dir: string;
  let expert: KeyringPair, other: KeyringPair, eve: KeyringPair, consumer: KeyringPair, expertTwin: number, otherTwin: number;
  let v1: workload.SignedDefinition, v11: workload.SignedDefinition;

  /** idleWorkload, renamed and adjusted: what an expert would publish. */
  const definition = (twinId: number, name: string, version: string, extra: Partial<workload.Definition> = {}): workload.Definition =>
    ({ ...idleWorkload(twinId).definition, name, version, ...extra });
  const entriesOf = async (name: string) => (await catalog.entries(client, store.url)).filter((e) => e.name === name);
  const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a CatalogError'); }, (e) => { expect(e).to.be.instanceOf(CatalogError); return e as CatalogError; });

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-catalog-'));
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint });
    const sr = new Keyring({ type: 'sr25519' });
    const farmer = sr.addFromUri('//Alice');
    [expert, other, consumer, eve] = ['//Charlie', '//Ferdie', '//Dave', '//Eve'].map((u) => sr.addFromUri(u));
    const nodeKey = new Keyring({ type: 'ed25519' }).addFromUri('//CatalogNode');
    await client.submit(client.api.tx.balances.transferKeepAlive(nodeKey.address, 1000n * 10_000_000n), { signer: farmer });
    const twins = await Promise.all([farmer, expert, other, consumer, eve].map((signer) => grid.createTwin(client, { signer })));
    [expertTwin, otherTwin] = [twins[1].id, twins[2].id];
    await grid.createFarm(client, { signer: farmer, name: 'farm_catalog' });
    node = await SimNode.start({ endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, 'n'), key: nodeKey, farmId: 1, capacity: { cru: 2n, mru: 4n * GIB, sru: 10n * GIB, hru: 0n }, uptimeIntervalMs: 0 });
    await putContent(store.url, idleWorkload(expertTwin).file);

    v1 = workload.signDefinition(definition(expertTwin, 'idle-svc', '1.0.0', { description: 'Idles quietly forever', tags: ['demo', 'idle'] }), expert);
    v11 = workload.signDefinition(definition(expertTwin, 'idle-svc', '1.1.0', {
      description: 'Idles, and has a web page', tags: ['demo', 'web'], solutionProviderId: 1,
      capacity: { cru: 2, mru: 256 * MIB, sru: 1024, hru: 0, publicIps: 0 },
    }), expert);
    for (const signed of [v1, v11]) await catalog.publish(client, { signer: expert, storeUrl: store.url, signed });
    await catalog.publish(client, { signer: other, storeUrl: store.url, signed: workload.signDefinition(definition(otherTwin, 'other-svc', '2.0', { description: 'Another idle service' }), other) });
  });
  after(async () => {
    await node?.stop();
    await client?.close();
    await store?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('anchors each entry in TFKVStore under the expert account: the definition hash, the content address, the status', async () => {
    const value = JSON.parse((await kv.kvGet(client, expert.address, 'tfit/catalog/idle-svc@1.0.0'))!);
    expect(value).to.deep.equal({ d: workload.documentHash(v1.definition), c: value.c, s: 'published' });
    // the content address is the signed definition's canonical bytes, which the store keeps under that name
    expect(new Uint8Array(readFileSync(join(dir, 'store', value.c)))).to.deep.equal(workload.canonicalBytes(v1));
  });

  it('lists both versions verified, 1.0.0 superseded by 1.1.0; search filters by tag, words, expert, provider and capacity', async () => {
    const all = await catalog.search(client, store.url);
    expect(all.map((e) => [`${e.name}@${e.version}`, e.verified, e.supersededBy ?? null])).to.deep.equal([
      ['idle-svc@1.0.0', true, '1.1.0'], ['idle-svc@1.1.0', true, null], ['other-svc@2.0', true, null],
    ]);
    expect(all[0]).to.deep.include({ expert: { twinId: expertTwin, account: expert.address }, status: 'published', problems: [], definitionHash: workload.documentHash(v1.definition) });
    const refs = async (q: catalog.SearchQuery) => (await catalog.search(client, store.url, q)).map((e) => `${e.name}@${e.version}`);
    expect(await refs({ tag: 'web' })).to.deep.equal(['idle-svc@1.1.0']);
    expect(await refs({ tag: 'demo' })).to.deep.equal(['idle-svc@1.0.0', 'idle-svc@1.1.0']);
    expect(await refs({ text: 'IDLES quietly' })).to.deep.equal(['idle-svc@1.0.0']);
    expect(await refs({ text: 'idle' })).to.have.length(3);
    expect(await refs({ expertTwin: otherTwin })).to.deep.equal(['other-svc@2.0']);
    expect(await refs({ solutionProvider: 1 })).to.deep.equal(['idle-svc@1.1.0']);
    expect(await refs({ fits: { cru: 1 } })).to.deep.equal(['idle-svc@1.0.0', 'other-svc@2.0']);
    expect(await refs({ fits: { cru: 4, mru: 200 * MIB } })).to.deep.equal(['idle-svc@1.0.0', 'other-svc@2.0']);
    expect(await refs({ fits: { cru: 2, mru: 256 * MIB }, name: 'idle-svc', version: '1.1.0' })).to.deep.equal(['idle-svc@1.1.0']);
  });

  it('resolves a verified entry and deploys it end to end on a node', async () => {
    const signed = await catalog.resolve(client, store.url, 'idle-svc@1.0.0');
    expect(signed).to.deep.equal(v1);
    const o = new Orchestrator(client, consumer, store.url);
    const record = await o.deploy(signed, {}, { timeoutMs: 60_000 });
    expect(record.phase).to.equal('running');
    expect(node.running.size).to.equal(1);
    await o.cancel(record.deploymentId);
    expect((await refusal(catalog.resolve(client, store.url, 'idle-svc@9'))).kind).to.equal('not-found');
    expect((await refusal(catalog.resolve(client, store.url, 'idle-svc'))).kind).to.equal('invalid');
  });

  it('refuses to publish another definition under a published version, or what the key did not sign; republishing the same is harmless', async () => {
    const before = await kv.kvGet(client, expert.address, 'tfit/catalog/idle-svc@1.0.0');
    const changed = workload.signDefinition({ ...v1.definition, description: 'Something else' }, expert);
    const conflict = await refusal(catalog.publish(client, { signer: expert, storeUrl: store.url, signed: changed }));
    expect([conflict.kind, conflict.message]).to.deep.equal(['conflict', `idle-svc@1.0.0 is already published by ${expert.address} with another definition: publish it as a new version`]);
    expect(await kv.kvGet(client, expert.address, 'tfit/catalog/idle-svc@1.0.0')).to.equal(before);
    expect((await refusal(catalog.publish(client, { signer: eve, storeUrl: store.url, signed: v1 }))).kind).to.equal('invalid');
    expect(await kv.kvGet(client, eve.address, 'tfit/catalog/idle-svc@1.0.0')).to.equal(null);
    await catalog.publish(client, { signer: expert, storeUrl: store.url, signed: v1 });
    expect(await kv.kvGet(client, expert.address, 'tfit/catalog/idle-svc@1.0.0')).to.equal(before);
  });

  it('withdrawing 1.1.0 marks it withdrawn with the reason, 1.0.0 is no longer superseded, and resolve refuses 1.1.0', async () => {
    expect((await refusal(catalog.withdraw(client, { signer: expert, name: 'idle-svc', version: '1.1.0', reason: ' ' }))).kind).to.equal('invalid');
    expect((await refusal(catalog.withdraw(client, { signer: eve, name: 'idle-svc', version: '1.1.0', reason: 'mine now' }))).kind).to.equal('not-found');
    await catalog.withdraw(client, { signer: expert, name: 'idle-svc', version: '1.1.0', reason: 'leaks memory' });
    const [a, b] = await entriesOf('idle-svc');
    expect([a.supersededBy, b.status, b.withdrawnReason, b.verified]).to.deep.equal([undefined, 'withdrawn', 'leaks memory', true]);
    const err = await refusal(catalog.resolve(client, store.url, 'idle-svc@1.1.0'));
    expect([err.kind, err.message]).to.deep.equal(['withdrawn', 'idle-svc@1.1.0 is withdrawn: leaks memory']);
  });

  it('an entry whose store copy was altered is listed unverified, and resolve refuses it', async () => {
    const signed = workload.signDefinition(definition(expertTwin, 'fragile-svc', '1.0.0'), expert);
    const { contentHash } = await catalog.publish(client, { signer: expert, storeUrl: store.url, signed });
    const blob = join(dir, 'store', contentHash); // zos/store.ts keeps each blob in a file named by its hash
    writeFileSync(blob, readFileSync(blob, 'utf8').replace('idle.js', 'evil.js'));
    const [entry] = await entriesOf('fragile-svc');
    expect(entry.verified).to.equal(false);
    expect(entry.problems).to.have.length(1);
    expect(entry.problems[0]).to.match(/^the store's copy: content 0x[0-9a-f]{64}: received bytes hash to 0x/);
    expect(entry.signed).to.equal(undefined);
    const err = await refusal(catalog.resolve(client, store.url, 'fragile-svc@1.0.0'));
    expect(err.kind).to.equal('unverified');
    expect(err.problems[0]).to.include(entry.problems[0]);
    expect(await catalog.search(client, store.url, { name: 'fragile-svc', includeUnverified: false })).to.deep.equal([]);
  });

  it("Eve's entry naming the expert's twin is listed unverified and refused; it does not shadow the expert's own", async () => {
    const forged = workload.signDefinition(definition(expertTwin, 'forged-svc', '1.0.0', { description: 'Trust me' }), eve);
    await catalog.publish(client, { signer: eve, storeUrl: store.url, signed: forged });
    const [entry] = await entriesOf('forged-svc');
    expect(entry).to.deep.include({ verified: false, expert: { twinId: expertTwin, account: eve.address } });
    expect(entry.problems).to.deep.equal([`the signer is not the expert twin ${expertTwin}'s key (${expert.address})`]);
    const err = await refusal(catalog.resolve(client, store.url, 'forged-svc@1.0.0', { expertTwin }));
    expect(err.kind).to.equal('unverified');
    expect(err.message).to.include("is not the expert twin");
    // the same name@version as the expert's, by Eve: listed unverified beside it, and resolve still finds the expert's
    await catalog.publish(client, { signer: eve, storeUrl: store.url, signed: workload.signDefinition({ ...v1.definition, description: 'Idles quietly, trust me' }, eve) });
    expect((await entriesOf('idle-svc')).map((e) => [e.version, e.expert.account, e.verified])).to.deep.include.members([['1.0.0', expert.address, true], ['1.0.0', eve.address, false]]);
    expect(await catalog.resolve(client, store.url, 'idle-svc@1.0.0')).to.deep.equal(v1);
  });
});
