import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

/** The SDK as a package: compiled ESM with declarations, importable by plain Node (no TypeScript loader). */
describe('SDK: package', () => {
  it('builds to dist/ with .d.ts, and plain node imports it', async () => {
    const pkg = JSON.parse(readFileSync('sdk/package.json', 'utf8'));
    expect(existsSync(`sdk/${pkg.types.replace('./', '')}`)).to.equal(true);
    const script = "const m = await import('./sdk/dist/index.js'); console.log(Object.keys(m).filter((k) => ['connect', 'ModuleError', 'grid', 'contracts', 'stakeholders'].includes(k)).sort().join(','));";
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 });
    expect(stdout.trim()).to.equal('ModuleError,connect,contracts,grid,stakeholders');
  });
});

describe('SDK: API docs', () => {
  it('npm run docs renders the TSDoc with no warnings', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', 'docs'], { timeout: 120_000 });
    expect(stdout).to.match(/html generated/);
    expect(existsSync('sdk/docs/index.html')).to.equal(true);
  });
});
