// @target fresh-chopsticks: genesis ids and balances (see e2e/support/target-hooks.ts)
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type LocalChain } from '../../localchain/index.js';
import { startContentStore, type ContentStore } from '../../zos/store.js';
import { SimNode } from '../../zos/node.js';
import { idleWorkload } from '../../zos/fixtures.js';
import {
  connect, grid, kv, stakeholders, workload, putContent, getContent, Orchestrator, HealingAgent, readRecords,
  type TfitClient, type Logger, type AgentEvent,
} from '@tfit/sdk';
import { tfit as runTfit, type CliResult } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

const GIB = 1024n ** 3n;
const INTEGRITY_MS = 500;
/** The secret: random, so that finding it anywhere can only mean it leaked. */
const SECRET = `pw-${u8aToHex(crypto.getRandomValues(new Uint8Array(12))).slice(2)}`;

/** A process that records the secret it got in its sandbox, prints it (to test redaction), and exits (printing it) when told to. */
const APP = `const fs = require('fs');
fs.writeFileSync('received.txt', process.env.DB_PASSWORD);
console.log('connecting with ' + process.env.DB_PASSWORD);
setInterval(() => { if (fs.existsSync('exit-now')) { console.log('giving up on ' + process.env.DB_PASSWORD); process.exit(3); } }, 100);
`;

/**
 * Sealed secrets and continuous integrity (issue #17), on the embedded chain with two
 * simulated nodes: a secret reaches only the addressed node's process; the store, the chain,
 * the notary, the logs and the CLI's JSON never hold it; a moved contract gets it re-sealed
 * from the consumer's copy; a tampered envelope or a changed file stops the workload with
 * the reason on chain.
 */
describe('sealed secrets and continuous integrity', function () {
  this.timeout(300_000);
  let chain: LocalChain, store: ContentStore, client: TfitClient, dir: string;
  let consumer: KeyringPair, expert: KeyringPair, signed: workload.SignedDefinition;
  const nodes: SimNode[] = [];
  const nodeKeys = [1, 2].map((i) => new Keyring({ type: 'ed25519' }).addFromUri(`//SealNode${i}`));
  const logged: string[] = [];
  const cliOutput: string[] = [];
  const agentEvents: AgentEvent[] = [];
  let swapBeforeStart: string | null = null;
  const logger: Logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (m: string, c?: unknown) => logged.push(`${l} ${m} ${JSON.stringify(c ?? {})}`)])) as unknown as Logger;

  const until = <T>(what: string, f: () => Promise<T | undefined | null | false>, ms = 60_000) => waitFor(what, f, ms);
  const nodeById = (id: number) => nodes.find((n) => n.nodeId === id)!;
  const sandbox = (nodeId: number, contractId: number) => join(dir, `node${nodeKeys.findIndex((k) => k.address === nodeById(nodeId).options.key.address) + 1}`, `contract-${contractId}`);
  const failedReason = async (contractId: number) => { const s = await stakeholders.workloadStateOf(client, contractId); return s?.state === 'Failed' ? s.reason : null; };
  /** tfit, with everything it printed kept for the search for the secret. */
  async function tfit(...args: string[]): Promise<CliResult> {
    const r = await runTfit(...args);
    cliOutput.push(r.stdout, r.stderr);
    return r;
  }

  before(async () => {
    await cryptoWaitReady();
    dir = mkdtempSync(join(tmpdir(), 'tfit-sealed-'));
    chain = await startLocalChain({ port: 0 });
    store = await startContentStore({ dir: join(dir, 'store') });
    client = await connect({ endpoint: chain.endpoint, logger });
    const sr = new Keyring({ type: 'sr25519' });
    const farmer = sr.addFromUri('//Alice');
    [expert, consumer] = [sr.addFromUri('//Charlie'), sr.addFromUri('//Dave')];
    for (const signer of [farmer, expert, consumer]) await grid.createTwin(client, { signer }); // twins 1-3
    await grid.createFarm(client, { signer: farmer, name: 'farm_sealed' });
    for (const [i, key] of nodeKeys.entries()) {
      await client.submit(client.api.tx.balances.transferKeepAlive(key.address, 1000n * 10_000_000n), { signer: farmer });
      nodes.push(await SimNode.start({
        endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, `node${i + 1}`), key, farmId: 1, logger, uptimeIntervalMs: 1000,
        capacity: { cru: 8n, mru: 16n * GIB, sru: 256n * GIB, hru: 0n }, integrityCheckMs: INTEGRITY_MS,
        onFilesFetched: (_, sandboxDir) => { if (swapBeforeStart) writeFileSync(join(sandboxDir, swapBeforeStart), "require('fs').writeFileSync('ran.txt', 'swapped code ran');\n"); },
      }));
    }
    const app = new TextEncoder().encode(APP);
    await putContent(store.url, app);
    signed = workload.signDefinition({
      format: 'tfit.workload/v1', name: 'db-client', version: '1.0.0', expert: { twinId: 2 },
      files: [{ name: 'app.js', size: app.length, blake2_256: blake2AsHex(app) }],
      processes: [{ name: 'app', command: process.execPath, args: ['app.js'], env: { DB_PASSWORD: '{{db_password}}' }, limits: { memoryMb: 128 } }],
      capacity: { cru: 1, mru: 128 * 1024 * 1024, sru: 1024, hru: 0, publicIps: 0 },
      parameters: { db_password: { type: 'string', secret: true, description: 'the database password' } },
    }, expert);
    writeFileSync(join(dir, 'def.signed.json'), JSON.stringify(signed));
    writeFileSync(join(dir, 'db-password.txt'), `${SECRET}\n`);
  });
  after(async () => {
    for (const n of nodes) await n.stop();
    await client?.close();
    await store?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let first: { contractId: number; nodeId: number };

  it('tfit deploy --secret: the store holds only ciphertexts; the addressed node opens it and the process gets it; the other node cannot', async () => {
    const refused = await tfit('deploy', join(dir, 'def.signed.json'), '--endpoint', chain.endpoint, '--store', store.url, '--key', '//Dave', '--json');
    expect([refused.code, refused.stdout]).to.deep.equal([2, '{"error":"ParameterError","message":"invalid parameters:\\n  db_password: a required secret (give it with --secret db_password=@FILE)"}\n']);
    const inline = await tfit('deploy', join(dir, 'def.signed.json'), '--endpoint', chain.endpoint, '--store', store.url, '--key', '//Dave', '--secret', `db_password=${SECRET}`);
    expect(inline.code).to.equal(2);
    expect(inline.stderr).to.include('give the value in a file, as --secret NAME=@FILE');
    const r = await tfit('deploy', join(dir, 'def.signed.json'), '--endpoint', chain.endpoint, '--store', store.url, '--key', '//Dave', '--secret', `db_password=@${join(dir, 'db-password.txt')}`, '--json', '--verbose');
    expect(r.code, r.stderr).to.equal(0);
    const record = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    first = record.contracts[0];
    expect(readFileSync(join(sandbox(first.nodeId, first.contractId), 'received.txt'), 'utf8'), 'the process got the secret').to.equal(SECRET);
    // the published deployment: a commitment, no value
    const deployment = JSON.parse(new TextDecoder().decode(await getContent(store.url, record.deploymentHash))) as workload.Deployment;
    expect(Object.keys(deployment.secrets!)).to.deep.equal(['db_password']);
    expect(deployment.parameters).to.deep.equal({});
    for (const blob of readdirSync(join(dir, 'store'), { recursive: true }) as string[]) {
      const path = join(dir, 'store', blob);
      if (statSync(path).isFile()) expect(readFileSync(path).includes(SECRET), `store blob ${blob}`).to.equal(false);
    }
    // the envelope: the addressed node opens it, the other cannot
    const envelope = JSON.parse(new TextDecoder().decode(await getContent(store.url, (await kv.kvGet(client, consumer.address, workload.envelopeKey(first.contractId)))!))) as workload.Envelope;
    const addressed = nodeKeys.find((k) => k.address === nodeById(first.nodeId).options.key.address)!;
    const other = nodeKeys.find((k) => k !== addressed)!;
    expect(workload.openEnvelope(envelope, addressed, record.deploymentHash, deployment.secrets!)).to.deep.equal({ db_password: SECRET });
    expect(() => workload.openEnvelope(envelope, other, record.deploymentHash, deployment.secrets!)).to.throw(workload.SealedSecretError, /sealed to 0x[0-9a-f]+, not to this node/);
    expect(() => workload.openEnvelope({ ...envelope, recipient: u8aToHex(other.publicKey) }, other, record.deploymentHash, deployment.secrets!)).to.throw(workload.SealedSecretError, /does not open with this key/);
  });

  it('a workload printing its secret as it fails: the reason on chain is redacted; the agent moves it and re-seals the secret for the new node from the consumer\'s copy', async () => {
    const agent = new HealingAgent(client, consumer, store.url, { uptimeWindowMs: 60_000, backoffMs: 200, onEvent: (e) => agentEvents.push(e) });
    await agent.start();
    try {
      writeFileSync(join(sandbox(first.nodeId, first.contractId), 'exit-now'), '');
      const reason = await until('the failure', () => failedReason(first.contractId));
      expect(reason).to.equal('process app exited (code 3): giving up on ***');
      const moved = await until('the move', async () => agentEvents.find((e) => e.kind === 'moved'));
      const to = (moved as Extract<AgentEvent, { kind: 'moved' }>).move.to;
      expect(to.nodeId).not.to.equal(first.nodeId);
      await until('the moved workload running', async () => (await stakeholders.workloadStateOf(client, to.contractId))?.state === 'Running');
      expect(readFileSync(join(sandbox(to.nodeId, to.contractId), 'received.txt'), 'utf8'), 're-sealed for the new node').to.equal(SECRET);
    } finally {
      await agent.stop();
    }
  });

  it('a tampered ciphertext is refused by the node with the reason on chain, and nothing runs', async () => {
    const free = nodes.find((n) => n.running.size === 0)!;
    const { commitments, openings } = workload.commitSecrets({ db_password: SECRET });
    const { deployment, hash } = workload.instantiate(signed, {}, commitments);
    await putContent(store.url, workload.canonicalBytes(deployment));
    const envelope = workload.sealToNode(hash, free.options.key.publicKey, openings);
    const ct = envelope.secrets.db_password.ct;
    envelope.secrets.db_password.ct = `${ct.slice(0, -2)}${ct.endsWith('00') ? '01' : '00'}`;
    const address = await putContent(store.url, workload.canonicalBytes(envelope));
    const id = (await client.api.query.smartContractModule.contractID()).toNumber() + 1;
    await client.batch([
      client.api.tx.smartContractModule.createNodeContract(free.nodeId, hash, '', 0, null),
      kv.kvSetTx(client, workload.envelopeKey(id), address),
    ], { signer: consumer });
    expect(await until('the refusal', () => failedReason(id))).to.equal('sealed secrets: secret db_password: the sealed value does not open with this key (tampered, or sealed to another recipient or deployment)');
    expect(existsSync(join(sandbox(free.nodeId, id), 'received.txt')), 'nothing ran').to.equal(false);
  });

  it(`a file changed in a running workload's sandbox: Failed naming it within ${INTEGRITY_MS} ms checks; a file swapped before its process starts never runs`, async () => {
    const idle = idleWorkload(2);
    await putContent(store.url, idle.file);
    const o = new Orchestrator(client, consumer, store.url);
    const record = await o.deploy(workload.signDefinition(idle.definition, expert), {}, { timeoutMs: 60_000 });
    const c = record.contracts[0];
    const changedAt = Date.now();
    writeFileSync(join(sandbox(c.nodeId, c.contractId), 'idle.js'), 'setInterval(() => { /* not what was signed */ }, 1000);\n');
    const reason = await until('the integrity failure', () => failedReason(c.contractId));
    const elapsed = Date.now() - changedAt;
    expect(reason).to.equal("integrity: file idle.js no longer matches the signed definition's hash (changed while the workload ran)");
    expect(elapsed, 'within two check periods and a block').to.be.below(2 * INTEGRITY_MS + 1500);

    swapBeforeStart = 'idle.js';
    try {
      const v2 = workload.signDefinition({ ...idle.definition, version: '2' }, expert);
      const swapped = await o.deploy(v2, {}, { timeoutMs: 60_000 }).catch((e) => e);
      expect(String(swapped)).to.match(/integrity: file idle\.js no longer matches the signed definition's hash; process idle not started/);
      const rec = (await readRecords(client, consumer.address)).at(-1)!;
      const s = rec.contracts[0];
      expect(await failedReason(s.contractId)).to.equal("integrity: file idle.js no longer matches the signed definition's hash; process idle not started");
      expect(existsSync(join(sandbox(s.nodeId, s.contractId), 'ran.txt')), 'the swapped file never ran').to.equal(false);
    } finally {
      swapBeforeStart = null;
    }
  });

  it('the secret is nowhere: not in any log, notary record, chain storage, CLI --json output or agent event', async () => {
    const status = await tfit('status', '1', '--endpoint', chain.endpoint, '--key', '//Dave', '--json');
    expect(status.code).to.equal(0);
    const hexSecret = u8aToHex(stringToU8a(SECRET)).slice(2);
    const places: [string, string][] = [
      ['logs', logged.join('\n')],
      ['CLI output', cliOutput.join('\n')],
      ['agent events', JSON.stringify(agentEvents)],
      ['notary', JSON.stringify([...(await kv.kvEntries(client, consumer.address)).entries()])],
    ];
    // every storage item of the chain, raw
    const values: string[] = [];
    for (let start: string | undefined; ;) {
      const keys = await client.api.rpc.state.getKeysPaged('0x', 1000, start);
      if (keys.length === 0) break;
      for (const k of keys) values.push(k.toHex(), ((await client.api.rpc.state.getStorage(k)) as unknown as { toHex(): string }).toHex());
      start = keys[keys.length - 1].toHex();
      if (keys.length < 1000) break;
    }
    expect(values.length).to.be.greaterThan(100);
    places.push(['chain storage', values.join('\n')]);
    for (const [where, text] of places) {
      expect(text.includes(SECRET), `the secret in ${where}`).to.equal(false);
      expect(text.includes(hexSecret), `the secret (hex) in ${where}`).to.equal(false);
    }
    expect(logged.length, 'the nodes did log (the check is not vacuous)').to.be.greaterThan(0);
  });
});
