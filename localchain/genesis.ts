/**
 * The embedded chain's genesis block as a Substrate node derives it from the same raw spec:
 * number 0, parent 0x00…00, the state root of the raw storage, the empty extrinsics root, no
 * digest; its hash is blake2-256 of that header. Chopsticks' GenesisProvider reports the
 * placeholder 0x4545…45 as the genesis hash of every spec (so CheckGenesis could not tell two
 * tfit chains apart) and answers any hash with the genesis header (so a block missing from the
 * db turns into a second "genesis" on resume). This provider wraps it: the genesis hash and
 * header are the real ones, and other hashes are unknown.
 *
 * The state root is computed here (runtime/harness/trie.ts), not by Chopsticks' executor
 * worker: that worker takes ~0.5 s to start, which was on every cold start's critical path.
 * It still starts, in the background, as the wrapped provider asks it for the same root.
 */
import { TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { trieRoot } from '../runtime/harness/trie.js';

const ZERO_HASH = `0x${'00'.repeat(32)}`;
/** The root of an empty trie: a genesis block has no extrinsics. */
const EMPTY_EXTRINSICS_ROOT = u8aToHex(trieRoot([], 0));
/**
 * The trie layout of genesis storage. Chopsticks roots genesis in V1 whatever the runtime
 * says; tfit's runtime declares state version 1 too, so both agree with tfit-node.
 */
const GENESIS_TRIE_VERSION = 1;

type Header = { number: string; parentHash: string; stateRoot: string; extrinsicsRoot: string; digest: { logs: string[] } };

/** The part of Chopsticks' GenesisProvider used here (typed locally, see index.ts). */
export interface ChopsticksGenesisProvider {
  readonly isReady: Promise<void>;
  readonly isConnected: boolean;
  readonly hasSubscriptions: boolean;
  getHeader(): Promise<Header>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  on(type: string, cb: (...args: unknown[]) => void): () => void;
  send(method: string, params: unknown[], isCacheable?: boolean): Promise<unknown>;
  subscribe(...args: unknown[]): Promise<unknown>;
  unsubscribe(...args: unknown[]): Promise<unknown>;
}

/** What Chopsticks' Api needs of a provider. */
export type GenesisSource = Omit<ChopsticksGenesisProvider, 'getHeader'> & { readonly genesisHash: string };

/** The genesis header's hash, as a Substrate node computes it. */
function genesisHashOf(header: Header): string {
  return new TypeRegistry().createType('Header', header).hash.toHex();
}

/** The state root of raw genesis storage, as a Substrate node computes it. */
export function genesisStateRoot(top: Record<string, string>): string {
  return u8aToHex(trieRoot(Object.entries(top).map(([k, v]) => [hexToU8a(k), hexToU8a(v)]), GENESIS_TRIE_VERSION));
}

export function realGenesis(inner: ChopsticksGenesisProvider, top: Record<string, string>): GenesisSource {
  // the executor's root, computed in the background, is not needed: only observed, so that a
  // worker that fails to start is reported where it is next used, not as an unhandled rejection
  inner.getHeader().catch(() => {});
  const header: Header = { number: '0x0', parentHash: ZERO_HASH, stateRoot: genesisStateRoot(top), extrinsicsRoot: EMPTY_EXTRINSICS_ROOT, digest: { logs: [] } };
  const hash = genesisHashOf(header);
  const isGenesis = (at: unknown) => at == null || at === hash;
  return {
    genesisHash: hash,
    get isReady() { return inner.isReady; },
    get isConnected() { return inner.isConnected; },
    get hasSubscriptions() { return inner.hasSubscriptions; },
    connect: () => inner.connect(),
    disconnect: () => inner.disconnect(),
    on: (type, cb) => inner.on(type, cb),
    subscribe: (...args) => inner.subscribe(...args),
    unsubscribe: (...args) => inner.unsubscribe(...args),
    async send(method, params, isCacheable) {
      await inner.isReady;
      switch (method) {
        case 'chain_getFinalizedHead': return hash;
        case 'chain_getBlockHash': return params[0] == null || Number(params[0]) === 0 ? hash : null;
        case 'chain_getHeader': return isGenesis(params[0]) ? header : null;
        case 'chain_getBlock': return isGenesis(params[0]) ? { block: { header, extrinsics: [] } } : null;
        default: return inner.send(method, params, isCacheable);
      }
    },
  };
}
