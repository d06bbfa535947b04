/**
 * The target-agnostic suite: what a tfit user relies on, run against whatever TFIT_TARGET
 * names (a fresh Chopsticks chain by default, a Zombienet network, or any endpoint such as
 * a TF-Chain devnet node). It assumes nothing about ids or balances: it makes its own
 * accounts (random mnemonics, funded by TFIT_FUNDER_URI, default //Alice) and reads every
 * id from events. What the chain lacks (read from its metadata) is skipped with the reason.
 */
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { connect, grid, contracts, stakeholders, kv, balances, signerFromUri, ModuleError, type TfitClient } from '@tfit/sdk';
import { startTarget, detectFeatures, requireFeatures, type Target, type Feature } from '../support/target.js';

const TFT = balances.TFT;
const GIB = 1024n ** 3n;

describe(`target chain (TFIT_TARGET=${process.env.TFIT_TARGET ?? 'chopsticks'})`, () => {
  let target: Target;
  let client: TfitClient;
  let has: Set<Feature>;
  let owner: KeyringPair, farmer: KeyringPair, nodeKey: KeyringPair, auditor: KeyringPair;
  let twins: { owner: number; farmer: number; node: number; auditor: number };
  let farmId: number, nodeId: number;
  const suffix = Math.random().toString(36).slice(2, 8); // names are unique chain-wide

  before(async function () {
    await cryptoWaitReady();
    target = await startTarget();
    client = await connect({ endpoint: target.endpoint, reconnect: false });
    const funder = await signerFromUri(process.env.TFIT_FUNDER_URI ?? '//Alice');
    has = await detectFeatures(client.api, funder.address);
    requireFeatures(this, has, 'funder');
    [owner, farmer, auditor] = await Promise.all([0, 1, 2].map(() => signerFromUri(mnemonicGenerate())));
    nodeKey = await signerFromUri(mnemonicGenerate(), 'ed25519');
    await client.batch([owner, farmer, auditor, nodeKey].map((k) => client.api.tx.balances.transferKeepAlive(k.address, 100n * TFT)), { signer: funder });
    const [o, f, n, a] = await Promise.all([owner, farmer, nodeKey, auditor].map((signer) => grid.createTwin(client, { signer })));
    twins = { owner: o.id, farmer: f.id, node: n.id, auditor: a.id };
  });
  after(async () => {
    await client?.close();
    await target?.close();
  });

  it('serves a runtime whose metadata the SDK reads, and produces blocks', async () => {
    const version = client.api.runtimeVersion;
    expect(version.specName.toString()).to.be.a('string').and.not.equal('');
    const first = (await client.api.rpc.chain.getHeader()).number.toNumber();
    await balances.transfer(client, { signer: owner, to: auditor.address, amount: TFT });
    expect((await client.api.rpc.chain.getHeader()).number.toNumber()).to.be.greaterThan(first);
  });

  it('registers a farm and a node, and reads them back', async () => {
    const farm = await grid.createFarm(client, { signer: farmer, name: `tfit_target_${suffix}` });
    farmId = farm.id;
    expect((await grid.farm(client, farmId))!.twinId).to.equal(twins.farmer);
    const node = await grid.createNode(client, {
      signer: nodeKey, farmId, resources: { cru: 4n, mru: 8n * GIB, sru: 100n * GIB, hru: 0n },
      location: { city: 'Ghent', country: 'Belgium', latitude: '51.05', longitude: '3.72' },
      interfaces: [{ name: 'zos', mac: '02:00:00:00:00:01', ips: ['10.1.0.2'] }], virtualized: true,
    });
    nodeId = node.id;
    expect(await grid.nodeIdOf(client, nodeKey.address)).to.equal(nodeId);
    expect((await grid.node(client, nodeId))!.farmId).to.equal(farmId);
  });

  it('creates a node contract, refuses a duplicate with a typed ModuleError, and cancels it', async () => {
    const hash = blake2AsHex(`tfit target ${suffix}`);
    const id = await contracts.createNodeContract(client, { signer: owner, nodeId, deploymentHash: hash });
    expect(await contracts.activeContractsOfNode(client, nodeId)).to.include(id);
    const duplicate = await contracts.createNodeContract(client, { signer: owner, nodeId, deploymentHash: hash }).catch((e) => e);
    expect(duplicate).to.be.instanceOf(ModuleError);
    expect((duplicate as ModuleError).pallet).to.equal('smartContractModule');
    expect((duplicate as ModuleError).error).to.equal('ContractIsNotUnique');
    await contracts.cancelContract(client, { signer: owner, contractId: id });
    expect(await contracts.activeContractsOfNode(client, nodeId)).to.not.include(id);
  });

  describe('stakeholders (tfit extension)', () => {
    before(function () { requireFeatures(this, has, 'stakeholders'); });

    it('holds a contract until its stakeholder approves it', async () => {
      const id = await contracts.createNodeContract(client, { signer: owner, nodeId, deploymentHash: blake2AsHex(`approved ${suffix}`) });
      await stakeholders.addStakeholders(client, { signer: owner, contractId: id, twins: [twins.auditor], threshold: 1 });
      expect(await stakeholders.mayDeploy(client, id)).to.equal(false);
      await stakeholders.approve(client, { signer: auditor, contractId: id });
      expect((await stakeholders.consensusOf(client, id))!.status).to.equal('Approved');
      expect(await stakeholders.mayDeploy(client, id)).to.equal(true);
      await contracts.cancelContract(client, { signer: owner, contractId: id });
    });
  });

  describe('TFKVStore', () => {
    before(function () { requireFeatures(this, has, 'kvstore'); });

    it('sets, reads and deletes a value', async () => {
      await kv.kvSet(client, { signer: owner, key: `k-${suffix}`, value: 'v' });
      expect(await kv.kvGet(client, owner.address, `k-${suffix}`)).to.equal('v');
      await kv.kvDelete(client, { signer: owner, key: `k-${suffix}` });
      expect(await kv.kvGet(client, owner.address, `k-${suffix}`)).to.equal(null);
    });
  });
});
