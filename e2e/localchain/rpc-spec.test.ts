import { expect } from 'chai';
import WebSocket from 'ws';
import type { ApiPromise } from '@polkadot/api';
import { startTestChain, type TestChain } from '../support/chain.js';

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
  let t: TestChain;
  let rpc: RawRpc;
  let api: ApiPromise;
  before(async () => {
    t = await startTestChain();
    api = t.api;
    rpc = await RawRpc.open(t.chain.endpoint);
  });
  after(async () => { rpc?.close(); await t?.close(); });

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

    await api.tx.system.remark('0x01').signAndSend(t.alice);
    const block = await rpc.until('newBlock event', () => events().find((e) => e.event === 'newBlock'));
    expect(block.newRuntime).to.equal(null); // same runtime as its parent
    await rpc.until('finalized event', () => events().find((e) => e.event === 'finalized' && (e.finalizedBlockHashes as string[]).includes(block.blockHash as string)));
    await rpc.call('chainHead_v1_unfollow', [sub]);
  });

  it('author_submitAndWatchExtrinsic: unit statuses are bare strings ("ready"), the others objects', async () => {
    const alice = t.alice;
    const tx = await api.tx.system.remark('0x02').signAsync(alice, { nonce: -1 });
    const sub = await rpc.call('author_submitAndWatchExtrinsic', [tx.toHex()]) as string;
    const statuses = () => rpc.notifications.filter((n) => n.subscription === sub).map((n) => n.result);
    await rpc.until('finalized status', () => statuses().find((s) => typeof s === 'object' && s !== null && 'finalized' in s));
    const [ready, ...rest] = statuses();
    expect(ready).to.equal('ready');
    expect(rest.map((s) => Object.keys(s as object)[0])).to.deep.equal(['broadcast', 'inBlock', 'finalized']);
  });

  it('chainSpec_v1, archive_v1 and transaction_v1 answer as the spec writes them', async () => {
    const genesis = (await api.rpc.chain.getBlockHash(0)).toHex();
    expect(await rpc.call('chainSpec_v1_genesisHash')).to.equal(genesis);
    expect(await rpc.call('chainSpec_v1_chainName')).to.equal((await api.rpc.system.chain()).toString());
    expect(await rpc.call('chainSpec_v1_properties')).to.be.an('object');
    expect(await rpc.call('archive_v1_genesisHash')).to.equal(genesis);
    const head = await api.rpc.chain.getHeader();
    expect(await rpc.call('archive_v1_finalizedHeight')).to.equal(head.number.toNumber());
    expect(await rpc.call('archive_v1_hashByHeight', [head.number.toNumber()])).to.deep.equal([head.hash.toHex()]);
    expect(await rpc.call('archive_v1_hashByHeight', [head.number.toNumber() + 100])).to.deep.equal([]);
    expect(await rpc.call('archive_v1_header', [head.hash.toHex()])).to.equal(head.toHex());
    expect(await rpc.call('archive_v1_header', [`0x${'12'.repeat(32)}`])).to.equal(null);
    const body = (await api.rpc.chain.getBlock(head.hash)).block.extrinsics.map((x) => x.toHex());
    expect(await rpc.call('archive_v1_body', [head.hash.toHex()])).to.deep.equal(body);
    const version = await rpc.call('archive_v1_call', [head.hash.toHex(), 'Core_version', '0x']) as { success: boolean; value: string };
    expect(version.success).to.equal(true);
    expect(api.createType('RuntimeVersion', version.value).specName.toString()).to.equal('tfit');
    const failed = await rpc.call('archive_v1_call', [head.hash.toHex(), 'No_such_api', '0x']) as { success: boolean; error: unknown };
    expect(failed.success).to.equal(false);
    expect(failed.error).to.be.a('string').and.not.equal('');

    // broadcast: an operation id for a valid and an invalid transaction alike; only the valid one lands
    const tx = await api.tx.system.remark('0x03').signAsync(t.alice, { nonce: -1 });
    expect(await rpc.call('transaction_v1_broadcast', ['0xdeadbeef'])).to.be.a('string');
    expect(await rpc.call('transaction_v1_broadcast', [tx.toHex()])).to.be.a('string');
    const deadline = Date.now() + 10_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      const block = await api.rpc.chain.getBlock();
      found = block.block.extrinsics.some((x) => x.toHex() === tx.toHex());
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    expect(found, 'the broadcast transaction was included').to.equal(true);
  });
});
