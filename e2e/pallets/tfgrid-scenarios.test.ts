// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { startTestChain, send, eventNames, failure, palletState, type TestChain } from '../support/chain.js';

/**
 * TF-Chain's own pallet-tfgrid tests (substrate-node/pallets/pallet-tfgrid/src/tests.rs) for farm
 * and node administration, each as a black-box scenario on the emulated chain, named after the
 * test it mirrors (e2e/pallets/TFCHAIN-TESTS.md). Refusals leave the pallet's storage as it was.
 */
describe('TF-Chain\'s pallet-tfgrid tests, on the emulated chain', () => {
  let t: TestChain;
  let farmer: KeyringPair, nodeKey: KeyringPair, other: KeyringPair;
  const tf = () => t.api.tx.tfgridModule;
  const q = () => t.api.query.tfgridModule;
  const sudo = (tx: SubmittableExtrinsic<'promise'>) => t.api.tx.sudo.sudo(tx);
  const snapshot = () => palletState(t, t.api.query.tfgridModule.twins.keyPrefix().slice(0, 34));
  async function refused(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, error: string) {
    const before = await snapshot();
    const { events } = await send(tx, signer);
    expect(failure(t.api, events)).to.equal(error);
    expect(await snapshot()).to.deep.equal(before);
  }
  async function ok(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<string[]> {
    const { events } = await send(tx, signer);
    expect(failure(t.api, events), 'dispatch failed').to.equal(undefined);
    return eventNames(events).filter((n) => n.startsWith('tfgridModule.'));
  }
  /** A call through sudo: its inner result. */
  async function asRoot(tx: SubmittableExtrinsic<'promise'>): Promise<{ names: string[]; error?: string }> {
    const { events } = await send(sudo(tx), t.alice);
    const sudid = events.find((e) => t.api.events.sudo.Sudid.is(e.event))!;
    const result = sudid.event.data[0] as unknown as { isErr: boolean; asErr: { isModule: boolean; asModule: unknown } };
    const error = result.isErr ? (() => { const m = t.api.registry.findMetaError(result.asErr.asModule as never); return `${m.section}.${m.name}`; })() : undefined;
    return { names: eventNames(events).filter((n) => n.startsWith('tfgridModule.')), error };
  }

  before(async () => {
    t = await startTestChain();
    [farmer, nodeKey, other] = [t.alice, t.bob, t.charlie];
    for (const who of [farmer, nodeKey, other])
      await ok(t.api.tx.utility.batchAll([tf().userAcceptTc('https://example.com/tc', 'h1'), tf().createTwin(null, null)]), who);
    await ok(tf().createFarm('farm1', [{ ip: '185.206.122.33/24', gw: '185.206.122.1' }]), farmer);
    await ok(tf().createNode(1, { hru: 1024n ** 4n, sru: 512n * 1024n ** 3n, cru: 8, mru: 16n * 1024n ** 3n }, { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' }, [], false, false, null), nodeKey);
  });
  after(async () => t?.close());

  it('test_create_farm_not_valid_ip_fails: an IP equal to its gateway, a private one, a gateway outside the prefix, no prefix', async () => {
    for (const [ip, gw] of [['185.206.122.33/24', '185.206.122.33'], ['10.0.0.2/24', '10.0.0.1'], ['185.206.122.33/24', '185.206.123.1'], ['185.206.122.33', '185.206.122.1'], ['185.206.122.033/24', '185.206.122.1']])
      await refused(tf().createFarm('farm2', [{ ip, gw }]), other, 'tfgridModule.InvalidPublicIP');
  });

  it('test_create_farm_invalid_name_fails: names of 3 to 40 of [a-zA-Z0-9-_]; a taken name is FarmExists first; update_farm to its own name changes nothing', async () => {
    for (const name of ['ab', 'bad name', 'x'.repeat(41)]) {
      const error = name.length < 3 ? 'FarmNameTooShort' : name.length > 40 ? 'FarmNameTooLong' : 'InvalidFarmName';
      await refused(tf().createFarm(name, []), other, `tfgridModule.${error}`);
    }
    await refused(tf().createFarm('farm1', [{ ip: '185.206.122.33/24', gw: '185.206.122.33' }]), other, 'tfgridModule.FarmExists');
    const { events } = await send(tf().updateFarm(1, 'farm1'), farmer);
    expect(failure(t.api, events)).to.equal(undefined);
    expect(eventNames(events).filter((n) => n.startsWith('tfgridModule.'))).to.deep.equal([]);
  });

  it('test_adding_ip_to_farm_works, with TF-Chain\'s refusals (wrong farmer, invalid, duplicate); remove_farm_ip frees only an unreserved IP', async () => {
    await refused(tf().addFarmIp(1, '185.206.122.34/24', '185.206.122.1'), other, 'tfgridModule.CannotUpdateFarmWrongTwin');
    await refused(tf().addFarmIp(9, '185.206.122.34/24', '185.206.122.1'), farmer, 'tfgridModule.FarmNotExists');
    await refused(tf().addFarmIp(1, '192.168.1.2/24', '192.168.1.1'), farmer, 'tfgridModule.InvalidPublicIP');
    await refused(tf().addFarmIp(1, '185.206.122.33/24', '185.206.122.1'), farmer, 'tfgridModule.IpExists');
    expect(await ok(tf().addFarmIp(1, '185.206.122.34/24', '185.206.122.1'), farmer)).to.deep.equal(['tfgridModule.FarmUpdated']);
    expect((await q().farms(1)).unwrap().publicIps.map((p) => p.ip.toUtf8())).to.deep.equal(['185.206.122.33/24', '185.206.122.34/24']);
    // an IP a contract holds reads as absent to remove_farm_ip; root can force it free
    await ok(t.api.tx.smartContractModule.createNodeContract(1, `0x${'01'.repeat(32)}`, 'x', 1, null), other);
    await refused(tf().removeFarmIp(1, '185.206.122.33/24'), farmer, 'tfgridModule.IpNotExists');
    expect(await ok(tf().removeFarmIp(1, '185.206.122.34/24'), farmer)).to.deep.equal(['tfgridModule.FarmUpdated']);
    await refused(tf().forceResetFarmIp(1, '185.206.122.33/24'), farmer, 'BadOrigin');
    expect((await asRoot(tf().forceResetFarmIp(1, '185.206.122.99/24'))).error).to.equal('tfgridModule.IpNotExists');
    expect((await asRoot(tf().forceResetFarmIp(1, '185.206.122.33/24'))).names).to.deep.equal(['tfgridModule.FarmUpdated']);
    expect((await q().farms(1)).unwrap().publicIps[0].contractId.toNumber()).to.equal(0);
  });

  it('node_add_public_config_works: the farmer sets a valid public config (and clears it); a bad one is InvalidPublicConfig', async () => {
    const config = { ip4: { ip: '185.206.122.50/24', gw: '185.206.122.1' }, ip6: { ip: '2a10:b600:1::0cc4:7a30:65b5/64', gw: '2a10:b600:1::1' }, domain: 'node1.example.com' };
    await refused(tf().addNodePublicConfig(1, 1, config), other, 'tfgridModule.CannotUpdateFarmWrongTwin');
    await refused(tf().addNodePublicConfig(1, 9, config), farmer, 'tfgridModule.NodeNotExists');
    for (const bad of [
      { ...config, domain: 'bad domain!' },
      { ...config, ip4: { ip: '185.206.122.50/24', gw: '185.206.122.50' } },
      { ...config, ip6: { ip: 'fe80::1/64', gw: 'fe80::2' } },
      { ...config, ip6: { ip: '2a10:b600:1::1/64', gw: '2a10:b601::1' } },
    ]) await refused(tf().addNodePublicConfig(1, 1, bad), farmer, 'tfgridModule.InvalidPublicConfig');
    expect(await ok(tf().addNodePublicConfig(1, 1, config), farmer)).to.deep.equal(['tfgridModule.NodePublicConfigStored']);
    const stored = (await q().nodes(1)).unwrap().publicConfig.unwrap();
    expect([stored.ip4.ip.toUtf8(), stored.ip6.unwrap().gw.toUtf8(), stored.domain.unwrap().toUtf8()]).to.deep.equal(['185.206.122.50/24', '2a10:b600:1::1', 'node1.example.com']);
    await ok(tf().addNodePublicConfig(1, 1, null), farmer);
    expect((await q().nodes(1)).unwrap().publicConfig.isNone).to.equal(true);
  });

  it('test_set_node_certification works for root and allowed certifiers only; add/remove_node_certifier keep a sorted list', async () => {
    await refused(tf().setNodeCertification(1, 'Certified'), other, 'tfgridModule.NotAllowedToCertifyNode');
    expect((await asRoot(tf().addNodeCertifier(other.address))).names).to.deep.equal(['tfgridModule.NodeCertifierAdded']);
    expect((await asRoot(tf().addNodeCertifier(other.address))).error).to.equal('tfgridModule.AlreadyCertifier');
    await asRoot(tf().addNodeCertifier(farmer.address));
    const list = (await q().allowedNodeCertifiers()).unwrap().map((a) => a.toHex());
    expect(list).to.deep.equal([...list].sort());
    // a certified node moves from the default DIY farming policy to the default certified one
    expect(await ok(tf().setNodeCertification(1, 'Certified'), other)).to.deep.equal(['tfgridModule.NodeUpdated', 'tfgridModule.NodeCertificationSet']);
    const node = (await q().nodes(1)).unwrap();
    expect(node.certification.isCertified).to.equal(true);
    expect((await q().farmingPoliciesMap(node.farmingPolicyId)).nodeCertification.isCertified).to.equal(true);
    expect((await asRoot(tf().removeNodeCertifier(other.address))).names).to.deep.equal(['tfgridModule.NodeCertifierRemoved']);
    expect((await asRoot(tf().removeNodeCertifier(other.address))).error).to.equal('tfgridModule.NotCertifier');
    await refused(tf().setNodeCertification(1, 'Diy'), other, 'tfgridModule.NotAllowedToCertifyNode');
  });

  it('update_node: a certified node whose capacity changes by more than 1 % is DIY again; within 1 % it stays certified', async () => {
    const place = { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' };
    const capacity = { hru: 1024n ** 4n, sru: 512n * 1024n ** 3n, cru: 8, mru: 16n * 1024n ** 3n };
    expect((await q().nodes(1)).unwrap().certification.isCertified).to.equal(true);
    expect(await ok(tf().updateNode(1, 1, { ...capacity, mru: capacity.mru + capacity.mru / 200n }, place, [], false, false, null), nodeKey)).to.deep.equal(['tfgridModule.NodeUpdated']);
    expect((await q().nodes(1)).unwrap().certification.isCertified).to.equal(true);
    expect(await ok(tf().updateNode(1, 1, { ...capacity, cru: 16 }, place, [], false, false, null), nodeKey)).to.deep.equal(['tfgridModule.NodeCertificationSet', 'tfgridModule.NodeUpdated']);
    expect((await q().nodes(1)).unwrap().certification.isDiy).to.equal(true);
  });

  it('farm certification, dedication and payout address; zos version and connection price (root where TF-Chain restricts)', async () => {
    await refused(tf().setFarmCertification(1, 'Gold'), farmer, 'BadOrigin');
    expect((await asRoot(tf().setFarmCertification(1, 'Gold'))).names).to.deep.equal(['tfgridModule.FarmCertificationSet']);
    expect((await asRoot(tf().setFarmDedicated(1, true))).names).to.deep.equal(['tfgridModule.FarmUpdated']);
    const farm = (await q().farms(1)).unwrap();
    expect([farm.certification.isGold, farm.dedicatedFarm.isTrue]).to.deep.equal([true, true]);
    await refused(tf().addStellarPayoutV2address(1, 'GABC'), other, 'tfgridModule.CannotUpdateFarmWrongTwin');
    expect(await ok(tf().addStellarPayoutV2address(1, 'GABC'), farmer)).to.deep.equal(['tfgridModule.FarmPayoutV2AddressRegistered']);
    expect((await q().farmPayoutV2AddressByFarmID(1)).toUtf8()).to.equal('GABC');
    expect((await asRoot(tf().setZosVersion('v3.10.0'))).names).to.deep.equal(['tfgridModule.ZosVersionUpdated']);
    expect((await asRoot(tf().setZosVersion('v3.10.0'))).error).to.equal('tfgridModule.InvalidZosVersion');
    expect((await q().zosVersion()).toUtf8()).to.equal('v3.10.0');
    expect((await asRoot(tf().setConnectionPrice(90))).names).to.deep.equal(['tfgridModule.ConnectionPriceSet']);
    expect((await q().connectionPrice()).toNumber()).to.equal(90);
  });
});
