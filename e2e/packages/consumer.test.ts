import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The packages as an outside app gets them: `npm pack` the three workspaces, install the
 * tarballs into a copy of examples/testing in a temporary folder (nothing resolves into the
 * repository), and run that app's own `npm test`: strict tsc, then its mocha and node:test
 * suites on `startNetwork({ nodes: 2 })`. Twice: with the newest @polkadot versions the peer
 * ranges allow (what npm picks) and with the lowest ones, pinned.
 */
const run = promisify(execFile);
const PACKAGES = ['sdk', 'testing', 'cli'];
const PEERS: Record<string, string> = JSON.parse(readFileSync('sdk/package.json', 'utf8')).peerDependencies;

/** The environment a shell in that folder would have: none of this repository's npm_* settings. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'INIT_CWD' && k !== 'NODE_OPTIONS'));
/** Runs a command in the app's folder; a failure carries the command's own output. */
async function inApp(cmd: string, args: string[], cwd: string, timeout = 300_000): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, args, { cwd, env: cleanEnv(), timeout, maxBuffer: 64 << 20 });
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n')}`);
  }
}

/** The lowest version a caret range allows (`^16.5.4` → `16.5.4`). */
function lowest(range: string): string {
  const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!m) throw new Error(`peer range ${range} is not a caret range; teach lowest() about it`);
  return m[1];
}

/** Processes still running from the app's folder, or from a folder startNetwork made. */
function strays(app: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cwd.startsWith(app) || cwd.startsWith(join(tmpdir(), 'tfit-testing-')) || cmd.includes(app)) out.push(`${pid} ${cmd}`);
    } catch { /* exited meanwhile */ }
  }
  return out;
}

describe('packages: an outside app installs @tfit/sdk, @tfit/testing and @tfit/cli', function () {
  this.timeout(900_000);
  let work: string;
  let tarballs: string[];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'tfit-consumer-'));
    await run('npm', ['run', 'build:sdk'], { timeout: 120_000 });
    await run('npm', ['run', 'build:testing'], { timeout: 120_000 });
    await run('npm', ['run', 'build:cli'], { timeout: 120_000 });
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work, ...PACKAGES.flatMap((p) => ['-w', p])], { timeout: 120_000 });
    tarballs = (JSON.parse(stdout) as { filename: string }[]).map((t) => join(work, t.filename));
  });
  after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

  it('the tarballs hold the compiled packages, the chain specs and the wasm, and no sources', async () => {
    const listing = (await Promise.all(tarballs.map(async (t) => (await run('tar', ['-tzf', t])).stdout))).join('');
    for (const f of ['package/dist/index.js', 'package/dist/testing/index.js', 'package/dist/chain-spec/dist/dev.json', 'package/dist/runtime/dist/tfit_runtime.wasm', 'package/dist/tfit.js']) {
      expect(listing).to.include(f);
    }
    expect(listing.split('\n').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).to.deep.equal([]);
  });

  for (const versions of ['newest', 'lowest'] as const) {
    it(`the app's own tests (tsc strict, mocha, node:test) pass with the ${versions} @polkadot versions the peer ranges allow; nothing is left running; npx tfit works`, async () => {
      const app = join(work, `app-${versions}`);
      // the lowest run starts from the newest run's install, so npm only swaps the pinned
      // @polkadot packages (a cold install of the tarballs' dependencies takes ~2 min here)
      const from = versions === 'lowest' && existsSync(join(work, 'app-newest', 'node_modules')) ? join(work, 'app-newest') : 'examples/testing';
      cpSync(from, app, { recursive: true, verbatimSymlinks: true, filter: (src) => src !== join(from, 'dist') });
      const pins = versions === 'lowest' ? Object.entries(PEERS).map(([name, range]) => `${name}@${lowest(range)}`) : [];
      await inApp('npm', ['install', '--no-audit', '--no-fund', '--save-dev', ...tarballs, ...pins], app);
      const installed = JSON.parse(readFileSync(join(app, 'node_modules/@polkadot/api/package.json'), 'utf8')).version as string;
      if (versions === 'lowest') expect(installed).to.equal(lowest(PEERS['@polkadot/api']));
      else expect(installed.split('.').map(Number)).to.satisfy((v: number[]) => v[0] === 16 && (v[1] > 5 || (v[1] === 5 && v[2] >= 4)));

      // mocha runs without --exit: a handle close() left open would keep it from exiting
      const { stdout } = await inApp('npm', ['test'], app);
      expect(stdout).to.match(/1 passing/);
      expect(stdout).to.match(/# pass 1\n# fail 0/);
      expect(strays(app)).to.deep.equal([]);

      const help = await inApp('npx', ['tfit', '--help'], app, 60_000);
      expect(help.stdout).to.match(/^tfit: ThreeFold Smart Contract for IT/);
      expect(help.stdout).to.include('node-sim');
    });
  }
});
