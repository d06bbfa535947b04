// pallet_burning: an account burns part of its free balance with a message (on TF-Chain, a
// bridge-out or a proof of burn), and every burn is kept in Burns.
import { DispatchError, Burn } from "../../generated/types";
import { BurningModule_Burns as Burns, System_Number } from "../../generated/storage";
import { BurningModuleErrors as Error } from "../../generated/errors";
import { BurningModuleEvents as Event } from "../../generated/events";
import { BalancesEvents as BalancesEvent } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { U128 } from "../../codec";
import { account, writeFree, burn } from "../balances/currency";

export function burn_tft(origin: Origin, amount: U128, message: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const info = account(origin.who);
  if (info.data.free.lt(amount)) return Error.NotEnoughBalanceToBurn();
  // Currency::slash from the free balance: total issuance drops; below ED the account is reaped
  if (!amount.isZero()) {
    BalancesEvent.Slashed(origin.who, amount);
    burn(amount.saturatingAdd(writeFree(origin.who, info, info.data.free.saturatingSub(amount))));
  }
  const b = new Burn();
  b.target = origin.who;
  b.amount = amount;
  b.block = System_Number.get();
  b.message = message;
  const list = Burns.exists() ? Burns.get() : new Array<Burn>(0);
  list.push(b);
  Burns.set(list);
  Event.BurnTransactionCreated(origin.who, amount, b.block, message);
  return null;
}
