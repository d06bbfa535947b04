// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { startTestChain, type TestChain } from '../support/chain.js';
import { devGenesisHost } from '../support/runtime.js';

describe('metadata', () => {
  let t: TestChain;
  before(async () => (t = await startTestChain()));
  after(async () => t?.close());

  it('declares metadata versions 14 and 15, and both decode', async () => {
    const host = await devGenesisHost();
    const versions = t.api.createType('Vec<u32>', hexToU8a(host.call('Metadata_metadata_versions', '0x')));
    expect(versions.map((v) => v.toNumber())).to.deep.equal([14, 15]);
    for (const v of [14, 15]) {
      const opt = t.api.createType('Option<Bytes>', hexToU8a(host.call('Metadata_metadata_at_version', u8aToHex(t.api.createType('u32', v).toU8a()))));
      const md = new Metadata(new TypeRegistry(), opt.unwrap().toU8a(true));
      expect(md.version).to.equal(v);
    }
    const none = t.api.createType('Option<Bytes>', hexToU8a(host.call('Metadata_metadata_at_version', u8aToHex(t.api.createType('u32', 13).toU8a()))));
    expect(none.isNone).to.equal(true);
  });

  it('decodes every call argument, storage item, event, error and constant', () => {
    const { api } = t;
    const reg = api.registry;
    let calls = 0, items = 0, events = 0, errors = 0, consts = 0;
    for (const section of Object.keys(api.tx)) {
      for (const method of Object.keys(api.tx[section])) {
        for (const arg of api.tx[section][method].meta.args) reg.createType(arg.type.toString() as never);
        calls++;
      }
    }
    for (const pallet of api.runtimeMetadata.asLatest.pallets) {
      for (const item of pallet.storage.unwrapOr(null)?.items ?? []) {
        const valueTy = item.type.isPlain ? item.type.asPlain : item.type.asMap.value;
        // an Optional item's fallback is the encoding of None
        const ty = item.modifier.isOptional ? `Option<${reg.createLookupType(valueTy)}>` : reg.createLookupType(valueTy);
        const fallback = reg.createType(ty as string, item.fallback.toU8a(true));
        expect(fallback.toU8a().length, `${pallet.name}.${item.name} fallback`).to.be.greaterThan(0);
        items++;
      }
    }
    for (const section of Object.keys(api.events)) events += Object.keys(api.events[section]).length;
    for (const section of Object.keys(api.errors)) errors += Object.keys(api.errors[section]).length;
    for (const section of Object.keys(api.consts)) {
      for (const name of Object.keys(api.consts[section])) {
        expect(api.consts[section][name].toJSON(), `${section}.${name}`).to.not.equal(undefined);
        consts++;
      }
    }
    expect(calls).to.be.greaterThan(25);
    expect(items).to.be.greaterThan(20);
    expect(events).to.be.greaterThan(30);
    expect(errors).to.be.greaterThan(15);
    expect(consts).to.be.greaterThan(10);
    expect(api.consts.balances.existentialDeposit.toBigInt()).to.equal(500n);
    expect(api.consts.system.ss58Prefix.toNumber()).to.equal(42);
    expect(api.registry.chainDecimals[0]).to.equal(7);
    expect(api.registry.chainTokens[0]).to.equal('TFT');
  });

  it('keeps TF-Chain pallet indices', () => {
    const idx = Object.fromEntries(t.api.runtimeMetadata.asLatest.pallets.map((p) => [p.name.toString(), p.index.toNumber()]));
    expect(idx).to.include({ System: 0, Timestamp: 1, Utility: 3, Aura: 12, Grandpa: 13, Balances: 20, TransactionPayment: 21, TfgridModule: 25, TFKVStore: 30 });
  });

  it('reports the runtime version and the APIs it implements', () => {
    const v = t.api.runtimeVersion;
    expect(v.specName.toString()).to.equal('tfit');
    const apis = v.apis.map(([id]) => id.toHex());
    expect(apis.length).to.be.greaterThanOrEqual(10);
    expect(t.api.call.transactionPaymentApi?.queryInfo).to.be.a('function');
    expect(t.api.call.accountNonceApi?.accountNonce).to.be.a('function');
  });
});
