// TF-Chain's CouncilMembership (pallet_membership, instance 1): the council's members,
// changed by TF-Chain's RestrictedOrigin (root or a council motion approved by 3/5 of the
// seats). Every change is passed to the Council (its members; outgoing members' votes go;
// its prime is cleared). The membership's own prime is kept here only: TF-Chain's runtime
// does not pass it to the council (MembershipChangedGroup's set_prime is a no-op).
import { DispatchError, MultiAddress } from "../../generated/types";
import { CouncilMembership_Members as Members, CouncilMembership_Prime as Prime } from "../../generated/storage";
import { CouncilMembershipErrors as Error } from "../../generated/errors";
import { CouncilMembershipEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin, cannotLookup } from "../../support/dispatch";
import { containsAccount, sortedAccounts, withAccount, withoutAccount } from "../../support/account-set";
import { bytesEqual } from "../../codec";
import { lookup } from "../balances/currency";
import { changeMembersSorted } from "../council/calls";

/** TF-Chain's runtime: MaxMembers. */
const MAX_MEMBERS: i32 = 100;

function one(who: Uint8Array): Array<Uint8Array> { const a = new Array<Uint8Array>(0); a.push(who); return a; }

/** The prime stays only while it is a member. */
function rejigPrime(members: Array<Uint8Array>): void {
  if (Prime.exists() && !containsAccount(members, Prime.get())) Prime.remove();
}

export function add_member(origin: Origin, who: MultiAddress): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  const account = lookup(who);
  if (account === null) return cannotLookup();
  const members = Members.get();
  if (containsAccount(members, account)) return Error.AlreadyMember();
  if (members.length >= MAX_MEMBERS) return Error.TooManyMembers();
  const next = withAccount(members, account);
  Members.set(next);
  changeMembersSorted(new Array<Uint8Array>(0), next);
  Event.MemberAdded();
  return null;
}

export function remove_member(origin: Origin, who: MultiAddress): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  const account = lookup(who);
  if (account === null) return cannotLookup();
  const members = Members.get();
  if (!containsAccount(members, account)) return Error.NotMember();
  const next = withoutAccount(members, account);
  Members.set(next);
  changeMembersSorted(one(account), next);
  rejigPrime(next);
  Event.MemberRemoved();
  return null;
}

export function swap_member(origin: Origin, remove: MultiAddress, add: MultiAddress): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  const out = lookup(remove);
  if (out === null) return cannotLookup();
  const into = lookup(add);
  if (into === null) return cannotLookup();
  if (bytesEqual(out, into)) return null;
  const members = Members.get();
  if (!containsAccount(members, out)) return Error.NotMember();
  if (containsAccount(members, into)) return Error.AlreadyMember();
  const next = withAccount(withoutAccount(members, out), into);
  Members.set(next);
  changeMembersSorted(one(out), next);
  rejigPrime(next);
  Event.MembersSwapped();
  return null;
}

export function reset_members(origin: Origin, members: Array<Uint8Array>): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (members.length > MAX_MEMBERS) return Error.TooManyMembers();
  const next = sortedAccounts(members);
  const old = Members.get();
  const outgoing = new Array<Uint8Array>(0);
  for (let i = 0; i < old.length; i++) if (!containsAccount(next, old[i])) outgoing.push(old[i]);
  changeMembersSorted(outgoing, next);
  rejigPrime(next);
  Members.set(next);
  Event.MembersReset();
  return null;
}

/** A member moves its seat to `new_`; a prime moves with it. */
export function change_key(origin: Origin, new_: MultiAddress): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const into = lookup(new_);
  if (into === null) return cannotLookup();
  if (bytesEqual(origin.who, into)) return null;
  const members = Members.get();
  if (!containsAccount(members, origin.who)) return Error.NotMember();
  if (containsAccount(members, into)) return Error.AlreadyMember();
  const next = withAccount(withoutAccount(members, origin.who), into);
  Members.set(next);
  changeMembersSorted(one(origin.who), next);
  if (Prime.exists() && bytesEqual(Prime.get(), origin.who)) Prime.set(into);
  Event.KeyChanged();
  return null;
}

export function set_prime(origin: Origin, who: MultiAddress): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  const account = lookup(who);
  if (account === null) return cannotLookup();
  if (!containsAccount(Members.get(), account)) return Error.NotMember();
  Prime.set(account);
  return null;
}

export function clear_prime(origin: Origin): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  Prime.remove();
  return null;
}
