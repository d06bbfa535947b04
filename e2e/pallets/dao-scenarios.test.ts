// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { blake2AsHex } from '@polkadot/util-crypto';
import { stringCamelCase } from '@polkadot/util';
import { startTestChain, send, type TestChain } from '../support/chain.js';
import { scenario, palletPrefix } from '../support/scenario.js';

/**
 * TF-Chain's pallet-dao tests (substrate-node/pallets/pallet-dao/src/tests.rs) and the
 * council's motions as TF-Chain's runtime uses them (RestrictedOrigin: root or 3/5 of the
 * council), on the emulated chain, named after the tests they mirror (TFCHAIN-TESTS.md). The
 * dev council is Alice, Bob and Charlie; farms 1-4 have TF-Chain's test node (weight 42),
 * farms 5 and 6 its big node (weight 152), farm 7 none. TF-Chain 2.9 asks at least 5 farms
 * to vote and a duration of at least a day, so the mock's thresholds of 2 are 5 here.
 */
const GIB = 1024n ** 3n;
const SMALL = { hru: 1024n * GIB, sru: 512n * GIB, cru: 8, mru: 16n * GIB };
const BIG = { hru: 20024n * GIB, sru: 2024n * GIB, cru: 16, mru: 64n * GIB };
const PLACE = { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' };
const DAY = 14_400;

describe('TF-Chain\'s pallet-dao tests and council motions, on the emulated chain', function () {
  this.timeout(300_000);
  let t: TestChain;
  let council: KeyringPair[];
  const farmers: KeyringPair[] = [];
  const dao = () => t.api.tx.dao;
  const q = () => t.api.query.dao;
  const s = scenario(() => t, 'dao', () => [palletPrefix(q().proposalCount.key())]);
  const names = (events: EventRecord[], section: string) => events.filter((e) => e.event.section === section).map((e) => e.event.method);
  /** An event's fields by (camelCase) name, as JSON. */
  const data = (events: EventRecord[], section: string, method: string): Record<string, unknown> | undefined => {
    const e = events.find((x) => x.event.section === section && x.event.method === method);
    if (!e) return undefined;
    const names = (e.event.data as unknown as { names: string[] | null }).names ?? e.event.data.map((_, i) => `${i}`);
    return Object.fromEntries(names.map((n, i) => [stringCamelCase(n), e.event.data[i].toJSON()]));
  };
  const hashOf = (call: SubmittableExtrinsic<'promise'>) => blake2AsHex(call.method.toU8a());
  /** Proposes `call` as Alice (threshold 5 unless given); its hash and index. */
  async function propose(call: SubmittableExtrinsic<'promise'>, threshold = 5, duration: number | null = null) {
    const index = (await q().proposalCount()).toNumber();
    const { blockHash } = await s.ok(dao().propose(threshold, call, 'description', 'https://example.com', duration), council[0]);
    const block = (await t.api.rpc.chain.getHeader(blockHash)).number.toNumber();
    return { hash: hashOf(call), index, block };
  }
  const vote = (farm: number, hash: string, approve: boolean) => s.ok(dao().vote(farm, hash, approve), farmers[farm - 1]);
  /** A day of blocks takes too long to build: the proposal's end is moved to the current block instead. */
  async function endNow(hash: string) {
    const v = (await q().voting(hash)).unwrap();
    const head = (await t.api.rpc.chain.getHeader()).number.toNumber();
    const moved = t.api.createType('PalletDaoProposalDaoVotes', { ...v.toJSON(), end: head });
    await t.api.rpc('dev_setStorage' as never, [[q().voting.key(hash), moved.toHex()]] as never);
  }

  before(async () => {
    t = await startTestChain();
    council = [t.alice, t.bob, t.charlie];
    const tf = t.api.tx.tfgridModule;
    for (let i = 0; i < 7; i++) {
      const farmer = t.keyring.addFromUri(`//dao-farmer-${i}`);
      const node = t.keyring.addFromUri(`//dao-node-${i}`);
      farmers.push(farmer);
      await s.ok(t.api.tx.utility.batchAll([farmer, node].map((k) => t.api.tx.balances.transferKeepAlive(k.address, 100n * 10_000_000n))), t.alice);
      for (const k of [farmer, node]) await s.ok(t.api.tx.utility.batchAll([tf.userAcceptTc('https://example.com/tc', 'h1'), tf.createTwin(null, null)]), k);
      await s.ok(tf.createFarm(`dao_farm_${i}`, []), farmer); // farm i + 1
      if (i < 6) await s.ok(tf.createNode(i + 1, i < 4 ? SMALL : BIG, PLACE, [], false, false, null), node);
    }
  });
  after(async () => t?.close());

  it('farmer_weight_is_set_properly_when_node_is_added_works: 2 CU + SU of the farm\'s nodes (42 and 152 for TF-Chain\'s nodes)', async () => {
    const weights = await Promise.all([1, 5, 7].map(async (f) => (await q().farmWeight(f)).toNumber()));
    expect(weights).to.deep.equal([42, 152, 0]);
  });

  it('propose: a council member only; at least 5 farms; 1 to 30 days (customize_proposal_duration_out_of_bounds_fails); no duplicate', async () => {
    const call = t.api.tx.tfgridModule.setFarmCertification(1, 'Gold');
    await s.refused(dao().propose(5, call, 'd', 'l', null), farmers[0], 'dao.NotCouncilMember');
    await s.refused(dao().propose(4, call, 'd', 'l', null), t.alice, 'dao.ThresholdTooLow');
    await s.refused(dao().propose(5, call, 'd', 'l', 10), t.alice, 'dao.InvalidProposalDuration');
    await s.refused(dao().propose(5, call, 'd', 'l', 1_000_000_000), t.alice, 'dao.InvalidProposalDuration');
    const { hash, index, block } = await propose(call);
    expect([index, (await q().proposalList()).map((h) => h.toHex())]).to.deep.equal([0, [hash]]);
    await s.refused(dao().propose(5, call, 'd', 'l', null), t.bob, 'dao.DuplicateProposal');
    const v = (await q().voting(hash)).unwrap();
    expect([v.threshold.toNumber(), v.end.toNumber()]).to.deep.equal([5, block + 7 * DAY]);
  });

  it('farmers_vote_no_farm_fails, farmers_vote_proposal_if_no_nodes_fails, farmers_vote_proposal_works (a first vote is free)', async () => {
    const hash = hashOf(t.api.tx.tfgridModule.setFarmCertification(1, 'Gold'));
    await s.refused(dao().vote(1, hash, true), farmers[1], 'dao.NotAuthorizedToVote');
    await s.refused(dao().vote(7, hash, true), farmers[6], 'dao.FarmHasNoNodes');
    await s.refused(dao().vote(1, `0x${'00'.repeat(32)}`, true), farmers[0], 'dao.ProposalMissing');
    const { events } = await vote(1, hash, true);
    expect(data(events, 'dao', 'Voted')).to.deep.include({ voted: true, yes: 1, no: 0 });
    expect(data(events, 'transactionPayment', 'TransactionFeePaid')!.actualFee, 'a first vote is free').to.equal(0);
    await s.refused(dao().vote(1, hash, true), farmers[0], 'dao.DuplicateVote');
    const changed = await vote(1, hash, false); // a change of mind pays
    expect(data(changed.events, 'dao', 'Voted')).to.deep.include({ yes: 0, no: 1 });
    expect(Number(data(changed.events, 'transactionPayment', 'TransactionFeePaid')!.actualFee)).to.be.greaterThan(0);
  });

  it('close_works, close_if_not_council_member_fails, motion_approval_works: the threshold met with more weight for, the call runs as root', async () => {
    const hash = hashOf(t.api.tx.tfgridModule.setFarmCertification(1, 'Gold'));
    await vote(1, hash, true);
    for (const f of [2, 3]) await vote(f, hash, true);
    await s.refused(dao().close(hash, 0), farmers[0], 'dao.NotCouncilMember');
    await s.refused(dao().close(hash, 1), t.bob, 'dao.WrongIndex');
    await s.refused(dao().close(hash, 0), t.bob, 'dao.OngoingVoteAndTresholdStillNotMet');
    for (const f of [4, 5]) await vote(f, hash, f === 4);
    const { events } = await s.ok(dao().close(hash, 0), t.bob);
    expect(names(events, 'dao')).to.deep.equal(['Closed', 'Approved', 'Executed']);
    expect(data(events, 'dao', 'Closed')).to.deep.include({ yes: 4, yesWeight: 4 * 42, no: 1, noWeight: 152 });
    expect(data(events, 'dao', 'Executed')).to.deep.include({ result: { ok: null } });
    expect((await t.api.query.tfgridModule.farms(1)).unwrap().certification.type).to.equal('Gold');
    expect((await q().proposalList()).length).to.equal(0);
  });

  it('weighted_voting_works: more farms for, more weight against: disapproved, nothing runs', async () => {
    const { hash } = await propose(t.api.tx.tfgridModule.setFarmCertification(2, 'Gold'));
    for (const f of [1, 2, 3]) await vote(f, hash, true);
    for (const f of [5, 6]) await vote(f, hash, false);
    const { events } = await s.ok(dao().close(hash, 1), t.alice);
    expect(names(events, 'dao')).to.deep.equal(['Closed', 'Disapproved']);
    expect(data(events, 'dao', 'Closed')).to.deep.include({ yes: 3, yesWeight: 126, no: 2, noWeight: 304 });
    expect((await t.api.query.tfgridModule.farms(2)).unwrap().certification.type).to.equal('NotCertified');
  });

  it('close_after_proposal_duration_works, close_after_proposal_duration_threshold_not_met_works: time up, too few votes: disapproved', async () => {
    const { hash, index } = await propose(t.api.tx.tfgridModule.setFarmCertification(3, 'Gold'), 5, DAY);
    await vote(1, hash, true);
    await s.refused(dao().close(hash, index), t.alice, 'dao.OngoingVoteAndTresholdStillNotMet');
    await endNow(hash);
    await t.api.rpc('dev_newBlock' as never, {} as never);
    await s.refused(dao().vote(2, hash, true), farmers[1], 'dao.TimeLimitReached');
    const { events } = await s.ok(dao().close(hash, index), t.alice);
    expect(names(events, 'dao')).to.deep.equal(['Closed', 'Disapproved']);
  });

  it('motion_veto_works, motion_veto_duplicate_fails: 3 council vetoes drop a proposal', async () => {
    const { hash } = await propose(t.api.tx.tfgridModule.setFarmCertification(4, 'Gold'));
    await s.refused(dao().veto(hash), farmers[0], 'dao.NotCouncilMember');
    await s.ok(dao().veto(hash), t.alice);
    await s.refused(dao().veto(hash), t.alice, 'dao.DuplicateVeto');
    await s.ok(dao().veto(hash), t.bob);
    const { events } = await s.ok(dao().veto(hash), t.charlie);
    expect(names(events, 'dao')).to.deep.equal(['CouncilMemberVeto', 'ClosedByCouncil', 'Disapproved']);
    expect((await q().proposalOf(hash)).isNone).to.equal(true);
  });

  it('voting_tfgridmodule_call_works: an approved set_connection_price reaches nodes registered after it', async () => {
    const { hash, index } = await propose(t.api.tx.tfgridModule.setConnectionPrice(100));
    for (const f of [1, 2, 3, 4, 5]) await vote(f, hash, true);
    await s.ok(dao().close(hash, index), t.charlie);
    const extra = t.keyring.addFromUri('//dao-late-node');
    await s.ok(t.api.tx.balances.transferKeepAlive(extra.address, 10n * 10_000_000n), t.alice);
    await s.ok(t.api.tx.utility.batchAll([t.api.tx.tfgridModule.userAcceptTc('https://example.com/tc', 'h1'), t.api.tx.tfgridModule.createTwin(null, null)]), extra);
    await s.ok(t.api.tx.tfgridModule.createNode(7, SMALL, PLACE, [], false, false, null), extra);
    const node = (await t.api.query.tfgridModule.nodeID()).toNumber();
    expect((await t.api.query.tfgridModule.nodes(node)).unwrap().connectionPrice.toNumber()).to.equal(100);
    expect((await q().farmWeight(7)).toNumber(), 'the farm now weighs its node').to.equal(42);
  });

  it('farmer_weight_is_set_properly_when_node_is_added_and_removed_works: delete_node_farm takes the weight away', async () => {
    const node = (await t.api.query.tfgridModule.nodeID()).toNumber();
    await s.ok(t.api.tx.tfgridModule.deleteNodeFarm(node), farmers[6]);
    expect((await q().farmWeight(7)).toNumber()).to.equal(0);
  });

  describe('the council (pallet_collective): motions pass RestrictedOrigin at 3/5 of the seats', () => {
    const c = () => t.api.tx.council;
    const motion = async (call: SubmittableExtrinsic<'promise'>, threshold: number, by: KeyringPair) => {
      const index = (await t.api.query.council.proposalCount()).toNumber();
      const { events } = await send(c().propose(threshold, call, 1000), by);
      return { hash: hashOf(call), index, events };
    };
    const close = (hash: string, index: number, by: KeyringPair) => send(c().close(hash, index, { refTime: 10_000_000_000n, proofSize: 1_000_000n }, 1000), by);

    it('test_cancel_contract_collective_by_council_approval_works: 2 ayes of 3 seats cancel a contract', async () => {
      const sc = t.api.tx.smartContractModule;
      await s.ok(sc.createNodeContract(1, `0x${'07'.repeat(32)}`, 'x', 0, null), farmers[0]);
      const contract = (await t.api.query.smartContractModule.contractID()).toNumber();
      const { hash, index } = await motion(sc.cancelContractCollective(contract), 2, t.alice);
      expect((await send(c().vote(hash, index, true), farmers[0])).events.some((e) => t.api.events.system.ExtrinsicFailed.is(e.event)), 'non-members cannot vote').to.equal(true);
      await send(c().vote(hash, index, true), t.alice);
      await send(c().vote(hash, index, true), t.bob);
      const { events } = await close(hash, index, farmers[0]); // anyone may close a decided motion
      expect(names(events, 'council')).to.deep.equal(['Closed', 'Approved', 'Executed']);
      expect(data(events, 'council', 'Executed')).to.deep.include({ result: { ok: null } });
      expect((await t.api.query.smartContractModule.contracts(contract)).isNone).to.equal(true);
    });

    it('a motion carried by one member (threshold 1) is dispatched at once as 1 of 3 seats: below 3/5, BadOrigin', async () => {
      const { events } = await motion(t.api.tx.tfgridModule.setZosVersion('v9'), 1, t.charlie);
      expect(data(events, 'council', 'Executed')).to.deep.include({ result: { err: { badOrigin: null } } });
      expect((await t.api.query.tfgridModule.zosVersion()).toUtf8()).to.not.equal('v9');
    });

    it('an undecided motion cannot close early (TooEarly); one that can no longer pass closes as disapproved, free', async () => {
      const { hash, index } = await motion(t.api.tx.tfgridModule.setZosVersion('v10'), 3, t.alice);
      expect(names((await close(hash, index, t.bob)).events, 'system')).to.include('ExtrinsicFailed');
      await send(c().vote(hash, index, false), t.bob);
      const { events } = await close(hash, index, t.bob);
      expect(names(events, 'council')).to.deep.equal(['Closed', 'Disapproved']);
    });

    it('CouncilMembership: a member added by root joins the council; a removed member\'s votes go', async () => {
      const newcomer = farmers[0];
      await s.asRoot(t.api.tx.councilMembership.addMember({ Id: newcomer.address }));
      expect((await t.api.query.council.members()).map((m) => m.toString())).to.include(newcomer.address);
      const { hash, index } = await motion(t.api.tx.tfgridModule.setZosVersion('v11'), 3, newcomer);
      await send(c().vote(hash, index, true), newcomer);
      await s.asRoot(t.api.tx.councilMembership.removeMember({ Id: newcomer.address }));
      const v = (await t.api.query.council.voting(hash)).unwrap();
      expect([v.ayes.length, (await t.api.query.council.members()).length]).to.deep.equal([0, 3]);
    });
  });
});
