/** Test support: a fresh local chain per suite, a connected API, dev keys, and a submit helper. */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SignerOptions, SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain, type LocalChainOptions } from '../../localchain/index.js';
import '../../sdk/src/interfaces/augment.js'; // types api.tx/query/events for the tfit runtime

export interface TestChain {
  chain: LocalChain;
  api: ApiPromise;
  /** The raw JSON-RPC transport (bypasses polkadot-js' client-side decoding). */
  provider: WsProvider;
  alice: KeyringPair;
  bob: KeyringPair;
  charlie: KeyringPair;
  dave: KeyringPair;
  keyring: Keyring;
  close(): Promise<void>;
}

export async function startTestChain(opts: LocalChainOptions = {}): Promise<TestChain> {
  await cryptoWaitReady();
  const chain = await startLocalChain({ port: 0, ...opts });
  try {
    const provider = new WsProvider(chain.endpoint);
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    apis.set(api.registry, api);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    return {
      chain, api, keyring, provider,
      alice: keyring.addFromUri('//Alice'),
      bob: keyring.addFromUri('//Bob'),
      charlie: keyring.addFromUri('//Charlie'),
      dave: keyring.addFromUri('//Dave'),
      async close() {
        await api.disconnect();
        await chain.close();
      },
    };
  } catch (e) {
    await chain.close();
    throw e;
  }
}

export interface Included {
  blockHash: string;
  events: EventRecord[];
}

/**
 * Signs, submits and resolves when the extrinsic is in a block (or finalized); rejects on
 * pool errors. The nonce comes from `system_accountNextIndex` (pool-aware): polkadot-js'
 * own signing derive can read the nonce of the block before the one just built.
 */
export async function send(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, options: Partial<SignerOptions> = {}): Promise<Included> {
  const nonce = options.nonce ?? (await apiOf(tx).rpc.system.accountNextIndex(signer.address));
  return new Promise((resolve, reject) => {
    let unsub: (() => void) | undefined;
    tx.signAndSend(signer, { ...options, nonce }, (r) => {
      if (r.status.isInBlock || r.status.isFinalized) {
        unsub?.();
        resolve({ blockHash: (r.status.isInBlock ? r.status.asInBlock : r.status.asFinalized).toHex(), events: r.events });
      } else if (r.status.isInvalid || r.status.isDropped || r.status.isUsurped) {
        unsub?.();
        reject(new Error(`transaction ${r.status.type}`));
      }
    })
      .then((u) => (unsub = u as unknown as () => void))
      .catch(reject);
  });
}

const apis = new WeakMap<object, ApiPromise>();
/** The API a transaction was created with (registered by `startTestChain`). */
function apiOf(tx: SubmittableExtrinsic<'promise'>): ApiPromise {
  const api = apis.get(tx.registry);
  if (!api) throw new Error('transaction from an API not created by startTestChain');
  return api;
}

/** `section.method` of each event, in order. */
export const eventNames = (events: EventRecord[]) => events.map((e) => `${e.event.section}.${e.event.method}`);

export async function freeBalance(api: ApiPromise, who: string): Promise<bigint> {
  return (await api.query.system.account(who)).data.free.toBigInt();
}

/** Builds one empty block (works in every block mode). */
export async function newBlock(api: ApiPromise): Promise<void> {
  await api.rpc('dev_newBlock' as never, {} as never);
}

/** `section.Name` of the module error in an ExtrinsicFailed event, or undefined when the extrinsic succeeded. */
export function failure(api: ApiPromise, events: EventRecord[]): string | undefined {
  const failed = events.find((e) => api.events.system.ExtrinsicFailed.is(e.event));
  if (!failed) return undefined;
  const err = (failed.event.data as unknown as [DispatchError])[0];
  if (!err.isModule) return err.type;
  const meta = api.registry.findMetaError(err.asModule);
  return `${meta.section}.${meta.name}`;
}

/** Every `key=value` under a storage prefix (e.g. a pallet's twox128), sorted: for no-change checks. */
export async function palletState(t: TestChain, prefix: string): Promise<string[]> {
  const keys = await t.provider.send<string[]>('state_getKeysPaged', [prefix, 1000, null]);
  const values = await Promise.all(keys.map((k) => t.provider.send<string | null>('state_getStorage', [k])));
  return keys.map((k, i) => `${k}=${values[i]}`).sort();
}
