/**
 * The node's own JSON answers to a few chain RPCs, undecoded: polkadot-js' `.raw` variants,
 * typed. Decoding a header or a block through the registry of the block it names costs a
 * registry lookup per block (`api.at`-like work) where only a hash or a number is needed.
 */
import type { ApiPromise } from '@polkadot/api';

export interface RawChain {
  finalizedHead(): Promise<string>;
  header(hash: string): Promise<{ parentHash: string; number: string }>;
  /** The block's extrinsics as hex, or null if the node does not know the block. */
  block(hash: string): Promise<{ block: { extrinsics: string[] } } | null>;
  /** A storage value at a block, as hex, or null if absent. */
  storage(key: string, hash: string): Promise<string | null>;
}

type Raw<F> = { raw: F };

export function rawChain(api: ApiPromise): RawChain {
  const chain = api.rpc.chain as unknown as {
    getFinalizedHead: Raw<RawChain['finalizedHead']>; getHeader: Raw<RawChain['header']>; getBlock: Raw<RawChain['block']>;
  };
  const state = api.rpc.state as unknown as { getStorage: Raw<RawChain['storage']> };
  return {
    finalizedHead: () => chain.getFinalizedHead.raw(),
    header: (hash) => chain.getHeader.raw(hash),
    block: (hash) => chain.getBlock.raw(hash),
    storage: (key, hash) => state.getStorage.raw(key, hash),
  };
}
