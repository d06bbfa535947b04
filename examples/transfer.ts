/**
 * README example: start the embedded tfit chain, send a TFT transfer with polkadot-js,
 * print the fee and the events, stop. Run: `npm run example`.
 */
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain } from '@tfit/testing';

await cryptoWaitReady();
const chain = await startLocalChain({ port: 0 });
const api = await ApiPromise.create({ provider: new WsProvider(chain.endpoint), noInitWarn: true });
try {
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const tx = api.tx.balances.transferKeepAlive(bob.address, 5n * 10_000_000n); // 5 TFT
  const { partialFee } = await tx.paymentInfo(alice);
  const nonce = await api.rpc.system.accountNextIndex(alice.address);
  const events: string[] = await new Promise((resolve, reject) => {
    tx.signAndSend(alice, { nonce }, ({ status, events }) => {
      if (status.isInBlock || status.isFinalized) resolve(events.map((e) => `${e.event.section}.${e.event.method}`));
    }).catch(reject);
  });
  const bobFree = (await api.query.system.account(bob.address)).data.free.toBigInt();
  console.log(`chain: ${(await api.rpc.system.chain()).toString()} at ${chain.endpoint}`);
  console.log(`fee: ${partialFee.toBigInt()} units`);
  console.log(`events: ${events.join(', ')}`);
  console.log(`bob: ${bobFree} units`);
} finally {
  await api.disconnect();
  await chain.close();
}
