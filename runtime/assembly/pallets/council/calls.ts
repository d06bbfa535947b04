// TF-Chain's Council (pallet_collective, instance 1, as polkadot-sdk v1.0.0): members
// propose motions (a call), vote, and anyone closes a decided motion; an approved one is
// dispatched as Members(ayes, seats), which TF-Chain's RestrictedOrigin accepts at 3/5 of
// the seats (Origin.isRestricted). Abstainers count with the prime's vote, else as nays
// (PrimeDefaultVote). Members change through CouncilMembership (changeMembersSorted).
import { DispatchError, Votes, Weight } from "../../generated/types";
import { Call, callWeight } from "../../generated/calls";
import {
  Council_Proposals as Proposals, Council_ProposalOf as ProposalOf, Council_Voting as Voting, Council_ProposalCount as ProposalCount,
  Council_Members as Members, Council_Prime as Prime, System_Number,
} from "../../generated/storage";
import { Council_MaxProposalWeight } from "../../generated/constants";
import { CouncilErrors as Error } from "../../generated/errors";
import { CouncilEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin, dispatchTransactional, PostDispatch } from "../../support/dispatch";
import { containsAccount, sortedAccounts, withoutAccount } from "../../support/account-set";
import { bytesEqual } from "../../codec";
import { hashing } from "../../host";

// runtime/schema/pallets/council.ts COUNCIL_LIMITS
const MOTION_DURATION: u32 = 1200;
const MAX_PROPOSALS: i32 = 100;

export function isCouncilMember(who: Uint8Array): bool { return containsAccount(Members.get(), who); }

function proposalHash(call: Call): Uint8Array { return hashing.blake2_256(call.raw); }

function indexOfHash(list: Array<Uint8Array>, hash: Uint8Array): i32 {
  for (let i = 0; i < list.length; i++) if (bytesEqual(list[i], hash)) return i;
  return -1;
}

function removeProposal(hash: Uint8Array): void {
  ProposalOf.remove(hash);
  Voting.remove(hash);
  const open = Proposals.get();
  const at = indexOfHash(open, hash);
  if (at >= 0) { open.splice(at, 1); Proposals.set(open); }
}

/**
 * The members are now `members` (sorted): `outgoing` ones lose their votes on open motions,
 * and the prime is cleared (pallet_collective's change_members_sorted).
 */
export function changeMembersSorted(outgoing: Array<Uint8Array>, members: Array<Uint8Array>): void {
  if (outgoing.length > 0) {
    const open = Proposals.get();
    for (let i = 0; i < open.length; i++) {
      if (!Voting.exists(open[i])) continue;
      const v = Voting.get(open[i]);
      for (let j = 0; j < outgoing.length; j++) { v.ayes = withoutAccount(v.ayes, outgoing[j]); v.nays = withoutAccount(v.nays, outgoing[j]); }
      Voting.set(open[i], v);
    }
  }
  Members.set(members);
  Prime.remove();
}

function checkMember(origin: Origin): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!isCouncilMember(origin.who)) return Error.NotMember();
  return null;
}

export function set_members(origin: Origin, new_members: Array<Uint8Array>, prime: Uint8Array | null, old_count: u32): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  if (prime !== null && !containsAccount(new_members, prime)) return Error.PrimeAccountNotMember();
  const sorted = sortedAccounts(new_members);
  const old = Members.get();
  const outgoing = new Array<Uint8Array>(0);
  for (let i = 0; i < old.length; i++) if (!containsAccount(sorted, old[i])) outgoing.push(old[i]);
  changeMembersSorted(outgoing, sorted);
  if (prime !== null) Prime.set(prime);
  return null;
}

export function execute(origin: Origin, proposal: Call, length_bound: u32): DispatchError | null {
  const refused = checkMember(origin);
  if (refused !== null) return refused;
  if (<u32>proposal.raw.length > length_bound) return Error.WrongProposalLength();
  Event.MemberExecuted(proposalHash(proposal), dispatchTransactional(Origin.councilMember(origin.who), proposal));
  return null;
}

export function propose(origin: Origin, threshold: u32, proposal: Call, length_bound: u32): DispatchError | null {
  const refused = checkMember(origin);
  if (refused !== null) return refused;
  if (<u32>proposal.raw.length > length_bound) return Error.WrongProposalLength();
  if (callWeight(proposal) > Council_MaxProposalWeight().ref_time) return Error.WrongProposalWeight();
  const hash = proposalHash(proposal);
  if (ProposalOf.exists(hash)) return Error.DuplicateProposal();
  const seats = <u32>Members.get().length;
  if (threshold < 2) {
    // a motion one member carries: dispatched now, as Members(1, seats)
    Event.Executed(hash, dispatchTransactional(Origin.councilMembers(1, seats), proposal));
    return null;
  }
  const open = Proposals.get();
  if (open.length >= MAX_PROPOSALS) return Error.TooManyProposals();
  open.push(hash);
  Proposals.set(open);
  const index = ProposalCount.get();
  ProposalCount.set(index + 1);
  ProposalOf.set(hash, proposal);
  const v = new Votes();
  v.index = index;
  v.threshold = threshold;
  v.end = System_Number.get() + MOTION_DURATION;
  Voting.set(hash, v);
  Event.Proposed(origin.who, index, hash, threshold);
  return null;
}

export function vote(origin: Origin, proposal: Uint8Array, index: u32, approve: bool): DispatchError | null {
  const refused = checkMember(origin);
  if (refused !== null) return refused;
  if (!Voting.exists(proposal)) return Error.ProposalMissing();
  const v = Voting.get(proposal);
  if (v.index != index) return Error.WrongIndex();
  const inAyes = containsAccount(v.ayes, origin.who);
  const inNays = containsAccount(v.nays, origin.who);
  if (approve) {
    if (inAyes) return Error.DuplicateVote();
    v.ayes.push(origin.who);
    v.nays = withoutAccount(v.nays, origin.who);
  } else {
    if (inNays) return Error.DuplicateVote();
    v.nays.push(origin.who);
    v.ayes = withoutAccount(v.ayes, origin.who);
  }
  Event.Voted(origin.who, proposal, approve, <u32>v.ayes.length, <u32>v.nays.length);
  Voting.set(proposal, v);
  if (!inAyes && !inNays) PostDispatch.waiveFee(); // a first vote is free
  return null;
}

export function disapprove_proposal(origin: Origin, proposal_hash: Uint8Array): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  Event.Disapproved(proposal_hash);
  removeProposal(proposal_hash);
  return null;
}

function approve(hash: Uint8Array, call: Call, yes: u32, no: u32, seats: u32): void {
  Event.Closed(hash, yes, no);
  Event.Approved(hash);
  Event.Executed(hash, dispatchTransactional(Origin.councilMembers(yes, seats), call));
  removeProposal(hash);
}

function disapprove(hash: Uint8Array, yes: u32, no: u32): void {
  Event.Closed(hash, yes, no);
  Event.Disapproved(hash);
  removeProposal(hash);
  PostDispatch.waiveFee(); // closing a disapproved motion is free
}

export function close(origin: Origin, proposal_hash: Uint8Array, index: u32, proposal_weight_bound: Weight, length_bound: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Voting.exists(proposal_hash)) return Error.ProposalMissing();
  const v = Voting.get(proposal_hash);
  if (v.index != index) return Error.WrongIndex();
  const seats = <u32>Members.get().length;
  let yes = <u32>v.ayes.length;
  let no = <u32>v.nays.length;
  const decidedYes = yes >= v.threshold;
  const decidedNo = (seats > no ? seats - no : 0) < v.threshold;
  if (!decidedYes && !decidedNo) {
    if (System_Number.get() < v.end) return Error.TooEarly();
    // abstainers follow the prime's vote, or say nay without one
    const prime = Prime.exists() ? Prime.get() : null;
    const abstentions = seats > yes + no ? seats - yes - no : 0;
    if (prime !== null && containsAccount(v.ayes, prime)) yes += abstentions;
    else no += abstentions;
  }
  if (yes >= v.threshold) {
    if (!ProposalOf.exists(proposal_hash)) return Error.ProposalMissing();
    const call = ProposalOf.get(proposal_hash);
    if (<u32>call.raw.length > length_bound) return Error.WrongProposalLength();
    if (callWeight(call) > proposal_weight_bound.ref_time) return Error.WrongProposalWeight();
    approve(proposal_hash, call, yes, no, seats);
  } else {
    disapprove(proposal_hash, yes, no);
  }
  return null;
}
