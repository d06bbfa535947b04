/**
 * Who signs: the accounts of a browser extension (polkadot{.js}, Talisman, SubWallet… through
 * @polkadot/extension-dapp) when one is present; on a development chain, the dev accounts.
 */
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { TxSigner } from '@tfit/sdk';

export interface Account { name: string; address: string; source: 'extension' | 'dev'; signer: TxSigner }

const DEV = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

export async function accounts(isDevChain: boolean): Promise<Account[]> {
  const out: Account[] = [];
  try {
    const dapp = await import('@polkadot/extension-dapp');
    const extensions = await dapp.web3Enable('tfit');
    if (extensions.length) {
      for (const a of await dapp.web3Accounts()) {
        const injected = await dapp.web3FromAddress(a.address);
        out.push({ name: a.meta.name ?? a.address.slice(0, 8), address: a.address, source: 'extension', signer: { address: a.address, signer: injected.signer as never } });
      }
    }
  } catch { /* no extension: dev accounts only */ }
  if (isDevChain) {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    for (const name of DEV) {
      const pair = keyring.addFromUri(`//${name}`);
      out.push({ name: `${name} (dev)`, address: pair.address, source: 'dev', signer: pair });
    }
  }
  return out;
}
