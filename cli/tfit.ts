/**
 * `tfit`: the whole flow from a shell. Human output by default, `--json` for scripts.
 * Exit codes: 0 done, 1 the operation failed (the chain, a store or a node refused),
 * 2 bad usage or input.
 *
 *   tfit chain [--port 8000] [--block-mode instant|batch|manual] [--db file]
 *   tfit store --dir DIR [--port 0]
 *   tfit definition init FILE
 *   tfit definition sign FILE --key URI [--key-type sr25519|ed25519] [--out FILE]
 *   tfit definition verify SIGNED
 *   tfit definition publish SIGNED --store URL [--files DIR]
 *   tfit deploy SIGNED --store URL --key URI [--nodes N] [--param k=v ...] [--stakeholders 1,2,3 --threshold 2]
 *   tfit approve ID --key URI        tfit reject ID --reason TEXT --key URI
 *   tfit status ID --key URI          tfit cancel ID --key URI
 *   tfit watch                        tfit nodes
 *   tfit node-sim --store URL --farm ID [--count 1] [--dir DIR] [--key-prefix //ZosNode]
 * Every command that talks to a chain takes --endpoint (default ws://127.0.0.1:8000).
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import {
  connect, grid, stakeholders, workload, putContent, Orchestrator, type TfitClient, type DeployStep,
} from '../sdk/src/index.js';

class UsageError extends Error {}

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string', default: 'ws://127.0.0.1:8000' },
    json: { type: 'boolean', default: false },
    key: { type: 'string' }, 'key-type': { type: 'string', default: 'sr25519' }, 'key-prefix': { type: 'string', default: '//ZosNode' },
    out: { type: 'string' }, store: { type: 'string' }, files: { type: 'string' }, dir: { type: 'string' },
    nodes: { type: 'string', default: '1' }, param: { type: 'string', multiple: true, default: [] },
    stakeholders: { type: 'string' }, threshold: { type: 'string' }, reason: { type: 'string' },
    port: { type: 'string' }, 'block-mode': { type: 'string' }, db: { type: 'string' },
    farm: { type: 'string' }, count: { type: 'string', default: '1' }, timeout: { type: 'string', default: '300' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const out = (human: string, data: unknown) => console.log(flags.json ? JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) : human);
const progress = (text: string) => { if (!flags.json) console.log(text); };
const need = (value: string | undefined, what: string): string => { if (!value) throw new UsageError(`missing ${what}`); return value; };
const int = (value: string | undefined, what: string): number => {
  const n = Number(need(value, what));
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`${what}: expected a non-negative integer, got ${value}`);
  return n;
};
const readJson = (file: string): unknown => {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new UsageError(`${file}: not JSON (${(e as Error).message})`); }
};
async function key(uri = flags.key, type = flags['key-type']) {
  await cryptoWaitReady();
  if (type !== 'sr25519' && type !== 'ed25519') throw new UsageError(`--key-type: sr25519 or ed25519`);
  return new Keyring({ type }).addFromUri(need(uri, '--key'));
}
async function withClient<T>(f: (c: TfitClient) => Promise<T>): Promise<T> {
  const client = await connect({ endpoint: flags.endpoint!, reconnect: false, connectTimeoutMs: 10_000 });
  try { return await f(client); } finally { await client.close(); }
}
const forever = () => new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });

const TEMPLATE: workload.Definition = {
  format: 'tfit.workload/v1', name: 'my-service', version: '0.1.0', description: 'Describe what it does', expert: { twinId: 1 },
  files: [{ name: 'service.js', size: 0, blake2_256: `0x${'00'.repeat(32)}` }],
  processes: [{ name: 'web', command: 'node', args: ['service.js', '{{port}}'], env: { GREETING: '{{greeting}}' }, limits: { memoryMb: 128 } }],
  capacity: { cru: 1, mru: 128 * 1024 * 1024, sru: 1024 * 1024, hru: 0, publicIps: 0 },
  parameters: { port: { type: 'integer', min: 1024, max: 65535, default: 8080 }, greeting: { type: 'string', default: 'hello' } },
};

async function definition(sub: string | undefined, file: string | undefined): Promise<void> {
  const path = need(file, 'a file');
  if (sub === 'init') {
    if (existsSync(path)) throw new UsageError(`${path} exists`);
    writeFileSync(path, `${JSON.stringify(TEMPLATE, null, 2)}\n`);
    return out(`wrote ${path}: fill in files (size and blake2_256: tfit hashes them on publish), processes, capacity, parameters`, { file: path });
  }
  if (sub === 'sign') {
    const def = workload.validateDefinition(readJson(path));
    const signed = workload.signDefinition(def, await key());
    const target = flags.out ?? path.replace(/\.json$/, '') + '.signed.json';
    writeFileSync(target, `${JSON.stringify(signed, null, 2)}\n`);
    return out(`signed ${def.name} ${workload.documentHash(def)} → ${target}`, { file: target, hash: workload.documentHash(def), signer: signed.signature.signer });
  }
  if (sub === 'verify') {
    const signed = readJson(path) as workload.SignedDefinition;
    const hash = workload.verifySignedDefinition(signed);
    return out(`valid: ${signed.definition.name} ${hash}, signed by ${signed.signature.signer} (${signed.signature.keyType}) for expert twin ${signed.definition.expert.twinId}`, { valid: true, hash, signer: signed.signature.signer });
  }
  if (sub === 'publish') {
    const signed = readJson(path) as workload.SignedDefinition;
    workload.verifySignedDefinition(signed);
    const store = need(flags.store, '--store');
    const published: string[] = [];
    for (const f of signed.definition.files) {
      const local = join(flags.files ?? '.', f.name);
      if (!existsSync(local)) throw new UsageError(`file ${f.name}: not found in ${flags.files ?? '.'}`);
      const bytes = readFileSync(local);
      if (blake2AsHex(bytes) !== f.blake2_256 || bytes.length !== f.size) throw new UsageError(`file ${f.name}: its content does not match the definition (size ${bytes.length}, blake2 ${blake2AsHex(bytes)})`);
      published.push(await putContent(store, bytes));
    }
    return out(`published ${published.length} file(s) to ${store}`, { store, files: published });
  }
  throw new UsageError('definition: init | sign | verify | publish');
}

async function deploy(file: string | undefined): Promise<void> {
  const signed = readJson(need(file, 'a signed definition')) as workload.SignedDefinition;
  const parameters: Record<string, unknown> = {};
  for (const p of flags.param ?? []) {
    const [k, ...rest] = p.split('=');
    const v = rest.join('=');
    const param = signed.definition.parameters[k];
    parameters[k] = param?.type === 'integer' ? Number(v) : param?.type === 'boolean' ? v === 'true' : v;
  }
  const twins = flags.stakeholders ? flags.stakeholders.split(',').map((x) => int(x, '--stakeholders')) : [];
  const signer = await key();
  await withClient(async (client) => {
    const o = new Orchestrator(client, signer, need(flags.store, '--store'));
    const record = await o.deploy(signed, { nodes: int(flags.nodes, '--nodes'), parameters }, {
      stakeholders: twins, threshold: flags.threshold ? int(flags.threshold, '--threshold') : twins.length, timeoutMs: int(flags.timeout, '--timeout') * 1000,
      onStep: (s: DeployStep) => progress(`… ${s.step}${'deploymentId' in s ? ` (deployment ${s.deploymentId})` : ''}${s.step === 'node-state' ? `: contract ${s.contractId} ${s.state.state}` : ''}`),
    });
    out(`deployment ${record.deploymentId} running on node(s) ${record.contracts.map((c) => c.nodeId).join(', ')}`, record);
  });
}

async function vote(kind: 'approve' | 'reject', id: string | undefined): Promise<void> {
  const contractId = int(id, 'a deployment or contract id');
  const signer = await key();
  await withClient(async (client) => {
    if (kind === 'approve') await stakeholders.approve(client, { signer, contractId });
    else await stakeholders.reject(client, { signer, contractId, reason: need(flags.reason, '--reason') });
    const c = await stakeholders.consensusOf(client, contractId);
    out(`${kind === 'approve' ? 'approved' : 'rejected'}: ${contractId} is ${c?.status} (${c?.approvals.length}/${c?.threshold} approvals)`, c);
  });
}

async function status(id: string | undefined, cancel = false): Promise<void> {
  const deploymentId = int(id, 'a deployment id');
  const signer = await key();
  await withClient(async (client) => {
    const o = new Orchestrator(client, signer, flags.store ?? '');
    if (cancel) { await o.cancel(deploymentId); return out(`deployment ${deploymentId} canceled`, { deploymentId, phase: 'canceled' }); }
    const s = await o.status(deploymentId);
    const lines = [`deployment ${deploymentId}: ${s.phase}${s.consensus ? `, consensus ${s.consensus.status} ${s.consensus.approvals.length}/${s.consensus.threshold}` : ''}`,
      ...s.states.map((c) => `  contract ${c.contractId} on node ${c.nodeId}: ${c.active ? c.state?.state ?? 'not deployed' : 'gone'}`)];
    out(lines.join('\n'), s);
  });
}

async function nodes(): Promise<void> {
  await withClient(async (client) => {
    const list = (await client.api.query.tfgridModule.nodes.entries()).map(([, n]) => n.unwrap());
    const rows = await Promise.all(list.map(async (n) => ({ ...(await grid.node(client, n.id.toNumber()))!, power: await grid.nodePower(client, n.id.toNumber()) })));
    out(rows.map((n) => `node ${n.id}  farm ${n.farmId}  cru ${n.resources.cru}  mru ${n.resources.mru}  ${n.location.country}  power ${n.power.state}/${n.power.target}`).join('\n') || 'no nodes', rows);
  });
}

async function watch(): Promise<void> {
  await withClient(async (client) => {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const unsub = await client.api.query.system.events((records) => {
      for (const { event } of records)
        if (['smartContractModule', 'tfgridModule'].includes(event.section)) out(`${event.section}.${event.method} ${JSON.stringify(event.data.toHuman())}`, { event: `${event.section}.${event.method}`, data: event.data.toJSON() });
    });
    await new Promise((r) => stop.signal.addEventListener('abort', r));
    unsub();
  });
}

async function nodeSim(): Promise<void> {
  const { SimNode } = await import('../zos/node.js');
  const count = int(flags.count, '--count');
  const dir = flags.dir ?? mkdtempSync(join(tmpdir(), 'tfit-nodes-'));
  const started = [];
  for (let i = 1; i <= count; i++) {
    const nodeKey = await key(`${flags['key-prefix']}${i}`, 'ed25519');
    const node = await SimNode.start({
      endpoint: flags.endpoint!, storeUrl: need(flags.store, '--store'), workDir: join(dir, `node${i}`), key: nodeKey, farmId: int(flags.farm, '--farm'),
      capacity: { cru: 8n, mru: 16n * 1024n ** 3n, sru: 256n * 1024n ** 3n, hru: 0n }, ip: `127.0.10.${i}`,
    });
    started.push(node);
    out(`node ${node.nodeId} (twin ${node.twinId}, ${nodeKey.address}, ${node.ip}) watching ${flags.endpoint}`, { nodeId: node.nodeId, twinId: node.twinId, address: nodeKey.address, ip: node.ip });
  }
  await forever();
  for (const n of started) await n.stop();
}

async function main(): Promise<number> {
  const [command, sub, arg] = positionals;
  if (flags.help || !command) { console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith(' *   tfit')).map((l) => l.slice(3)).join('\n')); return command ? 0 : 2; }
  switch (command) {
    case 'chain': {
      const { startLocalChain } = await import('../localchain/index.js');
      const chain = await startLocalChain({ port: flags.port ? int(flags.port, '--port') : 8000, blockMode: (flags['block-mode'] as never) ?? 'instant', db: flags.db });
      out(`chain ready at ${chain.endpoint} (Ctrl-C stops)`, { endpoint: chain.endpoint });
      await forever();
      await chain.close();
      return 0;
    }
    case 'store': {
      const { startContentStore } = await import('../zos/store.js');
      const store = await startContentStore({ dir: need(flags.dir, '--dir'), port: flags.port ? int(flags.port, '--port') : 0 });
      out(`content store at ${store.url} (Ctrl-C stops)`, { url: store.url });
      await forever();
      await store.close();
      return 0;
    }
    case 'definition': await definition(sub, arg); return 0;
    case 'deploy': await deploy(sub); return 0;
    case 'approve': await vote('approve', sub); return 0;
    case 'reject': await vote('reject', sub); return 0;
    case 'status': await status(sub); return 0;
    case 'cancel': await status(sub, true); return 0;
    case 'nodes': await nodes(); return 0;
    case 'watch': await watch(); return 0;
    case 'node-sim': await nodeSim(); return 0;
    default: throw new UsageError(`unknown command ${command} (tfit --help)`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    const usage = e instanceof UsageError || e instanceof workload.DefinitionError || e instanceof workload.ParameterError;
    if (flags.json) console.log(JSON.stringify({ error: e.name, message: e.message }));
    else console.error(`tfit: ${e.message}`);
    process.exit(usage ? 2 : 1);
  },
);
