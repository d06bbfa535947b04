/** The load benches' accounts: C senders and a sink, the senders funded by //Alice. */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { TfitClient } from '@tfit/sdk';

/** Senders `//<prefix>//0…C-1` and `//<prefix>//sink`; each sender gets `amount` in batches of 100 transfers (a batch a block can hold). */
export async function fundedSenders(admin: TfitClient, prefix: string, clients: number, amount: bigint, waitFor?: 'finalized'): Promise<{ alice: KeyringPair; senders: KeyringPair[]; sink: KeyringPair }> {
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const senders = Array.from({ length: clients }, (_, i) => keyring.addFromUri(`//${prefix}//${i}`));
  const sink = keyring.addFromUri(`//${prefix}//sink`);
  for (let i = 0; i < senders.length; i += 100)
    await admin.batch(senders.slice(i, i + 100).map((s) => admin.api.tx.balances.transferKeepAlive(s.address, amount)), { signer: alice, waitFor });
  return { alice, senders, sink };
}
