import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { POLKADOT_LINE } from './support/output.js';

/** The bash block after `<!-- cli-doc-test -->` in README.md, verbatim. */
function readmeCliBlock(): string {
  const readme = readFileSync('README.md', 'utf8');
  const marker = readme.indexOf('<!-- cli-doc-test -->');
  expect(marker, 'README.md has a <!-- cli-doc-test --> block').to.be.greaterThan(0);
  const start = readme.indexOf('```bash\n', marker) + '```bash\n'.length;
  return readme.slice(start, readme.indexOf('\n```', start));
}


describe('README CLI block (doc test)', function () {
  this.timeout(420_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tfit-cli-readme-'));
    // `tfit` as an installed package provides it: a command on PATH (the bin, cli/tfit.mjs)
    mkdirSync(join(dir, 'bin'));
    symlinkSync(resolve('cli/tfit.mjs'), join(dir, 'bin', 'tfit'));
    mkdirSync(join(dir, 'work'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs verbatim on a fresh chain: keys, funds, twins, farm, nodes, sign, publish, deploy, approve, the workload answers, cancel; only tfit lines', async () => {
    const script = `set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n${readmeCliBlock()}\n`;
    const child = spawn('bash', ['-c', script], { cwd: join(dir, 'work'), detached: true, env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    // never hang: the whole process group goes after 6 minutes
    const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 360_000);
    const code = await new Promise<number | null>((r) => child.once('close', r));
    clearTimeout(timer);
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* every job already stopped */ }
    expect(code, output).to.equal(0);
    expect(output).to.match(/twin 3 for 5\w+ \(terms accepted\)/);
    expect(output).to.match(/farm 1 "my-farm" owned by twin 4/);
    expect(output).to.match(/node 2 \(twin 6, 5\w+, 127\.0\.10\.2\) watching/);
    expect(output).to.match(/approved: 1 is Approved \(1\/1 approvals\)/);
    expect(output).to.include('deployment 1 running on node(s) 1, 2');
    expect(output).to.include('hello from tfit');
    expect(output).to.match(/contract 2 on node 2: Running/);
    expect(output).to.include('twin 3 (code): approved: code reviewed');
    expect(output).to.include('deployment 1 canceled');
    expect(output).to.match(/my-service@0\.1\.0 +twin 1 +published +✔/);
    expect(output).to.match(/deployment 3 running on node\(s\) [12]/);
    expect(output).to.match(/deployment 3: running/);
    expect(output, 'polkadot-js lines reached the user').not.to.match(POLKADOT_LINE);
  });
});
