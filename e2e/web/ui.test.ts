// @target fresh-chopsticks: genesis ids and balances (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { SimNode } from '../../zos/node.js';
import { idleWorkload } from '../../zos/fixtures.js';
import { startUiServer, WEB_DIST, type UiServer } from '../../web/serve.js';
import { connect, grid, stakeholders, workload, putContent, Orchestrator, type TfitClient, type DeploymentRecord } from '@tfit/sdk';
import { waitFor } from '../support/wait.js';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = join('web', 'results');
const GIB = 1024n ** 3n;

/**
 * The web app in a real browser (Debian's chromium through playwright-core): two
 * stakeholders (code, legal) review deployments the consumer made; one approves deployment 1
 * by keyboard alone, the other rejects deployment 2 with a reason; the page shows 1 running
 * and 2 rejected, the grid, and what went wrong in the page (a deployment missing from the
 * store, an unreachable chain). Screenshots of each view go to web/results/.
 */
describe('web app (real browser)', function () {
  this.timeout(300_000);
  let chain: LocalChain, store: ContentStore, client: TfitClient, ui: UiServer, browser: Browser, dir: string;
  let consumer: KeyringPair, expert: KeyringPair;
  const nodes: SimNode[] = [];
  let first: Promise<DeploymentRecord>, second: Promise<unknown>;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.TFIT_BROWSER_TESTS === 'required') throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
      console.log(`      skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
      return this.skip();
    }
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('the web app is not built: npm run build:web');
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-web-'));
    mkdirSync(RESULTS, { recursive: true });
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint });
    const sr = new Keyring({ type: 'sr25519' });
    const farmer = sr.addFromUri('//Alice');
    [expert, consumer] = [sr.addFromUri('//Charlie'), sr.addFromUri('//Dave')];
    for (const signer of [farmer, expert, consumer, sr.addFromUri('//Eve'), sr.addFromUri('//Ferdie')]) await grid.createTwin(client, { signer }); // twins 1-5
    await grid.createFarm(client, { signer: farmer, name: 'farm_web' });
    for (const i of [1, 2]) {
      const key = new Keyring({ type: 'ed25519' }).addFromUri(`//WebNode${i}`);
      await client.submit(client.api.tx.balances.transferKeepAlive(key.address, 1000n * 10_000_000n), { signer: farmer });
      nodes.push(await SimNode.start({ endpoint: chain.endpoint, client, storeUrl: store.url, workDir: join(dir, `n${i}`), key, farmId: 1, capacity: { cru: 8n, mru: 16n * GIB, sru: 256n * GIB, hru: 0n }, uptimeIntervalMs: 0 }));
    }
    const idle = idleWorkload(2);
    await putContent(store.url, idle.file);
    const o = new Orchestrator(client, consumer, store.url);
    const roles = { 4: 'code', 5: 'legal' };
    // deployment 1: either stakeholder's approval is enough; deployment 2: both must approve
    first = o.deploy(workload.signDefinition({ ...idle.definition, description: 'an idle service' }, expert), {}, { stakeholders: [4, 5], threshold: 1, roles, timeoutMs: 240_000 });
    await waitFor('deployment 1 registered', () => stakeholders.consensusOf(client, 1), 60_000);
    second = o.deploy(workload.signDefinition({ ...idle.definition, version: '2' }, expert), {}, { stakeholders: [4, 5], threshold: 2, roles, timeoutMs: 240_000 }).catch((e) => e);
    await waitFor('deployment 2 registered', () => stakeholders.consensusOf(client, 2), 60_000);
    // deployment 3: its document is not in the store
    await client.batch([
      client.api.tx.smartContractModule.createNodeContract(1, `0x${'ab'.repeat(32)}`, '', 0, null),
      client.api.tx.smartContractModule.addStakeholders(3, [4], 1),
    ], { signer: consumer });
    ui = await startUiServer({ endpoint: chain.endpoint, store: store.url });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    await ui?.close();
    for (const n of nodes) await n.stop();
    await client?.close();
    await store?.close();
    await chain?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openAs(who: string, query = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ui.url}?as=${who}${query}`);
    await page.getByRole('status').filter({ hasText: 'connected to' }).waitFor({ timeout: 30_000 });
    (page as unknown as { errors: string[] }).errors = errors;
    return page;
  }
  /** Every control has an accessible name (a label, aria-label, or its text). */
  const unlabeled = (page: Page) => page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea')]
    .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent?.trim())))
    .map((el) => el.outerHTML));

  it('the code reviewer sees what to approve (files checked in the browser, processes, cost) and approves deployment 1 by keyboard alone', async () => {
    const page = await openAs('Eve');
    const d1 = page.getByRole('article', { name: 'deployment 1' });
    await d1.waitFor({ timeout: 30_000 });
    const files = d1.getByRole('table', { name: 'files of deployment 1' });
    expect(await files.innerText()).to.match(/idle\.js\s+29 B\s+0x[0-9a-f]{8}…[0-9a-f]{6}\s+✔ matches/);
    const processes = await d1.getByRole('table', { name: 'processes of deployment 1' }).innerText();
    expect(processes).to.include(process.execPath).and.to.include('idle.js').and.to.include('128 MB');
    expect(await d1.getByLabel('estimated cost').innerText()).to.match(/Estimated cost: \d+\.\d{4} TFT per hour \(\d+\.\d{4} USD\), \d+\.\d{2} TFT per month .* 1 node\(s\), pricing policy 1/);
    expect(await d1.innerText()).to.include("✔ the expert twin's key on chain");
    // deployment 3's document is missing from the store: said in the page
    expect(await page.getByRole('article', { name: 'deployment 3' }).getByRole('alert').innerText()).to.match(/cannot be trusted or read: content 0xabab.*no content/);
    expect(await unlabeled(page), 'controls without an accessible name').to.deep.equal([]);
    await page.screenshot({ path: join(RESULTS, 'review.png'), fullPage: true });

    // keyboard only: Tab to the approve button of deployment 1, then Enter
    const target = d1.getByRole('button', { name: 'Approve deployment 1' });
    await page.locator('body').focus();
    for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await target.evaluate((el) => el === document.activeElement), 'the approve button is reachable by Tab').to.equal(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Approved deployment 1.' }).waitFor({ timeout: 30_000 });
    expect((await stakeholders.consensusOf(client, 1))?.status).to.equal('Approved');
    expect((page as unknown as { errors: string[] }).errors).to.deep.equal([]);
    await page.close();
  });

  it('the legal reviewer rejects deployment 2 with a reason; the page shows 1 running and 2 rejected', async () => {
    const page = await openAs('Ferdie');
    const d2 = page.getByRole('article', { name: 'deployment 2' });
    await d2.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('article', { name: 'deployment 1' }).count(), 'approved: no longer waiting').to.equal(0);
    await d2.getByRole('button', { name: 'Reject deployment 2' }).click();
    await page.getByRole('alert').filter({ hasText: 'Give a reason to reject deployment 2.' }).waitFor();
    await d2.getByLabel('Reason').fill('GDPR: personal data would leave the EU');
    await d2.getByRole('button', { name: 'Reject deployment 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Rejected deployment 2.' }).waitFor({ timeout: 30_000 });
    const record = await first;
    expect(record.phase).to.equal('running');
    expect(String(await second)).to.match(/rejected/);

    await page.getByRole('tab', { name: 'Follow a deployment' }).click();
    const follow = page.getByRole('article', { name: 'deployment 1' });
    await follow.getByRole('table', { name: 'contracts of deployment 1' }).filter({ hasText: 'Running' }).waitFor({ timeout: 30_000 });
    expect(await follow.getByRole('list', { name: 'stakeholders' }).innerText()).to.match(/twin 4 \(code\): approved\s+twin 5 \(legal\): pending/);
    expect(await follow.getByRole('list', { name: 'timeline' }).innerText()).to.include('phase running');
    await page.screenshot({ path: join(RESULTS, 'follow.png'), fullPage: true });
    await page.getByLabel('Deployment id').fill('2');
    const rejected = page.getByRole('article', { name: 'deployment 2' });
    await rejected.waitFor({ timeout: 30_000 });
    // a rejected deployment has no contract left, so no owner to read role labels from: the vote and reason show
    expect(await rejected.innerText()).to.match(/Status: Rejected/).and.to.match(/twin 5: rejected — GDPR: personal data would leave the EU/).and.to.include('canceled');
    await page.getByLabel('Deployment id').fill('x');
    expect(await page.getByRole('alert').innerText()).to.equal('A deployment id is a positive whole number.');

    await page.getByRole('tab', { name: 'The grid' }).click();
    const table = page.getByRole('table', { name: 'nodes' });
    await table.waitFor();
    expect((await table.innerText()).split('\n').filter((l) => /^\d+\t1\tup/.test(l))).to.have.length(2);
    await page.screenshot({ path: join(RESULTS, 'grid.png'), fullPage: true });
    expect(await unlabeled(page)).to.deep.equal([]);
    await page.close();
  });

  it('an unreachable endpoint is said in the page, with what to check', async () => {
    const page = await browser.newPage();
    await page.goto(`${ui.url}?endpoint=ws://127.0.0.1:9`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).to.match(/^Cannot reach the chain at ws:\/\/127\.0\.0\.1:9: .*Check the endpoint/);
    await page.screenshot({ path: join(RESULTS, 'unreachable.png') });
    await page.close();
  });
});
