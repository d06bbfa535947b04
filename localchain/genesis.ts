/**
 * The embedded chain's genesis block as a Substrate node derives it from the same raw spec:
 * number 0, parent 0x00…00, the state root of the raw storage, the empty extrinsics root, no
 * digest; its hash is blake2-256 of that header. Chopsticks' GenesisProvider reports the
 * placeholder 0x4545…45 as the genesis hash of every spec (so CheckGenesis could not tell two
 * tfit chains apart) and answers any hash with the genesis header (so a block missing from the
 * db turns into a second "genesis" on resume). This provider wraps it: the genesis hash and
 * header are the real ones, and other hashes are unknown.
 */
import { TypeRegistry } from '@polkadot/types';

const ZERO_HASH = `0x${'00'.repeat(32)}`;

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

export async function realGenesis(inner: ChopsticksGenesisProvider): Promise<GenesisSource> {
  const header: Header = { ...(await inner.getHeader()), parentHash: ZERO_HASH, digest: { logs: [] } };
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
