import { expect } from 'chai';
import WebSocket from 'ws';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';

/** A bare JSON-RPC client: what the chain sends, byte for byte, with no client library between. */
class RawRpc {
  private next = 1;
  private pending = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();
  readonly notifications: { subscription: string; result: unknown }[] = [];
  private constructor(private ws: WebSocket) {
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      if (m.id !== undefined) this.pending.get(m.id)?.(m);
      else this.notifications.push(m.params);
    });
  }
  static open(endpoint: string): Promise<RawRpc> {
    const ws = new WebSocket(endpoint);
    return new Promise((resolve, reject) => { ws.once('open', () => resolve(new RawRpc(ws))); ws.once('error', reject); });
  }
  call(method: string, params: unknown[] = []): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result)));
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }
  async until<T>(what: string, pick: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = pick();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(this.notifications)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  close() { this.ws.terminate(); }
}

describe('localchain: JSON-RPC as the spec and a Substrate node write it', function () {
  this.timeout(60_000);
  let chain: LocalChain;
  let rpc: RawRpc;
  let api: ApiPromise;
  before(async () => {
    await cryptoWaitReady();
    chain = await startLocalChain({ port: 0 });
    rpc = await RawRpc.open(chain.endpoint);
    api = await ApiPromise.create({ provider: new WsProvider(chain.endpoint), noInitWarn: true });
  });
  after(async () => { rpc?.close(); await api?.disconnect(); await chain?.close(); });

  it("chainHead_v1_follow(withRuntime): the runtime as { type: 'valid', spec } with apis by id; the finalized block and its ancestors; new blocks and finality follow", async () => {
    await rpc.call('dev_newBlock', [{ count: 20 }]); // more finalized blocks than the event names
    const sub = await rpc.call('chainHead_v1_follow', [true]) as string;
    const events = () => rpc.notifications.filter((n) => n.subscription === sub).map((n) => n.result as Record<string, unknown>);
    const init = await rpc.until('initialized event', () => events().find((e) => e.event === 'initialized'));
    const version = await rpc.call('state_getRuntimeVersion') as { specName: string; specVersion: number; implVersion: number; transactionVersion: number; apis: [string, number][] };
    expect(init.finalizedBlockRuntime).to.deep.equal({
      type: 'valid',
      spec: { specName: version.specName, implName: (version as unknown as { implName: string }).implName, specVersion: version.specVersion, implVersion: version.implVersion, transactionVersion: version.transactionVersion, apis: Object.fromEntries(version.apis) },
    });
    // as a Substrate node: the finalized block last, after up to 15 of its ancestors 
    const head = await api.rpc.chain.getHeader();
    const ancestry = await Promise.all(Array.from({ length: head.number.toNumber() + 1 }, async (_, n) => (await api.rpc.chain.getBlockHash(n)).toHex()));
    expect(ancestry.length).to.be.greaterThan(16);
    expect(init.finalizedBlockHashes).to.deep.equal(ancestry.slice(-16));
    expect((init.finalizedBlockHashes as string[]).at(-1)).to.equal(head.hash.toHex());

    await api.tx.system.remark('0x01').signAndSend(new Keyring({ type: 'sr25519' }).addFromUri('//Alice'));
    const block = await rpc.until('newBlock event', () => events().find((e) => e.event === 'newBlock'));
    expect(block.newRuntime).to.equal(null); // same runtime as its parent
    await rpc.until('finalized event', () => events().find((e) => e.event === 'finalized' && (e.finalizedBlockHashes as string[]).includes(block.blockHash as string)));
    await rpc.call('chainHead_v1_unfollow', [sub]);
  });

  it('author_submitAndWatchExtrinsic: unit statuses are bare strings ("ready"), the others objects', async () => {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const tx = await api.tx.system.remark('0x02').signAsync(alice, { nonce: -1 });
    const sub = await rpc.call('author_submitAndWatchExtrinsic', [tx.toHex()]) as string;
    const statuses = () => rpc.notifications.filter((n) => n.subscription === sub).map((n) => n.result);
    await rpc.until('finalized status', () => statuses().find((s) => typeof s === 'object' && s !== null && 'finalized' in s));
    const [ready, ...rest] = statuses();
    expect(ready).to.equal('ready');
    expect(rest.map((s) => Object.keys(s as object)[0])).to.deep.equal(['broadcast', 'inBlock', 'finalized']);
  });
});
