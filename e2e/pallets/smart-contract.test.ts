// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { startTestChain, send, eventNames, failure, freeBalance, palletState, type TestChain } from '../support/chain.js';
import { expectedCost } from '../support/tfchain-cost.js';

const HASH = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
const GIB = 1024n ** 3n;

/**
 * SmartContractModule on the local chain: node, name and rent contracts, node reports,
 * billing and grace periods, and the stakeholder extension (approvals, rejections,
 * deployments, workload states). Refusals are checked to leave the pallet's storage as it was.
 */
describe('SmartContractModule: contracts, billing, stakeholders, workload states', () => {
  let t: TestChain;
  // twins: 1 farmer (Alice, farm 1 with 2 public IPs), 2 node 1 (Bob), 3 node 2 (Charlie),
  // 4 consumer (Dave), 5 and 6 stakeholders (Eve, Ferdie)
  let farmer: KeyringPair, node1: KeyringPair, node2: KeyringPair, consumer: KeyringPair, eve: KeyringPair, ferdie: KeyringPair;
  const resources = { hru: 0n, sru: 50n * GIB, cru: 2n, mru: 4n * GIB };

  const sc = () => t.api.tx.smartContractModule;
  const q = () => t.api.query.smartContractModule;
  const snapshot = async () => [
    ...(await palletState(t, t.api.query.smartContractModule.contracts.keyPrefix().slice(0, 34))),
    ...(await palletState(t, t.api.query.tfgridModule.farms.keyPrefix().slice(0, 34))),
  ];
  async function refused(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, error: string) {
    const before = await snapshot();
    const { events } = await send(tx, signer);
    expect(failure(t.api, events)).to.equal(error);
    expect(await snapshot()).to.deep.equal(before);
  }
  async function ok(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<EventRecord[]> {
    const { events } = await send(tx, signer);
    expect(failure(t.api, events), 'dispatch failed').to.equal(undefined);
    return events;
  }
  const names = (events: EventRecord[]) => eventNames(events).filter((n) => n.startsWith('smartContractModule.'));
  const lastContract = async () => (await q().contractID()).toNumber();
  const deployed = (id: number, node: KeyringPair) => ok(sc().reportWorkloadState(id, 'Deployed'), node);

  before(async () => {
    t = await startTestChain();
    ({ alice: farmer, bob: node1, charlie: node2, dave: consumer } = t);
    eve = t.keyring.addFromUri('//Eve');
    ferdie = t.keyring.addFromUri('//Ferdie');
    const tf = t.api.tx.tfgridModule;
    for (const who of [farmer, node1, node2, consumer, eve, ferdie])
      await ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), who);
    await ok(tf.createFarm('farm1', [{ ip: '185.206.122.33/24', gw: '185.206.122.1' }, { ip: '185.206.122.34/24', gw: '185.206.122.1' }]), farmer);
    const location = { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' };
    const node = { hru: 4096n * GIB, sru: 1024n * GIB, cru: 16, mru: 64n * GIB };
    for (const n of [node1, node2]) await ok(tf.createNode(1, node, location, [], false, false, null), n);
  });
  after(async () => t?.close());

  it('creates a node contract, reserving public IPs; refuses bad input with TF-Chain errors', async () => {
    const stranger = t.keyring.addFromUri('//Stranger');
    await ok(t.api.tx.balances.transferKeepAlive(stranger.address, 10_000_000_000n), farmer);
    await refused(sc().createNodeContract(1, HASH(1), 'data', 0, null), stranger, 'smartContractModule.TwinNotExists');
    await refused(sc().createNodeContract(9, HASH(1), 'data', 0, null), consumer, 'smartContractModule.NodeNotExists');
    await refused(sc().createNodeContract(1, HASH(1), 'x'.repeat(513), 0, null), consumer, 'smartContractModule.DeploymentDataTooLong');
    await refused(sc().createNodeContract(1, HASH(1), 'data', 3, null), consumer, 'smartContractModule.FarmHasNotEnoughPublicIPs');
    await refused(sc().createNodeContract(1, HASH(1), 'data', 0, 7), consumer, 'smartContractModule.NoSuchSolutionProvider');
    const events = await ok(sc().createNodeContract(1, HASH(1), 'data', 1, null), consumer);
    // TF-Chain declares IPsReserved but never emits it: the reserved IPs are in the contract
    expect(names(events).filter((n) => n.startsWith('smartContractModule.'))).to.deep.equal(['smartContractModule.ContractCreated']);
    const c = (await q().contracts(1)).unwrap();
    expect([c.twinId.toNumber(), c.state.isCreated, c.contractType.asNodeContract.nodeId.toNumber()]).to.deep.equal([4, true, 1]);
    expect(c.contractType.asNodeContract.publicIpsList[0].ip.toUtf8()).to.equal('185.206.122.33/24');
    expect((await t.api.query.tfgridModule.farms(1)).unwrap().publicIps[0].contractId.toNumber()).to.equal(1);
    expect((await q().activeNodeContracts(1)).map((x) => x.toNumber())).to.deep.equal([1]);
    expect((await q().contractIDByNodeIDAndHash(1, HASH(1))).toNumber()).to.equal(1);
    await refused(sc().createNodeContract(1, HASH(1), 'data', 0, null), consumer, 'smartContractModule.ContractIsNotUnique');
    await refused(sc().createNodeContract(2, HASH(2), 'data', 2, null), consumer, 'smartContractModule.FarmHasNotEnoughPublicIPsFree');
  });

  it('a node on standby takes no new contracts; a node with contracts cannot be powered down', async () => {
    await ok(t.api.tx.tfgridModule.changePowerTarget(2, 'Down'), farmer);
    await refused(sc().createNodeContract(2, HASH(2), 'data', 0, null), consumer, 'smartContractModule.NodeNotAvailableToDeploy');
    await ok(t.api.tx.tfgridModule.changePowerTarget(2, 'Up'), farmer);
    await refused(t.api.tx.tfgridModule.changePowerTarget(1, 'Down'), farmer, 'tfgridModule.NodeHasActiveContracts');
  });

  it('sets stakeholders (owner only, existing distinct twins, 1 <= threshold <= count)', async () => {
    await refused(sc().addStakeholders(1, [5, 6, 1], 2), eve, 'smartContractModule.TwinNotAuthorizedToUpdateContract');
    await refused(sc().addStakeholders(1, [5, 5], 1), consumer, 'smartContractModule.DuplicateStakeholder');
    await refused(sc().addStakeholders(1, [5, 99], 1), consumer, 'smartContractModule.TwinNotExists');
    await refused(sc().addStakeholders(1, [5, 6], 0), consumer, 'smartContractModule.InvalidThreshold');
    await refused(sc().addStakeholders(1, [5, 6], 3), consumer, 'smartContractModule.InvalidThreshold');
    await refused(sc().addStakeholders(1, Array.from({ length: 17 }, (_, i) => i + 1), 1), consumer, 'smartContractModule.TooManyStakeholders');
    expect(names(await ok(sc().addStakeholders(1, [5, 6, 1], 2), consumer))).to.include('smartContractModule.StakeholdersSet');
    const c = (await q().contractConsensus(1)).unwrap();
    expect([c.stakeholders.map((x) => x.toNumber()), c.threshold.toNumber(), c.status.isPending]).to.deep.equal([[5, 6, 1], 2, true]);
  });

  it('nodes wait for approval; stakeholders approve once each until the threshold', async () => {
    await refused(sc().reportWorkloadState(1, 'Deployed'), node1, 'smartContractModule.AwaitingApproval');
    await refused(sc().approveContract(1), node2, 'smartContractModule.NotAStakeholder');
    const first = await ok(sc().approveContract(1), eve);
    expect(names(first)).to.deep.equal(['smartContractModule.ContractApprovedBy']);
    await refused(sc().approveContract(1), eve, 'smartContractModule.AlreadyVoted');
    expect(names(await ok(sc().approveContract(1), ferdie))).to.deep.equal(['smartContractModule.ContractApprovedBy', 'smartContractModule.ContractApproved']);
    expect((await q().contractConsensus(1)).unwrap().status.isApproved).to.equal(true);
    await refused(sc().approveContract(1), farmer, 'smartContractModule.ConsensusAlreadyReached');
    await refused(sc().addStakeholders(1, [5], 1), consumer, 'smartContractModule.ApprovalAlreadyStarted');
    await refused(sc().updateNodeContract(1, HASH(9), 'other'), consumer, 'smartContractModule.ApprovalAlreadyStarted');
  });

  it('takes workload states from the contract\'s node only, along legal transitions', async () => {
    await refused(sc().reportWorkloadState(1, 'Deployed'), node2, 'smartContractModule.NodeNotAuthorizedToComputeReport');
    await refused(sc().reportWorkloadState(1, 'Running'), node1, 'smartContractModule.IllegalWorkloadTransition');
    expect(names(await deployed(1, node1))).to.include.members(['smartContractModule.WorkloadStateReported', 'smartContractModule.ContractDeployed']);
    await refused(sc().reportWorkloadState(1, 'Deployed'), node1, 'smartContractModule.IllegalWorkloadTransition');
    await ok(sc().reportWorkloadState(1, 'Running'), node1);
    expect((await q().contractWorkloadState(1)).unwrap().isRunning).to.equal(true);
    await ok(sc().reportWorkloadState(1, { Failed: 'out of memory' }), node1);
    expect((await q().contractWorkloadState(1)).unwrap().asFailed.toUtf8()).to.equal('out of memory');
    await refused(sc().reportWorkloadState(1, 'Running'), node1, 'smartContractModule.IllegalWorkloadTransition');
  });

  it('bills a contract by TF-Chain\'s cost model, with the discount its owner\'s balance earns, reserving it on the owner', async () => {
    await ok(sc().createNodeContract(1, HASH(2), 'svc', 1, null), consumer);
    const id = await lastContract();
    await refused(sc().reportContractResources([{ contractId: id, used: resources }]), node2, 'smartContractModule.NodeNotAuthorizedToComputeReport');
    await refused(sc().addNruReports([{ contractId: id, timestamp: 0, window: 0, nru: 1 }]), node2, 'smartContractModule.NodeNotAuthorizedToComputeReport');
    // a report is not a bill on TF-Chain: the next bill charges from creation at the reported usage
    const reported = await ok(sc().reportContractResources([{ contractId: id, used: resources }]), node1);
    expect(names(reported)).to.deep.equal(['smartContractModule.UpdatedUsedResources']);
    const since = (await q().contractPaymentState(id)).unwrap().lastUpdatedSeconds.toBigInt();
    for (let i = 0; i < 5; i++) await t.api.rpc('dev_newBlock' as never, {} as never); // 6 s each
    const [c0, f0] = [await t.api.query.system.account(consumer.address), await freeBalance(t.api, farmer.address)];
    const { events } = await send(sc().billContractForBlock(id), eve);
    const billed = events.find((e) => t.api.events.smartContractModule.ContractBilled.is(e.event))!;
    const bill = (billed.event.data as unknown as [{ amountBilled: { toBigInt(): bigint }; timestamp: { toBigInt(): bigint }; discountLevel: { type: string } }])[0];
    const elapsed = bill.timestamp.toBigInt() - since;
    expect(Number(elapsed)).to.be.greaterThanOrEqual(30);
    const amount = bill.amountBilled.toBigInt();
    // Dave holds far more than 18 months of this contract: Gold, x0.4
    expect(bill.discountLevel.type).to.equal('Gold');
    expect(amount).to.equal(expectedCost(resources, 1n, elapsed, 'Gold'));
    expect(amount > 0n).to.equal(true);
    // reserved on the owner, nothing paid out before DistributionFrequency (24) cycles
    const c1 = await t.api.query.system.account(consumer.address);
    expect(c1.data.free.toBigInt()).to.equal(c0.data.free.toBigInt() - amount);
    expect(c1.data.reserved.toBigInt()).to.equal(c0.data.reserved.toBigInt() + amount);
    expect(await freeBalance(t.api, farmer.address)).to.equal(f0);
    const state = (await q().contractPaymentState(id)).unwrap();
    expect([state.standardReserve.toBigInt(), state.cycles.toNumber(), state.lastUpdatedSeconds.toBigInt()]).to.deep.equal([amount, 1, bill.timestamp.toBigInt()]);
    expect(eventNames(events)).to.include('balances.Reserved');
  });

  it('bills nothing while a contract awaits approval', async () => {
    // ids are sequential: create and set stakeholders atomically, so no node ever sees it unguarded
    const id = (await lastContract()) + 1;
    await ok(t.api.tx.utility.batchAll([sc().createNodeContract(2, HASH(4), 'x', 0, null), sc().addStakeholders(id, [5], 1)]), consumer);
    expect((await q().contractConsensus(id)).isSome).to.equal(true);
    for (let i = 0; i < 3; i++) await t.api.rpc('dev_newBlock' as never, {} as never);
    const { events } = await send(sc().billContractForBlock(id), eve);
    expect(names(events)).to.not.include('smartContractModule.ContractBilled');
  });

  it('rejections that make the threshold unreachable reject and cancel the contract; later votes are refused', async () => {
    await ok(sc().createNodeContract(2, HASH(5), 'x', 0, null), consumer);
    const id = await lastContract();
    await ok(sc().addStakeholders(id, [5, 6], 2), consumer);
    await refused(sc().rejectContract(id, 'x'.repeat(257)), eve, 'smartContractModule.ReasonTooLong');
    const events = await ok(sc().rejectContract(id, 'not audited'), eve);
    expect(names(events)).to.include.members(['smartContractModule.ContractRejectedBy', 'smartContractModule.ContractRejected', 'smartContractModule.NodeContractCanceled']);
    const consensus = (await q().contractConsensus(id)).unwrap();
    expect([consensus.status.isRejected, consensus.rejections[0].reason.toUtf8()]).to.deep.equal([true, 'not audited']);
    expect((await q().contracts(id)).isNone).to.equal(true);
    await refused(sc().approveContract(id), ferdie, 'smartContractModule.ContractNotExists');
  });

  it('groups contracts on two nodes into one deployment approved as a unit', async () => {
    await ok(sc().createNodeContract(1, HASH(6), 'a', 0, null), consumer);
    const a = await lastContract();
    await ok(sc().createNodeContract(2, HASH(7), 'b', 0, null), consumer);
    const b = a + 1;
    await refused(sc().createDeployment([a, b]), eve, 'smartContractModule.TwinNotAuthorizedToUpdateContract');
    await refused(sc().createDeployment([a]), consumer, 'smartContractModule.InvalidDeployment');
    expect(names(await ok(sc().createDeployment([a, b]), consumer))).to.include('smartContractModule.DeploymentCreated');
    await ok(sc().addStakeholders(b, [5, 6], 1), consumer); // set through any member: applies to the deployment
    expect((await q().contractConsensus(a)).isSome).to.equal(true);
    await refused(sc().reportWorkloadState(b, 'Deployed'), node2, 'smartContractModule.AwaitingApproval');
    expect(names(await ok(sc().approveContract(b), ferdie))).to.include('smartContractModule.ContractApproved');
    await deployed(a, node1);
    await deployed(b, node2);
  });

  it('cancels (owner only), freeing IPs and unlisting the contract from its node', async () => {
    await refused(sc().cancelContract(1), eve, 'smartContractModule.TwinNotAuthorizedToCancelContract');
    const events = await ok(sc().cancelContract(1), consumer);
    expect(names(events)).to.include.members(['smartContractModule.IPsFreed', 'smartContractModule.NodeContractCanceled']);
    // as TF-Chain's, IPsFreed lists the IPs as they are now: held by no contract
    const freed = events.find((e) => t.api.events.smartContractModule.IPsFreed.is(e.event))!.event.data as unknown as [unknown, { ip: { toUtf8(): string }; contractId: { toNumber(): number } }[]];
    expect(freed[1].map((p) => [p.ip.toUtf8(), p.contractId.toNumber()])).to.deep.equal([['185.206.122.33/24', 0]]);
    expect((await q().contracts(1)).isNone).to.equal(true);
    expect((await q().activeNodeContracts(1)).map((x) => x.toNumber())).to.not.include(1);
    expect((await t.api.query.tfgridModule.farms(1)).unwrap().publicIps[0].contractId.toNumber()).to.equal(0);
    await refused(sc().approveContract(1), eve, 'smartContractModule.ContractNotExists');
    await refused(sc().reportWorkloadState(1, 'Running'), node1, 'smartContractModule.ContractNotExists');
  });

  it('reserves unique names and rents whole nodes', async () => {
    await refused(sc().createNameContract('ab'), consumer, 'smartContractModule.NameContractNameTooShort');
    for (const bad of ['not valid', 'UpperCase', 'dot.name']) await refused(sc().createNameContract(bad), consumer, 'smartContractModule.NameNotValid'); // TF-Chain: [a-z0-9-_]
    await ok(sc().createNameContract('my-app'), consumer);
    expect((await q().contractIDByNameRegistration('my-app')).toNumber()).to.equal(await lastContract());
    await refused(sc().createNameContract('my-app'), eve, 'smartContractModule.NameExists');
    await refused(sc().createRentContract(1, null), eve, 'smartContractModule.NodeNotAvailableToDeploy'); // TF-Chain's error for a node in use
  });

  it('registers solution providers, approved by root only', async () => {
    await refused(sc().createSolutionProvider('sp', 'https://sp', [{ who: eve.address, take: 60 }]), eve, 'smartContractModule.InvalidProviderConfiguration');
    await ok(sc().createSolutionProvider('sp', 'https://sp', [{ who: eve.address, take: 10 }]), eve);
    await refused(sc().createNodeContract(2, HASH(8), 'x', 0, 1), consumer, 'smartContractModule.SolutionProviderNotApproved');
    await refused(sc().approveSolutionProvider(1, true), eve, 'BadOrigin');
    await ok(t.api.tx.sudo.sudo(sc().approveSolutionProvider(1, true)), farmer);
    await ok(sc().createNodeContract(2, HASH(8), 'x', 0, 1), consumer);
  });
});

describe('SmartContractModule: grace period for an owner who cannot pay', () => {
  let t: TestChain;
  before(async () => (t = await startTestChain()));
  after(async () => t?.close());

  it('starts the grace period on a failed bill, ends it when paid, deletes the contract after GracePeriod blocks unpaid', async () => {
    const { api, alice, bob } = t;
    const tf = api.tx.tfgridModule;
    const sc = api.tx.smartContractModule;
    const poor = t.keyring.addFromUri('//Poor');
    await send(api.tx.balances.transferKeepAlive(poor.address, 20_000_000n), alice); // 2 TFT
    const tcTwin = (who: KeyringPair) => send(api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), who);
    for (const who of [alice, bob, poor]) await tcTwin(who);
    await send(tf.createFarm('farm1', []), alice);
    const big = { hru: 0n, sru: 1024n * GIB, cru: 16, mru: 64n * GIB };
    await send(tf.createNode(1, big, { city: 'c', country: 'c', latitude: '1', longitude: '1' }, [], false, false, null), bob);
    await send(sc.createNodeContract(1, HASH(1), 'x', 0, null), poor);
    await send(sc.reportContractResources([{ contractId: 1, used: big }]), bob);
    await send(sc.reportWorkloadState(1, 'Deployed'), bob);
    const now = (await api.query.timestamp.now()).toNumber();
    await api.rpc('dev_timeTravel' as never, (now + 3 * 3600_000) as never); // 3 h at ~3.7 TFT/h
    const free0 = await freeBalance(api, poor.address);
    const first = await send(sc.billContractForBlock(1), alice);
    expect(eventNames(first.events)).to.include.members(['smartContractModule.ContractGracePeriodStarted', 'smartContractModule.ContractPaymentOverdrawn']);
    expect(eventNames(first.events)).to.not.include('smartContractModule.ContractBilled');
    const contract = (await api.query.smartContractModule.contracts(1)).unwrap();
    expect(contract.state.isGracePeriod).to.equal(true);
    // what could be reserved was (all but the existential deposit); the rest is owed
    const owed = (await api.query.smartContractModule.contractPaymentState(1)).unwrap();
    const locked = owed.standardOverdraft.toBigInt();
    expect(locked > 0n).to.equal(true);
    const ed = api.consts.balances.existentialDeposit.toBigInt();
    expect(owed.standardReserve.toBigInt()).to.equal(free0 - ed);
    expect(await freeBalance(api, poor.address)).to.equal(ed);

    // paid again: the grace period ends, the unpaid amount is billed with the rest
    await send(api.tx.balances.transferKeepAlive(poor.address, 1000n * 10_000_000n), alice);
    const paid = await send(sc.billContractForBlock(1), alice);
    expect(eventNames(paid.events)).to.include.members(['smartContractModule.ContractBilled', 'smartContractModule.ContractGracePeriodEnded']);
    const bill = paid.events.find((e) => api.events.smartContractModule.ContractBilled.is(e.event))!;
    expect((bill.event.data[0] as unknown as { amountBilled: { toBigInt(): bigint } }).amountBilled.toBigInt() >= locked).to.equal(true);
    expect((await api.query.smartContractModule.contracts(1)).unwrap().state.isCreated).to.equal(true);

    // broke again, and past the grace period (14 days of blocks) still unpaid: deleted
    await send(api.tx.balances.transferAll(alice.address, true), poor);
    const later = (await api.query.timestamp.now()).toNumber();
    await api.rpc('dev_timeTravel' as never, (later + 3 * 3600_000) as never);
    expect(eventNames((await send(sc.billContractForBlock(1), alice)).events)).to.include('smartContractModule.ContractGracePeriodStarted');
    // past the grace period (14 days of blocks), still unpaid: deleted
    const height = (await api.rpc.chain.getHeader()).number.toNumber();
    const grace = api.consts.smartContractModule.gracePeriod.toNumber();
    await api.rpc('dev_newBlock' as never, { unsafeBlockHeight: height + grace + 1 } as never);
    const last = await send(sc.billContractForBlock(1), alice);
    expect(eventNames(last.events)).to.include.members(['smartContractModule.ContractGracePeriodElapsed', 'smartContractModule.NodeContractCanceled']);
    expect((await api.query.smartContractModule.contracts(1)).isNone).to.equal(true);
    expect((await api.query.smartContractModule.activeNodeContracts(1)).length).to.equal(0);
    // deleted: what it had reserved was paid out, and its payment state is gone
    expect(eventNames(last.events)).to.include('smartContractModule.RewardDistributed');
    expect((await api.query.smartContractModule.contractPaymentState(1)).isNone).to.equal(true);
  });
});
