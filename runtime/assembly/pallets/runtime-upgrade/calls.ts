// pallet_runtime_upgrade: System.set_code behind TF-Chain's SetCodeOrigin (root or a
// council motion approved by 3/5 of the seats), with set_code's checks.
import { DispatchError } from "../../generated/types";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { set_code as systemSetCode } from "../system/calls";

export function set_code(origin: Origin, code: Uint8Array): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  return systemSetCode(Origin.root(), code);
}
