import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, xxhashAsU8a } from '@polkadot/util-crypto';
import { loadChopsticksCore, openChain } from '../../localchain/chain.js';
import type { HeadCalls } from '../../localchain/head-calls.js';
import { specPath } from '../../chain-spec/paths.js';
import { signerAt, type TestBlock } from '../support/chopsticks-block.js';

/**
 * Validation, nonce and fee calls answered at the head in process (localchain/head-calls.ts)
 * against the same calls in Chopsticks' executor: byte-identical results over valid,
 * refused and malformed transactions, on several heads, including one dev_setStorage
 * changed (the map takes the change in before it answers).
 */
type Block = TestBlock;

describe('localchain: validation, nonce and fee calls at the head, in process', function () {
  this.timeout(120_000);
  it('answer byte for byte as Chopsticks\' executor over a random stream, on every head, and on a head dev_setStorage changed', async () => {
    await cryptoWaitReady();
    const core = await loadChopsticksCore();
    const { chain } = await openChain(core, { genesis: JSON.parse(readFileSync(specPath('dev'), 'utf8')), blockMode: 'Manual', runtimeLogLevel: 0, blockBuilder: 'one-task' });
    const executorCall = (core as unknown as { Block: { prototype: { call(this: Block, m: string, a: string[]): Promise<{ result: string }> } } }).Block.prototype.call;
    const counts = (chain as unknown as { headCalls: HeadCalls }).headCalls.counts;
    try {
      const keyring = new Keyring({ type: 'sr25519' });
      const accounts = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
      const genesisHash = (await (chain as unknown as { getBlockAt(n: number): Promise<{ hash: string }> }).getBlockAt(0)).hash;
      let compared = 0;
      for (let round = 0; round < 6; round++) {
        const head = chain.head as unknown as Block;
        const { tx } = await head.meta;
        const sign = await signerAt(head, genesisHash);
        const nonces = await Promise.all(accounts.map(async (a) => {
          const args = [u8aToHex(a.publicKey)];
          const [mine, theirs] = [await head.call('AccountNonceApi_account_nonce', args), await executorCall.call(head, 'AccountNonceApi_account_nonce', args)];
          expect(mine.result, `nonce of ${a.address}`).to.equal(theirs.result);
          compared++;
          return new DataView(hexToU8a(mine.result).buffer).getUint32(0, true);
        }));
        const who = accounts[round % accounts.length];
        const nonce = nonces[round % accounts.length];
        const transfer = (v: bigint) => tx.balances.transferKeepAlive(accounts[(round + 1) % accounts.length].address, v);
        const valid = sign(transfer(1_000_000n), who, nonce);
        const candidates = [
          valid,
          sign(transfer(10n ** 30n), who, nonce), // valid to the pool: pays its fee, fails in dispatch
          sign(transfer(1n), who, nonce + 2), // future
          ...(nonce > 0 ? [sign(transfer(1n), who, nonce - 1)] : []), // stale
          `${valid.slice(0, 100)}${valid[100] === '0' ? '1' : '0'}${valid.slice(101)}`, // bad signature
          sign(transfer(1n), who, nonce, `0x${'22'.repeat(32)}`), // another chain's
          sign(tx.system.remark('0x'.padEnd(2 + 2 * 4096, 'ab')), who, nonce), // big
          '0x1234', // malformed
        ];
        for (const x of candidates) {
          const validate = [u8aToHex(u8aConcat('0x02', x, head.hash))];
          const [mine, theirs] = await Promise.all([
            head.call('TaggedTransactionQueue_validate_transaction', validate).then((r) => r.result, (e: Error) => `error: ${e.message}`),
            executorCall.call(head, 'TaggedTransactionQueue_validate_transaction', validate).then((r) => r.result, (e: Error) => `error: ${e.message}`),
          ]);
          expect(mine, `validate_transaction of ${x.slice(0, 40)}… at block ${round}`).to.equal(theirs);
          const info = [u8aToHex(u8aConcat(x, new Uint8Array(new Uint32Array([hexToU8a(x).length]).buffer)))];
          for (const api of ['TransactionPaymentApi_query_info', 'TransactionPaymentApi_query_fee_details']) {
            const [a, b] = await Promise.all([
              head.call(api, info).then((r) => r.result, (e: Error) => `error: ${e.message}`),
              executorCall.call(head, api, info).then((r) => r.result, (e: Error) => `error: ${e.message}`),
            ]);
            expect(a, `${api} of ${x.slice(0, 40)}…`).to.equal(b);
          }
          compared += 3;
        }
        await (chain as unknown as { newBlock(p: { transactions: string[] }): Promise<void> }).newBlock({ transactions: [valid] });
        expect(chain.head.hash).to.not.equal(head.hash);
      }
      expect(compared).to.be.greaterThan(100);
      const before = counts.inProcess;
      expect(before, 'calls answered in process').to.be.greaterThan(50);

      // dev_setStorage's way: a layer pushed on the head; the map takes it in, and both agree
      const head = chain.head as unknown as Block;
      const bob = accounts[1];
      const key = u8aToHex(u8aConcat(xxhashAsU8a('System', 128), xxhashAsU8a('Account', 128), blake2AsU8a(bob.publicKey, 128), bob.publicKey));
      head.pushStorageLayer().set(key, '0x' + '00'.repeat(80)); // Bob's account emptied
      const args = [u8aToHex(bob.publicKey)];
      const [mine, theirs] = [await head.call('AccountNonceApi_account_nonce', args), await executorCall.call(head, 'AccountNonceApi_account_nonce', args)];
      expect(mine.result).to.equal(theirs.result);
      expect(mine.result).to.equal('0x00000000');
    } finally {
      await chain.close();
    }
  });
});
