import { expect } from 'chai';
import WebSocket from 'ws';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { firstValueFrom, filter, take, toArray, timeout } from 'rxjs';
import { createWsClient } from 'polkadot-api/ws';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { DedotClient, WsProvider as DedotWsProvider } from 'dedot';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';

/**
 * The embedded chain with the three TypeScript clients an app may use, each with its
 * defaults and no tfit types: polkadot-js (legacy JSON-RPC), polkadot-api (the new
 * chainHead_v1 / transaction_v1 families) and dedot (both its clients: v2 and legacy).
 * Each connects, reads the metadata and a constant, queries storage, submits and watches
 * a transfer and decodes its events, decodes a module error, and follows new and
 * finalized heads.
 */
const TFT = 10_000_000n;
const TOO_MUCH = 10n ** 30n;

describe('localchain: polkadot-js, polkadot-api and dedot clients', function () {
  this.timeout(120_000);
  let chain: LocalChain;
  let alice: KeyringPair;
  let genesisHash: string;
  const keyring = () => new Keyring({ type: 'sr25519' });
  before(async () => {
    await cryptoWaitReady();
    chain = await startLocalChain({ port: 0 });
    alice = keyring().addFromUri('//Alice');
    const api = await ApiPromise.create({ provider: new WsProvider(chain.endpoint), noInitWarn: true });
    genesisHash = api.genesisHash.toHex();
    await api.disconnect();
  });
  after(async () => { await chain?.close(); });

  it('polkadot-js: metadata, storage, a watched transfer with its events, a module error, new and finalized heads', async () => {
    const api = await ApiPromise.create({ provider: new WsProvider(chain.endpoint), noInitWarn: true, throwOnConnect: true });
    try {
      expect(api.runtimeVersion.specName.toString()).to.equal('tfit');
      expect(api.consts.system.ss58Prefix.toNumber()).to.be.a('number');
      const bob = keyring().addFromUri('//clients//pjs').address;
      const heads: number[] = [];
      const finalized: number[] = [];
      const unsubHeads = await api.rpc.chain.subscribeNewHeads((h) => { heads.push(h.number.toNumber()); });
      const unsubFinal = await api.rpc.chain.subscribeFinalizedHeads((h) => { finalized.push(h.number.toNumber()); });
      const events = await new Promise<string[]>((resolve, reject) => {
        api.tx.balances.transferKeepAlive(bob, 5n * TFT).signAndSend(alice, ({ status, events: evs, dispatchError }) => {
          if (dispatchError) reject(new Error(dispatchError.toString()));
          if (status.isInBlock) resolve(evs.map(({ event }) => `${event.section}.${event.method}`));
        }).catch(reject);
      });
      expect(events).to.include.members(['balances.Transfer', 'system.ExtrinsicSuccess']);
      expect((await api.query.system.account(bob)).data.free.toBigInt()).to.equal(5n * TFT);
      const error = await new Promise<string>((resolve, reject) => {
        api.tx.balances.transferKeepAlive(bob, TOO_MUCH).signAndSend(alice, ({ status, dispatchError }) => {
          if (status.isInBlock && dispatchError?.isModule) {
            const { section, name } = api.registry.findMetaError(dispatchError.asModule);
            resolve(`${section}.${name}`);
          } else if (status.isInBlock) reject(new Error('the overdraft succeeded'));
        }).catch(reject);
      });
      expect(error).to.match(/^balances\./);
      await until(() => heads.length >= 2 && finalized.length >= 2, 'new and finalized heads');
      expect(heads.at(-1)! > heads[0]).to.equal(true);
      unsubHeads();
      unsubFinal();
    } finally {
      await api.disconnect();
    }
  });

  it('polkadot-api (chainHead_v1, transaction_v1): metadata, storage, a watched transfer with its events, a module error, new and finalized heads', async () => {
    const client = createWsClient(chain.endpoint, { websocketClass: WebSocket as never });
    try {
      expect((await client.getChainSpecData()).genesisHash).to.equal(genesisHash);
      const finalized = await client.getFinalizedBlock();
      expect((await client.getMetadata(finalized.hash)).length).to.be.greaterThan(10_000);
      const api = client.getUnsafeApi();
      const version = await api.constants.System.Version() as { spec_name: string };
      expect(version.spec_name).to.equal('tfit');
      const account = await api.query.System.Account.getValue(alice.address) as { data: { free: bigint } };
      expect(account.data.free > 0n).to.equal(true);

      const signer = getPolkadotSigner(alice.publicKey, 'Sr25519', (payload) => alice.sign(payload));
      const bob = keyring().addFromUri('//clients//papi').address;
      const transfer = (value: bigint) => api.tx.Balances.transfer_keep_alive({ dest: { type: 'Id', value: bob }, value });
      const blocks = firstValueFrom(client.finalizedBlock$.pipe(take(3), toArray(), timeout(30_000)));
      const best = firstValueFrom(client.bestBlocks$.pipe(filter((b) => b[0].number > finalized.number), take(1), timeout(30_000)));
      const done = await transfer(5n * TFT).signAndSubmit(signer) as { ok: boolean; events: { type: string; value: { type: string } }[] };
      expect(done.ok).to.equal(true);
      expect(done.events.map((e) => `${e.type}.${e.value.type}`)).to.include.members(['Balances.Transfer', 'System.ExtrinsicSuccess']);
      expect(((await api.query.System.Account.getValue(bob)) as { data: { free: bigint } }).data.free).to.equal(5n * TFT);

      const failed = await transfer(TOO_MUCH).signAndSubmit(signer) as { ok: boolean; dispatchError: { type: string; value: { type: string; value: { type: string } } } };
      expect(failed.ok).to.equal(false);
      expect(failed.dispatchError.type).to.equal('Module');
      expect(failed.dispatchError.value.type).to.equal('Balances');
      expect(failed.dispatchError.value.value.type).to.be.a('string');

      const followed = await blocks;
      expect(followed.map((b) => b.number)).to.deep.equal([...followed.map((b) => b.number)].sort((a, b) => a - b));
      expect((await best)[0].number).to.be.greaterThan(finalized.number);
    } finally {
      client.destroy();
    }
  });

  for (const rpcVersion of ['v2', 'legacy'] as const) {
    it(`dedot (${rpcVersion === 'v2' ? 'DedotClient on chainHead_v1' : 'LegacyClient'}): metadata, storage, a watched transfer with its events, a module error, new and finalized heads`, async () => {
      const client = await DedotClient.new({ provider: new DedotWsProvider(chain.endpoint), rpcVersion });
      try {
        expect(client.rpcVersion).to.equal(rpcVersion);
        expect(client.runtimeVersion.specName).to.equal('tfit');
        expect(client.genesisHash).to.equal(genesisHash);
        expect(client.metadata.version).to.match(/^V1[45]$/);
        expect((await client.query.system.account(alice.address)).data.free > 0n).to.equal(true);

        const heads: number[] = [];
        const finalized: number[] = [];
        const unsubBest = await client.block.best((b: { number: number }) => heads.push(b.number));
        const unsubFinal = await client.block.finalized((b: { number: number }) => finalized.push(b.number));
        const bob = keyring().addFromUri(`//clients//dedot//${rpcVersion}`).address;
        const included = await client.tx.balances.transferKeepAlive(bob, 5n * TFT).signAndSend(alice).untilBestChainBlockIncluded();
        expect(included.dispatchError).to.equal(undefined);
        const named = (e: unknown) => { const { pallet, palletEvent } = e as { pallet: string; palletEvent: string | { name: string } }; return `${pallet}.${typeof palletEvent === 'string' ? palletEvent : palletEvent.name}`; };
        expect(included.events.map(({ event }) => named(event)))
          .to.include.members(['Balances.Transfer', 'System.ExtrinsicSuccess']);
        expect((await client.query.system.account(bob)).data.free).to.equal(5n * TFT);

        const failed = await client.tx.balances.transferKeepAlive(bob, TOO_MUCH).signAndSend(alice).untilBestChainBlockIncluded();
        expect(failed.dispatchError, 'a module error').to.not.equal(undefined);
        const meta = client.registry.findErrorMeta(failed.dispatchError!);
        expect(meta?.pallet).to.equal('Balances');
        expect(meta?.name).to.be.a('string');
        await until(() => heads.length >= 2 && finalized.length >= 2, 'new and finalized heads');
        unsubBest();
        unsubFinal();
      } finally {
        await client.disconnect();
      }
    });
  }
});

async function until(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
