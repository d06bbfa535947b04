// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex, stringToU8a } from '@polkadot/util';
import { startTestChain, type TestChain } from '../support/chain.js';
import { scenario, palletPrefix } from '../support/scenario.js';

/**
 * TF-Chain's pallet-tfgrid tests (tests.rs) for entities, twin entities and bonds, the
 * farmer's node deletion, the first uptime call, and pricing and farming policies (with a
 * farm's policy limits), named after the tests they mirror (e2e/pallets/TFCHAIN-TESTS.md).
 * TF-Chain's entity fixtures are keys from one mnemonic, ed25519 and sr25519; these are too.
 */
const MNEMONIC = 'industry dismiss casual gym gap music pave gasp sick owner dumb cost';
const GIB = 1024n ** 3n;
/** TF-Chain's test node: CU 20, SU 2. */
const NODE = { hru: 1024n * GIB, sru: 512n * GIB, cru: 8, mru: 16n * GIB };
const PLACE = { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' };
/** An entity signature as TF-Chain takes it: hex of the 64 bytes, no 0x. */
const sign = (key: KeyringPair, message: Uint8Array) => u8aToHex(key.sign(message)).slice(2);
const entityMessage = (name: string, country: string, city: string) => stringToU8a(name + country + city);
const twinMessage = (entity: number, twin: number) => { const b = new Uint8Array(8); const v = new DataView(b.buffer); v.setUint32(0, entity); v.setUint32(4, twin); return b; };

describe('TF-Chain\'s pallet-tfgrid tests for entities, policies and the farmer\'s calls, on the emulated chain', function () {
  this.timeout(300_000);
  let t: TestChain;
  let alice: KeyringPair, bob: KeyringPair, charlie: KeyringPair, edKey: KeyringPair, srKey: KeyringPair;
  const tf = () => t.api.tx.tfgridModule;
  const q = () => t.api.query.tfgridModule;
  const s = scenario(() => t, 'tfgridModule', () => [palletPrefix(q().twins.keyPrefix())]);

  before(async () => {
    t = await startTestChain();
    [alice, bob, charlie] = [t.alice, t.bob, t.charlie];
    edKey = new Keyring({ type: 'ed25519' }).addFromUri(MNEMONIC);
    srKey = new Keyring({ type: 'sr25519' }).addFromUri(MNEMONIC);
    await s.ok(t.api.tx.balances.transferKeepAlive(edKey.address, 10n * 10_000_000n), alice);
    for (const who of [alice, bob, charlie]) // twins 1-3
      await s.ok(t.api.tx.utility.batchAll([tf().userAcceptTc('https://example.com/tc', 'h1'), tf().createTwin(null, null)]), who);
    await s.ok(tf().createFarm('farm1', []), alice);
    await s.ok(tf().createNode(1, NODE, PLACE, [], false, false, null), bob); // node 1, twin 2
  });
  after(async () => t?.close());

  it('test_create_entity_works, test_create_entity_sr_works: anyone submits an entity its (ed25519 or sr25519) account signed', async () => {
    const { names } = await s.ok(tf().createEntity(edKey.address, 'foobar', 'Belgium', 'Ghent', sign(edKey, entityMessage('foobar', 'Belgium', 'Ghent'))), alice);
    expect(names).to.deep.equal(['tfgridModule.EntityStored']);
    const e = (await q().entities(1)).unwrap();
    expect([e.id.toNumber(), e.name.toUtf8(), e.accountId.toString(), e.country.toUtf8(), e.city.toUtf8()]).to.deep.equal([1, 'foobar', edKey.address, 'Belgium', 'Ghent']);
    expect((await q().entityIdByAccountID(edKey.address)).unwrap().toNumber()).to.equal(1);
    await s.ok(tf().createEntity(srKey.address, 'foobar_sr', 'Belgium', 'Ghent', sign(srKey, entityMessage('foobar_sr', 'Belgium', 'Ghent'))), alice);
    expect((await q().entityID()).toNumber()).to.equal(2);
  });

  it('test_create_entity_double_fails, test_create_entity_double_fails_with_same_pubkey; a bad or short signature', async () => {
    const signed = (name: string, key = edKey) => sign(key, entityMessage(name, 'Belgium', 'Ghent'));
    await s.refused(tf().createEntity(charlie.address, 'foobar', 'Belgium', 'Ghent', signed('foobar', charlie)), alice, 'tfgridModule.EntityWithNameExists');
    await s.refused(tf().createEntity(edKey.address, 'barfoo', 'Belgium', 'Ghent', signed('barfoo')), alice, 'tfgridModule.EntityWithPubkeyExists');
    await s.refused(tf().createEntity(charlie.address, 'barfoo', 'Belgium', 'Ghent', signed('other', charlie)), alice, 'tfgridModule.EntitySignatureDoesNotMatch');
    await s.refused(tf().createEntity(charlie.address, 'barfoo', 'Belgium', 'Ghent', `0x${signed('barfoo', charlie)}`), alice, 'tfgridModule.SignatureLengthIsIncorrect');
    await s.refused(tf().createEntity(charlie.address, 'barfoo', 'B', 'Ghent', sign(charlie, entityMessage('barfoo', 'B', 'Ghent'))), alice, 'tfgridModule.CountryNameTooShort');
  });

  it('test_update_entity_works, test_update_entity_fails_if_signed_by_someone_else (and the own name counts as taken)', async () => {
    await s.refused(tf().updateEntity('barfoo', 'Belgium', 'Ghent'), bob, 'tfgridModule.EntityNotExists');
    await s.refused(tf().updateEntity('foobar', 'Belgium', 'Brussels'), edKey, 'tfgridModule.EntityWithNameExists');
    expect((await s.ok(tf().updateEntity('barfoo', 'Belgium', 'Ghent'), edKey)).names).to.deep.equal(['tfgridModule.EntityUpdated']);
    expect((await q().entityIdByName('barfoo')).toNumber()).to.equal(1);
    expect((await q().entityIdByName('foobar')).toNumber()).to.equal(0);
  });

  it('test_add_entity_to_twin, ..._fails_with_invalid_signature, ..._fails_if_entity_is_added_twice; delete_twin_entity', async () => {
    // bob's twin is 2: the entity signs (entity 1, twin 2)
    await s.refused(tf().addTwinEntity(2, 1, sign(edKey, twinMessage(1, 3))), bob, 'tfgridModule.EntitySignatureDoesNotMatch');
    await s.refused(tf().addTwinEntity(2, 1, sign(edKey, twinMessage(1, 2))), charlie, 'tfgridModule.UnauthorizedToUpdateTwin');
    await s.refused(tf().addTwinEntity(2, 9, sign(edKey, twinMessage(9, 2))), bob, 'tfgridModule.EntityNotExists');
    const signature = sign(edKey, twinMessage(1, 2));
    expect((await s.ok(tf().addTwinEntity(2, 1, signature), bob)).names).to.deep.equal(['tfgridModule.TwinEntityStored']);
    await s.refused(tf().addTwinEntity(2, 1, signature), bob, 'tfgridModule.EntityWithSignatureAlreadyExists');
    expect((await q().twins(2)).unwrap().entities.map((p) => p.entityId.toNumber())).to.deep.equal([1]);
    await s.refused(tf().deleteTwinEntity(2, 1), charlie, 'tfgridModule.UnauthorizedToUpdateTwin');
    await s.refused(tf().deleteTwinEntity(2, 5), bob, 'tfgridModule.EntityNotExists');
    expect((await s.ok(tf().deleteTwinEntity(2, 1), bob)).names).to.deep.equal(['tfgridModule.TwinEntityRemoved']);
    expect((await q().twins(2)).unwrap().entities.length).to.equal(0);
  });

  it('test_delete_entity_works, test_delete_entity_fails_if_signed_by_someone_else', async () => {
    await s.refused(tf().deleteEntity(), bob, 'tfgridModule.EntityNotExists');
    expect((await s.ok(tf().deleteEntity(), edKey)).names).to.deep.equal(['tfgridModule.EntityDeleted']);
    expect((await q().entities(1)).isNone).to.equal(true);
    expect((await q().entityIdByAccountID(edKey.address)).isNone).to.equal(true);
  });

  it('test_bound_twin_account_works, test_bound_twin_account_not_exists_fails, test_bound_twin_account_itself_fails', async () => {
    await s.refused(tf().bondTwinAccount(9), bob, 'tfgridModule.TwinNotExists');
    await s.refused(tf().bondTwinAccount(1), alice, 'tfgridModule.TwinCannotBoundToItself');
    expect((await s.ok(tf().bondTwinAccount(1), bob)).names).to.deep.equal(['tfgridModule.TwinAccountBounded']);
    expect((await q().twinBoundedAccountID(1)).unwrap().toString()).to.equal(bob.address);
  });

  it('node_report_uptime_works (the first uptime call, at the chain clock): free, from the node only', async () => {
    await s.refused(tf().reportUptime(500), charlie, 'tfgridModule.NodeNotExists');
    const { names, events } = await s.ok(tf().reportUptime(500), bob);
    expect(names).to.deep.equal(['tfgridModule.NodeUptimeReported']);
    const paid = events.find((e) => t.api.events.transactionPayment.TransactionFeePaid.is(e.event))!;
    expect((paid.event.data[1] as unknown as { toBigInt(): bigint }).toBigInt(), 'fee refunded').to.equal(0n);
  });

  it('test_create_and_update_policy: renames keep the id; another policy\'s name is PricingPolicyWithDifferentIdExists', async () => {
    const p = (await q().pricingPolicies(1)).unwrap();
    const update = (id: number, name: string, nu = p.nu) => tf().updatePricingPolicy(id, name, p.su, p.cu, nu, p.ipu, p.uniqueName, p.domainName, p.foundationAccount, p.certifiedSalesAccount, p.discountForDedicationNodes);
    await s.refused(update(1, 'x'), alice, 'BadOrigin');
    expect((await s.asRoot(update(9, 'x'))).error).to.equal('tfgridModule.PricingPolicyNotExists');
    expect((await s.asRoot(update(1, p.name.toUtf8(), { value: 20_000, unit: 'Gigabytes' } as never))).names).to.deep.equal(['tfgridModule.PricingPolicyStored']);
    expect((await q().pricingPolicies(1)).unwrap().nu.value.toNumber()).to.equal(20_000);
    await s.asRoot(update(1, 'policy_1_updated'));
    expect([(await q().pricingPolicyIdByName('policy_1_updated')).toNumber(), (await q().pricingPolicyIdByName(p.name.toUtf8())).toNumber()]).to.deep.equal([1, 0]);
    await s.asRoot(tf().createPricingPolicy('policy_2', p.su, p.cu, p.nu, p.ipu, p.uniqueName, p.domainName, p.foundationAccount, p.certifiedSalesAccount, 50));
    expect((await s.asRoot(update(2, 'policy_1_updated'))).error).to.equal('tfgridModule.PricingPolicyWithDifferentIdExists');
    await s.asRoot(update(1, p.name.toUtf8(), p.nu)); // back to genesis values: later tests bill with it
  });

  it('edit_farming_policy_works: immutable policies too; the id, creation block and immutable flag stay', async () => {
    await s.asRoot(tf().createFarmingPolicy('f1', 12, 15, 10, 8, 95, 101, true, true, 'Diy', 'Gold'));
    const id = (await q().farmingPolicyID()).toNumber();
    const created = (await q().farmingPoliciesMap(id)).policyCreated.toNumber();
    expect((await s.asRoot(tf().updateFarmingPolicy(id, 'f1_updated', 12, 15, 10, 8, 95, 101, true, 'Diy', 'NotCertified'))).names).to.deep.equal(['tfgridModule.FarmingPolicyUpdated']);
    const p = await q().farmingPoliciesMap(id);
    expect([p.name.toUtf8(), p.farmCertification.type, p.immutable.isTrue, p.policyCreated.toNumber()]).to.deep.equal(['f1_updated', 'NotCertified', true, created]);
    expect((await s.asRoot(tf().updateFarmingPolicy(99, 'x', 1, 1, 1, 1, 1, 0, true, 'Diy', 'NotCertified'))).error).to.equal('tfgridModule.FarmingPolicyNotExists');
  });

  it('attach_farming_policy_to_farm_works: the farm takes the policy\'s certification; its node the policy, using up the limits', async () => {
    await s.asRoot(tf().createFarmingPolicy('gold_policy', 12, 15, 10, 8, 95, 0, false, true, 'Diy', 'Gold'));
    const id = (await q().farmingPolicyID()).toNumber();
    const limit = { farmingPolicyId: id, cu: 20, su: 2, end: 1_954_058_949, nodeCount: 10, nodeCertification: false };
    const { names, error } = await s.asRoot(tf().attachPolicyToFarm(1, limit));
    expect(error).to.equal(undefined);
    expect(names).to.deep.equal(['tfgridModule.FarmUpdated', 'tfgridModule.FarmUpdated', 'tfgridModule.NodeUpdated', 'tfgridModule.FarmingPolicySet']);
    const farm = (await q().farms(1)).unwrap();
    const left = farm.farmingPolicyLimits.unwrap();
    expect([left.cu.unwrap().toNumber(), left.su.unwrap().toNumber(), left.nodeCount.unwrap().toNumber(), farm.certification.type]).to.deep.equal([0, 0, 9, 'Gold']);
    expect((await q().nodes(1)).unwrap().farmingPolicyId.toNumber()).to.equal(id);
  });

  it('boot_node_when_farming_policy_low_cu_limit_should_fall_back_to_a_default_policy: a node the limits cannot take gets a default policy', async () => {
    await s.ok(t.api.tx.utility.batchAll([tf().userAcceptTc('https://example.com/tc', 'h1'), tf().createTwin(null, null)]), t.dave); // twin 4
    await s.ok(tf().createNode(1, NODE, PLACE, [], false, false, null), t.dave); // cu and su used up: default policy
    const node = (await q().nodes(2)).unwrap();
    expect((await q().farmingPoliciesMap(node.farmingPolicyId)).default.isTrue).to.equal(true);
    // the limits it could not use stay as they were
    expect((await q().farms(1)).unwrap().farmingPolicyLimits.unwrap().nodeCount.unwrap().toNumber()).to.equal(9);
  });

  it('add_farm_limits_on_expired_policy_fails, add_farm_limits_to_non_existent_farm_fails', async () => {
    await s.asRoot(tf().createFarmingPolicy('short', 1, 1, 1, 1, 95, 1, false, false, 'Diy', 'NotCertified'));
    const id = (await q().farmingPolicyID()).toNumber();
    await t.api.rpc('dev_newBlock' as never, {} as never);
    const limit = { farmingPolicyId: id, cu: null, su: null, end: null, nodeCount: null, nodeCertification: false };
    expect((await s.asRoot(tf().attachPolicyToFarm(1, limit))).error).to.equal('tfgridModule.FarmingPolicyExpired');
    expect((await s.asRoot(tf().attachPolicyToFarm(9, { ...limit, farmingPolicyId: 1 }))).error).to.equal('tfgridModule.FarmNotExists');
  });

  it('test_delete_node_works, test_delete_node_fails_if_not_authorized (delete_node_farm): the twin may register a node again', async () => {
    await s.refused(tf().deleteNodeFarm(2), bob, 'tfgridModule.FarmerNotAuthorized');
    await s.refused(tf().deleteNodeFarm(9), alice, 'tfgridModule.NodeNotExists');
    expect((await s.ok(tf().deleteNodeFarm(2), alice)).names).to.deep.equal(['tfgridModule.NodeDeleted']);
    expect((await q().nodesByFarmID(1)).map((n) => n.toNumber())).to.deep.equal([1]);
    expect((await q().nodeIdByTwinID(4)).toNumber()).to.equal(0);
    await s.ok(tf().createNode(1, NODE, PLACE, [], false, false, null), t.dave);
    expect((await q().nodeIdByTwinID(4)).toNumber()).to.equal(3);
  });

  it('set_storage_version: root only', async () => {
    await s.refused(tf().setStorageVersion('V16Struct'), alice, 'BadOrigin');
    expect((await q().palletVersion()).type).to.equal('V17Struct');
    await s.asRoot(tf().setStorageVersion('V16Struct'));
    expect((await q().palletVersion()).type).to.equal('V16Struct');
  });
});
