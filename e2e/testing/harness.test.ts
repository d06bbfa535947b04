import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { NodeBinaryMissingError, startNetwork } from '@tfit/testing';
import { deployHello } from '../../examples/testing/hello.js';

const run = promisify(execFile);
const leftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith('tfit-testing-')).sort();

/** Resolves true when something accepts a WebSocket at `endpoint` within 2 s. */
const answers = (endpoint: string) => new Promise<boolean>((resolve) => {
  const ws = new WebSocket(endpoint);
  const done = (v: boolean) => { ws.removeAllListeners(); ws.on('error', () => {}); ws.terminate(); resolve(v); };
  ws.once('open', () => done(true));
  ws.once('error', () => done(false));
  setTimeout(() => done(false), 2000);
});

describe('@tfit/testing: startNetwork', function () {
  this.timeout(180_000);

  it("runs an app's mocha suite and node:test suite (examples/testing): deploy, approve, both nodes answer", async () => {
    const mocha = await run(process.execPath, ['node_modules/mocha/bin/mocha.js', '--no-config', '--node-option', 'import=tsx', '--timeout', '120000', '--exit', 'examples/testing/app.mocha.ts'], { timeout: 150_000 });
    expect(mocha.stdout).to.match(/1 passing/);
    const nodeTest = await run(process.execPath, ['--import', 'tsx', '--test', 'examples/testing/app.node-test.ts'], { timeout: 150_000 });
    expect(nodeTest.stdout).to.match(/# pass 1\n# fail 0/);
  });

  it('two networks side by side on free ports; close() leaves no chain, store, workload or folder behind', async () => {
    const before = leftovers();
    const [a, b] = await Promise.all([startNetwork({ nodes: 1 }), startNetwork({ nodes: 1 })]);
    let urls: string[] = [];
    try {
      expect(a.endpoint).not.to.equal(b.endpoint);
      expect(a.nodes[0].ip).not.to.equal(b.nodes[0].ip);
      const deployed = await Promise.all([deployHello(a), deployHello(b)]);
      expect(deployed.map((d) => d.answers)).to.deep.equal([[`hello from ${a.nodes[0].ip}`], [`hello from ${b.nodes[0].ip}`]]);
      urls = deployed.flatMap((d) => d.urls);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    await a.close(); // idempotent
    for (const net of [a, b]) {
      expect(await answers(net.endpoint), `${net.endpoint} still answers`).to.equal(false);
      expect(await fetch(net.storeUrl).then(() => 'up', () => 'down')).to.equal('down');
    }
    for (const url of urls) expect(await fetch(url).then(() => 'up', () => 'down'), url).to.equal('down');
    expect(leftovers()).to.deep.equal(before);
  });

  it('a start that fails (no tfit-node binary) rejects with the reason and leaves nothing behind', async () => {
    const before = leftovers();
    const saved = process.env.TFIT_NODE_BIN;
    process.env.TFIT_NODE_BIN = '/nonexistent/tfit-node';
    try {
      const e = await startNetwork({ chain: 'tfit-node' }).then(() => null, (err: Error) => err);
      expect(e).to.be.instanceOf(NodeBinaryMissingError);
      expect(e!.message).to.include('npm run build:node');
    } finally {
      if (saved === undefined) delete process.env.TFIT_NODE_BIN; else process.env.TFIT_NODE_BIN = saved;
    }
    expect(leftovers()).to.deep.equal(before);
  });
});
