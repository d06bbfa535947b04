// TransactionValidityError encodings (sp_runtime::transaction_validity).
import { Writer } from "../codec";

export const INVALID_CALL: u8 = 0;
export const INVALID_PAYMENT: u8 = 1;
export const INVALID_FUTURE: u8 = 2;
export const INVALID_STALE: u8 = 3;
export const INVALID_BAD_PROOF: u8 = 4;
export const INVALID_ANCIENT_BIRTH_BLOCK: u8 = 5;
export const INVALID_EXHAUSTS_RESOURCES: u8 = 6;
export const INVALID_BAD_MANDATORY: u8 = 8;
export const INVALID_MANDATORY_VALIDATION: u8 = 9;
export const INVALID_BAD_SIGNER: u8 = 10;
export const UNKNOWN_CANNOT_LOOKUP: u8 = 0;
export const UNKNOWN_NO_UNSIGNED_VALIDATOR: u8 = 1;

/** A refusal before dispatch: `Invalid(kind)` or `Unknown(kind)`. */
export class ValidityError {
  constructor(public unknown: bool, public kind: u8) {}
  static invalid(kind: u8): ValidityError { return new ValidityError(false, kind); }
  static unknownTx(kind: u8): ValidityError { return new ValidityError(true, kind); }
  encode(w: Writer): void {
    w.u8(this.unknown ? 1 : 0);
    w.u8(this.kind);
  }
}
