import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

describe('README example', () => {
  it('runs: a transfer on the embedded chain prints its fee and events', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/transfer.ts'], { timeout: 90_000 });
    expect(stdout).to.match(/chain: tfit_dev at ws:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).to.match(/fee: \d+ units/);
    expect(stdout).to.include('balances.Transfer');
    expect(stdout).to.include('system.ExtrinsicSuccess');
    expect(stdout).to.include('bob: 10000050000000 units');
  });
});
