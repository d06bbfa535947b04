import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { startTfitNode } from '../../localchain/tfit-node.js';
import { specPath } from '../../chain-spec/paths.js';
import { requireNodeBinary } from '../support/node.js';

/** A plain @polkadot/api client with its defaults (no tfit types, mortal transactions). */
const plainClient = (endpoint: string) => ApiPromise.create({ provider: new WsProvider(endpoint), noInitWarn: true, throwOnConnect: true });

async function genesisOf(api: ApiPromise): Promise<{ rpc: string; runtime: string }> {
  const rpc = (await api.rpc.chain.getBlockHash(0)).toHex();
  const runtime = (await api.query.system.blockHash(0)).toHex();
  return { rpc, runtime };
}

/** Transfers from //Alice to //Bob and resolves when it is in a block, or rejects with the chain's reason. */
function transfer(api: ApiPromise, amount: bigint): Promise<string> {
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
  return new Promise((resolve, reject) => {
    api.tx.balances.transferKeepAlive(bob.address, amount).signAndSend(alice, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      else if (status.isInBlock) resolve(status.asInBlock.toHex());
    }).catch(reject);
  });
}

describe('localchain: genesis identity', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => { await cryptoWaitReady(); dir = mkdtempSync(join(tmpdir(), 'tfit-genesis-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is a real header's hash, not a placeholder; the runtime's System.BlockHash(0) agrees; another spec, another hash", async () => {
    const [dev, local] = [await startLocalChain({ port: 0 }), await startLocalChain({ port: 0, spec: specPath('local') })];
    const [a, b] = await Promise.all([plainClient(dev.endpoint), plainClient(local.endpoint)]);
    try {
      const [ga, gb] = await Promise.all([genesisOf(a), genesisOf(b)]);
      expect(ga.rpc).not.to.equal(`0x${'45'.repeat(32)}`);
      expect(ga.runtime).to.equal(ga.rpc);
      expect(gb.runtime).to.equal(gb.rpc);
      expect(gb.rpc).not.to.equal(ga.rpc);
      const header = await a.rpc.chain.getHeader(ga.rpc);
      expect(header.parentHash.toHex()).to.equal(`0x${'00'.repeat(32)}`);
      expect(header.hash.toHex()).to.equal(ga.rpc);
    } finally {
      await Promise.all([a.disconnect(), b.disconnect()]);
      await Promise.all([dev.close(), local.close()]);
    }
  });

  it('survives restarts from the db: same genesis hash, and a client that connects after the restart transfers', async () => {
    const db = join(dir, 'chain.sqlite');
    let before: { rpc: string; runtime: string } | undefined;
    let head = 0;
    for (let run = 0; run < 3; run++) {
      const chain = await startLocalChain({ port: 0, db });
      const api = await plainClient(chain.endpoint);
      try {
        const g = await genesisOf(api);
        if (before) expect(g, `after restart ${run}`).to.deep.equal(before);
        else expect(g.runtime).to.equal(g.rpc);
        before = g;
        const resumedAt = (await api.rpc.chain.getHeader()).number.toNumber();
        expect(resumedAt, 'resumes at the head it stopped at').to.equal(head || resumedAt);
        await transfer(api, 10n ** 10n);
        head = (await api.rpc.chain.getHeader()).number.toNumber();
        expect(head).to.equal(resumedAt + 1);
        expect((await api.rpc.chain.getBlockHash(1)).toHex()).to.match(/^0x[0-9a-f]{64}$/);
      } finally {
        await api.disconnect();
        await chain.close();
      }
    }
  });

  it("refuses a transaction signed for another spec's chain (badProof)", async () => {
    const [dev, local] = [await startLocalChain({ port: 0 }), await startLocalChain({ port: 0, spec: specPath('local') })];
    const [a, b] = await Promise.all([plainClient(dev.endpoint), plainClient(local.endpoint)]);
    try {
      const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
      const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
      const nonce = (await b.rpc.system.accountNextIndex(alice.address)).toNumber();
      const forDev = await a.tx.balances.transferKeepAlive(bob.address, 10n ** 10n).signAsync(alice, { era: 0, nonce });
      const refused = await b.rpc.author.submitExtrinsic(forDev.toHex()).then(() => null, (e: Error) => e);
      expect(refused?.message).to.match(/1010.*badProof/);
      const forLocal = await b.tx.balances.transferKeepAlive(bob.address, 10n ** 10n).signAsync(alice, { era: 0, nonce });
      expect((await b.rpc.author.submitExtrinsic(forLocal.toHex())).toHex()).to.equal(forLocal.hash.toHex());
    } finally {
      await Promise.all([a.disconnect(), b.disconnect()]);
      await Promise.all([dev.close(), local.close()]);
    }
  });
});

describe('localchain: genesis identity, as tfit-node derives it', function () {
  this.timeout(120_000);
  before(function () { requireNodeBinary(this); });

  it('the embedded chain and tfit-node --dev, from the same spec, have the same genesis hash', async () => {
    const [node, chain] = [await startTfitNode({ dev: true }), await startLocalChain({ port: 0 })];
    const [n, c] = await Promise.all([plainClient(node.endpoint), plainClient(chain.endpoint)]);
    try {
      const [gn, gc] = await Promise.all([genesisOf(n), genesisOf(c)]);
      expect(gc.rpc).to.equal(gn.rpc);
    } finally {
      await Promise.all([n.disconnect(), c.disconnect()]);
      await Promise.all([node.close(), chain.close()]);
    }
  });
});
