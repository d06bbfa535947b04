#!/usr/bin/env node
/**
 * `tfit`: the whole flow from a shell, from a fresh chain (keys, funds, twins, farms, nodes)
 * to a running workload. Human output by default, `--json` for scripts; `tfit --help` and
 * `tfit <command> --help` list every command and flag (cli/flags.ts). Exit codes: 0 done,
 * 1 the operation failed (the chain, a store or a node refused), 2 bad usage or input.
 * polkadot-js's own console lines go to the logger, printed only with --verbose or TFIT_LOG=debug.
 */
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { blake2AsHex } from '@polkadot/util-crypto';
import {
  connect, grid, stakeholders, workload, Orchestrator, ConnectionError, type TfitClient, type DeployStep, type Logger,
} from '@tfit/sdk';
import { help, parse, COMMANDS } from './flags.js';
import { keyFrom, readJson, UsageError } from './keys.js';
import { catalogCommand, CATALOG_REF, publishFiles, resolveRef } from './catalog.js';
import { doing, explain } from './explain.js';
import { agentCommand } from './agent.js';
import { balanceCommand, farmCommand, fundIfShort, keyCommand, transferCommand, twinCommand, type Io } from './accounts.js';

let parsed: ReturnType<typeof parse>;
try {
  parsed = parse(process.argv.slice(2));
} catch (e) {
  console.error(`tfit: ${(e as Error).message} (tfit --help)`);
  process.exit(2);
}
const { flags, positionals } = parsed;

const verbose = flags.verbose || process.env.TFIT_LOG === 'debug';
const say = (level: string) => (message: string, context?: Record<string, unknown>) => {
  if (verbose) console.error(`[${level}] ${message}${context ? ` ${JSON.stringify(context)}` : ''}`);
};
/** The SDK's and polkadot-js's lines: on stderr with --verbose, else nowhere. */
const logger: Logger = { debug: say('debug'), info: say('info'), warn: say('warn'), error: say('error') };
const out = (human: string, data: unknown) => console.log(flags.json ? JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) : human);
const progress = (text: string) => { if (!flags.json) console.log(text); };
const need = (value: string | undefined, what: string): string => { if (!value) throw new UsageError(`missing ${what}`); return value; };
const int = (value: string | undefined, what: string): number => {
  const n = Number(need(value, what));
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`${what}: expected a non-negative integer, got ${value}`);
  return n;
};
const key = (uri = flags.key, type = flags['key-type']) => keyFrom(uri, type);
/** Connects to --endpoint, retrying while nothing answers (a chain just started with `&`) up to --connect-timeout. */
async function withClient<T>(f: (c: TfitClient) => Promise<T>): Promise<T> {
  const deadline = Date.now() + int(flags['connect-timeout'], '--connect-timeout') * 1000;
  let client: TfitClient | undefined;
  while (!client) {
    try {
      client = await connect({ endpoint: flags.endpoint!, reconnect: false, connectTimeoutMs: 10_000, logger });
    } catch (e) {
      if (!(e instanceof ConnectionError) || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try { return await f(client); } finally { await client.close(); }
}
const io: Io = { out: (human, data) => out(human, data), withClient };
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
    const def: workload.Definition = { ...TEMPLATE, expert: { twinId: int(flags['expert-twin'], '--expert-twin') } };
    // --files: hash the workload's files now, so the definition can be signed as it is
    if (flags.files) def.files = flags.files.split(',').map((f) => {
      if (!existsSync(f)) throw new UsageError(`--files: no such file ${f}`);
      const bytes = readFileSync(f);
      return { name: basename(f), size: bytes.length, blake2_256: blake2AsHex(bytes) };
    });
    writeFileSync(path, `${JSON.stringify(def, null, 2)}\n`);
    const next = flags.files ? 'check processes, capacity and parameters, then `tfit definition sign`' : 'fill in files (or run init with --files), processes, capacity, parameters';
    return out(`wrote ${path} (expert twin ${def.expert.twinId}, ${def.files.length} file(s)): ${next}`, { file: path, definition: def });
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
    const published = await publishFiles(store, signed, flags.files ?? '.');
    return out(`published ${published.length} file(s) to ${store}`, { store, files: published });
  }
  throw new UsageError('definition: init | sign | verify | publish');
}

async function deploy(file: string | undefined): Promise<void> {
  const source = need(file, 'a signed definition (or NAME@VERSION from the catalog)');
  // not a file but NAME@VERSION: the verified, published catalog entry (refused with the reason otherwise)
  const signed = !existsSync(source) && CATALOG_REF.test(source) ? await resolveRef(io, source, flags) : readJson(source) as workload.SignedDefinition;
  const parameters: Record<string, unknown> = {};
  for (const p of flags.param ?? []) {
    const [k, ...rest] = p.split('=');
    const v = rest.join('=');
    const param = signed.definition.parameters[k];
    parameters[k] = param?.type === 'integer' ? Number(v) : param?.type === 'boolean' ? v === 'true' : v;
  }
  // secrets come from files only (a value on the command line would be in the shell's history and `ps`), and are never printed
  const secrets: Record<string, string> = {};
  for (const p of flags.secret ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=@(.+)$/.exec(p);
    if (!m) throw new UsageError(`--secret ${p.split('=')[0]}=…: give the value in a file, as --secret NAME=@FILE`);
    if (!existsSync(m[2])) throw new UsageError(`--secret ${m[1]}: no such file ${m[2]}`);
    secrets[m[1]] = readFileSync(m[2], 'utf8').replace(/\r?\n$/, ''); // one trailing newline (echo's) is not part of it
  }
  const twins = flags.stakeholders ? flags.stakeholders.split(',').map((x) => int(x, '--stakeholders')) : [];
  const labels = flags.roles ? flags.roles.split(',').map((r) => r.trim()) : [];
  if (labels.length && labels.length !== twins.length) throw new UsageError(`--roles: ${labels.length} label(s) for ${twins.length} stakeholder(s); give one per --stakeholders twin, in the same order`);
  const roles = Object.fromEntries(labels.map((r, i) => [twins[i], r]));
  const signer = await key();
  await withClient(async (client) => {
    doing(signer.address, `the deployment of ${signed.definition.name} (smartContractModule)`);
    const o = new Orchestrator(client, signer, need(flags.store, '--store'));
    const record = await o.deploy(signed, { nodes: int(flags.nodes, '--nodes'), parameters, secrets }, {
      stakeholders: twins, roles, threshold: flags.threshold ? int(flags.threshold, '--threshold') : twins.length, timeoutMs: int(flags.timeout, '--timeout') * 1000,
      onStep: (s: DeployStep) => progress(`… ${s.step}${'deploymentId' in s ? ` (deployment ${s.deploymentId})` : ''}${s.step === 'node-state' ? `: contract ${s.contractId} ${s.state.state}` : ''}`),
    });
    out(`deployment ${record.deploymentId} running on node(s) ${record.contracts.map((c) => c.nodeId).join(', ')}`, record);
  });
}

async function vote(kind: 'approve' | 'reject', id: string | undefined): Promise<void> {
  const contractId = int(id, 'a deployment or contract id');
  const signer = await key();
  await withClient(async (client) => {
    // a stakeholder may be told of a deployment before its consumer has registered it
    const deadline = Date.now() + int(flags.timeout, '--timeout') * 1000;
    while (!(await stakeholders.consensusOf(client, contractId))) {
      if (Date.now() > deadline) throw new Error(`deployment ${contractId} does not exist (waited ${flags.timeout} s): check the id with \`tfit status ID --key KEY\``);
      progress(`… waiting for deployment ${contractId} to be registered`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    doing(signer.address, `smartContractModule.${kind} of deployment ${contractId}`);
    if (kind === 'approve') await stakeholders.approve(client, { signer, contractId, note: flags.note });
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
    doing(signer.address, cancel ? `the cancellation of deployment ${deploymentId}` : `the status of deployment ${deploymentId}`);
    if (cancel) { await o.cancel(deploymentId); return out(`deployment ${deploymentId} canceled`, { deploymentId, phase: 'canceled' }); }
    const s = await o.status(deploymentId);
    const lines = [`deployment ${deploymentId}: ${s.phase}${s.reason && s.phase !== 'running' ? ` (${s.reason})` : ''}${s.consensus ? `, consensus ${s.consensus.status} ${s.consensus.approvals.length}/${s.consensus.threshold}` : ''}`,
      ...s.signoffs.map((v) => `  twin ${v.twinId}${v.role ? ` (${v.role})` : ''}: ${v.vote}${v.note ? `: ${v.note}` : ''}`),
      ...s.states.map((c) => `  contract ${c.contractId} on node ${c.nodeId}: ${c.active ? c.state?.state ?? 'not deployed' : 'gone'}`),
      ...s.moveHistory.map((m) => `  move ${m.n}: contract ${m.from.contractId} (node ${m.from.nodeId}) → ${m.to.contractId} (node ${m.to.nodeId}) at ${m.at}: ${m.reason}`)];
    out(lines.join('\n'), s);
  });
}

async function nodes(): Promise<void> {
  await withClient(async (client) => {
    const list = async () => {
      const ids = (await client.api.query.tfgridModule.nodes.entries()).map(([, n]) => n.unwrap().id.toNumber());
      return Promise.all(ids.map(async (id) => ({ ...(await grid.node(client, id))!, power: await grid.nodePower(client, id) })));
    };
    let rows = await list();
    // --min N: wait until N nodes are registered and up (node-sim started with `&`)
    const min = flags.min ? int(flags.min, '--min') : 0;
    const deadline = Date.now() + int(flags.timeout, '--timeout') * 1000;
    while (rows.filter((n) => n.power.state === 'Up').length < min) {
      if (Date.now() > deadline) throw new Error(`${rows.filter((n) => n.power.state === 'Up').length} of the ${min} nodes asked for are up after ${flags.timeout} s: is \`tfit node-sim\` running against ${flags.endpoint}?`);
      await new Promise((r) => setTimeout(r, 1000));
      rows = await list();
    }
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
  const { SimNode } = await import('@tfit/testing');
  const count = int(flags.count, '--count');
  const dir = flags.dir ?? mkdtempSync(join(tmpdir(), 'tfit-nodes-'));
  const funder = flags['fund-from'] ? await key(flags['fund-from']) : undefined;
  const started = [];
  for (let i = 1; i <= count; i++) {
    const nodeKey = await key(`${flags['key-prefix']}${i}`, 'ed25519');
    const funded = await withClient((client) => fundIfShort(client, nodeKey, funder));
    if (funded > 0n) progress(`funded node key ${nodeKey.address} from ${funder!.address}`);
    doing(nodeKey.address, `the registration of simulated node ${i} (twin, node) on farm ${flags.farm}`);
    const node = await SimNode.start({
      endpoint: flags.endpoint!, storeUrl: need(flags.store, '--store'), workDir: join(dir, `node${i}`), key: nodeKey, farmId: int(flags.farm, '--farm'),
      capacity: { cru: 8n, mru: 16n * 1024n ** 3n, sru: 256n * 1024n ** 3n, hru: 0n }, ip: `127.0.10.${i}`,
      uptimeIntervalMs: Number(flags['uptime-interval']) * 1000, integrityCheckMs: Number(flags['integrity-interval']) * 1000,
    });
    started.push(node);
    out(`node ${node.nodeId} (twin ${node.twinId}, ${nodeKey.address}, ${node.ip}) watching ${flags.endpoint}`, { nodeId: node.nodeId, twinId: node.twinId, address: nodeKey.address, ip: node.ip });
  }
  await forever();
  for (const n of started) await n.stop();
}

async function main(): Promise<number> {
  const [command, sub, arg] = positionals;
  if (!command) { console.log(help()); return flags.help ? 0 : 2; }
  if (!(command in COMMANDS)) throw new UsageError(`unknown command ${command} (tfit --help)`);
  if (flags.help) { console.log(help(command)); return 0; }
  switch (command) {
    case 'chain': {
      const { startLocalChain } = await import('@tfit/testing');
      const chain = await startLocalChain({ port: flags.port ? int(flags.port, '--port') : 8000, blockMode: flags['block-mode'] as never, db: flags.db });
      out(`chain ready at ${chain.endpoint} (Ctrl-C stops)`, { endpoint: chain.endpoint });
      await forever();
      await chain.close();
      return 0;
    }
    case 'store': {
      const { startContentStore } = await import('@tfit/testing');
      const store = await startContentStore({ dir: need(flags.dir, '--dir'), port: flags.port ? int(flags.port, '--port') : 0 });
      out(`content store at ${store.url} (Ctrl-C stops)`, { url: store.url });
      await forever();
      await store.close();
      return 0;
    }
    case 'key': await keyCommand(io, sub, flags); return 0;
    case 'balance': await balanceCommand(io, flags); return 0;
    case 'transfer': await transferCommand(io, flags); return 0;
    case 'twin': await twinCommand(io, sub, flags); return 0;
    case 'farm': await farmCommand(io, sub, arg, flags); return 0;
    case 'definition': await definition(sub, arg); return 0;
    case 'catalog': await catalogCommand(io, sub, positionals.slice(2).join(' ') || undefined, flags); return 0;
    case 'deploy': await deploy(sub); return 0;
    case 'approve': await vote('approve', sub); return 0;
    case 'reject': await vote('reject', sub); return 0;
    case 'status': await status(sub); return 0;
    case 'cancel': await status(sub, true); return 0;
    case 'nodes': await nodes(); return 0;
    case 'watch': await watch(); return 0;
    case 'node-sim': await nodeSim(); return 0;
    case 'agent': await agentCommand(flags, logger, forever); return 0;
    case 'ui': {
      // the web app ships with the repository (web/), not with the packed CLI
      const serve = new URL('../web/serve.ts', import.meta.url);
      if (!existsSync(fileURLToPath(serve))) throw new UsageError('tfit ui runs from a clone of the tfit repository (the web app is built there by npm run build:web)');
      const { startUiServer } = await import(serve.href) as { startUiServer(o: { endpoint: string; store: string; port?: number }): Promise<{ url: string; close(): Promise<void> }> };
      const ui = await startUiServer({ endpoint: flags.endpoint!, store: need(flags.store, '--store'), port: flags.port ? int(flags.port, '--port') : 0 });
      out(`web app at ${ui.url} (chain ${flags.endpoint}, store ${flags.store}; Ctrl-C stops)`, { url: ui.url });
      await forever();
      await ui.close();
      return 0;
    }
  }
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    const usage = e instanceof UsageError || e instanceof workload.DefinitionError || e instanceof workload.ParameterError;
    const message = explain(e);
    if (flags.json) console.log(JSON.stringify({ error: e.name, message }));
    else console.error(`tfit: ${message}`);
    process.exit(usage ? 2 : 1);
  },
);
