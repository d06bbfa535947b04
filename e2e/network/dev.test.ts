/**
 * tfit-node --dev: the tfit runtime on a real Substrate client (real executor, real pool, real
 * database), one process with instant seal. Genesis identity, the RPC surface, the SDK on a
 * real pool (usurped, dropped, finalized), and bad input.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { specPath } from '../../chain-spec/paths.js';
import { genesisOfSpec } from '../../chain-spec/genesis.js';
import { nodeKeyFor, startTfitNode, NodeExitedError, type TfitNode } from '../../localchain/tfit-node.js';
import { connect, contracts, grid, DroppedError, InvalidTransactionError, UsurpedError, type TfitClient } from '@tfit/sdk';
import { requireNodeBinary } from '../support/node.js';
import { waitFor } from '../support/wait.js';

const sr = () => new Keyring({ type: 'sr25519', ss58Format: 42 });
const rpc = (client: TfitClient, method: string, ...params: unknown[]) =>
  (client.api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<unknown> } } })._rpcCore.provider.send(method, params);

describe('tfit-node --dev', function () {
  this.timeout(120_000);
  let node: TfitNode;
  let client: TfitClient;

  before(async function () {
    requireNodeBinary(this);
    await cryptoWaitReady();
    node = await startTfitNode({ dev: true });
    client = await connect({ endpoint: node.endpoint });
  });
  after(async () => {
    await client?.close();
    await node?.close();
  });

  it("has the genesis block the project computes for the spec (state root, hash)", async () => {
    const expected = genesisOfSpec(specPath('dev'));
    expect((await client.api.rpc.chain.getBlockHash(0)).toHex()).to.equal(expected.hash);
    const header = await client.api.rpc.chain.getHeader(expected.hash);
    expect(header.stateRoot.toHex()).to.equal(expected.stateRoot);
    expect(header.extrinsicsRoot.toHex()).to.equal(expected.extrinsicsRoot);
    expect(client.api.genesisHash.toHex()).to.equal(expected.hash);
  });

  it('serves the standard RPC surface: chain, state, author, system (accountNextIndex, dryRun), payment, engine', async () => {
    const methods = ((await rpc(client, 'rpc_methods')) as { methods: string[] }).methods;
    expect(methods).to.include.members([
      'chain_getBlockHash', 'chain_getFinalizedHead', 'chain_subscribeNewHeads', 'state_getMetadata', 'state_call', 'state_getStorage',
      'author_submitExtrinsic', 'author_submitAndWatchExtrinsic', 'author_pendingExtrinsics', 'system_accountNextIndex', 'system_dryRun',
      'system_health', 'payment_queryInfo', 'payment_queryFeeDetails', 'engine_createBlock', 'engine_finalizeBlock',
    ]);
    expect(client.api.runtimeVersion.specName.toString()).to.equal('tfit');
    const alice = sr().addFromUri('//Alice');
    const nonce = (await client.api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const tx = await client.api.tx.system.remark('0x01').signAsync(alice, { nonce });
    const info = (await rpc(client, 'payment_queryInfo', tx.toHex())) as { partialFee: number | string; class: string; weight: { ref_time: number } };
    expect(info.class).to.equal('normal');
    expect(BigInt(info.partialFee) > 0n, `partialFee ${info.partialFee}`).to.equal(true);
    expect(info.weight.ref_time).to.be.greaterThan(0);
    // system_dryRun applies the extrinsic to the state after `at` (no new block begun), as on
    // any FRAME node: an immortal transaction passes, one born at that very block is refused
    // (its birth hash is only stored by the next block; the SDK signs below the head for this)
    await rpc(client, 'engine_createBlock', true, true, null);
    const immortal = await client.api.tx.system.remark('0x01').signAsync(alice, { nonce, era: 0 });
    const dry = await client.api.rpc.system.dryRun(immortal.toHex());
    expect(dry.isOk && dry.asOk.isOk, dry.toString()).to.equal(true);
    const bornAtHead = await client.api.tx.system.remark('0x01').signAsync(alice, { nonce });
    expect((await client.api.rpc.system.dryRun(bornAtHead.toHex())).toString()).to.match(/ancientBirthBlock/);
  });

  it('includes and finalizes an SDK transfer; waitFor finalized resolves with a finalized block', async () => {
    const [alice, bob] = ['//Alice', '//Bob'].map((u) => sr().addFromUri(u));
    const before = (await client.api.query.system.account(bob.address)).data.free.toBigInt();
    const r = await client.submit(client.api.tx.balances.transferKeepAlive(bob.address, 12_345n), { signer: alice, waitFor: 'finalized' });
    const finalized = await client.api.rpc.chain.getHeader(await client.api.rpc.chain.getFinalizedHead());
    const included = await client.api.rpc.chain.getHeader(r.blockHash);
    expect(finalized.number.toNumber()).to.be.at.least(included.number.toNumber());
    expect((await client.api.query.system.account(bob.address)).data.free.toBigInt() - before).to.equal(12_345n);
  });

  it('refuses a transaction signed for another spec (the local preset): its genesis hash differs', async () => {
    const alice = sr().addFromUri('//Alice');
    const local = genesisOfSpec(specPath('local')).hash;
    expect(local).to.not.equal(client.api.genesisHash.toHex());
    const nonce = (await client.api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const forLocal = client.api.tx.system.remark('0x02');
    const payload = client.api.createType('SignerPayload', {
      method: forLocal.method.toHex(), nonce, genesisHash: local, blockHash: local, era: client.api.createType('ExtrinsicEra'),
      runtimeVersion: client.api.runtimeVersion, version: 4, specVersion: client.api.runtimeVersion.specVersion, transactionVersion: client.api.runtimeVersion.transactionVersion, address: alice.address,
      signedExtensions: client.api.registry.signedExtensions,
    });
    const { signature } = client.api.createType('ExtrinsicPayload', payload.toPayload(), { version: 4 }).sign(alice);
    forLocal.addSignature(alice.address, signature, payload.toPayload());
    const err = await client.api.rpc.author.submitExtrinsic(forLocal.toHex()).catch((e: Error) => e);
    expect(String(err)).to.match(/bad signature|badProof|1010/i);
  });

  it('keeps producing blocks after malformed extrinsics: each one is refused by the pool', async () => {
    const height = (await client.api.rpc.chain.getHeader()).number.toNumber();
    const garbage = ['0x', '0x00', '0xdeadbeef', '0x' + 'ff'.repeat(300), '0x8400' + '11'.repeat(120), '0x2804' + '00'.repeat(10)];
    for (let i = 0; i < 40; i++) garbage.push(u8aToHex(Uint8Array.from({ length: 1 + ((i * 37) % 200) }, (_, j) => (i * 31 + j * 17) & 0xff)));
    for (const hex of garbage) {
      const err = await rpc(client, 'author_submitExtrinsic', hex).then(() => null, (e: Error) => e);
      expect(err, `${hex.slice(0, 20)}… was accepted`).to.be.instanceOf(Error);
    }
    const [alice, bob] = ['//Alice', '//Bob'].map((u) => sr().addFromUri(u));
    await client.submit(client.api.tx.balances.transferKeepAlive(bob.address, 1n), { signer: alice });
    expect((await client.api.rpc.chain.getHeader()).number.toNumber()).to.be.greaterThan(height);
  });
});

describe('tfit-node --dev --sealing manual: the SDK on a real pool', function () {
  this.timeout(120_000);
  let node: TfitNode;
  let client: TfitClient;

  before(async function () {
    requireNodeBinary(this);
    await cryptoWaitReady();
    // a pool of at most 2 ready transactions, so that a better one pushes one out
    node = await startTfitNode({ dev: true, sealing: 'manual', poolLimit: 2 });
    client = await connect({ endpoint: node.endpoint });
  });
  after(async () => {
    await client?.close();
    await node?.close();
  });
  const seal = () => rpc(client, 'engine_createBlock', true, true, null);

  it('a same-nonce replacement with a higher tip ends the first submission in UsurpedError', async () => {
    const [ferdie, bob] = ['//Ferdie', '//Bob'].map((u) => sr().addFromUri(u));
    const nonce = (await client.api.rpc.system.accountNextIndex(ferdie.address)).toNumber();
    const first = client.submit(client.api.tx.balances.transferKeepAlive(bob.address, 1n), { signer: ferdie, nonce, tip: 0n, timeoutMs: 30_000 });
    await waitFor('the first transaction in the pool', async () => (await client.api.rpc.author.pendingExtrinsics()).length === 1);
    const second = client.submit(client.api.tx.balances.transferKeepAlive(bob.address, 2n), { signer: ferdie, nonce, tip: 1_000_000n, timeoutMs: 30_000 });
    const err = await first.catch((e) => e);
    expect(err).to.be.instanceOf(UsurpedError);
    await waitFor('the replacement in the pool', async () => (await client.api.rpc.author.pendingExtrinsics()).length === 1);
    await seal();
    await second;
  });

  it('a transaction pushed out of a full pool ends in DroppedError', async () => {
    const [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => sr().addFromUri(u));
    const low = [alice, bob].map((signer) => client.submit(client.api.tx.system.remark('0x00'), { signer, tip: 0n, timeoutMs: 30_000 }).then(() => null, (e) => e));
    await waitFor('two transactions in the pool', async () => (await client.api.rpc.author.pendingExtrinsics()).length === 2);
    const high = [charlie, dave].map((signer) => client.submit(client.api.tx.system.remark('0x00'), { signer, tip: 10_000_000n, timeoutMs: 30_000 }).then(() => null, (e) => e));
    const lows = await Promise.race([Promise.all(low), new Promise((r) => setTimeout(() => r('pending'), 20_000))]);
    expect(lows, 'the low-tip submissions did not end').to.not.equal('pending');
    for (const e of lows as unknown[]) expect(e).to.be.instanceOf(DroppedError);
    await seal();
    for (const e of await Promise.all(high)) expect(e).to.equal(null);
  });

  it("refuses an invalid transaction up front with the runtime's reason, and nothing hangs", async () => {
    const nobody = sr().addFromUri('//Nobody');
    const err = await client.submit(client.api.tx.system.remark('0x00'), { signer: nobody, timeoutMs: 10_000 }).catch((e) => e);
    expect(err).to.be.instanceOf(InvalidTransactionError);
    expect((err as InvalidTransactionError).message).to.match(/payment/i);
  });
});

describe('tfit-node: bad chain specs', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    requireNodeBinary(this);
    dir = mkdtempSync(join(tmpdir(), 'tfit-bad-spec-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const withCode = (name: string, code: string | undefined) => {
    const spec = JSON.parse(readFileSync(specPath('dev'), 'utf8'));
    if (code === undefined) delete spec.genesis.raw.top['0x3a636f6465'];
    else spec.genesis.raw.top['0x3a636f6465'] = code;
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(spec));
    return file;
  };
  const startFails = async (spec: string) => {
    const err = await startTfitNode({ dev: true, spec }).then(async (n) => { await n.close(); return null; }, (e) => e);
    expect(err).to.be.instanceOf(NodeExitedError);
    expect((err as NodeExitedError).code).to.not.equal(0);
    return (err as NodeExitedError).log;
  };

  it('exits with a clear message when :code is missing', async () => {
    expect(await startFails(withCode('missing', undefined))).to.match(/has no runtime: `:code`/);
  });
  it('exits with a clear message when :code is not wasm', async () => {
    expect(await startFails(withCode('not-wasm', '0x' + 'ab'.repeat(64)))).to.match(/`:code` is not a wasm runtime/);
  });
  it('exits with a clear message when :code is a corrupt wasm', async () => {
    const wasm = readFileSync(specPath('dev'), 'utf8').match(/"0x3a636f6465":\s*"(0x[0-9a-f]+)"/)![1];
    expect(await startFails(withCode('corrupt', wasm.slice(0, 2 + 4000)))).to.match(/not a runnable tfit runtime|cannot open the chain/);
  });
});

describe('tfit-node: a fresh node following a --dev chain of 200+ blocks of contract traffic', function () {
  this.timeout(300_000);
  let source: TfitNode;
  let follower: TfitNode | undefined;
  let client: TfitClient;

  before(async function () {
    requireNodeBinary(this);
    await cryptoWaitReady();
    source = await startTfitNode({ dev: true, name: 'follow-source', nodeKey: nodeKeyFor('follow-source'), args: ['--dev-peers'] });
    client = await connect({ endpoint: source.endpoint });
  });
  after(async () => {
    await client?.close();
    await follower?.close();
    await source?.close();
  });

  it('imports every block by re-executing it (real executor: state and extrinsics roots checked) and reaches the same head and state', async () => {
    const keyring = sr();
    const [alice, bob] = ['//Alice', '//Bob'].map((u) => keyring.addFromUri(u));
    // instant seal: one block per transaction, each with contract traffic
    await grid.createTwin(client, { signer: alice });
    await grid.createTwin(client, { signer: bob });
    const farm = await grid.createFarm(client, { signer: alice, name: 'follow_farm' });
    const node = await grid.createNode(client, {
      signer: bob, farmId: farm.id, resources: { hru: 0n, sru: 100n * 1024n ** 3n, cru: 64n, mru: 256n * 1024n ** 3n },
      location: { city: 'Ghent', country: 'Belgium', latitude: '51.05', longitude: '3.72' },
    });
    const ids: number[] = [];
    for (let i = 0; ids.length < 200; i++) {
      if (i % 4 === 3) await contracts.cancelContract(client, { signer: alice, contractId: ids[ids.length - 1] }).then(() => ids.push(-1));
      else ids.push(await contracts.createNodeContract(client, { signer: alice, nodeId: node.id, deploymentHash: blake2AsHex(`follow-${i}`), deploymentData: 'follow' }));
    }
    const head = await client.api.rpc.chain.getHeader();
    expect(head.number.toNumber()).to.be.at.least(200);

    follower = await startTfitNode({ dev: true, sealing: 'manual', name: 'follow-follower', bootnodes: [source.multiaddr!] });
    const fc = await connect({ endpoint: follower.endpoint });
    try {
      await waitFor('the follower at the head', async () => (await fc.api.rpc.chain.getHeader()).number.toNumber() >= head.number.toNumber(), 120_000);
      const at = head.hash.toHex();
      expect((await fc.api.rpc.chain.getBlockHash(head.number.toNumber())).toHex()).to.equal(at);
      expect((await fc.api.rpc.chain.getHeader(at)).stateRoot.toHex()).to.equal(head.stateRoot.toHex());
      // its own state, not a copy: it answers queries at the head from what it executed
      const [mine, theirs] = await Promise.all([fc, client].map(async (c) => (await c.api.query.smartContractModule.contractID.at(at)).toNumber()));
      expect(mine).to.equal(theirs);
      expect(mine).to.be.at.least(150);
    } finally {
      await fc.close();
    }
  });
});
