/**
 * What happened to an included transaction: its index in the block and the events it
 * emitted, read once per block for every submission that landed there.
 *
 * Why not polkadot-js' own `tx.send(callback)`: on every inBlock it derives the events
 * through `api.at(blockHash)`, which decorates the whole metadata again for each new block,
 * and decodes the whole block through that block's registry. Under load that was most of a
 * client's CPU (a profile of 50 clients: `api.at` 23%, block decoding 10%). Here the block
 * comes as JSON (only its extrinsics' hashes are needed) and the events are decoded once
 * with the connection's registry; if they do not decode with it (a runtime upgrade changed
 * their layout), they are read through `api.at` as polkadot-js does.
 */
import type { ApiPromise } from '@polkadot/api';
import type { EventRecord } from '@polkadot/types/interfaces';
import type { Vec } from '@polkadot/types';
import { hexToU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { rawChain } from './raw-rpc.js';

export interface TxInBlock {
  /** The transaction's position among the block's extrinsics. */
  index: number;
  /** The events of that extrinsic (phase ApplyExtrinsic(index)), in order. */
  events: EventRecord[];
}

interface BlockRecord { hashes: string[]; events: EventRecord[] }


/** Blocks remembered per connection: a few blocks' worth of concurrent submissions. */
const REMEMBERED_BLOCKS = 32;

const readers = new WeakMap<ApiPromise, InclusionReader>();

export class InclusionReader {
  readonly #api: ApiPromise;
  readonly #blocks = new Map<string, Promise<BlockRecord>>();
  #eventsKey: string | undefined;
  #eventsType: string | undefined;

  private constructor(api: ApiPromise) {
    this.#api = api;
  }

  /** The reader of `api`'s connection: one per connection, so submissions share what it read. */
  static of(api: ApiPromise): InclusionReader {
    let reader = readers.get(api);
    if (!reader) readers.set(api, (reader = new InclusionReader(api)));
    return reader;
  }

  /** Where `txHash` is in block `blockHash`, and its events; rejects if the block lacks it. */
  async read(blockHash: string, txHash: string): Promise<TxInBlock> {
    const block = await this.#block(blockHash);
    const index = block.hashes.indexOf(txHash);
    if (index < 0) throw new Error(`block ${blockHash} does not hold transaction ${txHash}`);
    const events = block.events.filter((e) => e.phase.isApplyExtrinsic && e.phase.asApplyExtrinsic.eqn(index));
    return { index, events };
  }

  #block(hash: string): Promise<BlockRecord> {
    let record = this.#blocks.get(hash);
    if (!record) {
      record = this.#load(hash);
      this.#blocks.set(hash, record);
      record.catch(() => this.#blocks.delete(hash)); // a failed read is retried by the next caller
      if (this.#blocks.size > REMEMBERED_BLOCKS) this.#blocks.delete(this.#blocks.keys().next().value!);
    }
    return record;
  }

  async #load(hash: string): Promise<BlockRecord> {
    const api = this.#api;
    const raw = rawChain(api);
    this.#eventsKey ??= api.query.system.events.key();
    const [signed, rawEvents] = await Promise.all([raw.block(hash), raw.storage(this.#eventsKey, hash)]);
    if (!signed) throw new Error(`the node does not know block ${hash}`);
    const hashes = signed.block.extrinsics.map((x) => blake2AsHex(hexToU8a(x)));
    return { hashes, events: await this.#decodeEvents(hash, rawEvents) };
  }

  async #decodeEvents(hash: string, raw: string | null): Promise<EventRecord[]> {
    if (raw === null) return [];
    const api = this.#api;
    this.#eventsType ??= api.registry.createLookupType(api.query.system.events.creator.meta.type.asPlain);
    try {
      // pedantic: the events must re-encode to exactly these bytes, or the registry is not theirs
      return [...api.registry.createTypeUnsafe<Vec<EventRecord>>(this.#eventsType, [hexToU8a(raw)], { isPedantic: true })];
    } catch {
      return [...(await (await api.at(hash)).query.system.events())];
    }
  }
}
