// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { startTestChain, send, eventNames, failure, freeBalance, type TestChain } from '../support/chain.js';

/** Submits raw extrinsic bytes; resolves to the pool's error message, or 'accepted'. */
async function submitRaw(t: TestChain, hex: string): Promise<string> {
  try {
    await t.provider.send('author_submitExtrinsic', [hex]);
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('transactions: validity and refusals', () => {
  let t: TestChain;
  before(async () => (t = await startTestChain()));
  after(async () => t?.close());

  const snapshot = async () => ({
    alice: (await t.api.query.system.account(t.alice.address)).toHex(),
    bob: (await t.api.query.system.account(t.bob.address)).toHex(),
  });

  it('includes mortal and immortal transactions and increments the nonce', async () => {
    const { api, alice, bob } = t;
    const n0 = (await api.query.system.account(alice.address)).nonce.toNumber();
    await send(api.tx.balances.transferKeepAlive(bob.address, 1000n), alice);
    await send(api.tx.balances.transferKeepAlive(bob.address, 1000n), alice, { era: 0 as never });
    expect((await api.query.system.account(alice.address)).nonce.toNumber()).to.equal(n0 + 2);
  });

  it('refuses a bad signature (badProof) and changes nothing', async () => {
    const { api, alice, bob } = t;
    const before = await snapshot();
    const nonce = await api.rpc.system.accountNextIndex(alice.address);
    const signed = await api.tx.balances.transferKeepAlive(bob.address, 1000n).signAsync(alice, { nonce });
    const bytes = hexToU8a(signed.toHex());
    bytes[40] ^= 0xff; // inside the signature
    expect(await submitRaw(t, u8aToHex(bytes))).to.match(/badProof/);
    expect(await snapshot()).to.deep.equal(before);
  });

  it('refuses a signature for another genesis or spec version (badProof)', async () => {
    const { api, alice, bob } = t;
    const nonce = await api.rpc.system.accountNextIndex(alice.address);
    const call = api.tx.balances.transferKeepAlive(bob.address, 1000n);
    const wrongGenesis = api.createType('Extrinsic', call);
    wrongGenesis.sign(alice, { blockHash: api.genesisHash, genesisHash: `0x${'11'.repeat(32)}`, nonce, runtimeVersion: api.runtimeVersion });
    expect(await submitRaw(t, wrongGenesis.toHex())).to.match(/badProof/);
    const wrongSpec = api.createType('Extrinsic', call);
    const rv = api.createType('RuntimeVersion', { ...api.runtimeVersion.toJSON(), specVersion: 999 });
    wrongSpec.sign(alice, { blockHash: api.genesisHash, genesisHash: api.genesisHash, nonce, runtimeVersion: rv });
    expect(await submitRaw(t, wrongSpec.toHex())).to.match(/badProof/);
  });

  it('refuses a stale nonce', async () => {
    const { api, alice, bob } = t;
    const stale = await api.tx.balances.transferKeepAlive(bob.address, 1000n).signAsync(alice, { nonce: 0 });
    expect(await submitRaw(t, stale.toHex())).to.match(/stale/);
  });

  it('accepts a future nonce into the pool with a requires tag for the missing nonce', async () => {
    const { api, charlie, bob } = t;
    const n = (await api.rpc.system.accountNextIndex(charlie.address)).toNumber();
    const head = await api.rpc.chain.getHeader();
    const later = await api.tx.balances.transferKeepAlive(bob.address, 2000n).signAsync(charlie, { nonce: n + 1, era: 0 as never });
    const raw = await api.rpc.state.call('TaggedTransactionQueue_validate_transaction', u8aToHex(u8aConcat([2], later.toU8a(), head.hash.toU8a())));
    const validity = api.createType('TransactionValidity', raw);
    expect(validity.isOk).to.equal(true);
    const tag = (nonce: number) => u8aToHex(u8aConcat(charlie.publicKey, api.createType('u32', nonce).toU8a()));
    expect(validity.asOk.requires.map((r) => r.toHex())).to.deep.equal([tag(n)]);
    expect(validity.asOk.provides.map((r) => r.toHex())).to.deep.equal([tag(n + 1)]);
  });

  it('refuses random and truncated bytes while block production continues', async () => {
    const { api, alice, bob } = t;
    const nonce = await api.rpc.system.accountNextIndex(alice.address);
    const good = hexToU8a((await api.tx.balances.transferKeepAlive(bob.address, 1000n).signAsync(alice, { nonce })).toHex());
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const junk: Uint8Array[] = [];
    for (let i = 1; i < good.length; i += 7) junk.push(good.slice(0, i));
    for (let i = 0; i < 20; i++) junk.push(Uint8Array.from({ length: 1 + (i * 13) % 200 }, rand));
    for (const bytes of junk) expect(await submitRaw(t, u8aToHex(bytes))).to.not.equal('accepted');
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    await send(api.tx.balances.transferKeepAlive(bob.address, 1000n), alice);
    expect((await api.rpc.chain.getHeader()).number.toNumber()).to.be.greaterThan(head);
  });

  it('batch_all with a failing call fails as a whole and leaves no effect of the calls before it', async () => {
    const { api, alice, bob, dave } = t;
    const b0 = await freeBalance(api, bob.address);
    const d0 = await freeBalance(api, dave.address);
    const { events } = await send(api.tx.utility.batchAll([
      api.tx.balances.transferKeepAlive(bob.address, 1_000_000n),
      api.tx.balances.transferKeepAlive(dave.address, 10n ** 30n),
    ]), alice);
    expect(failure(api, events)).to.equal('balances.InsufficientBalance');
    expect(eventNames(events)).to.not.include('balances.Transfer');
    expect(await freeBalance(api, bob.address)).to.equal(b0);
    expect(await freeBalance(api, dave.address)).to.equal(d0);
  });

  it('batch stops at the first failure with BatchInterrupted and keeps earlier calls; force_batch continues', async () => {
    const { api, alice, bob } = t;
    const b0 = await freeBalance(api, bob.address);
    const fail = api.tx.balances.transferKeepAlive(bob.address, 10n ** 30n);
    const ok = api.tx.balances.transferKeepAlive(bob.address, 1_000_000n);
    const r1 = await send(api.tx.utility.batch([ok, fail, ok]), alice);
    expect(eventNames(r1.events)).to.include('utility.BatchInterrupted');
    const interrupted = r1.events.find((e) => e.event.method === 'BatchInterrupted')!;
    expect(interrupted.event.data[0].toString()).to.equal('1');
    expect(await freeBalance(api, bob.address)).to.equal(b0 + 1_000_000n);
    const r2 = await send(api.tx.utility.forceBatch([fail, ok]), alice);
    expect(eventNames(r2.events)).to.include.members(['utility.ItemFailed', 'utility.ItemCompleted', 'utility.BatchCompletedWithErrors']);
    expect(await freeBalance(api, bob.address)).to.equal(b0 + 2_000_000n);
  });

  it('sudo dispatches root calls for the sudo key only', async () => {
    const { api, alice, bob, dave } = t;
    const r1 = await send(api.tx.sudo.sudo(api.tx.balances.forceSetBalance(dave.address, 42n * 10_000_000n)), alice);
    expect(eventNames(r1.events)).to.include.members(['balances.BalanceSet', 'sudo.Sudid']);
    expect(await freeBalance(api, dave.address)).to.equal(42n * 10_000_000n);
    const r2 = await send(api.tx.sudo.sudo(api.tx.balances.forceSetBalance(bob.address, 1n)), bob);
    expect(failure(api, r2.events)).to.equal('sudo.RequireSudo');
    const r3 = await send(api.tx.balances.forceSetBalance(bob.address, 1n), bob);
    expect(failure(api, r3.events)).to.equal('BadOrigin');
  });

  it('remark_with_event emits Remarked with the blake2 hash; set_code refuses a non-increasing spec version', async () => {
    const { api, alice } = t;
    const r = await send(api.tx.system.remarkWithEvent('0x1234'), alice);
    expect(eventNames(r.events)).to.include('system.Remarked');
    const code = (await api.rpc.state.getStorage(':code')) as unknown as { toHex(): string };
    const r2 = await send(api.tx.sudo.sudo(api.tx.system.setCode(code.toHex())), alice);
    const sudid = r2.events.find((e) => e.event.method === 'Sudid')!;
    const result = sudid.event.data[0] as unknown as { isErr: boolean; asErr: { asModule: never } };
    expect(result.isErr).to.equal(true);
    expect(api.registry.findMetaError(result.asErr.asModule).name).to.equal('SpecVersionNeedsToIncrease');
  });
});
