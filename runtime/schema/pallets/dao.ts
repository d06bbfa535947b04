/**
 * TF-Chain's Dao (pallet_dao): council members propose a call, farmers vote with their
 * farms' weight (2 CU + SU of their nodes), council members may veto, and a council member
 * closes the proposal: approved (the vote threshold met and more weight for than against)
 * it is dispatched as root.
 */
import { bool, bytes, compact, option, struct, u32, u64, vec, type PalletSpec } from '../dsl.js';
import { AccountId32, DispatchResult, H256 } from '../primitives.js';
import { RuntimeCall } from '../outer.js';

export const DAO_LIMITS = {
  /** TF-Chain's runtime: DaoMotionDuration 7 days, MinVetos 3 (of 6 s blocks). */
  motionDurationBlocks: 7 * 14_400,
  minVetos: 3,
  /** TF-Chain 2.9's MotionMinThreshold (farms that must vote) and the duration bounds of a proposal. */
  minThreshold: 5,
  minDurationBlocks: 14_400,
  maxDurationBlocks: 30 * 14_400,
};

const P = (n: string) => ['pallet_dao', 'proposal', n];
export const DaoProposal = struct(P('DaoProposal'), { index: u32, description: bytes, link: bytes });
export const VoteWeight = struct(P('VoteWeight'), { farm_id: u32, weight: u64 });
export const DaoVotes = struct(P('DaoVotes'), { index: u32, threshold: u32, ayes: vec(VoteWeight), nays: vec(VoteWeight), end: u32, vetos: vec(AccountId32) });

export const Dao: PalletSpec = {
  name: 'Dao',
  index: 43,
  rustPath: 'pallet_dao',
  docs: "TF-Chain's DAO: farmers vote on council members' proposals, weighted by their farms' capacity.",
  calls: [
    { name: 'propose', index: 0, args: { threshold: compact(u32), action: [RuntimeCall, 'Box<<T as Config>::Proposal>'], description: bytes, link: bytes, duration: option(u32) }, weight: 661_897_000n, dispatchClass: 1, storesCalls: true, docs: `A council member proposes a call; \`threshold\` farms (at least ${DAO_LIMITS.minThreshold}) must vote; it runs for \`duration\` blocks (1 to 30 days; default 7).` },
    { name: 'vote', index: 1, args: { farm_id: u32, proposal_hash: H256, approve: bool }, weight: 260_647_000n, dispatchClass: 1, paysFee: 'whenWaived', docs: "A farmer votes for a farm (weight: the farm's nodes' 2 CU + SU); a first vote is free." },
    { name: 'veto', index: 2, args: { proposal_hash: H256 }, weight: 200_618_000n, dispatchClass: 1, paysFee: 'unlessSucceeds', docs: `A council member vetoes; at ${DAO_LIMITS.minVetos} vetoes the proposal is dropped. Free when accepted.` },
    { name: 'close', index: 3, args: { proposal_hash: H256, proposal_index: compact(u32) }, weight: 509_786_000n, dispatchClass: 1, paysFee: 'unlessSucceeds', docs: 'A council member closes a proposal whose threshold is met or whose time is up; approved, its call is dispatched as root. Free when accepted.' },
  ],
  events: [
    { name: 'Voted', fields: { account: AccountId32, proposal_hash: H256, voted: bool, yes: u32, no: u32 }, docs: 'A farm voted (yes/no: farms for and against).' },
    { name: 'Proposed', fields: { account: AccountId32, proposal_index: u32, proposal_hash: H256, threshold: u32 }, docs: 'A proposal was made.' },
    { name: 'Approved', fields: { proposal_hash: H256 }, docs: 'A proposal was approved.' },
    { name: 'Disapproved', fields: { proposal_hash: H256 }, docs: 'A proposal was not approved.' },
    { name: 'Executed', fields: { proposal_hash: H256, result: DispatchResult }, docs: "An approved proposal's call was dispatched as root (its result)." },
    { name: 'Closed', fields: { proposal_hash: H256, yes: u32, yes_weight: u64, no: u32, no_weight: u64 }, docs: 'A proposal was closed (farms and weight for and against).' },
    { name: 'ClosedByCouncil', fields: { proposal_hash: H256, vetos: vec(AccountId32) }, docs: 'Council vetoes dropped a proposal.' },
    { name: 'CouncilMemberVeto', fields: { proposal_hash: H256, who: AccountId32 }, docs: 'A council member vetoed.' },
  ],
  errors: [
    { name: 'NoneValue', docs: 'Never raised.' },
    { name: 'StorageOverflow', docs: 'Never raised.' },
    { name: 'FarmNotExists', docs: 'Never raised.' },
    { name: 'NotCouncilMember', docs: 'Only council members may propose, veto and close.' },
    { name: 'WrongProposalLength', docs: 'Never raised.' },
    { name: 'DuplicateProposal', docs: 'This call is already proposed.' },
    { name: 'NotAuthorizedToVote', docs: "Only the farm's owner votes for it." },
    { name: 'ProposalMissing', docs: 'No such proposal.' },
    { name: 'WrongIndex', docs: "The index is not the proposal's." },
    { name: 'DuplicateVote', docs: 'The farm already voted this way.' },
    { name: 'DuplicateVeto', docs: 'The member already vetoed.' },
    { name: 'WrongProposalWeight', docs: 'Never raised.' },
    { name: 'TooEarly', docs: 'Never raised.' },
    { name: 'TimeLimitReached', docs: "The proposal's time is up: no more votes." },
    { name: 'OngoingVoteAndTresholdStillNotMet', docs: 'The threshold is not met and the time is not up.' },
    { name: 'FarmHasNoNodes', docs: 'A farm without nodes has no vote weight.' },
    { name: 'InvalidProposalDuration', docs: 'A proposal runs 1 to 30 days.' },
    { name: 'ThresholdTooLow', docs: `At least ${DAO_LIMITS.minThreshold} farms must vote.` },
  ],
  storage: [
    { name: 'ProposalList', value: vec(H256), modifier: 'Default', docs: 'Open proposals, by hash.' },
    { name: 'Proposals', keys: [[H256, 'Identity']], value: DaoProposal, modifier: 'Optional', docs: "Each proposal's description and link." },
    { name: 'ProposalOf', keys: [[H256, 'Identity']], value: RuntimeCall, modifier: 'Optional', docs: "Each proposal's call." },
    { name: 'Voting', keys: [[H256, 'Identity']], value: DaoVotes, modifier: 'Optional', docs: "Each proposal's votes and vetoes." },
    { name: 'ProposalCount', value: u32, modifier: 'Default', docs: 'Proposals made so far.' },
    { name: 'FarmWeight', keys: [[u32, 'Identity']], value: u64, modifier: 'Default', docs: "Each farm's vote weight: its nodes' 2 CU + SU." },
  ],
};
