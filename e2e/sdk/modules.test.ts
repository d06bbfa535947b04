// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { connect, grid, contracts, stakeholders, kv, balances, signerFromUri, ModuleError, type TfitClient } from '@tfit/sdk';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import type { KeyringPair } from '@polkadot/keyring/types';

const GIB = 1024n ** 3n;

/** The SDK's domain modules: plain objects in and out, against a real local chain. */
describe('SDK: domain modules', () => {
  let chain: LocalChain;
  let client: TfitClient;
  let farmer: KeyringPair, node: KeyringPair, owner: KeyringPair, auditor: KeyringPair;
  const resources = { hru: 0n, sru: 100n * GIB, cru: 4n, mru: 8n * GIB };
  const location = { city: 'Ghent', country: 'Belgium', latitude: '51.05', longitude: '3.72' };

  before(async () => {
    chain = await startLocalChain({ port: 0 });
    client = await connect({ endpoint: chain.endpoint });
    [farmer, node, owner, auditor] = await Promise.all(['//Alice', '//Bob', '//Dave', '//Eve'].map((u) => signerFromUri(u)));
  });
  after(async () => {
    await client?.close();
    await chain?.close();
  });

  it('grid: twins, farms, nodes, power and uptime', async () => {
    const twins = await Promise.all([farmer, node, owner, auditor].map((signer) => grid.createTwin(client, { signer, relay: 'relay.grid.tf' })));
    expect(twins.map((t) => t.id).sort()).to.deep.equal([1, 2, 3, 4]);
    expect(await grid.twinIdOf(client, owner.address)).to.equal(twins.find((t) => t.accountId === owner.address)!.id);
    expect((await grid.twin(client, 1))!.relay).to.equal('relay.grid.tf');
    const farm = await grid.createFarm(client, { signer: farmer, name: 'farm1', publicIps: [{ ip: '185.206.122.33/24', gw: '185.206.122.1' }] });
    expect([farm.id, farm.name, farm.publicIps[0].ip]).to.deep.equal([1, 'farm1', '185.206.122.33/24']);
    const n = await grid.createNode(client, { signer: node, farmId: farm.id, resources, location, serialNumber: 'SN1' });
    expect([n.id, n.farmId, n.resources.cru, n.serialNumber]).to.deep.equal([1, 1, 4n, 'SN1']);
    expect(await grid.nodesOfFarm(client, 1)).to.deep.equal([1]);
    expect(await grid.nodeIdOf(client, node.address)).to.equal(1);
    expect(await grid.nodeIdOf(client, owner.address)).to.equal(null);
    await grid.reportUptime(client, { signer: node, uptimeSeconds: 60 });
    await grid.setPowerTarget(client, { signer: farmer, nodeId: 1, target: 'Down' });
    expect((await grid.nodePower(client, 1)).target).to.equal('Down');
    await grid.setPowerTarget(client, { signer: farmer, nodeId: 1, target: 'Up' });
    expect(await grid.node(client, 99)).to.equal(null);
  });

  it('contracts and stakeholders: guarded contract, approval, workload, resources, bill, cancel', async () => {
    const id = await contracts.nextContractId(client);
    const auditorTwin = (await grid.twinIdOf(client, auditor.address))!;
    await client.batch([
      contracts.nodeContractTx(client, { nodeId: 1, deploymentHash: `0x${'ab'.repeat(32)}`, deploymentData: 'app', publicIps: 1 }),
      client.api.tx.smartContractModule.addStakeholders(id, [auditorTwin], 1),
    ], { signer: owner });
    const c = (await contracts.contract(client, id))!;
    expect(c.kind === 'node' && [c.nodeId, c.deploymentData, c.publicIpsList.length, c.state]).to.deep.equal([1, 'app', 1, 'Created']);
    expect(await contracts.activeContractsOfNode(client, 1)).to.deep.equal([id]);
    expect(await stakeholders.mayDeploy(client, id)).to.equal(false);
    const early = await stakeholders.reportWorkloadState(client, { signer: node, contractId: id, state: { state: 'Deployed' } }).catch((e) => e);
    expect(early instanceof ModuleError && early.is('smartContractModule', 'AwaitingApproval')).to.equal(true);
    await stakeholders.approve(client, { signer: auditor, contractId: id });
    expect(await stakeholders.consensusOf(client, id)).to.deep.equal({ stakeholders: [auditorTwin], threshold: 1, approvals: [auditorTwin], rejections: [], status: 'Approved' });
    expect(await stakeholders.mayDeploy(client, id)).to.equal(true);
    await contracts.reportResources(client, { signer: node, reports: [{ contractId: id, used: resources }] });
    await stakeholders.reportWorkloadState(client, { signer: node, contractId: id, state: { state: 'Deployed' } });
    await stakeholders.reportWorkloadState(client, { signer: node, contractId: id, state: { state: 'Running' } });
    expect(await stakeholders.workloadStateOf(client, id)).to.deep.equal({ state: 'Running' });
    for (let i = 0; i < 3; i++) await client.api.rpc('dev_newBlock' as never, {} as never);
    const reserved = async () => (await client.api.query.system.account(owner.address)).data.reserved.toBigInt();
    const [before, farmerBefore] = [await reserved(), await balances.freeBalance(client, farmer.address)];
    const billed = await contracts.billContract(client, { signer: auditor, contractId: id });
    expect(billed > 0n).to.equal(true);
    // as on TF-Chain: reserved on the owner, paid out on cancel (or every 24 cycles), the farmer's share 50 %
    expect(await reserved()).to.equal(before + billed);
    await contracts.cancelContract(client, { signer: owner, contractId: id });
    expect(await contracts.contract(client, id)).to.equal(null);
    expect(await reserved()).to.equal(before);
    expect(await balances.freeBalance(client, farmer.address) > farmerBefore).to.equal(true);
  });

  it('contracts: names, rent; a rejection cancels', async () => {
    const nameId = await contracts.createNameContract(client, { signer: owner, name: 'my-app' });
    expect(await contracts.contract(client, nameId)).to.deep.include({ kind: 'name', name: 'my-app' });
    const id = await contracts.createNodeContract(client, { signer: owner, nodeId: 1, deploymentHash: `0x${'cd'.repeat(32)}` });
    await stakeholders.addStakeholders(client, { signer: owner, contractId: id, twins: [(await grid.twinIdOf(client, auditor.address))!], threshold: 1 });
    await stakeholders.reject(client, { signer: auditor, contractId: id, reason: 'no audit' });
    expect((await stakeholders.consensusOf(client, id))!.status).to.equal('Rejected');
    expect(await contracts.contract(client, id)).to.equal(null);
    const rentId = await contracts.createRentContract(client, { signer: owner, nodeId: 1 });
    expect(await contracts.contract(client, rentId)).to.deep.include({ kind: 'rent', nodeId: 1 });
  });

  it('kv and balances', async () => {
    await kv.kvSet(client, { signer: owner, key: 'deploy/1', value: 'approved' });
    await kv.kvSet(client, { signer: owner, key: 'deploy/2', value: 'pending' });
    expect(await kv.kvGet(client, owner.address, 'deploy/1')).to.equal('approved');
    expect([...(await kv.kvEntries(client, owner.address)).keys()].sort()).to.deep.equal(['deploy/1', 'deploy/2']);
    await kv.kvDelete(client, { signer: owner, key: 'deploy/1' });
    expect(await kv.kvGet(client, owner.address, 'deploy/1')).to.equal(null);
    const b0 = await balances.freeBalance(client, auditor.address);
    await balances.transfer(client, { signer: owner, to: auditor.address, amount: 2n * balances.TFT });
    expect(await balances.freeBalance(client, auditor.address)).to.equal(b0 + 2n * balances.TFT);
  });
});
