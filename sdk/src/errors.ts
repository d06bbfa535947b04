/**
 * Every way a transaction can fail, as its own error class with the cause kept:
 * dispatch errors (`ModuleError` for pallet errors, typed by pallet and name;
 * `DispatchFailure` for the others: BadOrigin, Token, Arithmetic, …), and pool or
 * transport outcomes (`InvalidTransactionError`, `DroppedError`, `UsurpedError`,
 * `TimeoutError`, `ConnectionError`).
 */
import type { EventRecord } from '@polkadot/types/interfaces';
import type { ModuleErrorNames } from './interfaces/error-names.js';

export type Pallet = keyof ModuleErrorNames;
export type ErrorName<P extends Pallet> = ModuleErrorNames[P];

export class TfitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where a failed extrinsic landed: it was included (and paid its fee) but its dispatch failed. */
export interface Inclusion {
  txHash: string;
  blockHash: string;
  events: EventRecord[];
  fee: bigint;
  /** The nonce the transaction used. */
  nonce: number;
}

/** A pallet's named error (`DispatchError::Module`), e.g. `smartContractModule.AwaitingApproval`. */
export class ModuleError<P extends Pallet = Pallet> extends TfitError {
  constructor(
    readonly pallet: P,
    readonly error: ErrorName<P>,
    readonly docs: string,
    readonly inclusion: Inclusion,
    /** For batches: the index of the call that failed. */
    readonly callIndex?: number,
  ) {
    super(`${pallet}.${String(error)}${callIndex === undefined ? '' : ` (call ${callIndex})`}${docs ? `: ${docs}` : ''}`);
  }

  /** Narrows to one pallet's error: `if (e instanceof ModuleError && e.is('tfgridModule', 'TwinNotExists'))`. */
  is<Q extends Pallet, N extends ErrorName<Q>>(pallet: Q, error: N): this is ModuleError<Q> & { error: N } {
    return (this.pallet as string) === pallet && (this.error as string) === error;
  }
}

/** A dispatch error that is not a pallet's: `BadOrigin`, `CannotLookup`, `Token`, `Arithmetic`, … */
export class DispatchFailure extends TfitError {
  constructor(readonly kind: string, readonly detail: unknown, readonly inclusion: Inclusion, readonly callIndex?: number) {
    super(`dispatch failed: ${kind}${callIndex === undefined ? '' : ` (call ${callIndex})`}`);
  }
}

/** Why the pool refused a transaction (TF-Chain/Substrate `InvalidTransaction` and friends). */
export type InvalidKind =
  | 'badProof' | 'stale' | 'future' | 'payment' | 'exhaustsResources' | 'call' | 'ancientBirthBlock'
  | 'badMandatory' | 'mandatoryValidation' | 'badSigner' | 'custom' | 'unknown';

export class InvalidTransactionError extends TfitError {
  constructor(readonly kind: InvalidKind, message: string, options?: { cause?: unknown }) {
    super(`invalid transaction (${kind}): ${message}`, options);
  }
}

/** The pool dropped the transaction (e.g. replaced or evicted) before inclusion. */
export class DroppedError extends TfitError {}
/** Another transaction with the same nonce was included instead. */
export class UsurpedError extends TfitError {}
/** No outcome within `timeoutMs`; the transaction may still be included later. */
export class TimeoutError extends TfitError {
  constructor(readonly timeoutMs: number, readonly txHash: string | undefined, readonly lastStatus: string) {
    super(`no ${lastStatus === 'none' ? 'answer' : `outcome after ${lastStatus}`} within ${timeoutMs} ms${txHash ? ` (tx ${txHash})` : ''}`);
  }
}
/** The connection to the chain was lost or could not be made. */
export class ConnectionError extends TfitError {}

/** Maps a pool error message ("1010: Invalid Transaction: Transaction is outdated", …) to its kind. */
export function invalidKind(message: string): InvalidKind {
  const m = message.toLowerCase();
  if (m.includes('bad signature') || m.includes('badproof')) return 'badProof';
  if (m.includes('outdated') || m.includes('stale')) return 'stale';
  if (m.includes('future')) return 'future';
  if (m.includes('inability to pay') || m.includes('payment')) return 'payment';
  if (m.includes('exhausts the resources') || m.includes('exhaustsresources')) return 'exhaustsResources';
  if (m.includes('ancient birth block') || m.includes('ancientbirthblock')) return 'ancientBirthBlock';
  if (m.includes('invalid transaction') && m.includes('call')) return 'call';
  if (m.includes('custom')) return 'custom';
  return 'unknown';
}
