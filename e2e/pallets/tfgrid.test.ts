// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { startTestChain, send, eventNames, failure, freeBalance, palletState, type TestChain } from '../support/chain.js';

/**
 * TfgridModule on the local chain: every emulated call's success path and its refusals.
 * Each refusal is checked to leave the pallet's storage exactly as it was.
 */
describe('TfgridModule: terms, twins, farms, nodes, uptime, power, policies', () => {
  let t: TestChain;
  let farmer: KeyringPair; // Alice: twin 1, owns farm 1
  let node: KeyringPair; // Bob: twin 2, node 1 on farm 1
  before(async () => {
    t = await startTestChain();
    [farmer, node] = [t.alice, t.bob];
  });
  after(async () => t?.close());

  const tf = () => t.api.tx.tfgridModule;
  const q = () => t.api.query.tfgridModule;
  /** Every TfgridModule storage value, as hex: a refusal must leave it unchanged. */
  const snapshot = () => palletState(t, t.api.query.tfgridModule.twins.keyPrefix().slice(0, 34));
  async function refused(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, error: string) {
    const before = await snapshot();
    expect(before, 'the pallet has genesis state').to.not.be.empty;
    const { events } = await send(tx, signer);
    expect(failure(t.api, events)).to.equal(error);
    expect(await snapshot()).to.deep.equal(before);
  }
  const ok = async (tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair) => {
    const { events } = await send(tx, signer);
    expect(failure(t.api, events), 'dispatch failed').to.equal(undefined);
    return eventNames(events);
  };
  const resources = { hru: 1024n ** 4n, sru: 512n * 1024n ** 3n, cru: 8, mru: 16n * 1024n ** 3n };
  const location = { city: 'Ghent', country: 'Belgium', latitude: '51.05', longitude: '3.72' };
  const iface = { name: 'zos', mac: '00:11:22:33:44:55', ips: ['10.0.0.2'] };

  it('twins need accepted terms and conditions; links and hashes are validated', async () => {
    await refused(tf().createTwin(null, null), farmer, 'tfgridModule.UserDidNotSignTermsAndConditions');
    await refused(tf().userAcceptTc('https://example.com/t c', 'abc'), farmer, 'tfgridModule.InvalidDocumentLinkInput');
    await refused(tf().userAcceptTc('https://example.com/tc', 'not a hash!'), farmer, 'tfgridModule.InvalidDocumentHashInput');
    for (const who of [farmer, node, t.charlie]) await ok(tf().userAcceptTc('https://library.threefold.me/info/legal/', 'abc123'), who);
    const tcs = await q().usersTermsAndConditions(farmer.address);
    expect(tcs.unwrap()[0].documentLink.toUtf8()).to.equal('https://library.threefold.me/info/legal/');
    expect(tcs.unwrap()[0].timestamp.toNumber()).to.be.greaterThan(1_600_000_000);
  });

  it('creates one twin per account with a valid relay, and lets only its owner update it', async () => {
    // TF-Chain's validate_relay_address: [a-zA-Z0-9-_] and single inner dots; a one-character first label is refused too
    for (const relay of ['not a domain!', 'relay.grid.tf.', '.relay.tf', 'relay..tf', 'a.io', ''])
      await refused(tf().createTwin(relay, null), farmer, 'tfgridModule.InvalidRelayAddress');
    expect(await ok(tf().createTwin('relay.dev.grid.tf', '0x1234'), farmer)).to.include('tfgridModule.TwinStored');
    await ok(tf().createTwin('relay.dev.grid.tf', null), node);
    expect((await q().twinID()).toNumber()).to.equal(2);
    expect((await q().twinIdByAccountID(node.address)).unwrap().toNumber()).to.equal(2);
    const twin = (await q().twins(1)).unwrap();
    expect(twin.accountId.toString()).to.equal(farmer.address);
    expect(twin.relay.unwrap().toUtf8()).to.equal('relay.dev.grid.tf');
    await refused(tf().createTwin(null, null), farmer, 'tfgridModule.TwinWithPubkeyExists');
    await refused(tf().updateTwin('relay.grid.tf', null), t.dave, 'tfgridModule.TwinNotExists');
    expect(await ok(tf().updateTwin('relay2.grid.tf', '0xabcd'), farmer)).to.include('tfgridModule.TwinUpdated');
    expect((await q().twins(1)).unwrap().pk.unwrap().toHex()).to.equal('0xabcd');
  });

  it('creates farms with validated names and public IPs; only the owner renames', async () => {
    await refused(tf().createFarm('farm', []), t.dave, 'tfgridModule.TwinNotExists');
    await refused(tf().createFarm('bad name', []), farmer, 'tfgridModule.InvalidFarmName');
    await refused(tf().createFarm('x'.repeat(41), []), farmer, 'tfgridModule.FarmNameTooLong');
    await refused(tf().createFarm('farm1', [{ ip: '185.206.122.33', gw: '185.206.122.1' }]), farmer, 'tfgridModule.InvalidPublicIP');
    await refused(tf().createFarm('farm1', [{ ip: '185.206.122.33/24', gw: '185.206.122' }]), farmer, 'tfgridModule.InvalidPublicIP'); // TF-Chain: every IP4 failure is InvalidPublicIP
    const events = await ok(tf().createFarm('farm1', [{ ip: '185.206.122.33/24', gw: '185.206.122.1' }]), farmer);
    expect(events).to.include('tfgridModule.FarmStored');
    const farm = (await q().farms(1)).unwrap();
    expect([farm.name.toUtf8(), farm.twinId.toNumber(), farm.pricingPolicyId.toNumber()]).to.deep.equal(['farm1', 1, 1]);
    expect(farm.publicIps[0].ip.toUtf8()).to.equal('185.206.122.33/24');
    expect((await q().farmIdByName('farm1')).toNumber()).to.equal(1);
    await refused(tf().createFarm('farm1', []), node, 'tfgridModule.FarmExists');
    await refused(tf().updateFarm(1, 'stolen'), node, 'tfgridModule.CannotUpdateFarmWrongTwin');
    await ok(tf().updateFarm(1, 'farm-one'), farmer);
    expect((await q().farmIdByName('farm-one')).toNumber()).to.equal(1);
    expect((await q().farmIdByName('farm1')).toNumber()).to.equal(0);
  });

  it('registers one node per twin, with validated resources, and the default DIY farming policy', async () => {
    await refused(tf().createNode(9, resources, location, [iface], false, false, null), node, 'tfgridModule.FarmNotExists');
    await refused(tf().createNode(1, resources, location, [iface], false, false, null), t.dave, 'tfgridModule.TwinNotExists');
    await refused(tf().createNode(1, { ...resources, cru: 0 }, location, [iface], false, false, null), node, 'tfgridModule.InvalidCRUInput');
    await refused(tf().createNode(1, resources, location, [{ ...iface, mac: 'nope' }], false, false, null), node, 'tfgridModule.InvalidMacAddress');
    expect(await ok(tf().createNode(1, resources, location, [iface], true, false, 'SN-1'), node)).to.include('tfgridModule.NodeStored');
    const n = (await q().nodes(1)).unwrap();
    expect([n.farmId.toNumber(), n.twinId.toNumber(), n.farmingPolicyId.toNumber(), n.connectionPrice.toNumber()]).to.deep.equal([1, 2, 1, 80]);
    expect(n.resources.cru.toNumber()).to.equal(8);
    expect(n.location.city.toUtf8()).to.equal('Ghent');
    expect(n.serialNumber.unwrap().toUtf8()).to.equal('SN-1');
    expect((await q().nodesByFarmID(1)).map((x) => x.toNumber())).to.deep.equal([1]);
    expect((await q().nodeIdByTwinID(2)).toNumber()).to.equal(1);
    await refused(tf().createNode(1, resources, location, [iface], false, false, null), node, 'tfgridModule.NodeWithTwinIdExists');
    await refused(tf().updateNode(1, 1, resources, location, [iface], false, false, null), farmer, 'tfgridModule.NodeUpdateNotAuthorized');
    expect(await ok(tf().updateNode(1, 1, { ...resources, cru: 16 }, location, [iface], true, false, 'SN-1'), node)).to.include('tfgridModule.NodeUpdated');
    expect((await q().nodes(1)).unwrap().resources.cru.toNumber()).to.equal(16);
  });

  it('takes uptime reports from nodes only, free when accepted (a refused one pays), within 60 s of the chain clock', async () => {
    const now = Math.floor((await t.api.query.timestamp.now()).toNumber() / 1000);
    const b0 = await freeBalance(t.api, node.address);
    const { events } = await send(tf().reportUptimeV2(3600, now), node);
    const reported = events.find((e) => t.api.events.tfgridModule.NodeUptimeReported.is(e.event))!;
    const [id, at, uptime] = reported.event.data as unknown as [{ toNumber(): number }, { toNumber(): number }, { toNumber(): number }];
    expect([id.toNumber(), uptime.toNumber()]).to.deep.equal([1, 3600]);
    expect(Math.abs(at.toNumber() - now)).to.be.lessThan(60);
    expect(await freeBalance(t.api, node.address)).to.equal(b0); // Ok(Pays::No): the fee is refunded
    await refused(tf().reportUptimeV2(3600, now - 3600), node, 'tfgridModule.InvalidTimestampHint');
    expect((await freeBalance(t.api, node.address)) < b0).to.equal(true); // refused: charged, as TF-Chain
    await refused(tf().reportUptimeV2(3600, now), farmer, 'tfgridModule.NodeNotExists');
  });

  it('lets the farmer set a power target and the node report its power state', async () => {
    await refused(tf().changePowerTarget(1, 'Down'), node, 'tfgridModule.UnauthorizedToChangePowerTarget');
    expect(await ok(tf().changePowerTarget(1, 'Down'), farmer)).to.include('tfgridModule.PowerTargetChanged');
    expect((await q().nodePower(1)).target.isDown).to.equal(true);
    expect(await ok(tf().changePowerState('Down'), node)).to.include('tfgridModule.PowerStateChanged');
    const power = await q().nodePower(1);
    expect(power.state.isDown && power.state.asDown.toNumber() > 0).to.equal(true);
    // as TF-Chain, Down compares with its block: a later Down is a new state (the block it went down at moves)
    expect(await ok(tf().changePowerState('Down'), node)).to.include('tfgridModule.PowerStateChanged');
    expect((await q().nodePower(1)).state.asDown.toNumber()).to.be.greaterThan(power.state.asDown.toNumber());
    await refused(tf().changePowerState('Up'), farmer, 'tfgridModule.NodeNotExists');
    await ok(tf().changePowerState('Up'), node);
  });

  it('creates policies as root only', async () => {
    const policy = { value: 1, unit: 'Gigabytes' };
    const args = ['p2', policy, policy, policy, policy, policy, policy, farmer.address, node.address, 10] as const;
    await refused(tf().createPricingPolicy(...args), farmer, 'BadOrigin');
    const { events } = await send(t.api.tx.sudo.sudo(tf().createPricingPolicy(...args)), farmer);
    expect(eventNames(events)).to.include('tfgridModule.PricingPolicyStored');
    expect((await q().pricingPolicyIdByName('p2')).toNumber()).to.equal(2);
    expect((await q().pricingPolicies(1)).unwrap().name.toUtf8()).to.equal('threefold_default_pricing_policy');
  });

  it('deletes a node (the node only) and unlists it from its farm; its twin cannot register another, as on TF-Chain', async () => {
    await refused(tf().deleteNode(1), farmer, 'tfgridModule.NodeUpdateNotAuthorized');
    await refused(tf().deleteNode(7), node, 'tfgridModule.NodeNotExists');
    expect(await ok(tf().deleteNode(1), node)).to.include('tfgridModule.NodeDeleted');
    expect((await q().nodes(1)).isNone).to.equal(true);
    expect((await q().nodesByFarmID(1)).length).to.equal(0);
    // as TF-Chain, a deleted node's twin keeps its NodeIdByTwinID entry: it cannot register again
    expect((await q().nodeIdByTwinID(2)).toNumber()).to.equal(1);
    await refused(tf().createNode(1, resources, location, [iface], false, false, null), node, 'tfgridModule.NodeWithTwinIdExists');
  });
});

describe('TFKVStore: per-account entries', () => {
  let t: TestChain;
  before(async () => (t = await startTestChain()));
  after(async () => t?.close());

  it('sets, reads and deletes per account, with bounded keys and values', async () => {
    const { api, alice, bob } = t;
    const kv = api.tx.tfkvStore;
    const { events } = await send(kv.set('deploy/1', '{"state":"approved"}'), alice);
    expect(eventNames(events)).to.include('tfkvStore.EntrySet');
    expect((await api.query.tfkvStore.tfkvStore(alice.address, 'deploy/1')).toUtf8()).to.equal('{"state":"approved"}');
    expect((await api.query.tfkvStore.tfkvStore(bob.address, 'deploy/1')).length).to.equal(0);
    expect(failure(api, (await send(kv.delete('deploy/1'), bob)).events)).to.equal('tfkvStore.NoValueStored');
    expect(failure(api, (await send(kv.set('k'.repeat(513), 'v'), bob)).events)).to.equal('tfkvStore.KeyIsTooLarge');
    expect(failure(api, (await send(kv.set('k', 'v'.repeat(2049)), bob)).events)).to.equal('tfkvStore.ValueIsTooLarge');
    const taken = await send(kv.delete('deploy/1'), alice);
    const entry = taken.events.find((e) => api.events.tfkvStore.EntryTaken.is(e.event))!;
    expect((entry.event.data[2] as unknown as { toUtf8(): string }).toUtf8()).to.equal('{"state":"approved"}');
    expect((await api.query.tfkvStore.tfkvStore.keys(alice.address)).length).to.equal(0);
  });
});
