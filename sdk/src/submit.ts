/**
 * The transaction lifecycle: sign with a managed nonce, submit, watch, and resolve to a
 * typed result or reject with a typed error, always within `timeoutMs`. Nothing is
 * shared between submissions except each account's nonce counter.
 */
import type { ApiPromise } from '@polkadot/api';
import type { SignerOptions, SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord, ExtrinsicStatus } from '@polkadot/types/interfaces';
import {
  ConnectionError, DispatchFailure, DroppedError, InvalidTransactionError, ModuleError, TimeoutError, UsurpedError, invalidKind,
  type Inclusion, type InvalidKind, type Pallet,
} from './errors.js';
import type { NonceManager } from './nonces.js';
import { isPair, type TxSigner } from './signer.js';
import type { Logger } from './logger.js';
import { InclusionReader } from './inclusion.js';
import { rawChain } from './raw-rpc.js';

export type Tx = SubmittableExtrinsic<'promise'>;

export interface SubmitOptions {
  signer: TxSigner;
  /** Resolve when the transaction is in a block (default) or finalized. */
  waitFor?: 'inBlock' | 'finalized';
  /** Reject with TimeoutError after this long (default 60 s). */
  timeoutMs?: number;
  /** Blocks the signature stays valid (default 1024, ~1.7 h of 6 s blocks), or 'immortal'. */
  mortality?: number | 'immortal';
  tip?: bigint;
  /** Use this nonce instead of the managed one. */
  nonce?: number;
}

/** An included, successful transaction. */
export type Submitted = Inclusion;

export interface SubmitContext {
  api: ApiPromise;
  nonces: NonceManager;
  logger: Logger;
  /** Default `timeoutMs` for this context's submissions. */
  submitTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Long enough for a deep pool: a dev chain that puts one transaction in each block needs
 * a block per queued transaction, and an expired mortal transaction fails as badProof.
 */
const DEFAULT_MORTALITY = 1024;

/** The fee an included extrinsic paid (TransactionPayment.TransactionFeePaid), or 0. */
export function feePaid(api: ApiPromise, events: EventRecord[]): bigint {
  const paid = events.find((e) => api.events.transactionPayment.TransactionFeePaid.is(e.event));
  return paid ? (paid.event.data as unknown as [unknown, { toBigInt(): bigint }])[1].toBigInt() : 0n;
}

/** A DispatchError as ModuleError (with pallet, name and docs) or DispatchFailure. */
export function dispatchErrorOf(api: ApiPromise, err: DispatchError, inclusion: Inclusion, callIndex?: number): ModuleError | DispatchFailure {
  if (err.isModule) {
    const meta = api.registry.findMetaError(err.asModule);
    return new ModuleError(meta.section as Pallet, meta.name as never, meta.docs.join(' '), inclusion, callIndex);
  }
  return new DispatchFailure(err.type, err.toJSON(), inclusion, callIndex);
}

/**
 * The mortal era's birth block: one below the finalized head, so that a block replaced at
 * the tip (a re-org, or a dev chain rebuilding its head) never invalidates the signature.
 */
async function eraOptions(api: ApiPromise, mortality: number | 'immortal'): Promise<{ era: unknown; blockHash: string }> {
  if (mortality === 'immortal') return { era: 0, blockHash: api.genesisHash.toHex() };
  const raw = rawChain(api);
  const finalizedHash = await raw.finalizedHead();
  const finalized = await raw.header(finalizedHash);
  const number = Number(finalized.number);
  const [birth, hash] = number > 0 ? [number - 1, finalized.parentHash] : [0, finalizedHash];
  return { era: api.createType('ExtrinsicEra', { current: birth, period: mortality }), blockHash: hash };
}

/** Why the runtime refuses `tx` now (system_dryRun), as an InvalidKind. */
async function invalidReason(api: ApiPromise, tx: Tx): Promise<InvalidKind> {
  const outcome = await api.rpc.system.dryRun(tx.toHex());
  if (outcome.isOk) return 'unknown';
  const err = outcome.asErr;
  const type = err.isInvalid ? err.asInvalid.type : 'Unknown';
  const kind = (type.charAt(0).toLowerCase() + type.slice(1)) as InvalidKind;
  return kind;
}

/**
 * Signs, sends and follows `tx`. With a managed nonce (none given), a transaction refused as
 * stale, because another process used the account meanwhile, is signed again with the
 * chain's next nonce and sent once more: a stale transaction was never included, so this
 * cannot apply it twice.
 */
export async function submit(ctx: SubmitContext, tx: Tx, options: SubmitOptions): Promise<Submitted> {
  try {
    return await submitOnce(ctx, tx, options);
  } catch (e) {
    if (options.nonce !== undefined || !(e instanceof InvalidTransactionError) || e.kind !== 'stale') throw e;
    ctx.logger.debug('nonce was stale (the account was used elsewhere): signing again with the next nonce', { address: options.signer.address });
    return submitOnce(ctx, tx, options);
  }
}

async function submitOnce(ctx: SubmitContext, tx: Tx, options: SubmitOptions): Promise<Submitted> {
  const { api, nonces, logger } = ctx;
  const address = options.signer.address;
  const timeoutMs = options.timeoutMs ?? ctx.submitTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const waitFor = options.waitFor ?? 'inBlock';
  // managed nonces go out in order per account; other accounts never wait
  const reservation = options.nonce === undefined ? nonces.reserveInOrder(address) : undefined;
  let nonce: number;
  try {
    nonce = options.nonce ?? (await reservation!.nonce);
    await reservation?.turn;
  } catch (cause) {
    reservation?.sent();
    throw new ConnectionError(`cannot read the nonce of ${address}: ${(cause as Error).message}`, { cause });
  }
  const tip = options.tip ?? 0n;
  try {
    const signOptions = { nonce, tip, ...(await eraOptions(api, options.mortality ?? DEFAULT_MORTALITY)) } as Partial<SignerOptions>;
    if (isPair(options.signer)) await tx.signAsync(options.signer, signOptions);
    else await tx.signAsync(address, { ...signOptions, signer: options.signer.signer });
  } catch (cause) {
    reservation?.sent();
    nonces.reset(address);
    throw new InvalidTransactionError('badSigner', `signing failed: ${(cause as Error).message}`, { cause });
  }
  const txHash = tx.hash.toHex();
  logger.debug('submit', { txHash, address, nonce, method: `${tx.method.section}.${tx.method.method}` });

  return new Promise<Submitted>((resolve, reject) => {
    let lastStatus = 'none';
    let unsubscribe: (() => void) | undefined;
    let settled = false;
    let reading = false; // the inclusion's events are being read: later statuses change nothing
    const onDisconnect = () => finish(new ConnectionError(`connection lost while waiting for ${txHash}`));
    api.on('disconnected', onDisconnect);
    const timer = setTimeout(() => {
      nonces.reset(address); // the nonce may or may not be used: ask the chain next time
      finish(new TimeoutError(timeoutMs, txHash, lastStatus));
    }, timeoutMs);

    function finish(outcome: Submitted | Error): void {
      if (settled) return;
      settled = true;
      reservation?.sent(); // never hold the account's later transactions
      clearTimeout(timer);
      api.off('disconnected', onDisconnect);
      unsubscribe?.();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }

    const onStatus = (s: ExtrinsicStatus) => {
      lastStatus = s.type;
      if (settled) return;
      if (s.isInvalid) {
        nonces.reset(address);
        // the status carries no reason: ask the runtime, which answers with the InvalidTransaction kind
        invalidReason(api, tx).then(
          (kind) => finish(new InvalidTransactionError(kind, `the pool dropped ${txHash} as invalid`)),
          () => finish(new InvalidTransactionError('unknown', `the pool dropped ${txHash} as invalid`)),
        );
        return;
      }
      if (s.isDropped) { nonces.reset(address); finish(new DroppedError(`transaction ${txHash} was dropped from the pool`)); return; }
      if (s.isUsurped) { nonces.reset(address); finish(new UsurpedError(`transaction ${txHash} was replaced by ${s.asUsurped.toHex()}`)); return; }
      const done = waitFor === 'finalized' ? s.isFinalized : s.isInBlock || s.isFinalized;
      if (!done || reading) return;
      reading = true;
      const blockHash = (s.isInBlock ? s.asInBlock : s.asFinalized).toHex();
      InclusionReader.of(api).read(blockHash, txHash).then(
        ({ events }) => {
          const inclusion: Inclusion = { txHash, blockHash, events, fee: feePaid(api, events), nonce };
          const failed = events.find((e) => api.events.system.ExtrinsicFailed.is(e.event));
          if (failed) finish(dispatchErrorOf(api, failed.event.data[0] as DispatchError, inclusion));
          else finish(inclusion);
        },
        (cause: Error) => finish(new ConnectionError(`cannot read the events of ${txHash} in block ${blockHash}: ${cause.message}`, { cause })),
      );
    };

    api.rpc.author.submitAndWatchExtrinsic(tx, onStatus)
      .then((u) => {
        reservation?.sent();
        if (settled) u();
        else unsubscribe = u;
      })
      .catch((cause: Error) => {
        reservation?.sent();
        nonces.reset(address);
        const message = cause?.message ?? String(cause);
        if (/disconnected|not connected|websocket/i.test(message)) finish(new ConnectionError(message, { cause }));
        else finish(new InvalidTransactionError(invalidKind(message), message, { cause }));
      });
  });
}
