/**
 * The steps TF-Chain-mirroring scenarios share: a call that must succeed (its pallet's
 * events), a call that must fail with a named error and leave a pallet's storage as it was,
 * and a call through sudo (its inner result).
 */
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { send, eventNames, failure, palletState, type TestChain } from './chain.js';

export interface Scenario {
  /** Succeeds; the names of the events of `section` (e.g. 'tfgridModule') it emitted, and all its events. */
  ok(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, section?: string): Promise<{ names: string[]; events: EventRecord[]; blockHash: string }>;
  /** Fails with `error` ('pallet.Error' or 'BadOrigin') and changes nothing under `prefix` (default: the section's pallet). */
  refused(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, error: string): Promise<void>;
  /** Through Sudo.sudo: the inner error, if any, and the section's events. */
  asRoot(tx: SubmittableExtrinsic<'promise'>): Promise<{ names: string[]; error?: string }>;
}

/** Scenario steps for pallet `section` (polkadot-js' name, e.g. 'smartContractModule') on `t`. */
export function scenario(t: () => TestChain, section: string, prefixes: () => string[]): Scenario {
  const snapshot = async () => (await Promise.all(prefixes().map((p) => palletState(t(), p)))).flat();
  const ofSection = (events: EventRecord[]) => eventNames(events).filter((n) => n.startsWith(`${section}.`));
  return {
    async ok(tx, signer, s = section) {
      const { events, blockHash } = await send(tx, signer);
      expect(failure(t().api, events), 'dispatch failed').to.equal(undefined);
      return { names: eventNames(events).filter((n) => n.startsWith(`${s}.`)), events, blockHash };
    },
    async refused(tx, signer, error) {
      const before = await snapshot();
      const { events } = await send(tx, signer);
      expect(failure(t().api, events)).to.equal(error);
      expect(await snapshot(), 'a refusal changes nothing').to.deep.equal(before);
    },
    async asRoot(tx) {
      const api = t().api;
      const { events } = await send(api.tx.sudo.sudo(tx), t().alice);
      const sudid = events.find((e) => api.events.sudo.Sudid.is(e.event))!;
      const result = sudid.event.data[0] as unknown as { isErr: boolean; asErr: { isModule: boolean; asModule: unknown; type: string } };
      let error: string | undefined;
      if (result.isErr) {
        if (!result.asErr.isModule) error = result.asErr.type;
        else { const m = api.registry.findMetaError(result.asErr.asModule as never); error = `${m.section}.${m.name}`; }
      }
      return { names: ofSection(events), error };
    },
  };
}

/** The storage prefix (twox128 of the pallet's name, as hex) of a pallet, from any of its storage items. */
export const palletPrefix = (keyPrefix: string) => keyPrefix.slice(0, 34);
