// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { startTestChain, send, eventNames, failure, freeBalance, type TestChain } from '../support/chain.js';

describe('balances and fees', () => {
  let t: TestChain;
  before(async () => (t = await startTestChain()));
  after(async () => t?.close());

  it('transfers, emits Withdraw, Transfer, TransactionFeePaid, ExtrinsicSuccess, and charges exactly paymentInfo', async () => {
    const { api, alice, bob } = t;
    const [a0, b0] = [await freeBalance(api, alice.address), await freeBalance(api, bob.address)];
    const tx = api.tx.balances.transferKeepAlive(bob.address, 1_2345678n);
    const info = await tx.paymentInfo(alice);
    const { events } = await send(tx, alice);
    expect(eventNames(events)).to.deep.equal(['balances.Withdraw', 'balances.Transfer', 'transactionPayment.TransactionFeePaid', 'system.ExtrinsicSuccess']);
    const fee = events.find((e) => e.event.method === 'TransactionFeePaid')!.event.data[1].toString();
    expect(BigInt(fee)).to.equal(info.partialFee.toBigInt());
    expect(await freeBalance(api, alice.address)).to.equal(a0 - 1_2345678n - info.partialFee.toBigInt());
    expect(await freeBalance(api, bob.address)).to.equal(b0 + 1_2345678n);
    const total = await api.query.balances.totalIssuance();
    expect(total.toBigInt()).to.equal(6n * 1_000_000n * 10_000_000n - info.partialFee.toBigInt());
  });

  it('creates a new account with NewAccount and Endowed', async () => {
    const { api, alice, keyring } = t;
    const fresh = keyring.addFromUri('//tfit-fresh-1');
    const { events } = await send(api.tx.balances.transferAllowDeath(fresh.address, 1000n), alice);
    expect(eventNames(events)).to.include.members(['system.NewAccount', 'balances.Endowed']);
    expect(await freeBalance(api, fresh.address)).to.equal(1000n);
  });

  it('refuses to create an account below the existential deposit, changing only the fee', async () => {
    const { api, alice, keyring } = t;
    const fresh = keyring.addFromUri('//tfit-fresh-2');
    const a0 = await freeBalance(api, alice.address);
    const { events } = await send(api.tx.balances.transferAllowDeath(fresh.address, 499n), alice);
    expect(failure(api, events)).to.equal('balances.ExistentialDeposit');
    const fee = BigInt(events.find((e) => e.event.method === 'TransactionFeePaid')!.event.data[1].toString());
    expect(await freeBalance(api, alice.address)).to.equal(a0 - fee);
    expect((await api.query.system.account(fresh.address)).providers.toNumber()).to.equal(0);
  });

  it('refuses a transfer above the free balance with InsufficientBalance', async () => {
    const { api, bob, charlie } = t;
    const c0 = await freeBalance(api, charlie.address);
    const { events } = await send(api.tx.balances.transferAllowDeath(charlie.address, 10n ** 30n), bob);
    expect(failure(api, events)).to.equal('balances.InsufficientBalance');
    expect(await freeBalance(api, charlie.address)).to.equal(c0);
  });

  it('transfer_keep_alive refuses to reap the sender (Expendability); transfer_all with keep_alive leaves the deposit', async () => {
    const { api, alice, bob, keyring } = t;
    const temp = keyring.addFromUri('//tfit-temp');
    await send(api.tx.balances.transferAllowDeath(temp.address, 100_000_000n), alice);
    const all = await freeBalance(api, temp.address);
    const probe = api.tx.balances.transferKeepAlive(bob.address, all);
    const fee = (await probe.paymentInfo(temp)).partialFee.toBigInt();
    // leaves 100 units after the fee: below the existential deposit of 500
    const { events } = await send(api.tx.balances.transferKeepAlive(bob.address, all - fee - 100n), temp);
    expect(failure(api, events)).to.equal('balances.Expendability');
    await send(api.tx.balances.transferAll(bob.address, true), temp);
    expect(await freeBalance(api, temp.address)).to.equal(500n);
  });

  it('paymentInfo and queryFeeDetails agree on the inclusion fee', async () => {
    const { api, alice, bob } = t;
    const tx = api.tx.balances.transferKeepAlive(bob.address, 1n);
    const info = await tx.paymentInfo(alice);
    const signed = await tx.signAsync(alice);
    const raw = await api.rpc.state.call('TransactionPaymentApi_query_fee_details', u8aToHex(u8aConcat(signed.toU8a(), api.createType('u32', signed.encodedLength).toU8a())));
    const details = api.createType('FeeDetails', raw);
    const f = details.inclusionFee.unwrap();
    expect(f.baseFee.toBigInt() + f.lenFee.toBigInt() + f.adjustedWeightFee.toBigInt()).to.equal(info.partialFee.toBigInt());
    expect(f.lenFee.toBigInt()).to.equal(BigInt(signed.encodedLength));
  });
});
