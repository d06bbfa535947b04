// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { startTestChain, freeBalance, type TestChain } from '../support/chain.js';
import { scenario, palletPrefix } from '../support/scenario.js';
import { toTft } from '../support/tfchain-cost.js';

/**
 * TF-Chain's pallet-smart-contract tests (tests.rs) for service contracts, the billing
 * frequency, solution providers attached later, dedicated nodes' extra fees and the
 * collective's cancel, named after the tests they mirror (e2e/pallets/TFCHAIN-TESTS.md).
 * As TF-Chain's mock: Alice is the service (twin 1), Bob the consumer (twin 2), fees 1000 mUSD
 * per hour; bills at the chain's TFT price (the dev chain's 50 mUSD).
 */
const GIB = 1024n ** 3n;
const HASH = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
const [BASE_FEE, VARIABLE_FEE] = [1000n, 1000n];
const TFT = 10_000_000n;

describe('TF-Chain\'s pallet-smart-contract tests for service contracts, fees and the collective, on the emulated chain', function () {
  this.timeout(300_000);
  let t: TestChain;
  let alice: KeyringPair, bob: KeyringPair, charlie: KeyringPair, nodeKey: KeyringPair;
  const sc = () => t.api.tx.smartContractModule;
  const q = () => t.api.query.smartContractModule;
  const s = scenario(() => t, 'smartContractModule', () => [palletPrefix(q().contracts.keyPrefix())]);
  const service = async (id: number) => (await q().serviceContracts(id)).unwrap();
  const now = async () => BigInt((await t.api.query.timestamp.now()).toNumber()) / 1000n;
  /** A service contract between Alice and Bob with metadata and fees: AgreementReady. Its id. */
  async function prepared(): Promise<number> {
    await s.ok(sc().serviceContractCreate(alice.address, bob.address), alice);
    const id = (await q().serviceContractID()).toNumber();
    await s.ok(sc().serviceContractSetMetadata(id, 'some_metadata'), alice);
    await s.ok(sc().serviceContractSetFees(id, BASE_FEE, VARIABLE_FEE), alice);
    return id;
  }

  before(async () => {
    t = await startTestChain();
    [alice, bob, charlie, nodeKey] = [t.alice, t.bob, t.charlie, t.dave];
    const tf = t.api.tx.tfgridModule;
    for (const who of [alice, bob, charlie, nodeKey]) // twins 1-4
      await s.ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), who);
    await s.ok(tf.createFarm('farm1', []), alice);
    await s.ok(tf.createNode(1, { hru: 1024n * GIB, sru: 512n * GIB, cru: 8, mru: 16n * GIB }, { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' }, [], false, false, null), nodeKey);
  });
  after(async () => t?.close());

  it('test_service_contract_create_works, ..._by_anyone_fails, ..._same_account_fails', async () => {
    await s.refused(sc().serviceContractCreate(alice.address, bob.address), charlie, 'smartContractModule.TwinNotAuthorized');
    await s.refused(sc().serviceContractCreate(alice.address, alice.address), alice, 'smartContractModule.ServiceContractCreationNotAllowed');
    expect((await s.ok(sc().serviceContractCreate(alice.address, bob.address), alice)).names).to.deep.equal(['smartContractModule.ServiceContractCreated']);
    const c = await service(1);
    expect([c.serviceContractId.toNumber(), c.serviceTwinId.toNumber(), c.consumerTwinId.toNumber(), c.baseFee.toNumber(), c.lastBill.toNumber(), c.state.type])
      .to.deep.equal([1, 1, 2, 0, 0, 'Created']);
  });

  it('test_service_contract_set_metadata_works, ..._by_unauthorized_fails, ..._too_long_fails; set_fees likewise (the service only)', async () => {
    await s.refused(sc().serviceContractSetMetadata(1, 'some_metadata'), charlie, 'smartContractModule.TwinNotAuthorized');
    await s.refused(sc().serviceContractSetMetadata(1, 'x'.repeat(65)), alice, 'smartContractModule.ServiceContractMetadataTooLong');
    expect((await s.ok(sc().serviceContractSetMetadata(1, 'some_metadata'), bob)).names).to.deep.equal(['smartContractModule.ServiceContractMetadataSet']);
    expect((await service(1)).state.type, 'no fees yet').to.equal('Created');
    await s.refused(sc().serviceContractSetFees(1, BASE_FEE, VARIABLE_FEE), bob, 'smartContractModule.TwinNotAuthorized');
    expect((await s.ok(sc().serviceContractSetFees(1, BASE_FEE, VARIABLE_FEE), alice)).names).to.deep.equal(['smartContractModule.ServiceContractFeesSet']);
    expect((await service(1)).state.type).to.equal('AgreementReady');
  });

  it('test_service_contract_approve_works, ..._agreement_not_ready_fails, ..._already_approved_fails, ..._by_unauthorized_fails', async () => {
    await s.ok(sc().serviceContractCreate(alice.address, bob.address), bob); // 2: Created
    await s.refused(sc().serviceContractApprove(2), alice, 'smartContractModule.ServiceContractApprovalNotAllowed');
    await s.refused(sc().serviceContractApprove(1), charlie, 'smartContractModule.TwinNotAuthorized');
    expect((await s.ok(sc().serviceContractApprove(1), alice)).names).to.deep.equal(['smartContractModule.ServiceContractApproved']);
    expect([(await service(1)).acceptedByService.isTrue, (await service(1)).state.type]).to.deep.equal([true, 'AgreementReady']);
    await s.ok(sc().serviceContractApprove(1), bob);
    const c = await service(1);
    expect([c.state.type, c.lastBill.toBigInt()]).to.deep.equal(['ApprovedByBoth', await now()]);
    await s.refused(sc().serviceContractApprove(1), bob, 'smartContractModule.ServiceContractApprovalNotAllowed');
    // test_service_contract_set_metadata_already_approved_fails, test_service_contract_set_fees_already_approved_fails
    await s.refused(sc().serviceContractSetMetadata(1, 'other'), alice, 'smartContractModule.ServiceContractModificationNotAllowed');
    await s.refused(sc().serviceContractSetFees(1, 1, 1), alice, 'smartContractModule.ServiceContractModificationNotAllowed');
  });

  it('test_service_contract_reject_works, ..._agreement_not_ready_fails, ..._already_approved_fails, ..._by_unauthorized_fails', async () => {
    await s.refused(sc().serviceContractReject(2), alice, 'smartContractModule.ServiceContractRejectionNotAllowed');
    await s.refused(sc().serviceContractReject(1), alice, 'smartContractModule.ServiceContractRejectionNotAllowed');
    const id = await prepared();
    await s.refused(sc().serviceContractReject(id), charlie, 'smartContractModule.TwinNotAuthorized');
    const { events } = await s.ok(sc().serviceContractReject(id), bob);
    const canceled = events.find((e) => t.api.events.smartContractModule.ServiceContractCanceled.is(e.event))!;
    expect(canceled.event.data.toJSON()).to.deep.equal([id, 'CanceledByUser']);
    expect((await q().serviceContracts(id)).isNone).to.equal(true);
  });

  it('test_service_contract_cancel_works, ..._by_unauthorized_fails: either party, in any state', async () => {
    await s.refused(sc().serviceContractCancel(2), charlie, 'smartContractModule.TwinNotAuthorized');
    expect((await s.ok(sc().serviceContractCancel(2), alice)).names).to.deep.equal(['smartContractModule.ServiceContractCanceled']);
    expect((await q().serviceContracts(2)).isNone).to.equal(true);
  });

  /** What a bill of `variable` over `window` seconds costs the consumer (TF-Chain's calculate_bill_cost_tft). */
  const billCost = (window: bigint, variable: bigint) => toTft((BASE_FEE * 10_000n * window * 2n + 3600n) / 7200n + variable * 10_000n);

  it('test_service_contract_bill_works: base fee pro rata plus the variable amount, paid to the service; at most one hour a bill', async () => {
    await t.api.rpc('dev_newBlock' as never, { count: 3 } as never);
    const since = (await service(1)).lastBill.toBigInt();
    const before = await freeBalance(t.api, bob.address);
    const { events } = await s.ok(sc().serviceContractBill(1, 0, 'bill1'), alice);
    const window = (await now()) - since;
    const billed = events.find((e) => t.api.events.smartContractModule.ServiceContractBilled.is(e.event))!;
    const [, bill, amount] = billed.event.data as unknown as [unknown, { window: { toBigInt(): bigint } }, { toBigInt(): bigint }];
    expect([bill.window.toBigInt(), amount.toBigInt()]).to.deep.equal([window, billCost(window, 0n)]);
    expect(before - (await freeBalance(t.api, bob.address))).to.equal(billCost(window, 0n));
    expect((await service(1)).lastBill.toBigInt()).to.equal(await now());
    // 70 minutes later: the bill covers one hour, and a variable amount up to the whole variable fee
    await t.api.rpc('dev_timeTravel' as never, ((Number(await now()) + 70 * 60) * 1000) as never);
    const late = await s.ok(sc().serviceContractBill(1, VARIABLE_FEE, 'bill2'), alice);
    const data = late.events.find((e) => t.api.events.smartContractModule.ServiceContractBilled.is(e.event))!.event.data as unknown as [unknown, { window: { toBigInt(): bigint } }, { toBigInt(): bigint }];
    expect([data[1].window.toBigInt(), data[2].toBigInt()]).to.deep.equal([3600n, billCost(3600n, VARIABLE_FEE)]);
  });

  it('test_service_contract_bill_by_unauthorized_fails, ..._not_approved_fails, ..._variable_amount_too_high_fails, ..._metadata_too_long_fails', async () => {
    await t.api.rpc('dev_timeTravel' as never, ((Number(await now()) + 3600) * 1000) as never);
    await s.refused(sc().serviceContractBill(1, 0, 'x'), bob, 'smartContractModule.TwinNotAuthorized');
    const ready = await prepared();
    await s.refused(sc().serviceContractBill(ready, 0, 'x'), alice, 'smartContractModule.ServiceContractBillingNotApprovedByBoth');
    await s.refused(sc().serviceContractBill(1, VARIABLE_FEE + 1n, 'x'), alice, 'smartContractModule.ServiceContractBillingVariableAmountTooHigh');
    await s.refused(sc().serviceContractBill(1, 0, 'x'.repeat(51)), alice, 'smartContractModule.ServiceContractBillMetadataTooLong');
  });

  it('test_service_contract_bill_out_of_funds_fails: nothing changes, the contract stays', async () => {
    const poor = t.keyring.addFromUri('//poor-consumer');
    await s.ok(t.api.tx.balances.transferKeepAlive(poor.address, TFT), alice);
    const tf = t.api.tx.tfgridModule;
    await s.ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), poor);
    await s.ok(sc().serviceContractCreate(alice.address, poor.address), alice);
    const id = (await q().serviceContractID()).toNumber();
    await s.ok(sc().serviceContractSetMetadata(id, 'm'), alice);
    await s.ok(sc().serviceContractSetFees(id, 1_000_000n, 0), alice); // 1,000 USD an hour
    await s.ok(sc().serviceContractApprove(id), alice);
    await s.ok(sc().serviceContractApprove(id), poor);
    await t.api.rpc('dev_timeTravel' as never, ((Number(await now()) + 3600) * 1000) as never);
    await s.refused(sc().serviceContractBill(id, 0, 'x'), alice, 'smartContractModule.ServiceContractNotEnoughFundsToPayBill');
    expect((await service(id)).state.type).to.equal('ApprovedByBoth');
  });

  it('test_change_billing_frequency_works, test_change_billing_frequency_fails_if_frequency_lower', async () => {
    await s.refused(sc().changeBillingFrequency(900), alice, 'BadOrigin');
    const { names } = await s.asRoot(sc().changeBillingFrequency(900));
    expect(names).to.deep.equal(['smartContractModule.BillingFrequencyChanged']);
    expect((await q().billingFrequency()).toNumber()).to.equal(900);
    expect((await s.asRoot(sc().changeBillingFrequency(899))).error).to.equal('smartContractModule.CanOnlyIncreaseFrequency');
    expect((await q().billingFrequency()).toNumber()).to.equal(900);
  });

  it('test_attach_solution_provider_id, ..._wrong_origin_fails, ..._not_approved_fails (the provider is checked first)', async () => {
    await s.ok(sc().createSolutionProvider('sp', 'https://example.com', [{ who: charlie.address, take: 10 }]), charlie);
    await s.ok(sc().createNodeContract(1, HASH(1), 'x', 0, null), alice);
    const contract = (await q().contractID()).toNumber();
    await s.refused(sc().attachSolutionProviderId(contract, 1), bob, 'smartContractModule.SolutionProviderNotApproved');
    await s.refused(sc().attachSolutionProviderId(contract, 9), alice, 'smartContractModule.NoSuchSolutionProvider');
    await s.asRoot(sc().approveSolutionProvider(1, true));
    await s.refused(sc().attachSolutionProviderId(contract, 1), bob, 'smartContractModule.UnauthorizedToChangeSolutionProviderId');
    expect((await s.ok(sc().attachSolutionProviderId(contract, 1), alice)).names).to.deep.equal(['smartContractModule.ContractUpdated']);
    expect((await q().contracts(contract)).unwrap().solutionProviderId.unwrap().toNumber()).to.equal(1);
    await s.refused(sc().attachSolutionProviderId(contract, 1), alice, 'smartContractModule.UnauthorizedToChangeSolutionProviderId');
  });

  it('test_cancel_contract_collective_by_dao_approval_works: root cancels any contract, billing it (CanceledByCollective)', async () => {
    const contract = (await q().contractID()).toNumber();
    await s.refused(sc().cancelContractCollective(contract), alice, 'BadOrigin');
    expect((await s.asRoot(sc().cancelContractCollective(99))).error).to.equal('smartContractModule.ContractNotExists');
    const { names } = await s.asRoot(sc().cancelContractCollective(contract));
    expect(names).to.include.members(['smartContractModule.ContractBilled', 'smartContractModule.NodeContractCanceled']);
    expect((await q().contracts(contract)).isNone).to.equal(true);
    expect((await q().activeNodeContracts(1)).length).to.equal(0);
  });

  it('test_set_dedicated_node_extra_fee_works, ..._undefined_node_fails, ..._unauthorized_fails, ..._with_active_node_contract_fails, ..._with_active_rent_contract_fails', async () => {
    await s.refused(sc().setDedicatedNodeExtraFee(9, 100_000), alice, 'smartContractModule.NodeNotExists');
    await s.refused(sc().setDedicatedNodeExtraFee(1, 100_000), bob, 'smartContractModule.UnauthorizedToSetExtraFee');
    await s.ok(sc().createNodeContract(1, HASH(2), 'x', 0, null), bob);
    const node = (await q().contractID()).toNumber();
    await s.refused(sc().setDedicatedNodeExtraFee(1, 100_000), alice, 'smartContractModule.NodeHasActiveContracts');
    await s.ok(sc().cancelContract(node), bob);
    await s.ok(sc().createRentContract(1, null), bob);
    const rent = (await q().contractID()).toNumber();
    await s.refused(sc().setDedicatedNodeExtraFee(1, 100_000), alice, 'smartContractModule.NodeHasActiveContracts');
    await s.ok(sc().cancelContract(rent), bob);
    expect((await s.ok(sc().setDedicatedNodeExtraFee(1, 100_000), alice)).names).to.deep.equal(['smartContractModule.NodeExtraFeeSet']);
    expect((await q().dedicatedNodesExtraFee(1)).toNumber()).to.equal(100_000);
  });

  it('test_set_dedicated_node_extra_fee_and_create_node_contract_fails, ..._and_set_it_back_to_zero_works', async () => {
    await s.refused(sc().createNodeContract(1, HASH(3), 'x', 0, null), bob, 'smartContractModule.NodeNotAvailableToDeploy');
    await s.ok(sc().setDedicatedNodeExtraFee(1, 0), alice);
    await s.ok(sc().createNodeContract(1, HASH(3), 'x', 0, null), bob);
    await s.ok(sc().cancelContract((await q().contractID()).toNumber()), bob);
    await s.ok(sc().setDedicatedNodeExtraFee(1, 100_000), alice);
  });

  it('test_set_dedicated_node_extra_fee_and_create_rent_contract_billing_works: the renter pays the fee, undiscounted, to the farmer', async () => {
    await s.ok(sc().createRentContract(1, null), bob);
    const rent = (await q().contractID()).toNumber();
    await s.ok(sc().createNodeContract(1, HASH(4), 'x', 0, null), bob); // the renter may deploy
    const nodeContract = (await q().contractID()).toNumber();
    await t.api.rpc('dev_timeTravel' as never, ((Number(await now()) + 3600) * 1000) as never);
    const since = (await q().contractPaymentState(rent)).unwrap().lastUpdatedSeconds.toBigInt();
    const { events } = await s.ok(sc().billContractForBlock(rent), charlie);
    const seconds = (await now()) - since;
    const ps = (await q().contractPaymentState(rent)).unwrap();
    // extra fee: 100,000 mUSD a 30-day month, pro rata, at 50 mUSD (no discount)
    const extra = toTft((100_000n * 10_000n * seconds * 2n + 2_592_000n) / 5_184_000n);
    expect(ps.additionalReserve.toBigInt()).to.equal(extra);
    const billed = (events.find((e) => t.api.events.smartContractModule.ContractBilled.is(e.event))!.event.data[0] as unknown as { amountBilled: { toBigInt(): bigint } }).amountBilled.toBigInt();
    expect(billed).to.equal(ps.standardReserve.toBigInt() + extra);
    // on cancel the extra reserve goes to the farmer whole
    const farmerBefore = await freeBalance(t.api, alice.address);
    await s.ok(sc().cancelContract(nodeContract), bob);
    const cancel = await s.ok(sc().cancelContract(rent), bob);
    const distributed = cancel.events.find((e) => t.api.events.smartContractModule.RewardDistributed.is(e.event))!.event.data as unknown as [unknown, { toBigInt(): bigint }, { toBigInt(): bigint }];
    expect(distributed[2].toBigInt() >= extra, 'the extra reserve, with the last bill\'s').to.equal(true);
    expect((await freeBalance(t.api, alice.address)) - farmerBefore >= distributed[2].toBigInt(), 'the farmer got it whole').to.equal(true);
  });
});
