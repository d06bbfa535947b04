import { expect } from 'chai';
import { startTestChain, type TestChain } from '../support/chain.js';

/** tfit's batch mode (localchain/batch.ts): what arrives together shares a block; an idle chain builds nothing. */
describe('localchain: batch block mode', function () {
  this.timeout(60_000);
  let t: TestChain;
  before(async () => { t = await startTestChain({ blockMode: 'batch' }); });
  after(async () => { await t?.close(); });

  const head = async () => (await t.api.rpc.chain.getHeader()).number.toNumber();
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('puts transactions submitted together into few blocks, includes every one, and builds nothing while idle', async () => {
    const { api, keyring } = t;
    const senders = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
    const sink = keyring.addFromUri('//batch//sink').address;
    const start = await head();
    const txs = (await Promise.all(senders.map(async (s) => {
      const nonce = (await api.rpc.system.accountNextIndex(s.address)).toNumber();
      return Promise.all([0, 1, 2].map((i) => api.tx.balances.transferKeepAlive(sink, 1_000_000n + BigInt(i)).signAsync(s, { nonce: nonce + i, era: 0 })));
    }))).flat();
    await Promise.all(txs.map((tx) => api.rpc.author.submitExtrinsic(tx)));
    const deadline = Date.now() + 20_000;
    let included = 0;
    let blocks = 0;
    while (included < txs.length && Date.now() < deadline) {
      await settle();
      const end = await head();
      included = 0;
      blocks = end - start;
      for (let n = start + 1; n <= end; n++) {
        const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
        included += block.block.extrinsics.filter((x) => txs.some((tx) => tx.hash.eq(x.hash))).length;
      }
    }
    expect(included, 'every transaction is in a block').to.equal(txs.length);
    expect(blocks, 'blocks used for 18 transactions submitted together').to.be.lessThan(txs.length / 2);
    const idle = await head();
    await settle();
    expect(await head(), 'no block while nothing is pending').to.equal(idle);
  });

  it("hands block production to Chopsticks' modes when dev_setBlockBuildMode switches it", async () => {
    const { api, provider, alice } = t;
    await provider.send('dev_setBlockBuildMode', ['Instant']);
    const before = await head();
    await api.tx.system.remark('0x0b').signAndSend(alice, { nonce: -1 });
    await settle();
    expect(await head()).to.equal(before + 1);
    await settle();
    expect(await head(), 'nothing more built').to.equal(before + 1);
  });
});
