// pallet_sudo (dev chain): the sudo key dispatches as root or as any account.
import { DispatchError, MultiAddress, Weight } from "../../generated/types";
import { Call } from "../../generated/calls";
import { Sudo_Key } from "../../generated/storage";
import { SudoErrors as Error } from "../../generated/errors";
import { SudoEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin, cannotLookup, dispatchTransactional } from "../../support/dispatch";
import { bytesEqual } from "../../codec";
import { lookup } from "../balances/currency";

function ensureSudo(origin: Origin): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Sudo_Key.exists() || !bytesEqual(Sudo_Key.get(), origin.who)) return Error.RequireSudo();
  return null;
}

export function sudo(origin: Origin, call: Call): DispatchError | null {
  const bad = ensureSudo(origin);
  if (bad !== null) return bad;
  Event.Sudid(dispatchTransactional(Origin.root(), call));
  return null;
}

export function sudo_unchecked_weight(origin: Origin, call: Call, weight: Weight): DispatchError | null {
  return sudo(origin, call);
}

export function set_key(origin: Origin, new_: MultiAddress): DispatchError | null {
  const bad = ensureSudo(origin);
  if (bad !== null) return bad;
  const next = lookup(new_);
  if (next === null) return cannotLookup();
  const old = Sudo_Key.get();
  Sudo_Key.set(next);
  Event.KeyChanged(old);
  return null;
}

export function sudo_as(origin: Origin, who: MultiAddress, call: Call): DispatchError | null {
  const bad = ensureSudo(origin);
  if (bad !== null) return bad;
  const as = lookup(who);
  if (as === null) return cannotLookup();
  Event.SudoAsDone(dispatchTransactional(Origin.signed(as), call));
  return null;
}
