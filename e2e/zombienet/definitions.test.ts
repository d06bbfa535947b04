import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { TypeRegistry } from '@polkadot/types';
import { hexToU8a } from '@polkadot/util';
import { xxhashAsHex } from '@polkadot/util-crypto';
import { readNetworkConfig } from '@zombienet/utils';
import type { ComputedNetwork } from '@zombienet/orchestrator/dist/configTypes.js';
import { parse_to_json } from '@zombienet/dsl-parser-wrapper';
import { specPath } from '../../chain-spec/paths.js';
import { startLocalChain } from '../../localchain/index.js';
import { requireNodeBinary } from '../support/node.js';
import { waitFor } from '../support/wait.js';

/**
 * zombienet/: the network definitions and .zndsl tests, read by Zombienet's own loaders
 * (@zombienet/utils' readNetworkConfig, the orchestrator's generateNetworkSpec, the DSL
 * parser) so they cannot rot without a node binary; the js-script run on the embedded chain;
 * and, with TFIT_NODE_BIN set, the networks themselves (`zombienet -p native test`).
 */
// The orchestrator loads @polkadot/* as CommonJS next to this process' ESM copies (same
// versions): e2e/support/env.ts tells polkadot-js this pair is expected.
const { generateNetworkSpec } = await import('@zombienet/orchestrator/dist/configGenerator.js');

const DIR = 'zombienet';
const files = (ext: string) => readdirSync(DIR).filter((f) => f.endsWith(ext)).sort().map((f) => join(DIR, f));
const NETWORKS = files('.toml');
const TESTS = files('.zndsl');
const require = createRequire(import.meta.url);
/** Stands in for the node binary while loading: the definitions must take the command from the environment. */
const FAKE_BIN = '/nonexistent/tfchain-from-env';

type Env = Record<string, string | undefined>;
async function withEnv<T>(vars: Env, fn: () => T | Promise<T>): Promise<T> {
  const saved: Env = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (v: Env) => { for (const [k, x] of Object.entries(v)) if (x === undefined) delete process.env[k]; else process.env[k] = x; };
  set(vars);
  try {
    return await fn();
  } finally {
    set(saved);
  }
}
const load = (file: string) => withEnv({ TFIT_NODE_BIN: FAKE_BIN, TFIT_CHAIN_SPEC: undefined }, () => readNetworkConfig(file));

/** Aura and Grandpa authorities (hex public keys) in a raw chain spec's genesis storage. */
function genesisAuthorities(specFile: string): { aura: string[]; grandpa: string[] } {
  const top: Record<string, string> = JSON.parse(readFileSync(specFile, 'utf8')).genesis.raw.top;
  const value = (pallet: string, item: string) => {
    const v = top[xxhashAsHex(pallet, 128) + xxhashAsHex(item, 128).slice(2)];
    if (!v) throw new Error(`${specFile}: no ${pallet}.${item} in genesis`);
    return hexToU8a(v);
  };
  const registry = new TypeRegistry();
  return {
    aura: registry.createType('Vec<[u8; 32]>', value('Aura', 'Authorities')).map((k) => k.toHex()),
    grandpa: registry.createType('Vec<([u8; 32], u64)>', value('Grandpa', 'Authorities')).map(([k]) => k.toHex()),
  };
}

describe('zombienet: network definitions', () => {
  it('zombienet/ holds at least one network and one test', () => {
    expect(NETWORKS).to.not.be.empty;
    expect(TESTS).to.not.be.empty;
  });

  for (const file of NETWORKS) {
    describe(file, () => {
      let network: ComputedNetwork;

      before(async () => {
        const config = await load(file);
        // generateNetworkSpec exits the process on a missing spec file: check first, with a useful message
        const spec = resolve(config.relaychain.chain_spec_path ?? '');
        if (!existsSync(spec)) throw new Error(`${file}: chain spec ${spec} does not exist (npm run build:spec)`);
        network = await withEnv({ TFIT_NODE_BIN: FAKE_BIN }, () => generateNetworkSpec(config));
      });

      it('takes the node binary from TFIT_NODE_BIN, and refuses to load without it', async () => {
        await withEnv({ TFIT_NODE_BIN: undefined }, () => expect(() => readNetworkConfig(file)).to.throw(/Environment not set for : TFIT_NODE_BIN/));
        expect((await load(file)).relaychain.default_command).to.equal(FAKE_BIN);
        for (const n of network.relaychain.nodes) expect(n.command, n.name).to.equal(FAKE_BIN);
      });

      it("runs the local preset's raw spec (chain-spec/dist/local.json, or TFIT_CHAIN_SPEC)", async () => {
        expect(network.relaychain.chainSpecPath).to.equal(specPath('local'));
        const spec = JSON.parse(readFileSync(specPath('local'), 'utf8'));
        expect(spec.id).to.equal('tfit_local');
        expect(spec.genesis.raw.top).to.be.an('object'); // raw: Zombienet uses it as is
        const other = await withEnv({ TFIT_NODE_BIN: FAKE_BIN, TFIT_CHAIN_SPEC: '/elsewhere/local.json' }, () => readNetworkConfig(file));
        expect(other.relaychain.chain_spec_path).to.equal('/elsewhere/local.json');
      });

      it("has at least 3 validators whose keystores hold exactly the spec's Aura and Grandpa authorities", () => {
        const validators = network.relaychain.nodes.filter((n) => n.validator);
        expect(validators.map((n) => n.name)).to.include.members(['alice', 'bob', 'charlie']);
        expect(validators).to.have.length.of.at.least(3);
        for (const n of validators) expect((n as unknown as { keystoreKeyTypes: string[] }).keystoreKeyTypes).to.include.members(['aura_sr', 'gran_ed']);
        const { aura, grandpa } = genesisAuthorities(network.relaychain.chainSpecPath!);
        // Zombienet derives each node's keys from its name (//Alice for alice): sr25519 for aura, ed25519 for gran
        expect(validators.map((n) => n.accounts.sr_account.publicKey).sort()).to.deep.equal([...aura].sort());
        expect(validators.map((n) => n.accounts.ed_account.publicKey).sort()).to.deep.equal([...grandpa].sort());
      });
    });
  }
});

interface Assertion { original_line: string; parsed: { fn: string; args: { node_name?: string; metric_name?: string; file_path?: string } } }

describe('zombienet: tests (.zndsl)', () => {
  for (const file of TESTS) {
    it(`${file} parses with Zombienet's DSL parser, and names only its network's nodes and existing scripts`, async () => {
      const def: { network: string; assertions: Assertion[] } = JSON.parse(parse_to_json(readFileSync(file, 'utf8')));
      // resolved as Zombienet's test runner does: as given, else relative to the .zndsl
      const networkFile = existsSync(def.network) ? def.network : resolve(dirname(file), def.network);
      expect(NETWORKS.map((n) => resolve(n))).to.include(resolve(networkFile));
      const nodes = ((await load(networkFile)).relaychain.nodes ?? []).map((n) => n.name);
      for (const a of def.assertions) if (a.parsed.args.node_name) expect(nodes, a.original_line).to.include(a.parsed.args.node_name);
      const lines = (fn: string) => def.assertions.filter((a) => a.parsed.fn === fn);
      expect(lines('IsUp').map((a) => a.parsed.args.node_name)).to.include.members(nodes);
      expect(lines('Report').map((a) => a.parsed.args.metric_name)).to.include('finalised height');
      expect(lines('CustomJs')).to.not.be.empty;
      for (const a of lines('CustomJs')) {
        const script = resolve(dirname(file), a.parsed.args.file_path!);
        expect(existsSync(script), a.original_line).to.equal(true);
        expect(require(script).run, `${script} exports run()`).to.be.a('function');
      }
    });
  }
});

describe('zombienet: deploy-and-approve.cjs on the embedded chain (local preset)', () => {
  it('creates twins, a farm, a node and a guarded contract through the SDK, and returns 1 once approved', async () => {
    const chain = await startLocalChain({ port: 0, spec: specPath('local') });
    try {
      const { run } = require('../../zombienet/deploy-and-approve.cjs');
      expect(await run('alice', { nodesByName: { alice: { name: 'alice', wsUri: chain.endpoint } } })).to.equal(1);
    } finally {
      await chain.close();
    }
  });
});

describe('zombienet: networks on a real node (tfit-node)', function () {
  let bin: string;
  before(function () {
    bin = requireNodeBinary(this);
  });
  for (const file of TESTS) {
    it(`zombienet -p native test ${file}`, async function () {
      this.timeout(30 * 60_000);
      const cli = require.resolve('@zombienet/cli/dist/cli.js');
      const code = await new Promise<number | null>((done, fail) => {
        const child = spawn(process.execPath, [cli, '-p', 'native', '-l', 'text', 'test', file], { stdio: 'inherit', env: { ...process.env, TFIT_NODE_BIN: bin } });
        child.on('error', fail);
        child.on('exit', (c) => done(c));
      });
      expect(code, `zombienet test ${file} exit code`).to.equal(0);
    });
  }

  it('the target-agnostic e2e suites (e2e/target) pass against a spawned network (TFIT_TARGET=zombienet)', async function () {
    this.timeout(30 * 60_000);
    const cli = require.resolve('@zombienet/cli/dist/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'tfit-zombienet-'));
    // its own process group, so that the network's nodes go with it
    const network = spawn(process.execPath, [cli, '-p', 'native', '-l', 'silent', '-d', join(dir, 'net'), 'spawn', NETWORKS[0]], {
      stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, TFIT_NODE_BIN: bin },
    });
    let out = '';
    network.stdout!.on('data', (c) => (out += c));
    network.stderr!.on('data', (c) => (out += c));
    const exited = new Promise<void>((r) => network.once('exit', () => r()));
    try {
      await Promise.race([
        waitFor('the network finalizing on alice (ws://127.0.0.1:9944)', () => finalizedOn('ws://127.0.0.1:9944').then((n) => n >= 1, () => false), 300_000),
        exited.then(() => { throw new Error(`zombienet spawn exited: ${out.slice(-3000)}`); }),
      ]);
      const mocha = require.resolve('mocha/bin/mocha.js');
      const code = await new Promise<number | null>((done, fail) => {
        // --no-config: .mocharc's spec list would add every suite to e2e/target
        const args = [mocha, '--no-config', '--node-option', 'import=tsx', '--require', 'e2e/support/env.ts', '--require', 'e2e/support/target-hooks.ts', '--timeout', '300000', '--exit', 'e2e/target/*.test.ts'];
        const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, TFIT_TARGET: 'zombienet' } });
        child.on('error', fail);
        child.on('exit', (c) => done(c));
      });
      expect(code, 'TFIT_TARGET=zombienet mocha e2e/target exit code').to.equal(0);
    } finally {
      try { process.kill(-network.pid!, 'SIGINT'); } catch { /* gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      try { process.kill(-network.pid!, 'SIGKILL'); } catch { /* gone */ }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The finalized block number at `endpoint`, over a one-off JSON-RPC connection (rejects within 5 s). */
async function finalizedOn(endpoint: string): Promise<number> {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(endpoint);
  const call = (id: number, method: string, params: unknown[]) => new Promise<unknown>((resolve, reject) => {
    ws.send(JSON.stringify({ id, jsonrpc: '2.0', method, params }));
    ws.on('message', (data) => { const m = JSON.parse(String(data)); if (m.id === id) (m.error ? reject(new Error(m.error.message)) : resolve(m.result)); });
  });
  const timer = setTimeout(() => ws.terminate(), 5_000);
  try {
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); ws.once('close', () => reject(new Error('closed'))); });
    const hash = await call(1, 'chain_getFinalizedHead', []);
    const header = (await call(2, 'chain_getHeader', [hash])) as { number: string };
    return Number(header.number);
  } finally {
    clearTimeout(timer);
    ws.removeAllListeners();
    ws.on('error', () => {});
    ws.terminate();
  }
}
