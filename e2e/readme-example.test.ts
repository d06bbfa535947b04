import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';

describe('README example', () => {
  it('runs: a transfer on the embedded chain prints its fee and events (npm run example)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/transfer.ts'], { timeout: 90_000 });
    expect(stdout).to.match(/chain: tfit_dev at ws:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).to.match(/fee: \d+ units/);
    expect(stdout).to.include('balances.Transfer');
    expect(stdout).to.include('system.ExtrinsicSuccess');
    expect(stdout).to.include('bob: 10000050000000 units');
  });
});

describe('README SDK example', () => {
  it('runs: twins, farm, node, a guarded contract, a typed refusal and a watched approval', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/sdk.ts'], { timeout: 90_000 });
    expect(stdout).to.include('refused: tfgridModule.NodeWithTwinIdExists');
    expect(stdout).to.include('approved: contract 1');
    expect(stdout).to.match(/contract 1: Approved \(approval fee \d+ units\)/);
  });
});

describe('README node example', function () {
  before(async function () {
    const { requireNodeBinary } = await import('./support/node.js');
    requireNodeBinary(this);
  });
  it('runs: a transfer finalized on tfit-node --dev and on a four-validator network (npm run example:node)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/node.ts'], { timeout: 180_000 });
    expect(stdout).to.match(/dev: ws:\/\/127\.0\.0\.1:\d+ finalized a transfer in block \d+/);
    expect(stdout).to.match(/network: ws:\/\/127\.0\.0\.1:\d+ finalized a transfer in block \d+/);
  }).timeout(200_000);
});

describe('README harness example', () => {
  it('is examples/testing/app.mocha.ts as it is (which e2e/testing/harness.test.ts runs), but for its first comment line', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.indexOf("## tfit as your app's test harness");
    const start = readme.indexOf('```ts\n', section) + '```ts\n'.length;
    const block = readme.slice(start, readme.indexOf('```', start));
    expect(block).to.equal(readFileSync('examples/testing/app.mocha.ts', 'utf8').split('\n').slice(1).join('\n'));
  });
});
