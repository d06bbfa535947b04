// @target fresh-chopsticks: it tests tfit's local chain itself (see e2e/support/target-hooks.ts)
/**
 * localchain/rpc.ts: every watcher of a block's extrinsics hears "inBlock" together, before
 * any hears "finalized". (Chopsticks' own method awaits each watcher's 100 ms pause in
 * turn: its second watcher heard inBlock only after the first heard finalized.)
 */
import { expect } from 'chai';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startTestChain, newBlock, type TestChain } from '../support/chain.js';

describe('local chain: author_submitAndWatchExtrinsic', () => {
  let t: TestChain;
  before(async () => { await cryptoWaitReady(); t = await startTestChain({ blockMode: 'manual' }); });
  after(async () => t?.close());

  it('announces a block of N watched extrinsics to all N watchers before any is finalized', async () => {
    const keyring = new Keyring({ type: 'sr25519' });
    const senders = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
    const log: string[] = [];
    let ready = 0;
    const all = senders.map((s, i) => new Promise<void>((resolve, reject) => {
      t.api.tx.system.remark(`0x0${i}`).signAndSend(s, { nonce: 0 }, (r) => {
        if (r.status.isReady) ready++;
        if (r.status.isInBlock) log.push(`inBlock ${i}`);
        if (r.status.isFinalized) { log.push(`finalized ${i}`); resolve(); }
        if (r.isError) reject(new Error(r.status.type));
      }).catch(reject);
    }));
    while (ready < senders.length) await new Promise((r) => setTimeout(r, 20));
    await newBlock(t.api);
    await Promise.all(all);
    const firstFinalized = log.findIndex((l) => l.startsWith('finalized'));
    expect(log.slice(0, firstFinalized).filter((l) => l.startsWith('inBlock')), log.join(', ')).to.have.length(senders.length);
  });
});

describe('local chain: its server', () => {
  it('refuses a port in use with PortInUseError, and closes its clients\' connections when it stops', async () => {
    const { startLocalChain, PortInUseError } = await import('../../localchain/index.js');
    const { WsProvider } = await import('@polkadot/api');
    const chain = await startLocalChain({ port: 0 });
    try {
      const err = await startLocalChain({ port: chain.port }).catch((e) => e);
      expect(err).to.be.instanceOf(PortInUseError);
      const provider = new WsProvider(chain.endpoint, 0); // 0: no automatic reconnect
      await provider.connect();
      await provider.isReady;
      const dropped = new Promise<void>((resolve) => provider.on('disconnected', () => resolve()));
      await chain.close();
      await dropped;
      expect(provider.isConnected).to.equal(false);
      await provider.disconnect().catch(() => {});
    } finally {
      await chain.close();
    }
  });
});
