/**
 * TF-Chain's governance collective: Council (pallet_collective, instance 1) and
 * CouncilMembership (pallet_membership, instance 1), as polkadot-sdk v1.0.0 has them and
 * TF-Chain configures them: members vote on motions (a call to dispatch as the council),
 * and a motion approved by at least 3/5 of the members passes TF-Chain's RestrictedOrigin
 * (root or a council majority) for the tfgrid, smart-contract and price pallets' calls and
 * runtime upgrades. CouncilMembership manages the members (root or that majority).
 */
import { bool, compact, option, struct, u32, vec, type PalletSpec } from '../dsl.js';
import { AccountId32, DispatchResult, H256, MultiAddress, Weight } from '../primitives.js';
import { RuntimeCall } from '../outer.js';
import { concat, encCompact } from '../scale.js';

export const COUNCIL_LIMITS = {
  /** TF-Chain's runtime: MotionDuration 2 hours of 6 s blocks, MaxProposals, MaxMembers. */
  motionDurationBlocks: 1200,
  maxProposals: 100,
  maxMembers: 100,
  /** EnsureRootOrCouncilApproval: at least 3/5 of the members. */
  approvalNumerator: 3,
  approvalDenominator: 5,
  /** MaxProposalWeight: half of TF-Chain's 2 s block (ref time, ps) and half the proof size. */
  maxProposalRefTime: 1_000_000_000_000n,
  maxProposalProofSize: (1n << 63n) - 1n,
};

export const Votes = struct(['pallet_collective', 'Votes'], {
  index: u32, threshold: u32, ayes: vec(AccountId32), nays: vec(AccountId32), end: u32,
});
const Call: [typeof RuntimeCall, string] = [RuntimeCall, 'Box<<T as Config<I>>::Proposal>'];
const Who: [typeof MultiAddress, string] = [MultiAddress, 'AccountIdLookupOf<T>'];

export const Council: PalletSpec = {
  name: 'Council',
  index: 40,
  rustPath: 'pallet_collective',
  docs: "TF-Chain's council: motions its members vote on, dispatched as the council's origin.",
  calls: [
    { name: 'set_members', index: 0, args: { new_members: vec(AccountId32), prime: option(AccountId32), old_count: u32 }, weight: 300_000_000n, dispatchClass: 1, docs: 'Set the members (and prime). Root only; CouncilMembership does this on every change.' },
    { name: 'execute', index: 1, args: { proposal: Call, length_bound: compact(u32) }, weight: 50_000_000n, dispatchClass: 1, docs: 'A member dispatches a call as a single member (`Member`).' },
    { name: 'propose', index: 2, args: { threshold: compact(u32), proposal: Call, length_bound: compact(u32) }, weight: 300_000_000n, dispatchClass: 1, storesCalls: true, docs: 'A member proposes a motion; with a threshold below 2 it is dispatched at once as `Members(1, seats)`.' },
    { name: 'vote', index: 3, args: { proposal: H256, index: compact(u32), approve: bool }, weight: 200_000_000n, dispatchClass: 1, paysFee: 'whenWaived', docs: "A member votes on a motion (a first vote is free)." },
    { name: 'disapprove_proposal', index: 5, args: { proposal_hash: H256 }, weight: 150_000_000n, dispatchClass: 1, docs: 'Drop a motion. Root only.' },
    { name: 'close', index: 6, args: { proposal_hash: H256, index: compact(u32), proposal_weight_bound: Weight, length_bound: compact(u32) }, weight: 400_000_000n, dispatchClass: 1, paysFee: 'whenWaived', docs: 'Close a motion once it is decided or its time is up (abstentions count with the prime, else as nays); an approved one is dispatched as `Members(ayes, seats)`. Anyone may call it.' },
  ],
  events: [
    { name: 'Proposed', fields: { account: AccountId32, proposal_index: u32, proposal_hash: H256, threshold: u32 }, docs: 'A motion was proposed.' },
    { name: 'Voted', fields: { account: AccountId32, proposal_hash: H256, voted: bool, yes: u32, no: u32 }, docs: 'A member voted (yes/no: the tallies).' },
    { name: 'Approved', fields: { proposal_hash: H256 }, docs: 'A motion was approved.' },
    { name: 'Disapproved', fields: { proposal_hash: H256 }, docs: 'A motion was not approved.' },
    { name: 'Executed', fields: { proposal_hash: H256, result: DispatchResult }, docs: "An approved motion was dispatched (the call's result)." },
    { name: 'MemberExecuted', fields: { proposal_hash: H256, result: DispatchResult }, docs: "A member's `execute` was dispatched (the call's result)." },
    { name: 'Closed', fields: { proposal_hash: H256, yes: u32, no: u32 }, docs: 'A motion was closed (the final tallies).' },
  ],
  errors: [
    { name: 'NotMember', docs: 'The caller is not a council member.' },
    { name: 'DuplicateProposal', docs: 'This call is already proposed.' },
    { name: 'ProposalMissing', docs: 'No such motion.' },
    { name: 'WrongIndex', docs: "The index is not the motion's." },
    { name: 'DuplicateVote', docs: 'The member already voted this way.' },
    { name: 'AlreadyInitialized', docs: 'Members are already initialized.' },
    { name: 'TooEarly', docs: 'The motion is undecided and its time is not up.' },
    { name: 'TooManyProposals', docs: 'Too many open motions.' },
    { name: 'WrongProposalWeight', docs: "The call's weight is above the bound given." },
    { name: 'WrongProposalLength', docs: "The call's length is above the bound given." },
    { name: 'PrimeAccountNotMember', docs: 'The prime is not a member.' },
  ],
  storage: [
    { name: 'Proposals', value: vec(H256), modifier: 'Default', docs: 'Open motions, by hash.' },
    { name: 'ProposalOf', keys: [[H256, 'Identity']], value: RuntimeCall, modifier: 'Optional', docs: "Each open motion's call." },
    { name: 'Voting', keys: [[H256, 'Identity']], value: Votes, modifier: 'Optional', docs: "Each open motion's votes." },
    { name: 'ProposalCount', value: u32, modifier: 'Default', docs: 'Motions proposed so far.' },
    { name: 'Members', value: vec(AccountId32), modifier: 'Default', docs: 'The members, sorted.' },
    { name: 'Prime', value: AccountId32, modifier: 'Optional', docs: "The prime member, whose vote abstainers follow." },
  ],
  constants: [
    { name: 'MaxProposalWeight', type: Weight, value: concat(encCompact(COUNCIL_LIMITS.maxProposalRefTime), encCompact(COUNCIL_LIMITS.maxProposalProofSize)), docs: 'The heaviest call a motion may dispatch (half a block).' },
  ],
};

export const CouncilMembership: PalletSpec = {
  name: 'CouncilMembership',
  index: 41,
  rustPath: 'pallet_membership',
  docs: "The council's members. Root or a council majority changes them (TF-Chain's EnsureRootOrCouncilApproval); any change resets the council's prime.",
  calls: [
    { name: 'add_member', index: 0, args: { who: Who }, weight: 150_000_000n, docs: 'Add a member.' },
    { name: 'remove_member', index: 1, args: { who: Who }, weight: 150_000_000n, docs: 'Remove a member (its votes on open motions go).' },
    { name: 'swap_member', index: 2, args: { remove: Who, add: Who }, weight: 150_000_000n, docs: 'Replace a member.' },
    { name: 'reset_members', index: 3, args: { members: vec(AccountId32) }, weight: 200_000_000n, docs: 'Replace all members.' },
    { name: 'change_key', index: 4, args: { new: Who }, weight: 150_000_000n, docs: "A member moves its seat to another account (signed by the member)." },
    { name: 'set_prime', index: 5, args: { who: Who }, weight: 100_000_000n, docs: "Set the membership's prime (not passed to the council, as on TF-Chain)." },
    { name: 'clear_prime', index: 6, args: {}, weight: 100_000_000n, docs: "Clear the membership's prime." },
  ],
  events: [
    { name: 'MemberAdded', fields: {}, docs: 'A member was added.' },
    { name: 'MemberRemoved', fields: {}, docs: 'A member was removed.' },
    { name: 'MembersSwapped', fields: {}, docs: 'Two members were swapped.' },
    { name: 'MembersReset', fields: {}, docs: 'The members were reset.' },
    { name: 'KeyChanged', fields: {}, docs: "A member's key changed." },
    { name: 'Dummy', fields: {}, docs: 'Phantom member, never used.' },
  ],
  errors: [
    { name: 'AlreadyMember', docs: 'Already a member.' },
    { name: 'NotMember', docs: 'Not a member.' },
    { name: 'TooManyMembers', docs: 'Too many members.' },
  ],
  storage: [
    { name: 'Members', value: vec(AccountId32), modifier: 'Default', docs: 'The members, sorted.' },
    { name: 'Prime', value: AccountId32, modifier: 'Optional', docs: 'The prime member.' },
  ],
};
