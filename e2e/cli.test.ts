import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../localchain/index.js';
import { startContentStore, type ContentStore } from '../zos/store.js';
import { fetchWhenListening, freePort } from '../zos/net.js';
import { connect, grid, type TfitClient } from '@tfit/sdk';
import { CLI, tfit } from './support/cli.js';

/** The tfit CLI through the whole flow, against a chain, a store and a node-sim it starts. */
describe('tfit CLI', () => {
  let chain: LocalChain, store: ContentStore, client: TfitClient, dir: string, sim: ChildProcess | undefined;
  let expertTwin: number, eveTwin: number;
  const common = () => ['--endpoint', chain.endpoint];

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-cli-'));
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint });
    const sr = new Keyring({ type: 'sr25519' });
    const [farmer, expert, consumer, eve] = ['//Alice', '//Charlie', '//Dave', '//Eve'].map((u) => sr.addFromUri(u));
    const node = new Keyring({ type: 'ed25519' }).addFromUri('//CliNode1');
    await client.submit(client.api.tx.balances.transferKeepAlive(node.address, 1000n * 10_000_000n), { signer: farmer });
    const twins = await Promise.all([farmer, expert, consumer, eve].map((signer) => grid.createTwin(client, { signer })));
    expertTwin = twins[1].id;
    eveTwin = twins[3].id;
    await grid.createFarm(client, { signer: farmer, name: 'farm1' });
  });
  after(async () => {
    sim?.kill('SIGINT');
    await client?.close();
    await store?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('definition init / sign / verify / publish, with clear refusals', async () => {
    const def = join(dir, 'def.json');
    expect((await tfit('definition', 'init', def)).code).to.equal(0);
    const service = "require('http').createServer((q, s) => s.end('cli ok')).listen(Number(process.argv[2]), process.env.TFIT_IP);\n";
    writeFileSync(join(dir, 'service.js'), service);
    const d = JSON.parse(readFileSync(def, 'utf8'));
    d.expert.twinId = expertTwin;
    d.files = [{ name: 'service.js', size: Buffer.byteLength(service), blake2_256: blake2AsHex(service) }];
    d.processes[0].command = process.execPath;
    writeFileSync(def, JSON.stringify(d));
    const signed = await tfit('definition', 'sign', def, '--key', '//Charlie', '--json');
    expect(signed.code, signed.stderr).to.equal(0);
    const signedFile = JSON.parse(signed.stdout).file;
    expect((await tfit('definition', 'verify', signedFile)).stdout).to.match(/^valid: my-service 0x[0-9a-f]{64}/);
    const tampered = JSON.parse(readFileSync(signedFile, 'utf8'));
    tampered.definition.processes[0].args.push('--evil');
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = await tfit('definition', 'verify', join(dir, 'tampered.json'));
    expect([bad.code, bad.stderr]).to.satisfy(([c, e]: [number, string]) => c === 1 && /signature does not verify/.test(e));
    const invalid = await tfit('definition', 'sign', join(dir, 'tampered.json'), '--key', '//Charlie');
    expect(invalid.code).to.equal(2); // not a definition: usage/input error with every problem listed
    expect(invalid.stderr).to.match(/definition\.(format|definition): /);
    const published = await tfit('definition', 'publish', signedFile, '--store', store.url, '--files', dir);
    expect(published.stdout).to.match(/published 1 file\(s\)/);
  });

  it('node-sim, deploy with a stakeholder, approve, status, nodes; usage errors exit 2', async () => {
    sim = spawn(process.execPath, [...CLI, 'node-sim', ...common(), '--store', store.url, '--farm', '1', '--count', '1', '--key-prefix', '//CliNode', '--dir', join(dir, 'nodes'), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await new Promise<{ nodeId: number }>((resolve, reject) => {
      sim!.stdout!.on('data', (c: Buffer) => { try { resolve(JSON.parse(c.toString().split('\n')[0])); } catch { /* partial line */ } });
      sim!.on('exit', (code) => reject(new Error(`node-sim exited ${code}`)));
    });
    expect(started.nodeId).to.equal(1);
    const port = await freePort();
    const signedFile = join(dir, 'def.signed.json');
    const deploying = tfit('deploy', signedFile, ...common(), '--store', store.url, '--key', '//Dave', '--param', `port=${port}`, '--stakeholders', String(eveTwin), '--threshold', '1', '--roles', 'legal', '--json');
    await new Promise((r) => setTimeout(r, 3000));
    const approved = await tfit('approve', '1', ...common(), '--key', '//Eve', '--note', 'GDPR checked');
    expect(approved.stdout).to.match(/approved: 1 is Approved \(1\/1 approvals\)/);
    const deployed = await deploying;
    expect(deployed.code, deployed.stderr).to.equal(0);
    expect(JSON.parse(deployed.stdout.trim().split('\n').at(-1)!)).to.deep.include({ deploymentId: 1, phase: 'running' });
    expect(await (await fetchWhenListening(`http://127.0.10.1:${port}/`)).text()).to.equal('cli ok');
    const status = JSON.parse((await tfit('status', '1', ...common(), '--key', '//Dave', '--json')).stdout);
    expect([status.phase, status.states[0].state.state]).to.deep.equal(['running', 'Running']);
    expect(status.signoffs, 'the role label and the approval note').to.deep.equal([{ twinId: eveTwin, role: 'legal', vote: 'approved', note: 'GDPR checked' }]);
    expect((await tfit('status', '1', ...common(), '--key', '//Dave')).stdout).to.include(`twin ${eveTwin} (legal): approved: GDPR checked`);
    const mislabeled = await tfit('deploy', signedFile, ...common(), '--store', store.url, '--key', '//Dave', '--stakeholders', String(eveTwin), '--roles', 'code,legal');
    expect([mislabeled.code, mislabeled.stderr]).to.deep.equal([2, 'tfit: --roles: 2 label(s) for 1 stakeholder(s); give one per --stakeholders twin, in the same order\n']);
    const nodes = JSON.parse((await tfit('nodes', ...common(), '--json')).stdout);
    expect(nodes.map((n: { id: number }) => n.id)).to.deep.equal([1]);
    expect((await tfit('deploy')).code).to.equal(2);
    const missing = await tfit('approve', '99', ...common(), '--key', '//Eve', '--timeout', '1');
    expect([missing.code, missing.stderr]).to.satisfy(([c, e]: [number, string]) => c === 1 && /deployment 99 does not exist \(waited 1 s\)/.test(e));
    expect((await tfit('cancel', '1', ...common(), '--key', '//Dave')).stdout).to.match(/canceled/);
  });
  it('from a fresh key: refusals name the account, the call and the command that fixes it', async () => {
    const keyFile = join(dir, 'broke.key');
    const made = JSON.parse((await tfit('key', 'new', '--out', keyFile, '--json')).stdout);
    expect(made).to.have.keys('address', 'type', 'file');
    const unpaid = await tfit('transfer', ...common(), '--key', `@${keyFile}`, '--to', '//Bob', '--amount', '1');
    expect(unpaid.code).to.equal(1);
    expect(unpaid.stderr).to.include(`${made.address} cannot pay the fee for balances.transferKeepAlive`);
    expect(unpaid.stderr).to.include(`tfit transfer --key //Alice --to ${made.address} --amount 100`);
    const noTwin = await tfit('farm', 'create', 'nofarm', ...common(), '--key', `@${keyFile}`);
    expect([noTwin.code, noTwin.stderr]).to.satisfy(([c, e]: [number, string]) => c === 2 && e.includes(`${made.address} needs a twin to own a farm: \`tfit twin create`));
    const unfunded = await tfit('node-sim', ...common(), '--store', store.url, '--farm', '1', '--key-prefix', '//NeverFunded');
    expect(unfunded.code).to.equal(2);
    expect(unfunded.stderr).to.match(/node key 5\w+ has 0 TFT; it needs at least 10 TFT .*--fund-from \/\/Alice/);
    expect((await tfit('transfer', ...common(), '--key', '//Alice', '--to', `@${keyFile}`, '--amount', '2.5')).stdout).to.match(/now has 2\.5 TFT/);
    expect(JSON.parse((await tfit('balance', ...common(), '--key', `@${keyFile}`, '--json')).stdout).free).to.equal('25000000');
    expect((await tfit('transfer', ...common(), '--key', '//Alice', '--to', '//Bob', '--amount', '-3')).code).to.equal(2);
  });

  it('--help: every command lists every flag it takes with its default, --endpoint included', async () => {
    const { COMMANDS } = await import('../cli/flags.js');
    for (const [name, command] of Object.entries(COMMANDS)) {
      const { code, stdout } = await tfit(name, '--help');
      expect(code, name).to.equal(0);
      for (const flag of command.flags) expect(stdout, `${name} --help`).to.include(`--${flag} `);
    }
    expect((await tfit('deploy', '--help')).stdout).to.match(/--endpoint\s+the chain .*\(default ws:\/\/127\.0\.0\.1:8000\)/);
    expect((await tfit('--help')).stdout).to.include('--endpoint');
  });
});
