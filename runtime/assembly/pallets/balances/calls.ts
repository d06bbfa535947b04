// pallet_balances dispatchables (TF-Chain's call indices and argument order).
import { U128 } from "../../codec";
import { DispatchError, MultiAddress } from "../../generated/types";
import { Balances_TotalIssuance, System_Account } from "../../generated/storage";
import { BalancesEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin, cannotLookup } from "../../support/dispatch";
import { account, burn, existentialDeposit, lookup, transfer as move, writeFree } from "./currency";

export function transfer_allow_death(origin: Origin, dest: MultiAddress, value: U128): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const to = lookup(dest);
  if (to === null) return cannotLookup();
  return move(origin.who, to, value, false);
}

export function set_balance_deprecated(origin: Origin, who: MultiAddress, new_free: U128, old_reserved: U128): DispatchError | null {
  return force_set_balance(origin, who, new_free);
}

export function force_transfer(origin: Origin, source: MultiAddress, dest: MultiAddress, value: U128): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  const from = lookup(source);
  const to = lookup(dest);
  if (from === null || to === null) return cannotLookup();
  return move(from, to, value, false);
}

export function transfer_keep_alive(origin: Origin, dest: MultiAddress, value: U128): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const to = lookup(dest);
  if (to === null) return cannotLookup();
  return move(origin.who, to, value, true);
}

/** Transfers everything transferable; with `keep_alive` the existential deposit stays. */
export function transfer_all(origin: Origin, dest: MultiAddress, keep_alive: bool): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const to = lookup(dest);
  if (to === null) return cannotLookup();
  const free = account(origin.who).data.free;
  const value = keep_alive ? free.saturatingSub(existentialDeposit()) : free;
  return move(origin.who, to, value, keep_alive);
}

export function force_unreserve(origin: Origin, who: MultiAddress, amount: U128): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  const id = lookup(who);
  if (id === null) return cannotLookup();
  const info = account(id);
  const moved = amount.min(info.data.reserved);
  if (moved.isZero()) return null;
  info.data.reserved = info.data.reserved.saturatingSub(moved);
  info.data.free = info.data.free.saturatingAdd(moved);
  System_Account.set(id, info);
  Event.Unreserved(id, moved);
  return null;
}

/** No-op: tfit accounts are always in the current format. */
export function upgrade_accounts(origin: Origin, who: Array<Uint8Array>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  return null;
}

export function transfer(origin: Origin, dest: MultiAddress, value: U128): DispatchError | null {
  return transfer_allow_death(origin, dest, value);
}

/** Root sets an account's free balance; total issuance follows the difference. */
export function force_set_balance(origin: Origin, who: MultiAddress, new_free: U128): DispatchError | null {
  if (!origin.isRoot()) return badOrigin();
  const id = lookup(who);
  if (id === null) return cannotLookup();
  const info = account(id);
  const old = info.data.free;
  const issuance = Balances_TotalIssuance.get();
  Balances_TotalIssuance.set(new_free.ge(old) ? issuance.saturatingAdd(new_free.saturatingSub(old)) : issuance.saturatingSub(old.saturatingSub(new_free)));
  burn(writeFree(id, info, new_free));
  Event.BalanceSet(id, new_free.lt(existentialDeposit()) ? U128.zero() : new_free);
  return null;
}
