/**
 * The SDK's entry point: a connection to a tfit (or TF-Chain) node with managed nonces,
 * typed submission, batches and event watching. No console output and no process-level
 * side effects: logs go to the injected logger.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { blake2AsHex } from '@polkadot/util-crypto';
import './interfaces/augment.js';
import { ConnectionError } from './errors.js';
import { NonceManager } from './nonces.js';
import { submit, type SubmitOptions, type Submitted, type Tx } from './submit.js';
import { submitBatch, type BatchOptions, type BatchResult } from './batch.js';
import { watchEvents, type EventFilter, type WatchedEvent } from './events.js';
import { silentLogger, type Logger } from './logger.js';
import { routePolkadotConsole } from './console-router.js';
import { METADATA_HASH } from './interfaces/metadata-hash.js';
import type { AnyTuple } from '@polkadot/types/types';

export interface ClientOptions {
  /** ws:// or wss:// endpoint. */
  endpoint: string;
  logger?: Logger;
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** Reconnect after a lost connection, waiting initialDelayMs, doubling up to maxDelayMs (default on). */
  reconnect?: false | { initialDelayMs?: number; maxDelayMs?: number };
  /** Default `timeoutMs` of every submission through this client (default 60 s). */
  submitTimeoutMs?: number;
}

export class TfitClient {
  readonly nonces: NonceManager;
  private closed = false;

  constructor(readonly api: ApiPromise, readonly logger: Logger, readonly submitTimeoutMs?: number) {
    this.nonces = new NonceManager(api);
  }

  /** Signs and submits `tx`; see SubmitOptions. */
  submit(tx: Tx, options: SubmitOptions): Promise<Submitted> {
    return submit(this, tx, options);
  }

  /** Submits `calls` as one batch (atomic by default). */
  batch(calls: Tx[], options: BatchOptions): Promise<BatchResult> {
    return submitBatch(this, calls, options);
  }

  /** New events matching `filter` (e.g. `client.api.events.smartContractModule.ContractApproved`). */
  watch<T extends AnyTuple, N>(filter: EventFilter<T, N>, signal?: AbortSignal): AsyncGenerator<WatchedEvent<T, N>, void, undefined> {
    return watchEvents(this.api, filter, signal);
  }

  /** Whether the chain's metadata is the one the SDK's types were generated from (warns if not). */
  async checkRuntime(): Promise<boolean> {
    const raw = await this.api.rpc.state.call('Metadata_metadata_at_version', '0x0f000000');
    const opaque = this.api.createType('Option<Bytes>', raw.toU8a(true));
    const same = opaque.isSome && blake2AsHex(opaque.unwrap().toU8a(true)) === METADATA_HASH;
    if (!same)
      this.logger.warn('the chain runtime differs from the one tfit SDK types were generated for', {
        specName: this.api.runtimeVersion.specName.toString(), specVersion: this.api.runtimeVersion.specVersion.toNumber(),
      });
    return same;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.api.disconnect();
  }

  /** @internal */
  get isClosed(): boolean { return this.closed; }
}

/** Connects, or rejects with ConnectionError within `connectTimeoutMs`. */
export async function connect(options: ClientOptions): Promise<TfitClient> {
  const logger = options.logger ?? silentLogger;
  routePolkadotConsole(logger);
  const reconnect = options.reconnect === false ? undefined : { initialDelayMs: 250, maxDelayMs: 10_000, ...options.reconnect };
  const provider = new WsProvider(options.endpoint, false);
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await provider.connect();
    const api = await Promise.race([
      ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    const client = new TfitClient(api, logger, options.submitTimeoutMs);
    if (reconnect) keepConnected(client, provider, reconnect, logger);
    await client.checkRuntime();
    return client;
  } catch (cause) {
    await provider.disconnect().catch(() => {});
    throw new ConnectionError(`cannot connect to ${options.endpoint}: ${(cause as Error).message}`, { cause });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reconnects with exponential backoff until the client is closed. A failed attempt ends in
 * another 'disconnected' event, which schedules the next, longer wait; only a real
 * 'connected' resets the backoff.
 */
function keepConnected(client: TfitClient, provider: WsProvider, policy: { initialDelayMs: number; maxDelayMs: number }, logger: Logger) {
  let attempt = 0;
  let scheduled = false;
  provider.on('connected', () => {
    if (attempt > 0) logger.info('reconnected', { attempts: attempt });
    attempt = 0;
  });
  const onLost = () => {
    if (client.isClosed || scheduled) return;
    scheduled = true;
    const delay = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt++);
    logger.warn('connection lost; reconnecting', { delayMs: delay, attempt });
    setTimeout(() => {
      scheduled = false;
      if (client.isClosed || provider.isConnected) return;
      provider.connect().catch(onLost);
    }, delay).unref();
  };
  provider.on('disconnected', onLost);
}
