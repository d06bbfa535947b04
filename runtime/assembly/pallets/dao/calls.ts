// TF-Chain's Dao (pallet_dao): a council member (CouncilMembership's members) proposes a
// call with a vote threshold (farms) and a duration; farmers vote per farm with its weight
// (farm-weight.ts, taken when the vote is cast); council members may veto (at MinVetos it
// is dropped); a council member closes it once the threshold of votes is met or its time is
// up: approved (threshold met and more weight for than against) its call runs as root.
// TF-Chain 2.9 added a least threshold and a shortest duration (ThresholdTooLow,
// InvalidProposalDuration): their values here (5 farms, 1 day) are inferred from its
// metadata and change log, as the 2.9 source is not at hand.
import { DispatchError, DaoProposal, DaoVotes, VoteWeight, Some_u32 } from "../../generated/types";
import { Call } from "../../generated/calls";
import {
  Dao_ProposalList as ProposalList, Dao_Proposals as Proposals, Dao_ProposalOf as ProposalOf, Dao_Voting as Voting,
  Dao_ProposalCount as ProposalCount, Dao_FarmWeight as FarmWeight, CouncilMembership_Members as CouncilMembers,
  TfgridModule_Farms as Farms, TfgridModule_Twins as Twins, System_Number,
} from "../../generated/storage";
import { DaoErrors as Error } from "../../generated/errors";
import { DaoEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin, dispatchTransactional, PostDispatch } from "../../support/dispatch";
import { containsAccount } from "../../support/account-set";
import { bytesEqual } from "../../codec";
import { hashing } from "../../host";

// runtime/schema/pallets/dao.ts DAO_LIMITS
const MOTION_DURATION: u32 = 7 * 14_400;
const MIN_VETOS: i32 = 3;
const MIN_THRESHOLD: u32 = 5;
const MIN_DURATION: u32 = 14_400;
const MAX_DURATION: u32 = 30 * 14_400;

function checkCouncilMember(origin: Origin): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!containsAccount(CouncilMembers.get(), origin.who)) return Error.NotCouncilMember();
  return null;
}

function removeProposal(hash: Uint8Array): void {
  ProposalOf.remove(hash);
  Voting.remove(hash);
  Proposals.remove(hash);
  const list = ProposalList.get();
  for (let i = 0; i < list.length; i++) if (bytesEqual(list[i], hash)) { list.splice(i, 1); break; }
  ProposalList.set(list);
}

export function propose(origin: Origin, threshold: u32, action: Call, description: Uint8Array, link: Uint8Array, duration: Some_u32 | null): DispatchError | null {
  const refused = checkCouncilMember(origin);
  if (refused !== null) return refused;
  const hash = hashing.blake2_256(action.raw);
  if (ProposalOf.exists(hash)) return Error.DuplicateProposal();
  const now = System_Number.get();
  if (threshold < MIN_THRESHOLD) return Error.ThresholdTooLow();
  let end = now + MOTION_DURATION;
  if (duration !== null) {
    if (duration.value < MIN_DURATION || duration.value >= MAX_DURATION) return Error.InvalidProposalDuration();
    end = now + duration.value;
  }
  const index = ProposalCount.get();
  ProposalCount.set(index + 1);
  ProposalOf.set(hash, action);
  const p = new DaoProposal();
  p.index = index;
  p.description = description;
  p.link = link;
  Proposals.set(hash, p);
  const v = new DaoVotes();
  v.index = index;
  v.threshold = threshold;
  v.end = end;
  Voting.set(hash, v);
  const list = ProposalList.get();
  list.push(hash);
  ProposalList.set(list);
  Event.Proposed(origin.who, index, hash, threshold);
  return null;
}

function farmVoteAt(list: Array<VoteWeight>, farm_id: u32): i32 {
  for (let i = 0; i < list.length; i++) if (list[i].farm_id == farm_id) return i;
  return -1;
}

/** Removes by swapping in the last entry, as Rust's swap_remove (TF-Chain's order of votes). */
function swapRemove(list: Array<VoteWeight>, at: i32): void {
  if (at < 0) return;
  list[at] = list[list.length - 1];
  list.pop();
}

function isFarmOwner(farm_id: u32, who: Uint8Array): bool {
  if (!Farms.exists(farm_id)) return false;
  const twin = Farms.get(farm_id).twin_id;
  return Twins.exists(twin) && bytesEqual(Twins.get(twin).account_id, who);
}

function checkProposal(hash: Uint8Array): DispatchError | null {
  if (!Proposals.exists(hash) || !Voting.exists(hash)) return Error.ProposalMissing();
  if (Voting.get(hash).index != Proposals.get(hash).index) return Error.WrongIndex();
  return null;
}

export function vote(origin: Origin, farm_id: u32, proposal_hash: Uint8Array, approve: bool): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!isFarmOwner(farm_id, origin.who)) return Error.NotAuthorizedToVote();
  const bad = checkProposal(proposal_hash);
  if (bad !== null) return bad;
  const v = Voting.get(proposal_hash);
  if (System_Number.get() > v.end) return Error.TimeLimitReached();
  const yesAt = farmVoteAt(v.ayes, farm_id);
  const noAt = farmVoteAt(v.nays, farm_id);
  const mine = approve ? yesAt : noAt;
  if (mine >= 0) return Error.DuplicateVote();
  const weight = FarmWeight.get(farm_id);
  if (weight == 0) return Error.FarmHasNoNodes();
  const w = new VoteWeight();
  w.farm_id = farm_id;
  w.weight = weight;
  if (approve) { v.ayes.push(w); swapRemove(v.nays, noAt); }
  else { v.nays.push(w); swapRemove(v.ayes, yesAt); }
  Event.Voted(origin.who, proposal_hash, approve, <u32>v.ayes.length, <u32>v.nays.length);
  Voting.set(proposal_hash, v);
  if (yesAt < 0 && noAt < 0) PostDispatch.waiveFee(); // a farm's first vote is free
  return null;
}

export function veto(origin: Origin, proposal_hash: Uint8Array): DispatchError | null {
  const refused = checkCouncilMember(origin);
  if (refused !== null) return refused;
  const bad = checkProposal(proposal_hash);
  if (bad !== null) return bad;
  const v = Voting.get(proposal_hash);
  if (containsAccount(v.vetos, origin.who)) return Error.DuplicateVeto();
  v.vetos.push(origin.who);
  Event.CouncilMemberVeto(proposal_hash, origin.who);
  if (v.vetos.length >= MIN_VETOS) {
    Event.ClosedByCouncil(proposal_hash, v.vetos);
    Event.Disapproved(proposal_hash);
    removeProposal(proposal_hash);
  } else {
    Voting.set(proposal_hash, v);
  }
  return null;
}

function totalWeight(list: Array<VoteWeight>): u64 {
  let sum: u64 = 0;
  for (let i = 0; i < list.length; i++) sum += list[i].weight;
  return sum;
}

export function close(origin: Origin, proposal_hash: Uint8Array, proposal_index: u32): DispatchError | null {
  const refused = checkCouncilMember(origin);
  if (refused !== null) return refused;
  if (!Voting.exists(proposal_hash)) return Error.ProposalMissing();
  const v = Voting.get(proposal_hash);
  if (v.index != proposal_index) return Error.WrongIndex();
  const yes = <u32>v.ayes.length;
  const no = <u32>v.nays.length;
  const thresholdMet = yes + no >= v.threshold; // farms that voted, either way
  if (!thresholdMet && System_Number.get() < v.end) return Error.OngoingVoteAndTresholdStillNotMet();
  const yesWeight = totalWeight(v.ayes);
  const noWeight = totalWeight(v.nays);
  if (thresholdMet && yesWeight > noWeight) {
    if (!ProposalOf.exists(proposal_hash)) return Error.ProposalMissing();
    const call = ProposalOf.get(proposal_hash);
    Event.Closed(proposal_hash, yes, yesWeight, no, noWeight);
    Event.Approved(proposal_hash);
    Event.Executed(proposal_hash, dispatchTransactional(Origin.root(), call));
  } else {
    Event.Closed(proposal_hash, yes, yesWeight, no, noWeight);
    Event.Disapproved(proposal_hash);
  }
  removeProposal(proposal_hash);
  return null;
}
