import { expect } from 'chai';
import { POLKADOT_LINE } from './support/output.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The README's main command: the whole flow, end to end, with real processes. */
describe('demo (npm start / npm run demo)', () => {
  it('deploys a signed service on two nodes after two of three approvals, calls it, bills it, and stops cleanly', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { timeout: 150_000 });
    // only tfit's own lines: none of polkadot-js's (RPC-CORE disconnects, API/INIT, version warnings)
    expect(`${stdout}${stderr}`).not.to.match(POLKADOT_LINE);
    expect(stdout).to.match(/web app at http:\/\/127\.0\.0\.1:\d+\/\?as=Eve/);
    expect(stdout).to.match(/awaiting 2 of stakeholders/);
    expect(stdout).to.match(/eve approves deployment 1/);
    expect(stdout).to.match(/3bot\s+approved/);
    expect(stdout).to.match(/contract 1 on node \d: Running/);
    expect(stdout).to.match(/contract 2 on node \d: Running/);
    expect(stdout).to.match(/GET http:\/\/127\.0\.10\.1:\d+\/ → hello from tfit from 127\.0\.10\.1/);
    expect(stdout).to.match(/GET http:\/\/127\.0\.10\.2:\d+\/ → hello from tfit from 127\.0\.10\.2/);
    expect(stdout).to.match(/contract 1 billed [1-9]\d* units/);
    expect(stdout).to.match(/done: everything stopped/);
  });
});
