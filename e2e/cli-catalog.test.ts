// @target fresh-chopsticks: genesis ids and balances, Chopsticks dev RPCs (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../localchain/index.js';
import { startContentStore, type ContentStore } from '../zos/store.js';
import { idleWorkload } from '../zos/fixtures.js';
import { connect, grid, type TfitClient } from '@tfit/sdk';
import { tfit } from './support/cli.js';

/** `tfit catalog` publish / search / show / withdraw, and `tfit deploy NAME@VERSION` refusing what does not verify. */
describe('tfit CLI: catalog', () => {
  let chain: LocalChain, store: ContentStore, client: TfitClient, dir: string, expertTwin: number;
  const common = () => ['--endpoint', chain.endpoint];

  /** Writes the idle workload (and its file) as NAME@1.0.0 naming `twinId`, signs it with `key` through the CLI; resolves to the signed file. */
  async function signedFile(name: string, twinId: number, key: string): Promise<string> {
    const { file, definition } = idleWorkload(twinId);
    writeFileSync(join(dir, 'idle.js'), file);
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...definition, name, version: '1.0.0', description: 'Idles quietly', tags: ['demo'] }));
    const signed = await tfit('definition', 'sign', join(dir, `${name}.json`), '--key', key, '--json');
    expect(signed.code, signed.stderr).to.equal(0);
    return JSON.parse(signed.stdout).file;
  }

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-cli-catalog-'));
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint });
    const sr = new Keyring({ type: 'sr25519' });
    const twins = await Promise.all(['//Alice', '//Charlie', '//Eve'].map((u) => grid.createTwin(client, { signer: sr.addFromUri(u) })));
    expertTwin = twins[1].id;
  });
  after(async () => {
    await client?.close();
    await store?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publish (with its files), search --json, show; bad input exits 2', async () => {
    const file = await signedFile('idle-svc', expertTwin, '//Charlie');
    const notSigner = await tfit('catalog', 'publish', file, ...common(), '--store', store.url, '--key', '//Eve');
    expect([notSigner.code, notSigner.stderr]).to.satisfy(([c, e]: [number, string]) => c === 2 && /an expert publishes only what they signed/.test(e));
    const published = await tfit('catalog', 'publish', file, ...common(), '--store', store.url, '--key', '//Charlie', '--files', dir, '--json');
    expect(published.code, published.stderr).to.equal(0);
    expect(JSON.parse(published.stdout)).to.deep.include({ ref: 'idle-svc@1.0.0', files: [idleWorkload(expertTwin).definition.files[0].blake2_256] });

    const search = await tfit('catalog', 'search', 'idles', ...common(), '--store', store.url, '--tag', 'demo', '--max-cru', '1', '--json');
    expect(search.code, search.stderr).to.equal(0);
    const found = JSON.parse(search.stdout);
    expect(found).to.have.length(1);
    expect(found[0]).to.deep.include({ name: 'idle-svc', version: '1.0.0', verified: true, status: 'published', expert: { twinId: expertTwin, account: addressOf('//Charlie') } });
    expect(found[0]).not.to.have.property('signed');
    expect(JSON.parse((await tfit('catalog', 'search', ...common(), '--store', store.url, '--tag', 'web', '--json')).stdout)).to.deep.equal([]);
    expect((await tfit('catalog', 'search', ...common(), '--store', store.url)).stdout).to.match(/idle-svc@1\.0\.0\s+twin \d+\s+published\s+✔/);

    const show = await tfit('catalog', 'show', 'idle-svc@1.0.0', ...common(), '--store', store.url);
    expect(show.code, show.stderr).to.equal(0);
    for (const text of ['verified ✔', 'Idles quietly', 'tags: demo', 'files:', 'idle.js', 'processes:', 'capacity: cru 1'])
      expect(show.stdout).to.include(text);
    expect((await tfit('catalog', 'show', 'idle-svc', ...common(), '--store', store.url)).code).to.equal(2);
    expect((await tfit('catalog', 'show', 'idle-svc@1.0.0', ...common())).code).to.equal(2); // no --store
    const missing = await tfit('catalog', 'show', 'idle-svc@9', ...common(), '--store', store.url);
    expect([missing.code, missing.stderr]).to.satisfy(([c, e]: [number, string]) => c === 1 && /no catalog entry idle-svc@9/.test(e));
  });

  it('deploy NAME@VERSION refuses an unverified entry and a withdrawn one, with the reason (exit 1)', async () => {
    // Eve signs and anchors a definition naming the expert's twin
    const forged = await signedFile('forged-svc', expertTwin, '//Eve');
    expect((await tfit('catalog', 'publish', forged, ...common(), '--store', store.url, '--key', '//Eve')).code).to.equal(0);
    const shown = await tfit('catalog', 'show', 'forged-svc@1.0.0', ...common(), '--store', store.url);
    expect(shown.stdout).to.include('not verified ✘');
    const refused = await tfit('deploy', 'forged-svc@1.0.0', ...common(), '--store', store.url, '--key', '//Alice');
    expect(refused.code, refused.stderr).to.equal(1);
    expect(refused.stderr).to.include('forged-svc@1.0.0 does not verify');
    expect(refused.stderr).to.include(`the signer is not the expert twin ${expertTwin}'s key`);

    const withdrawn = await tfit('catalog', 'withdraw', 'idle-svc@1.0.0', ...common(), '--reason', 'leaks memory', '--key', '//Charlie');
    expect(withdrawn.stdout).to.equal('withdrew idle-svc@1.0.0: leaks memory\n');
    const gone = await tfit('deploy', 'idle-svc@1.0.0', ...common(), '--store', store.url, '--key', '//Alice');
    expect([gone.code, gone.stderr]).to.deep.equal([1, 'tfit: idle-svc@1.0.0 is withdrawn: leaks memory\n']);
    expect((await tfit('catalog', 'withdraw', 'idle-svc@1.0.0', ...common(), '--key', '//Charlie')).code).to.equal(2); // no --reason
  });
});

const addressOf = (uri: string) => new Keyring({ type: 'sr25519' }).addFromUri(uri).address;
