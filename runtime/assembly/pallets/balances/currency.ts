// Balance bookkeeping shared by Balances' calls and TransactionPayment: account
// creation and reaping around the existential deposit, issuance, and their events.
import { U128 } from "../../codec";
import { AccountInfo, DispatchError, MultiAddress } from "../../generated/types";
import { System_Account, Balances_TotalIssuance } from "../../generated/storage";
import { Balances_ExistentialDeposit } from "../../generated/constants";
import { BalancesErrors as Error } from "../../generated/errors";
import { BalancesEvents as Event, SystemEvents } from "../../generated/events";
import { bytesEqual } from "../../codec";

export function existentialDeposit(): U128 { return Balances_ExistentialDeposit(); }

/** Resolves a MultiAddress to an account id (Id and Address32 only; no indices on TF-Chain). */
export function lookup(address: MultiAddress): Uint8Array | null {
  if (address.index == 0) return address.Id;
  if (address.index == 3) return address.Address32;
  return null;
}

export function account(who: Uint8Array): AccountInfo { return System_Account.get(who); }

/** Whether the account exists (has a provider). */
export function exists(info: AccountInfo): bool { return info.providers > 0 || info.sufficients > 0; }

/**
 * Writes an account's new free balance, creating it (NewAccount, Endowed) when it
 * reaches the existential deposit and reaping it (DustLost, KilledAccount) when it
 * falls below with nothing reserved. Returns the dust burned by reaping.
 */
export function writeFree(who: Uint8Array, info: AccountInfo, free: U128): U128 {
  const ed = existentialDeposit();
  const existed = exists(info);
  info.data.free = free;
  if (free.lt(ed) && info.data.reserved.isZero()) {
    if (existed) {
      System_Account.remove(who);
      if (!free.isZero()) Event.DustLost(who, free);
      SystemEvents.KilledAccount(who);
    }
    return free;
  }
  if (!existed) {
    info.providers = 1;
    System_Account.set(who, info);
    SystemEvents.NewAccount(who);
    Event.Endowed(who, free);
    return U128.zero();
  }
  System_Account.set(who, info);
  return U128.zero();
}

/** Burns `amount` from total issuance (dust, fees). */
export function burn(amount: U128): void {
  if (amount.isZero()) return;
  Balances_TotalIssuance.set(Balances_TotalIssuance.get().saturatingSub(amount));
}

/** Gives back part of a withdrawn fee (a call that turned out free): the inverse of withdrawFee. */
export function refundFee(who: Uint8Array, amount: U128): void {
  if (amount.isZero()) return;
  const info = account(who);
  info.data.free = info.data.free.saturatingAdd(amount);
  System_Account.set(who, info);
  Event.Deposit(who, amount);
  Balances_TotalIssuance.set(Balances_TotalIssuance.get().saturatingAdd(amount));
}

/**
 * Moves `value` from `from` to `to`. Refuses, with no write: insufficient funds
 * (InsufficientBalance), a new destination below the existential deposit
 * (ExistentialDeposit), or, with `keepAlive`, a sender left below it (Expendability).
 */
export function transfer(from: Uint8Array, to: Uint8Array, value: U128, keepAlive: bool): DispatchError | null {
  if (value.isZero() || bytesEqual(from, to)) return null;
  const src = account(from);
  const remaining = src.data.free.checkedSub(value);
  if (remaining === null) return Error.InsufficientBalance();
  const ed = existentialDeposit();
  if (keepAlive && remaining.lt(ed)) return Error.Expendability();
  const dst = account(to);
  const newDst = dst.data.free.checkedAdd(value);
  if (newDst === null) return Error.InsufficientBalance();
  if (!exists(dst) && newDst.lt(ed)) return Error.ExistentialDeposit();
  burn(writeFree(from, src, remaining));
  writeFree(to, dst, newDst);
  Event.Transfer(from, to, value);
  return null;
}

/** Whether the account can pay `fee` and stay above the existential deposit. */
export function canWithdrawFee(info: AccountInfo, fee: U128): bool {
  if (fee.isZero()) return true;
  if (!exists(info)) return false;
  const remaining = info.data.free.checkedSub(fee);
  return remaining !== null && remaining.ge(existentialDeposit());
}

/** Withdraws a fee, keeping the payer alive; false (and no write) if it cannot pay. */
export function withdrawFee(who: Uint8Array, fee: U128): bool {
  const info = account(who);
  if (!canWithdrawFee(info, fee)) return false;
  if (fee.isZero()) return true;
  info.data.free = info.data.free.saturatingSub(fee);
  System_Account.set(who, info);
  Event.Withdraw(who, fee);
  burn(fee);
  return true;
}


/** What `who` can still reserve or spend and stay alive: free − max(ED, frozen). */
export function usableBalance(who: Uint8Array): U128 {
  const data = account(who).data;
  const floor = existentialDeposit().gt(data.frozen) ? existentialDeposit() : data.frozen;
  return data.free.saturatingSub(floor);
}

/** Whether `value` can be reserved on `who`, leaving it alive (FRAME's Currency::can_reserve). */
export function canReserve(who: Uint8Array, value: U128): bool {
  return value.isZero() || value.le(usableBalance(who));
}

/** Moves `value` of `who`'s free balance to its reserve (Reserved); the caller checked canReserve. */
export function reserve(who: Uint8Array, value: U128): void {
  if (value.isZero()) return;
  const info = account(who);
  info.data.free = info.data.free.saturatingSub(value);
  info.data.reserved = info.data.reserved.saturatingAdd(value);
  System_Account.set(who, info);
  Event.Reserved(who, value);
}

/**
 * Pays `value` out of `from`'s reserve into `to`'s free balance, as TF-Chain's billing pays
 * its beneficiaries: FRAME's repatriate_reserved(.., Free) to an account that exists
 * (ReserveRepatriated; Unreserved when it is `from` itself), else slash_reserved and a deposit
 * that creates the account (Slashed, then NewAccount and Endowed; below the existential
 * deposit the amount is lost, as there). Returns what could not be taken from the reserve.
 */
export function payFromReserve(from: Uint8Array, to: Uint8Array, value: U128): U128 {
  if (value.isZero()) return U128.zero();
  const src = account(from);
  const moved = value.min(src.data.reserved);
  src.data.reserved = src.data.reserved.saturatingSub(moved);
  if (bytesEqual(from, to)) {
    src.data.free = src.data.free.saturatingAdd(moved);
    System_Account.set(from, src);
    Event.Unreserved(from, moved);
    return value.saturatingSub(moved);
  }
  const dst = account(to);
  if (exists(dst)) {
    System_Account.set(from, src);
    dst.data.free = dst.data.free.saturatingAdd(moved);
    System_Account.set(to, dst);
    Event.ReserveRepatriated(from, to, moved, 0 /* Free */);
    return value.saturatingSub(moved);
  }
  System_Account.set(from, src);
  Event.Slashed(from, moved);
  burn(writeFree(to, dst, moved)); // creates the account, or loses dust below ED
  return value.saturatingSub(moved);
}
