// @target fresh-chopsticks: it kills and restarts the local chain itself (see e2e/support/target-hooks.ts)
/**
 * kill -9 of the chain process at random moments of a stream of transfers: restarted from
 * its db, the chain holds every block a client was told a transfer is in, with that transfer,
 * and goes on from there.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startChainProcess, type ChainProcess } from '../../localchain/process.js';
import { freePort } from '../../zos/net.js';

const KILLS = 4;

describe('hardening: kill -9 of the chain loses nothing a client saw in a block', function () {
  this.timeout(240_000);
  let dir: string;
  let chain: ChainProcess | undefined;
  before(async () => { await cryptoWaitReady(); dir = mkdtempSync(join(tmpdir(), 'tfit-kill-')); });
  after(async () => { await chain?.stop('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });

  it(`${KILLS} kills at random points of a transfer stream, each followed by a restart from the db`, async () => {
    const port = await freePort();
    const db = join(dir, 'chain.sqlite');
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    const seen: { block: string; tx: string }[] = [];
    for (let kill = 0; kill <= KILLS; kill++) {
      chain = await startChainProcess({ port, db });
      const provider = new WsProvider(chain.endpoint, false); // no reconnecting to a killed chain
      await provider.connect();
      const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
      try {
        // everything seen before the last kill is in the restarted chain
        for (const { block, tx } of seen) {
          const { block: b } = await api.rpc.chain.getBlock(block);
          expect(b.extrinsics.map((x) => x.hash.toHex()), `block ${block}`).to.include(tx);
          expect((await api.rpc.chain.getBlockHash(b.header.number.toNumber())).toHex()).to.equal(block);
        }
        if (kill === KILLS) break;
        // a stream of transfers, one after the other; odd runs kill at a random moment, even
        // runs the instant a client hears of the n-th block (when a block not yet stored would be lost)
        const killAtBlock = kill % 2 === 0 ? 1 + Math.floor(Math.random() * 5) : Infinity;
        const deadline = Date.now() + 300 + Math.random() * 1500;
        let killed = false;
        const lost = new Promise<null>((resolve) => api.once('disconnected', () => resolve(null)));
        const killer = (async () => {
          while (Date.now() < deadline && !killed) await new Promise((r) => setTimeout(r, 10));
          killed = true;
          await chain!.stop('SIGKILL');
        })();
        for (let n = 1; !killed; n++) {
          const inBlock = await Promise.race([lost, new Promise<{ block: string; tx: string } | null>((resolve) => {
            const tx = api.tx.balances.transferKeepAlive(bob.address, 10n ** 10n);
            tx.signAndSend(alice, { nonce: -1 }, ({ status }) => {
              if (!status.isInBlock) return;
              if (n === killAtBlock) { killed = true; process.kill(chain!.pid, 'SIGKILL'); }
              resolve({ block: status.asInBlock.toHex(), tx: tx.hash.toHex() });
            }).catch(() => resolve(null));
          })]);
          if (inBlock) seen.push(inBlock);
        }
        await killer;
      } finally {
        await api.disconnect();
      }
    }
    expect(seen.length, 'transfers seen in blocks over all runs').to.be.greaterThan(KILLS);
  });
});
