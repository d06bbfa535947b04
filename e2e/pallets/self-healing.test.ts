// @target fresh-chopsticks: genesis ids and balances (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { startTestChain, type TestChain } from '../support/chain.js';
import { scenario, palletPrefix } from '../support/scenario.js';

/**
 * SmartContractModule.move_contract, tfit's self-healing call: a deployment's contract moves
 * to another node as a new contract of the same approval unit, so the stakeholders'
 * approval carries over; the old contract is canceled. Refused (changing nothing) for
 * anyone but the owner, while the unit awaits approval, once it is rejected, to the same
 * node, to an unknown node, or to a node that already runs the deployment.
 */
const GIB = 1024n ** 3n;
const HASH = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
const TFT = 10_000_000n;

describe('SmartContractModule.move_contract: self-healing keeps the approval unit', function () {
  this.timeout(300_000);
  let t: TestChain;
  let farmer: KeyringPair, consumer: KeyringPair, reviewer: KeyringPair, legal: KeyringPair;
  const nodeKeys = [1, 2, 3].map((i) => new Keyring({ type: 'ed25519' }).addFromUri(`//HealNode${i}`));
  const sc = () => t.api.tx.smartContractModule;
  const q = () => t.api.query.smartContractModule;
  const s = scenario(() => t, 'smartContractModule', () => [palletPrefix(q().contracts.keyPrefix())]);
  const members = async (lead: number) => (await q().deploymentContracts(lead)).map((x) => x.toNumber());
  const nodeOf = async (id: number) => (await q().contracts(id)).unwrap().contractType.asNodeContract.nodeId.toNumber();

  before(async () => {
    t = await startTestChain();
    [farmer, consumer, reviewer, legal] = [t.alice, t.bob, t.charlie, t.dave];
    const tf = t.api.tx.tfgridModule;
    for (const k of nodeKeys) await s.ok(t.api.tx.balances.transferKeepAlive(k.address, 100n * TFT), farmer, 'balances');
    // twins 1-4: farmer, consumer, reviewer, legal; 5-7: the nodes' twins
    for (const who of [farmer, consumer, reviewer, legal, ...nodeKeys])
      await s.ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), who, 'tfgridModule');
    await s.ok(tf.createFarm('heal_farm', []), farmer, 'tfgridModule');
    for (const k of nodeKeys)
      await s.ok(tf.createNode(1, { hru: 0n, sru: 512n * GIB, cru: 8, mru: 16n * GIB }, { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' }, [], false, false, null), k, 'tfgridModule');
  });
  after(async () => t?.close());

  it('moves a contract of an approved deployment: the new contract joins the unit, the approval carries over, the old one is canceled', async () => {
    // contracts 1 (node 1) and 2 (node 2) form deployment 1, approved by the reviewer
    await s.ok(t.api.tx.utility.batchAll([
      sc().createNodeContract(1, HASH(1), 'd', 0, null), sc().createNodeContract(2, HASH(1), 'd', 0, null),
      sc().createDeployment([1, 2]), sc().addStakeholders(1, [3], 1),
    ]), consumer);
    await s.ok(sc().approveContract(1), reviewer);
    await s.ok(sc().reportWorkloadState(1, 'Deployed'), nodeKeys[0]);
    await s.ok(sc().reportWorkloadState(1, 'Running'), nodeKeys[0]);
    const before = (await q().contractConsensus(1)).unwrap().toJSON();

    const moved = await s.ok(sc().moveContract(1, 3), consumer);
    expect(moved.names).to.include.members(['smartContractModule.ContractCreated', 'smartContractModule.NodeContractCanceled', 'smartContractModule.ContractMoved']);
    const ev = moved.events.find((e) => t.api.events.smartContractModule.ContractMoved.is(e.event))!.event.toJSON().data;
    expect(ev, '(deployment, old contract, new contract, from node, to node)').to.deep.equal([1, 1, 3, 1, 3]);
    expect((await q().contracts(1)).isNone, 'the old contract is gone').to.equal(true);
    expect(await nodeOf(3)).to.equal(3);
    expect((await q().contracts(3)).unwrap().contractType.asNodeContract.deploymentHash.toHex()).to.equal(HASH(1));
    expect(await members(1)).to.deep.equal([3, 2]);
    expect((await q().deploymentOf(3)).unwrap().toNumber()).to.equal(1);
    expect((await q().contractConsensus(1)).unwrap().toJSON(), 'the same consensus covers the new contract').to.deep.equal(before);
    expect((await q().contractWorkloadState(3)).isNone, 'the new contract starts undeployed').to.equal(true);
    expect((await q().activeNodeContracts(1)).map((x) => x.toNumber())).to.deep.equal([]);
    // the new node may run it at once: no stakeholder votes again
    await s.ok(sc().reportWorkloadState(3, 'Deployed'), nodeKeys[2]);
  });

  it('refuses other origins, the same node, an unknown node and a node that already runs the deployment, changing nothing', async () => {
    await s.refused(sc().moveContract(3, 1), reviewer, 'smartContractModule.TwinNotAuthorizedToUpdateContract');
    await s.refused(sc().moveContract(3, 1), nodeKeys[2], 'smartContractModule.TwinNotAuthorizedToUpdateContract');
    await s.refused(sc().moveContract(3, 3), consumer, 'smartContractModule.MoveToSameNode');
    await s.refused(sc().moveContract(3, 99), consumer, 'smartContractModule.NodeNotExists');
    await s.refused(sc().moveContract(2, 3), consumer, 'smartContractModule.ContractIsNotUnique');
    await s.refused(sc().moveContract(77, 1), consumer, 'smartContractModule.ContractNotExists');
    const { error } = await s.asRoot(sc().moveContract(3, 1));
    expect(error).to.equal('BadOrigin');
  });

  it('refuses while the deployment awaits approval, and once it is rejected (its contracts are gone)', async () => {
    await s.ok(t.api.tx.utility.batchAll([sc().createNodeContract(1, HASH(2), 'd', 0, null), sc().addStakeholders(4, [3, 4], 2)]), consumer);
    await s.refused(sc().moveContract(4, 2), consumer, 'smartContractModule.AwaitingApproval');
    await s.ok(sc().approveContract(4), reviewer);
    await s.refused(sc().moveContract(4, 2), consumer, 'smartContractModule.AwaitingApproval');
    await s.ok(sc().rejectContract(4, 'GDPR: no'), legal);
    await s.refused(sc().moveContract(4, 2), consumer, 'smartContractModule.ContractNotExists');
  });

  it('moves a lone contract without stakeholders: it becomes a unit of one under its first id', async () => {
    await s.ok(sc().createNodeContract(1, HASH(3), 'd', 0, null), consumer);
    const id = (await q().contractID()).toNumber();
    await s.ok(sc().moveContract(id, 2), consumer);
    const fresh = (await q().contractID()).toNumber();
    expect(await members(id)).to.deep.equal([fresh]);
    expect((await q().deploymentOf(fresh)).unwrap().toNumber()).to.equal(id);
    // and moves again, staying in the same unit
    await s.ok(sc().moveContract(fresh, 1), consumer);
    const third = (await q().contractID()).toNumber();
    expect(await members(id)).to.deep.equal([third]);
    expect(await nodeOf(third)).to.equal(1);
  });
});
