// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import type { EventRecord } from '@polkadot/types/interfaces';
import { startTestChain, freeBalance, type TestChain } from '../support/chain.js';
import { scenario, palletPrefix } from '../support/scenario.js';
import { nameCost } from '../support/tfchain-cost.js';
import { WASM_PATH } from '../../chain-spec/paths.js';

/**
 * TFTPriceModule (validators set the price; billing converts at its average, clamped to
 * [min, max]), BurningModule and RuntimeUpgrade as TF-Chain has them.
 */
const TFT = 10_000_000n;

describe('TF-Chain\'s TFTPriceModule, BurningModule and RuntimeUpgrade, on the emulated chain', function () {
  this.timeout(300_000);
  let t: TestChain;
  const price = () => t.api.query.tftPriceModule;
  const s = scenario(() => t, 'tftPriceModule', () => [palletPrefix(price().tftPrice.key())]);
  const now = async () => (await t.api.query.timestamp.now()).toNumber();
  const data = (events: EventRecord[], name: string) => events.find((e) => `${e.event.section}.${e.event.method}` === name)?.event.data.toJSON();

  before(async () => { t = await startTestChain(); });
  after(async () => t?.close());

  it('genesis: TF-Chain\'s bounds (10 and 1000 mUSD) and tfit\'s starting price, 50 mUSD', async () => {
    expect([(await price().minTftPrice()).toNumber(), (await price().maxTftPrice()).toNumber(), (await price().averageTftPrice()).toNumber()]).to.deep.equal([10, 1000, 50]);
  });

  it('set_prices: a validator only; the average of the history is stored, free of fees; out of bounds is reported', async () => {
    await s.refused(t.api.tx.tftPriceModule.setPrices(60, 1), t.bob, 'tftPriceModule.AccountUnauthorizedToSetPrice');
    const { names, events } = await s.ok(t.api.tx.tftPriceModule.setPrices(61, 2), t.alice);
    expect(names).to.deep.equal(['tftPriceModule.PriceStored', 'tftPriceModule.AveragePriceStored']);
    expect(data(events, 'tftPriceModule.AveragePriceStored')).to.deep.equal([56]); // (50 + 61) / 2 = 55.5, rounded half up
    expect((data(events, 'transactionPayment.TransactionFeePaid') as unknown[])[1], 'fee refunded').to.equal(0);
    expect([(await price().tftPrice()).toNumber(), (await price().lastBlockSet()).toNumber(), (await price().bufferRange()).toJSON()]).to.deep.equal([61, 2, [0, 2]]);
    const high = await s.ok(t.api.tx.tftPriceModule.setPrices(5000, 3), t.alice);
    expect(data(high.events, 'tftPriceModule.AveragePriceIsAboveMaxPrice')).to.deep.equal([1704, 1000]); // (50 + 61 + 5000) / 3
  });

  it('set_min_tft_price / set_max_tft_price: root only; min stays below max', async () => {
    await s.refused(t.api.tx.tftPriceModule.setMinTftPrice(20), t.alice, 'BadOrigin');
    expect((await s.asRoot(t.api.tx.tftPriceModule.setMinTftPrice(1000))).error).to.equal('tftPriceModule.MinPriceAboveMaxPriceError');
    expect((await s.asRoot(t.api.tx.tftPriceModule.setMaxTftPrice(10))).error).to.equal('tftPriceModule.MaxPriceBelowMinPriceError');
    await s.asRoot(t.api.tx.tftPriceModule.setMaxTftPrice(100));
    expect((await price().maxTftPrice()).toNumber()).to.equal(100);
  });

  it('billing converts at the average price clamped to the max: a name contract\'s bill at 100 mUSD', async () => {
    const tf = t.api.tx.tfgridModule;
    await s.ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), t.charlie);
    await s.ok(t.api.tx.smartContractModule.createNameContract('priced_name'), t.charlie);
    const id = (await t.api.query.smartContractModule.contractID()).toNumber();
    const since = (await t.api.query.smartContractModule.contractPaymentState(id)).unwrap().lastUpdatedSeconds.toBigInt();
    await t.api.rpc('dev_timeTravel' as never, (await now() + 3600_000) as never);
    const { events } = await s.ok(t.api.tx.smartContractModule.billContractForBlock(id), t.bob);
    const bill = data(events, 'smartContractModule.ContractBilled') as [{ amountBilled: number; discountLevel: string; timestamp: number }];
    const seconds = BigInt(bill[0].timestamp) - since;
    expect(BigInt(bill[0].amountBilled)).to.equal(nameCost(seconds, bill[0].discountLevel, 100n));
    expect(BigInt(bill[0].amountBilled)).to.not.equal(nameCost(seconds, bill[0].discountLevel, 50n));
  });

  it('BurningModule.burn_tft: the burn leaves the free balance and total issuance, and is recorded; not more than is free', async () => {
    const [free, issuance] = [await freeBalance(t.api, t.dave.address), (await t.api.query.balances.totalIssuance()).toBigInt()];
    const { names, events } = await s.ok(t.api.tx.burningModule.burnTft(3n * TFT, 'to stellar'), t.dave, 'burningModule');
    expect(names).to.deep.equal(['burningModule.BurnTransactionCreated']);
    const fee = BigInt((data(events, 'transactionPayment.TransactionFeePaid') as number[])[1]);
    expect(free - (await freeBalance(t.api, t.dave.address))).to.equal(3n * TFT + fee);
    expect(issuance - (await t.api.query.balances.totalIssuance()).toBigInt()).to.equal(3n * TFT + fee);
    const burns = (await t.api.query.burningModule.burns()).unwrap();
    expect([burns.length, burns[0].target.toString(), burns[0].amount.toBigInt(), burns[0].message.toUtf8()]).to.deep.equal([1, t.dave.address, 3n * TFT, 'to stellar']);
    const tooMuch = await freeBalance(t.api, t.dave.address) + 1n;
    const { events: refused } = await s.ok(t.api.tx.utility.batch([t.api.tx.burningModule.burnTft(tooMuch, 'x')]), t.dave, 'utility');
    expect(JSON.stringify(data(refused, 'utility.BatchInterrupted'))).to.include('"index":29'); // BurningModule's NotEnoughBalanceToBurn
    expect((await t.api.query.burningModule.burns()).unwrap().length).to.equal(1);
  });

  it('RuntimeUpgrade.set_code: root only, with System.set_code\'s checks (the same runtime is no upgrade)', async () => {
    const code = u8aToHex(readFileSync(WASM_PATH));
    await s.refused(t.api.tx.runtimeUpgrade.setCode(code), t.alice, 'BadOrigin');
    expect((await s.asRoot(t.api.tx.runtimeUpgrade.setCode(code))).error).to.equal('system.SpecVersionNeedsToIncrease');
    expect((await s.asRoot(t.api.tx.runtimeUpgrade.setCode('0x00'))).error).to.equal('system.FailedToExtractRuntimeVersion');
  });
});
