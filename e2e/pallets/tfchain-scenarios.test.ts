// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { startTestChain, send, eventNames, failure, freeBalance, type TestChain } from '../support/chain.js';
import { expectedCost, nameCost, nruUsd, percentOf, rentCost, toTft, nodeContractUsd } from '../support/tfchain-cost.js';

/**
 * TF-Chain's own pallet-smart-contract tests (substrate-node/pallets/pallet-smart-contract/src/tests.rs),
 * each as a black-box scenario on the emulated chain, named after the test it mirrors
 * (e2e/pallets/TFCHAIN-TESTS.md maps them all, with those that cannot be expressed). TF-Chain's
 * mock bills every 10 blocks at a set TFT price; here bills are asked for with
 * bill_contract_for_block after blocks of 6 s, at the dev chain's TFT price (50 mUSD), with the genesis
 * pricing policy.
 */
const GIB = 1024n ** 3n;
const HASH = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
const STAKING_POOL = '5CNposRewardAccount11111111111111111111111111FSU';

describe('TF-Chain\'s pallet-smart-contract tests, on the emulated chain', function () {
  this.timeout(300_000);
  let t: TestChain;
  let farmer: KeyringPair, consumer: KeyringPair, foundation: KeyringPair, biller: KeyringPair;
  const nodeKeys: KeyringPair[] = [];
  const used = { cru: 2n, mru: 4n * GIB, sru: 50n * GIB, hru: 0n };
  const capacity = { hru: 4096n * GIB, sru: 1024n * GIB, cru: 16n, mru: 64n * GIB };
  const sc = () => t.api.tx.smartContractModule;
  const q = () => t.api.query.smartContractModule;

  async function ok(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<EventRecord[]> {
    const { events } = await send(tx, signer);
    expect(failure(t.api, events), 'dispatch failed').to.equal(undefined);
    return events;
  }
  const newBlock = () => t.api.rpc('dev_newBlock' as never, {} as never);
  const lastContract = async () => (await q().contractID()).toNumber();
  const reserved = async (who: KeyringPair) => (await t.api.query.system.account(who.address)).data.reserved.toBigInt();
  type Bill = { amount: bigint; discount: string; timestamp: bigint };
  const billOf = (events: EventRecord[]): Bill | undefined => {
    const e = events.find((x) => t.api.events.smartContractModule.ContractBilled.is(x.event));
    if (!e) return undefined;
    const b = (e.event.data as unknown as [{ amountBilled: { toBigInt(): bigint }; discountLevel: { type: string }; timestamp: { toBigInt(): bigint } }])[0];
    return { amount: b.amountBilled.toBigInt(), discount: b.discountLevel.type, timestamp: b.timestamp.toBigInt() };
  };
  /** Bills `id` (by a third party), returning its bill and the seconds it covered. */
  async function bill(id: number): Promise<{ events: EventRecord[]; bill?: Bill; seconds: bigint }> {
    const since = (await q().contractPaymentState(id)).unwrap().lastUpdatedSeconds.toBigInt();
    const { events } = await send(sc().billContractForBlock(id), biller);
    expect(failure(t.api, events), 'bill failed').to.equal(undefined);
    const b = billOf(events);
    return { events, bill: b, seconds: b ? b.timestamp - since : 0n };
  }
  /** A node of `capacity` registered by a new twin, on farm 1; its id. */
  async function newNode(): Promise<number> {
    const key = t.keyring.addFromUri(`//tfchain-node-${nodeKeys.length}`);
    nodeKeys.push(key);
    await ok(t.api.tx.balances.transferKeepAlive(key.address, 100n * 10_000_000n), farmer);
    const tf = t.api.tx.tfgridModule;
    await ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), key);
    await ok(tf.createNode(1, capacity, { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' }, [], false, false, null), key);
    return (await t.api.query.tfgridModule.nodeID()).toNumber();
  }
  const nodeKey = (nodeId: number) => nodeKeys[nodeId - 1];

  before(async () => {
    t = await startTestChain();
    ({ alice: farmer, dave: consumer } = t);
    foundation = t.keyring.addFromUri('//Eve'); // genesis pricing policy's foundation account
    biller = t.keyring.addFromUri('//Ferdie');
    const tf = t.api.tx.tfgridModule;
    for (const who of [farmer, consumer])
      await ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), who);
    const ips = Array.from({ length: 4 }, (_, i) => ({ ip: `185.206.122.${33 + i}/24`, gw: '185.206.122.1' }));
    await ok(tf.createFarm('farm1', ips), farmer);
  });
  after(async () => t?.close());

  it('test_node_contract_billing_details: billed from creation, reserved each cycle, paid out after 24 cycles (staking pool 10 %, farmer 50 %, foundation 40 %), NRU billed once', async () => {
    const node = await newNode();
    await ok(sc().createNodeContract(node, HASH(1), 'x', 1, null), consumer);
    const id = await lastContract();
    await ok(sc().reportContractResources([{ contractId: id, used }]), nodeKey(node));
    const now = (await t.api.query.timestamp.now()).toBigInt() / 1000n;
    const nru = 3_000_000_000n; // 3 GB over a 60 s window
    await ok(sc().addNruReports([{ contractId: id, timestamp: now, window: 60, nru }]), nodeKey(node));
    expect((await q().contractBillingInformationByID(id)).amountUnbilled.toBigInt()).to.equal(nruUsd(nru, 60n));

    const [farmer0, foundation0, pool0, reserved0] = [
      await freeBalance(t.api, farmer.address), await freeBalance(t.api, foundation.address), await freeBalance(t.api, STAKING_POOL), await reserved(consumer),
    ];
    let total = 0n;
    let distributed: EventRecord | undefined;
    for (let cycle = 1; cycle <= 24; cycle++) {
      await newBlock();
      const { events, bill: b, seconds } = await bill(id);
      expect(b, `cycle ${cycle} billed`).to.not.equal(undefined);
      // the first bill carries the NRU; the owner's balance earns Gold (x0.4)
      const usd = nodeContractUsd(used, 1n, seconds) + (cycle === 1 ? nruUsd(nru, 60n) : 0n);
      expect([b!.discount, b!.amount], `cycle ${cycle}`).to.deep.equal(['Gold', toTft(usd, 'Gold')]);
      total += b!.amount;
      if (cycle === 1) expect((await q().contractBillingInformationByID(id)).amountUnbilled.toNumber()).to.equal(0);
      distributed = events.find((e) => t.api.events.smartContractModule.RewardDistributed.is(e.event));
      if (cycle < 24) {
        expect(distributed, `cycle ${cycle}: nothing paid out yet`).to.equal(undefined);
        expect((await q().contractPaymentState(id)).unwrap().cycles.toNumber()).to.equal(cycle);
        expect(await reserved(consumer)).to.equal(reserved0 + total);
      }
    }
    expect(distributed, 'paid out at the 24th cycle').to.not.equal(undefined);
    const [, standard, additional] = distributed!.event.data as unknown as [unknown, { toBigInt(): bigint }, { toBigInt(): bigint }];
    expect([standard.toBigInt(), additional.toBigInt()]).to.deep.equal([total, 0n]);
    const pool = percentOf(total, 10n);
    const toFoundation = percentOf(total, 40n);
    expect(await freeBalance(t.api, STAKING_POOL)).to.equal(pool0 + pool);
    expect(await freeBalance(t.api, foundation.address)).to.equal(foundation0 + toFoundation);
    expect(await freeBalance(t.api, farmer.address)).to.equal(farmer0 + total - pool - toFoundation);
    expect(await reserved(consumer)).to.equal(reserved0);
    const state = (await q().contractPaymentState(id)).unwrap();
    expect([state.standardReserve.toBigInt(), state.cycles.toNumber()]).to.deep.equal([0n, 0]);
  });

  it('test_name_contract_billing: a name contract is billed by unique_name per hour, with the owner\'s discount, and pays the foundation 90 %', async () => {
    await ok(sc().createNameContract('foobar'), consumer);
    const id = await lastContract();
    for (let i = 0; i < 3; i++) await newBlock();
    const { bill: b, seconds } = await bill(id);
    expect([b!.discount, b!.amount]).to.deep.equal(['Gold', nameCost(seconds, 'Gold')]);
    const foundation0 = await freeBalance(t.api, foundation.address);
    const pool0 = await freeBalance(t.api, STAKING_POOL);
    const events = await ok(sc().cancelContract(id), consumer);
    const last = billOf(events)!;
    const total = b!.amount + last.amount;
    expect(eventNames(events)).to.include.members(['smartContractModule.RewardDistributed', 'smartContractModule.NameContractCanceled']);
    expect(await freeBalance(t.api, STAKING_POOL)).to.equal(pool0 + percentOf(total, 10n));
    expect(await freeBalance(t.api, foundation.address)).to.equal(foundation0 + total - percentOf(total, 10n));
  });

  it('test_create_rent_contract_on_node_in_use_fails: NodeNotAvailableToDeploy', async () => {
    const node = await newNode();
    await ok(sc().createNodeContract(node, HASH(2), 'x', 0, null), consumer);
    const { events } = await send(sc().createRentContract(node, null), consumer);
    expect(failure(t.api, events)).to.equal('smartContractModule.NodeNotAvailableToDeploy');
  });

  it('test_create_node_contract_on_dedicated_node_without_rent_contract_fails: NodeNotAvailableToDeploy until the node is rented', async () => {
    const { events: made } = await send(t.api.tx.tfgridModule.createFarm('dedicated', []), consumer);
    expect(failure(t.api, made)).to.equal(undefined);
    const farmId = (await t.api.query.tfgridModule.farmID()).toNumber();
    await ok(t.api.tx.sudo.sudo(t.api.tx.tfgridModule.setFarmDedicated(farmId, true)), farmer);
    const key = t.keyring.addFromUri('//tfchain-dedicated-node');
    nodeKeys.push(key); // node ids follow nodeKeys (nodeKey)
    await ok(t.api.tx.balances.transferKeepAlive(key.address, 100n * 10_000_000n), farmer);
    const tf = t.api.tx.tfgridModule;
    await ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), key);
    await ok(tf.createNode(farmId, capacity, { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' }, [], false, false, null), key);
    const node = (await t.api.query.tfgridModule.nodeID()).toNumber();
    const { events } = await send(sc().createNodeContract(node, HASH(6), 'x', 0, null), consumer);
    expect(failure(t.api, events)).to.equal('smartContractModule.NodeNotAvailableToDeploy');
    await ok(sc().createRentContract(node, null), consumer);
    await ok(sc().createNodeContract(node, HASH(6), 'x', 0, null), consumer);
  });

  it('test_create_rent_contract_and_node_contract_excludes_node_contract_from_billing_works: the rent is billed, the node contract on the rented node is not', async () => {
    const node = await newNode();
    await ok(sc().createRentContract(node, null), consumer);
    const rent = await lastContract();
    await ok(sc().createNodeContract(node, HASH(3), 'x', 0, null), consumer);
    const contract = rent + 1;
    await ok(sc().reportContractResources([{ contractId: contract, used }]), nodeKey(node));
    for (let i = 0; i < 3; i++) await newBlock();
    const nodeBill = await bill(contract);
    expect(nodeBill.bill, 'a node contract on a rented node pays no resources').to.equal(undefined);
    const rentBill = await bill(rent);
    expect([rentBill.bill!.discount, rentBill.bill!.amount]).to.deep.equal(['Gold', rentCost(capacity, rentBill.seconds, 'Gold')]);
    // a node contract on a rented node pays its public IPs only
    expect(nodeContractUsd(used, 0n, 3600n, true)).to.equal(0n);
  });

  it('test_create_rent_contract_on_standby_node_works: a node on standby may be rented; its rent is waived while it sleeps', async () => {
    const node = await newNode();
    await ok(t.api.tx.tfgridModule.changePowerState('Down'), nodeKey(node));
    await ok(sc().createRentContract(node, null), consumer);
    const rent = await lastContract();
    const since = (await q().contractPaymentState(rent)).unwrap().lastUpdatedSeconds.toBigInt();
    for (let i = 0; i < 3; i++) await newBlock();
    const { events, bill: b } = await bill(rent);
    expect(b).to.equal(undefined);
    expect(eventNames(events)).to.include('smartContractModule.RentWaived');
    // the billing clock waits for the node, and restarts when it is up: the standby is never billed
    expect((await q().contractPaymentState(rent)).unwrap().lastUpdatedSeconds.toBigInt()).to.equal(since);
    const { blockHash } = await send(t.api.tx.tfgridModule.changePowerState('Up'), nodeKey(node));
    const woke = BigInt((await (await t.api.at(blockHash)).query.timestamp.now()).toNumber()) / 1000n;
    expect((await q().contractPaymentState(rent)).unwrap().lastUpdatedSeconds.toBigInt()).to.equal(woke);
    await newBlock();
    const after = await bill(rent);
    expect(after.bill!.amount, 'only the time since it woke').to.equal(rentCost(capacity, after.bill!.timestamp - woke, after.bill!.discount));
  });

  it('test_node_contract_billing_cycles_delete_node_cancels_contract: deleting a node bills and cancels its contracts, paying out what they reserved', async () => {
    const node = await newNode();
    await ok(sc().createNodeContract(node, HASH(4), 'x', 1, null), consumer);
    const id = await lastContract();
    await newBlock();
    const first = await bill(id);
    expect(first.bill!.amount).to.equal(expectedCost({ cru: 0n, mru: 0n, sru: 0n, hru: 0n }, 1n, first.seconds, 'Gold'));
    await newBlock();
    const events = await ok(t.api.tx.tfgridModule.deleteNode(node), nodeKey(node));
    expect(eventNames(events).filter((n) => n.startsWith('smartContractModule.') || n === 'tfgridModule.NodeDeleted')).to.deep.equal([
      'smartContractModule.ContractBilled', 'smartContractModule.RewardDistributed', 'smartContractModule.IPsFreed',
      'smartContractModule.NodeContractCanceled', 'tfgridModule.NodeDeleted',
    ]);
    expect((await q().contracts(id)).isNone).to.equal(true);
    expect((await q().contractPaymentState(id)).isNone).to.equal(true);
    expect((await t.api.query.tfgridModule.farms(1)).unwrap().publicIps.every((ip) => ip.contractId.toNumber() !== id)).to.equal(true);
  });

  it('calculate_discount_tft: a short bill is normalised to a month; 300 TFT covers 1.9 months of 0.225 TFT/h: Default', async () => {
    const node = await newNode();
    const modest = t.keyring.addFromUri('//tfchain-modest');
    await ok(t.api.tx.balances.transferKeepAlive(modest.address, 300n * 10_000_000n), farmer);
    const tf = t.api.tx.tfgridModule;
    await ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), modest);
    await ok(sc().createNodeContract(node, HASH(6), 'x', 0, null), modest);
    const id = await lastContract();
    await ok(sc().reportContractResources([{ contractId: id, used }]), nodeKey(node));
    await newBlock();
    // a bill of seconds, taken as a month's worth of hours, would have looked like Gold
    const { bill: b, seconds } = await bill(id);
    expect([b!.discount, b!.amount]).to.deep.equal(['Default', expectedCost(used, 0n, seconds, 'Default')]);
  });

  it('test_node_contract_out_of_funds_should_move_state_to_graceperiod_works and test_node_contract_grace_period_cancels_contract_when_grace_period_ends_works', async () => {
    const node = await newNode();
    const poor = t.keyring.addFromUri('//tfchain-poor');
    await ok(t.api.tx.balances.transferKeepAlive(poor.address, 5_000_000n), farmer); // 0.5 TFT
    const tf = t.api.tx.tfgridModule;
    await ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), poor);
    await ok(sc().createNodeContract(node, HASH(5), 'x', 0, null), poor);
    const id = await lastContract();
    await ok(sc().reportContractResources([{ contractId: id, used: capacity }]), nodeKey(node));
    const now = (await t.api.query.timestamp.now()).toNumber();
    await t.api.rpc('dev_timeTravel' as never, (now + 3600_000) as never);
    const { events } = await send(sc().billContractForBlock(id), biller);
    const started = events.find((e) => t.api.events.smartContractModule.ContractGracePeriodStarted.is(e.event))!;
    const block = (await t.api.rpc.chain.getHeader()).number.toBigInt();
    expect((started.event.data[3] as unknown as { toBigInt(): bigint }).toBigInt()).to.equal(block);
    expect((await q().contracts(id)).unwrap().state.asGracePeriod.toBigInt()).to.equal(block);

    // past the grace period, still unpaid: deleted, what was reserved paid out, the owner's reserve empty
    const grace = t.api.consts.smartContractModule.gracePeriod.toNumber();
    await t.api.rpc('dev_newBlock' as never, { unsafeBlockHeight: Number(block) + grace + 1 } as never);
    const last = await send(sc().billContractForBlock(id), biller);
    expect(eventNames(last.events)).to.include.members([
      'smartContractModule.ContractGracePeriodElapsed', 'smartContractModule.RewardDistributed', 'smartContractModule.NodeContractCanceled',
    ]);
    expect((await q().contracts(id)).isNone).to.equal(true);
    expect(await reserved(poor)).to.equal(0n);
  });
});
