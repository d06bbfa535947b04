// pallet_runtime_upgrade: System.set_code behind TF-Chain's SetCodeOrigin (root or a
// council majority; root here until the council lands), with set_code's checks.
import { DispatchError } from "../../generated/types";
import { Origin } from "../../support/origin";
import { set_code as systemSetCode } from "../system/calls";

export function set_code(origin: Origin, code: Uint8Array): DispatchError | null {
  return systemSetCode(origin, code);
}
