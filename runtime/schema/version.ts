/** Runtime version and chain-wide limits: one place, read by metadata, codegen and genesis. */
import { blake2AsU8a } from '@polkadot/util-crypto';
import { concat, encStr, encU32, encU8, encCompact } from './scale.js';

/** Runtime APIs the wasm implements, with the versions it declares (matches `runtime/assembly/apis`). */
export const RUNTIME_APIS: [string, number][] = [
  ['Core', 4],
  ['Metadata', 2],
  ['BlockBuilder', 6],
  ['TaggedTransactionQueue', 3],
  ['OffchainWorkerApi', 2],
  ['AuraApi', 1],
  ['GrandpaApi', 3],
  ['SessionKeys', 1],
  ['AccountNonceApi', 1],
  ['TransactionPaymentApi', 4],
  ['GenesisBuilder', 2],
];

export const apiId = (name: string): Uint8Array => blake2AsU8a(name, 64);

export const VERSION = {
  specName: 'tfit',
  implName: 'tfit-assemblyscript',
  authoringVersion: 1,
  specVersion: 1,
  implVersion: 1,
  transactionVersion: 1,
  stateVersion: 1,
  ss58Prefix: 42,
  tokenDecimals: 7,
  tokenSymbol: 'TFT',
  /** Aura slot, as TF-Chain: 6 s. */
  slotDurationMs: 6000n,
  blockHashCount: 2400,
  maxBlockLength: 5 * 1024 * 1024,
  /** 2 s of compute per 6 s block, as TF-Chain. */
  maxBlockWeight: 2_000_000_000_000n,
  maxBlockProof: 0xffff_ffff_ffff_ffffn,
  /** Share of the block weight and length normal-class extrinsics may use (75 %). */
  normalDispatchRatioPercent: 75,
  blockBaseWeight: 5_000_000n,
  extrinsicBaseWeight: 125_000_000n,
  encoded(): Uint8Array {
    return concat(
      encStr(this.specName),
      encStr(this.implName),
      encU32(this.authoringVersion),
      encU32(this.specVersion),
      encU32(this.implVersion),
      encCompact(BigInt(RUNTIME_APIS.length)),
      ...RUNTIME_APIS.map(([name, v]) => concat(apiId(name), encU32(v))),
      encU32(this.transactionVersion),
      encU8(this.stateVersion),
    );
  },
};
