/**
 * The target machinery itself: TFIT_TARGET parsing, and a whole mocha run against an
 * endpoint (a chain this test starts and hands over by URL, as a devnet would be): the
 * target suite passes there, suites that need a fresh Chopsticks chain are skipped saying
 * so, and a feature the chain lacks skips its suite with the reason.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { targetSetting } from '../support/target.js';

function mocha(env: Record<string, string>, ...specs: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/mocha/bin/mocha.js', '--no-config', '--node-option', 'import=tsx', '--require', 'e2e/support/target-hooks.ts', '--timeout', '120000', '--exit', ...specs], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('e2e targets (TFIT_TARGET)', () => {
  it('parses the setting: chopsticks by default, zombienet, any ws:// URL; refuses anything else', () => {
    expect(targetSetting('')).to.deep.equal({ kind: 'chopsticks' }); // unset (not undefined: that takes TFIT_TARGET, which a target run sets)
    expect(targetSetting('chopsticks')).to.deep.equal({ kind: 'chopsticks' });
    expect(targetSetting('zombienet').kind).to.equal('zombienet');
    expect(targetSetting('wss://tfchain.dev.grid.tf/ws')).to.deep.equal({ kind: 'endpoint', endpoint: 'wss://tfchain.dev.grid.tf/ws' });
    expect(() => targetSetting('devnet')).to.throw(/TFIT_TARGET must be chopsticks, zombienet or a ws:\/\/ \/ wss:\/\/ URL \(got "devnet"\)/);
  });

  describe('a run against an endpoint', () => {
    let chain: LocalChain;
    before(async () => (chain = await startLocalChain({ port: 0 })));
    after(async () => chain?.close());

    it('runs the target suite there and skips fresh-chain suites visibly', async function () {
      this.timeout(300_000);
      const { code, out } = await mocha({ TFIT_TARGET: chain.endpoint }, 'e2e/target/chain.test.ts', 'e2e/runtime/balances.test.ts');
      expect(code, out).to.equal(0);
      expect(out).to.match(/✔ creates a node contract, refuses a duplicate with a typed ModuleError, and cancels it/);
      expect(out).to.match(/✔ holds a contract until its stakeholder approves it/);
      expect(out).to.match(/- .*\(skipped: needs a fresh Chopsticks chain; on TFIT_TARGET=ws:\/\/127\.0\.0\.1:\d+ the target suites are e2e\/target\/\)/);
      expect(out).to.not.match(/failing/);
    });

    it('skips what the chain lacks, with the reason (a chain without stakeholder calls, as TF-Chain)', async function () {
      this.timeout(300_000);
      const { code, out } = await mocha({ TFIT_TARGET: chain.endpoint, TFIT_TARGET_HIDE: 'stakeholders' }, 'e2e/target/chain.test.ts');
      expect(code, out).to.equal(0);
      expect(out).to.match(/- holds a contract until its stakeholder approves it \(skipped: the chain has no stakeholder calls/);
      expect(out).to.match(/✔ sets, reads and deletes a value/);
    });
  });
});
