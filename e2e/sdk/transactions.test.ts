// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import type { KeyringPair } from '@polkadot/keyring/types';
import {
  connect, ModuleError, DispatchFailure, InvalidTransactionError, TimeoutError, ConnectionError, BatchInterruptedError, type TfitClient,
} from '@tfit/sdk';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { startTestChain, type TestChain } from '../support/chain.js';

const TFT = 10_000_000n;

/** The SDK's transaction layer against a real local chain: outcomes, typed errors, concurrency. */
describe('SDK: transactions', () => {
  let t: TestChain;
  let client: TfitClient;
  before(async () => {
    t = await startTestChain();
    client = await connect({ endpoint: t.chain.endpoint });
  });
  after(async () => {
    await client?.close();
    await t?.close();
  });

  it('connects and recognises the runtime its types were generated from', async () => {
    expect(await client.checkRuntime()).to.equal(true);
  });

  it('resolves an included transaction with its block, events and fee', async () => {
    const r = await client.submit(client.api.tx.balances.transferKeepAlive(t.bob.address, TFT), { signer: t.alice });
    expect(r.blockHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(r.fee > 0n).to.equal(true);
    expect(r.events.map((e) => e.event.method)).to.include('ExtrinsicSuccess');
  });

  it('rejects a pallet refusal as a typed ModuleError (narrowable, with docs and the fee paid)', async () => {
    const err = await client.submit(client.api.tx.tfgridModule.createTwin(null, null), { signer: t.charlie }).catch((e) => e);
    expect(err).to.be.instanceOf(ModuleError);
    const m = err as ModuleError;
    expect(m.is('tfgridModule', 'UserDidNotSignTermsAndConditions')).to.equal(true);
    expect(m.is('tfgridModule', 'TwinNotExists')).to.equal(false);
    expect(m.docs).to.match(/terms and conditions/);
    expect(m.inclusion.fee > 0n).to.equal(true);
  });

  it('rejects other dispatch errors as DispatchFailure', async () => {
    const p = { value: 1, unit: 'Gigabytes' };
    const tx = client.api.tx.tfgridModule.createPricingPolicy('x', p, p, p, p, p, p, t.alice.address, t.bob.address, 1);
    const err = await client.submit(tx, { signer: t.alice }).catch((e) => e);
    expect(err).to.be.instanceOf(DispatchFailure);
    expect((err as DispatchFailure).kind).to.equal('BadOrigin');
  });

  it('rejects pool refusals as InvalidTransactionError with their kind, and recovers the nonce', async () => {
    const stale = await client.submit(client.api.tx.system.remark('0x00'), { signer: t.alice, nonce: 0 }).catch((e) => e);
    expect(stale).to.be.instanceOf(InvalidTransactionError);
    expect((stale as InvalidTransactionError).kind).to.equal('stale');
    const broke = t.keyring.addFromUri('//NoFunds');
    const unpaid = await client.submit(client.api.tx.system.remark('0x00'), { signer: broke }).catch((e) => e);
    expect((unpaid as InvalidTransactionError).kind).to.equal('payment');
    await client.submit(client.api.tx.system.remark('0x01'), { signer: t.alice }); // the managed nonce is still right
  });

  it('ends a transaction with a nonce gap in a typed error, without blocking the next', async () => {
    const next = (await client.api.rpc.system.accountNextIndex(t.dave.address)).toNumber();
    const t0 = Date.now();
    // one past the next nonce: Chopsticks' pool reports it invalid; a node's would hold it until the timeout
    const err = await client.submit(client.api.tx.system.remark('0x02'), { signer: t.dave, nonce: next + 1, timeoutMs: 1500 }).catch((e) => e);
    expect(err instanceof InvalidTransactionError || err instanceof TimeoutError, String(err)).to.equal(true);
    expect(Date.now() - t0).to.be.lessThan(5000);
    const ok = await client.submit(client.api.tx.system.remark('0x03'), { signer: t.dave, timeoutMs: 10_000 });
    expect(ok.nonce).to.equal(next);
  });

  it('includes 50 concurrent submissions from 10 accounts with no nonce errors', async () => {
    const accounts: KeyringPair[] = Array.from({ length: 10 }, (_, i) => t.keyring.addFromUri(`//sdk//${i}`));
    await client.batch(accounts.map((a) => client.api.tx.balances.transferKeepAlive(a.address, 100n * TFT)), { signer: t.alice });
    const results = await Promise.all(
      accounts.flatMap((a) => Array.from({ length: 5 }, (_, k) => client.submit(client.api.tx.system.remark(`0x0${k}`), { signer: a }))),
    );
    expect(results).to.have.length(50);
    for (const a of accounts) expect((await client.api.query.system.account(a.address)).nonce.toNumber()).to.equal(5);
  });

  it('reports a failing batch_all as failed, with the failing call\'s index, and changes nothing but the fee', async () => {
    const before = (await client.api.query.system.account(t.bob.address)).data.free.toBigInt();
    const calls = [
      client.api.tx.balances.transferKeepAlive(t.bob.address, TFT),
      client.api.tx.system.remark('0x01'),
      client.api.tx.balances.transferKeepAlive(t.bob.address, 10n ** 30n), // more than exists
      client.api.tx.system.remark('0x02'),
    ];
    const err = await client.batch(calls, { signer: t.alice }).catch((e) => e);
    expect(err).to.be.instanceOf(ModuleError);
    expect((err as ModuleError).is('balances', 'InsufficientBalance')).to.equal(true);
    expect((err as ModuleError).callIndex).to.equal(2);
    expect((await client.api.query.system.account(t.bob.address)).data.free.toBigInt()).to.equal(before);
  });

  it('returns each call\'s events for a successful batch; a non-atomic batch reports where it stopped', async () => {
    const ok = await client.batch([client.api.tx.system.remarkWithEvent('0x01'), client.api.tx.system.remarkWithEvent('0x02')], { signer: t.alice });
    expect(ok.calls.map((evs) => evs.map((e) => e.event.method))).to.deep.equal([['Remarked'], ['Remarked']]);
    const err = await client
      .batch([client.api.tx.system.remark('0x01'), client.api.tx.balances.transferKeepAlive(t.bob.address, 10n ** 30n)], { signer: t.alice, atomic: false })
      .catch((e) => e);
    expect(err).to.be.instanceOf(BatchInterruptedError);
    expect([(err as BatchInterruptedError).index, (err as BatchInterruptedError).completed.length]).to.deep.equal([1, 1]);
  });

  it('watches typed events until aborted', async () => {
    const abort = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const { event } of client.watch(client.api.events.tfkvStore.EntrySet, abort.signal)) {
        seen.push(event.data[1].toUtf8());
        abort.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    await client.submit(client.api.tx.tfkvStore.set('watched', 'v'), { signer: t.alice });
    await watching;
    expect(seen).to.deep.equal(['watched']);
  });
});

describe('SDK: never hangs', () => {
  it('ends a transaction no block includes in a TimeoutError; the account\'s next transaction still goes through', async () => {
    const chain = await startLocalChain({ port: 0, blockMode: 'manual' });
    // the client's default timeout applies when a submission gives none
    const client = await connect({ endpoint: chain.endpoint, reconnect: false, submitTimeoutMs: 1500 });
    try {
      const { signerFromUri } = await import('../../sdk/src/signer.js');
      const alice = await signerFromUri('//Alice');
      const t0 = Date.now();
      const err = await client.submit(client.api.tx.system.remark('0x01'), { signer: alice }).catch((e) => e);
      expect(err, String(err)).to.be.instanceOf(TimeoutError);
      expect(['Ready', 'Broadcast']).to.include((err as TimeoutError).lastStatus); // accepted by the pool, never included
      expect(Date.now() - t0).to.be.lessThan(4000);
      const next = client.submit(client.api.tx.system.remark('0x02'), { signer: alice, timeoutMs: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
      await client.api.rpc('dev_newBlock' as never, {} as never);
      expect((await next).nonce).to.equal(1); // after the first, which the block also included
    } finally {
      await client.close();
      await chain.close();
    }
  });

  it('rejects connect to a closed port with ConnectionError within its timeout', async () => {
    const t0 = Date.now();
    const err = await connect({ endpoint: 'ws://127.0.0.1:1', connectTimeoutMs: 2000, reconnect: false }).catch((e) => e);
    expect(err).to.be.instanceOf(ConnectionError);
    expect(Date.now() - t0).to.be.lessThan(6000);
  });

  it('ends a pending submission with ConnectionError when the chain stops, long before its timeout', async () => {
    const chain: LocalChain = await startLocalChain({ port: 0, blockMode: 'manual' });
    const client = await connect({ endpoint: chain.endpoint, reconnect: false });
    try {
      const alice = (await import('../../sdk/src/signer.js')).signerFromUri('//Alice');
      const pending = client.submit(client.api.tx.system.remark('0x01'), { signer: await alice, timeoutMs: 8000 }).catch((e) => e);
      await new Promise((r) => setTimeout(r, 300));
      await chain.close();
      const t0 = Date.now();
      const err = await pending;
      // the local chain closes its clients' connections when it stops (localchain/server.ts)
      expect(err, String(err)).to.be.instanceOf(ConnectionError);
      expect(Date.now() - t0).to.be.lessThan(4000);
    } finally {
      await client.close().catch(() => {});
    }
  });
});

describe('SDK: signers and generated types', () => {
  let t: TestChain;
  let client: TfitClient;
  before(async () => {
    t = await startTestChain();
    client = await connect({ endpoint: t.chain.endpoint });
  });
  after(async () => {
    await client?.close();
    await t?.close();
  });

  it('signs with ed25519 pairs from a mnemonic (Zero-OS node keys are ed25519)', async () => {
    const { mnemonicGenerate } = await import('@polkadot/util-crypto');
    const { signerFromUri } = await import('../../sdk/src/signer.js');
    const nodeKey = await signerFromUri(mnemonicGenerate(), 'ed25519');
    expect(nodeKey.type).to.equal('ed25519');
    await client.submit(client.api.tx.balances.transferKeepAlive(nodeKey.address, 10n * TFT), { signer: t.alice });
    const r = await client.submit(client.api.tx.system.remark('0x01'), { signer: nodeKey });
    expect(r.fee > 0n).to.equal(true);
  });

  it('signs through any polkadot-js Signer (an extension, a wallet)', async () => {
    const pair = t.bob;
    let asked = 0;
    const signer = {
      async signPayload(payload: { address: string }) {
        asked++;
        const raw = client.api.registry.createType('ExtrinsicPayload', payload, { version: 4 });
        return { id: asked, signature: raw.sign(pair).signature };
      },
    };
    const r = await client.submit(client.api.tx.system.remark('0x02'), { signer: { address: pair.address, signer: signer as never } });
    expect(asked).to.equal(1);
    expect(r.blockHash).to.match(/^0x/);
  });

  it('types were generated from this runtime (a stale build fails here)', async () => {
    const { METADATA_HASH } = await import('../../sdk/src/interfaces/metadata-hash.js');
    const { buildMetadata } = await import('../../runtime/schema/metadata.js');
    const { blake2AsHex } = await import('@polkadot/util-crypto');
    expect(METADATA_HASH).to.equal(blake2AsHex(buildMetadata().v15));
    expect(await client.checkRuntime()).to.equal(true);
  });
});

describe('SDK: reconnect', () => {
  it('reconnects with backoff after the connection drops, and submits again', async () => {
    const { createServer, connect: tcp } = await import('node:net');
    const chain = await startLocalChain({ port: 0 });
    // a TCP relay in front of the chain: dropping its sockets is a lost connection the client cannot tell from a network failure
    const sockets = new Set<import('node:net').Socket>();
    const relay = createServer((inbound) => {
      const outbound = tcp(chain.port, '127.0.0.1');
      for (const s of [inbound, outbound]) { sockets.add(s); s.on('error', () => {}); s.on('close', () => sockets.delete(s)); }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
    const relayPort = (relay.address() as { port: number }).port;
    const client = await connect({ endpoint: `ws://127.0.0.1:${relayPort}`, reconnect: { initialDelayMs: 100, maxDelayMs: 1000 } });
    try {
      const { signerFromUri } = await import('../../sdk/src/signer.js');
      const alice = await signerFromUri('//Alice');
      await client.submit(client.api.tx.system.remark('0x01'), { signer: alice });
      for (const s of sockets) s.destroy();
      await new Promise((r) => setTimeout(r, 200));
      const deadline = Date.now() + 15_000;
      while (!client.api.isConnected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(client.api.isConnected).to.equal(true);
      const r = await client.submit(client.api.tx.system.remark('0x02'), { signer: alice, timeoutMs: 10_000 });
      expect(r.nonce).to.equal(1);
    } finally {
      await client.close();
      relay.close();
      for (const s of sockets) s.destroy();
      await chain.close();
    }
  });
});
