/**
 * The whole state of one block as a flat map, advanced block by block, so that a new block
 * can stand on one flat storage layer instead of on the chain of every block's layer
 * since genesis.
 *
 * Why: in Chopsticks a block's storage is its own diff layer over its parent's, down to
 * genesis, and every layer stays reachable from the newest block, whatever
 * maxMemoryBlockCount evicts: memory grows with every block ever built. Reads that miss
 * walk the whole chain of layers, and next-key lookups (the runtime iterating a map) scan
 * every layer's keys. Standing a block on a flat copy of its parent's state cuts the chain
 * there: older layers are garbage once the blocks still kept in memory that reach them are
 * evicted. The copy is exact (the parent's state, assembled from genesis and every block's
 * diff, including layers dev_setStorage pushed on it); when it cannot be assembled (the
 * head moved to a block that is not a descendant of the one the map is at) the map stops
 * and blocks stack as before.
 */
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { ChainBlock } from './block-builder.js';

/** The parts of Chopsticks' Block and StorageLayer used here (typed locally, see chain.ts). */
export interface StateBlock extends ChainBlock {
  readonly parentBlock: Promise<StateBlock | undefined>;
  /** Layers on the block: 1 as built or loaded; more when dev_setStorage pushed some. */
  readonly storageLayerCount: number;
  storageDiff(): Promise<Record<string, string | null>>;
}
export interface StorageLayerClass { new (parent?: unknown): { setAll(values: [string, string][]): void } }

/** `:code`, the runtime's storage key. */
export const CODE = '0x3a636f6465';

export class FlatState {
  /** The block the map holds the state of, and how many storage layers it had when applied. */
  #at: { hash: string; number: number; layers: number } | undefined;
  readonly #state: Map<string, Uint8Array>;
  /**
   * `:code` as last applied. A block's diff can carry the runtime it only read; keeping the
   * bytes the map holds when they did not change spares decoding 600 KB of hex per block, and
   * lets the head-call host see the same object and keep its compiled module.
   */
  #codeHex: string | undefined;

  /** Starts at genesis, whose state is the raw spec's storage. */
  constructor(genesisHash: string, genesisTop: Record<string, string>) {
    this.#at = { hash: genesisHash, number: 0, layers: 1 };
    this.#state = new Map(Object.entries(genesisTop).map(([k, v]) => [k, hexToU8a(v)]));
    this.#codeHex = genesisTop[CODE];
  }

  /** The state (keys and values as bytes), to read synchronously; callers must leave it as they found it. */
  get state(): Map<string, Uint8Array> {
    return this.#state;
  }

  /**
   * Brings the map to `head`'s state, applying the diffs of head and of its ancestors down to
   * the block the map is at. A head that does not descend from it stops the map.
   */
  async advanceTo(head: StateBlock): Promise<boolean> {
    const at = this.#at;
    if (!at) return false;
    if (head.hash === at.hash && head.storageLayerCount === at.layers) return true;
    const path: StateBlock[] = [];
    let block: StateBlock | undefined = head;
    while (block && block.number > at.number) {
      path.push(block);
      block = await block.parentBlock;
    }
    if (!block || block.hash !== at.hash) {
      this.#at = undefined;
      this.#state.clear();
      this.#codeHex = undefined;
      return false;
    }
    // layers pushed on the block the map is at since (dev_setStorage) are in its diff now: its
    // whole diff again (final values, so applying it twice is exact), then its descendants'
    if (block.storageLayerCount !== at.layers) path.push(block);
    for (const b of path.reverse()) {
      for (const [key, value] of Object.entries(await b.storageDiff())) {
        // absent keys the build only read come as undefined, deletions as null
        if (key === CODE) {
          if (value === undefined || value === this.#codeHex) continue;
          this.#codeHex = value ?? undefined;
        }
        if (value === null) this.#state.delete(key);
        else if (value !== undefined) this.#state.set(key, hexToU8a(value));
      }
    }
    this.#at = { hash: head.hash, number: head.number, layers: head.storageLayerCount };
    return true;
  }

  /** A new storage layer holding the whole state the map is at, with no parent. */
  layer(StorageLayer: StorageLayerClass): unknown {
    const layer = new StorageLayer();
    // sorted: the layer keeps its keys in a sorted array, so each insert is an append
    layer.setAll([...this.#state.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, u8aToHex(v)]));
    return layer;
  }
}
