import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { putContent, getContent, ContentStoreError } from '@tfit/sdk';

/** The content store: a real HTTP server on loopback, content-addressed, persistent, bounded. */
describe('content store', () => {
  let dir: string;
  let store: ContentStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfit-store-'));
    store = await startContentStore({ dir, maxBytes: 1024 });
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores by hash and serves the same bytes back', async () => {
    const bytes = new TextEncoder().encode('console.log("hello")');
    const hash = await putContent(store.url, bytes);
    expect(hash).to.equal(blake2AsHex(bytes));
    expect(Buffer.from(await getContent(store.url, hash)).toString()).to.equal('console.log("hello")');
    expect(await putContent(store.url, bytes)).to.equal(hash); // idempotent
  });

  it('refuses content whose bytes do not hash to the address, with a clear error', async () => {
    const wrong = blake2AsHex('something else');
    const res = await fetch(`${store.url}/content/${wrong}`, { method: 'PUT', body: 'payload' });
    expect(res.status).to.equal(400);
    expect(await res.json()).to.deep.include({ error: 'hash mismatch', expected: wrong, actual: blake2AsHex('payload') });
    expect((await fetch(`${store.url}/content/${wrong}`)).status).to.equal(404);
  });

  it('refuses oversize uploads (413) and malformed addresses (400)', async () => {
    const err = await putContent(store.url, new Uint8Array(2048)).catch((e) => e);
    expect(err).to.be.instanceOf(ContentStoreError);
    expect([(err as ContentStoreError).status, (err as Error).message]).to.satisfy(([s, m]: [number, string]) => s === 413 && /larger than 1024 bytes/.test(m));
    expect((await fetch(`${store.url}/content/abc`)).status).to.equal(400);
    const missing = await getContent(store.url, blake2AsHex('never stored')).catch((e) => e);
    expect((missing as ContentStoreError).status).to.equal(404);
  });

  it('keeps its blobs across a restart', async () => {
    const hash = await putContent(store.url, new TextEncoder().encode('persisted'));
    await store.close();
    store = await startContentStore({ dir, maxBytes: 1024 });
    expect(Buffer.from(await getContent(store.url, hash)).toString()).to.equal('persisted');
  });

  it('an unreachable store is a typed error, not a hang', async () => {
    const err = await getContent('http://127.0.0.1:1', blake2AsHex('x'), 2000).catch((e) => e);
    expect(err).to.be.instanceOf(ContentStoreError);
    expect((err as ContentStoreError).status).to.equal(0);
  });
});
