/**
 * `npm run demo` (and `npm start`): the whole Smart-Contract-for-IT flow on one machine,
 * with real parts: the embedded local chain, the content store, two simulated Zero-OS
 * nodes. An expert signs a definition of a small HTTP service; a consumer's orchestrator
 * deploys it on two nodes guarded by three stakeholders (threshold 2); two approve; the
 * nodes verify and run it; the demo calls the service on both nodes; billing shows on
 * chain; everything is canceled and stopped. Prints a timeline; exits 0 on success.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain } from '../localchain/index.js';
import { startContentStore } from '../zos/store.js';
import { startUiServer, type UiServer } from '../web/serve.js';
import { SimNode } from '../zos/node.js';
import { freePort, fetchWhenListening } from '../zos/net.js';
import { connect, grid, contracts, stakeholders, balances, workload, putContent, Orchestrator, type DeployStep } from '@tfit/sdk';

const SERVICE = [
  "const http = require('http');",
  'const [port] = process.argv.slice(2);',
  "http.createServer((req, res) => res.end(`${process.env.GREETING} from ${process.env.TFIT_IP}\\n`)).listen(Number(port), process.env.TFIT_IP);",
].join('\n');
const GIB = 1024n ** 3n;
const t0 = Date.now();
const line = (who: string, what: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s  ${who.padEnd(12)} ${what}`);

/** The resources a node reported for `contractId`, once it has (the first report follows a workload's start). */
async function reportedResources(contractId: number): Promise<{ cru: bigint; mru: bigint; sru: bigint }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { used } = await client.api.query.smartContractModule.nodeContractResources(contractId);
    if (used.mru.toBigInt() > 0n) return { cru: used.cru.toBigInt(), mru: used.mru.toBigInt(), sru: used.sru.toBigInt() };
    if (Date.now() > deadline) throw new Error(`no node reported the resources of contract ${contractId} within 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}


await cryptoWaitReady();
const dir = mkdtempSync(join(tmpdir(), 'tfit-demo-'));
const chain = await startLocalChain({ port: 0 });
const store = await startContentStore({ dir: join(dir, 'store') });
const client = await connect({ endpoint: chain.endpoint });
const nodes: SimNode[] = [];
let ui: UiServer | undefined;
let ok = false;
try {
  line('chain', `local TF-Chain emulation at ${chain.endpoint}`);
  line('store', `content store at ${store.url}`);
  // the web app (built by npm run build:web): open it to watch the deployment and review it as Eve or Ferdie
  ui = await startUiServer({ endpoint: chain.endpoint, store: store.url }).catch((e) => { line('web', `no web app: ${(e as Error).message}`); return undefined; });
  if (ui) line('web', `web app at ${ui.url}?as=Eve (open it while the demo runs)`);
  const sr = new Keyring({ type: 'sr25519' });
  const [farmer, expert, consumer, eve, ferdie, bob] = ['//Alice', '//Charlie', '//Dave', '//Eve', '//Ferdie', '//Bob'].map((u) => sr.addFromUri(u));
  const ed = new Keyring({ type: 'ed25519' });
  const nodeKeys = ['//ZosNode1', '//ZosNode2'].map((u) => ed.addFromUri(u));
  await client.batch(nodeKeys.map((k) => client.api.tx.balances.transferKeepAlive(k.address, 1000n * balances.TFT)), { signer: farmer });
  const twins = await Promise.all([farmer, expert, consumer, eve, ferdie, bob].map((signer) => grid.createTwin(client, { signer })));
  const [farmerTwin, expertTwin, , eveTwin, ferdieTwin, bobTwin] = twins.map((t) => t.id);
  const farm = await grid.createFarm(client, { signer: farmer, name: 'demo-farm' });
  line('farmer', `twin ${farmerTwin}, farm ${farm.id}`);

  for (const [i, key] of nodeKeys.entries()) {
    const node = await SimNode.start({
      endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, `node${i + 1}`), key, farmId: farm.id,
      capacity: { cru: 4n, mru: 8n * GIB, sru: 100n * GIB, hru: 0n }, ip: `127.0.10.${i + 1}`, uptimeIntervalMs: 0,
    });
    nodes.push(node);
    line(`node ${node.nodeId}`, `Zero-OS node up (twin ${node.twinId}, ${node.ip}); the chain is its only input`);
  }

  // 1. the expert publishes and signs the definition
  const file = new TextEncoder().encode(SERVICE);
  await putContent(store.url, file);
  const signed = workload.signDefinition({
    format: 'tfit.workload/v1', name: 'hello-service', version: '1.0.0', description: 'A greeting over HTTP', expert: { twinId: expertTwin },
    files: [{ name: 'service.js', size: file.length, blake2_256: blake2AsHex(file) }],
    processes: [{ name: 'web', command: process.execPath, args: ['service.js', '{{port}}'], env: { GREETING: '{{greeting}}' }, limits: { memoryMb: 128 } }],
    capacity: { cru: 1, mru: 128 * 1024 * 1024, sru: 1024 * 1024, hru: 0, publicIps: 0 },
    parameters: { port: { type: 'integer', min: 1024, max: 65535 }, greeting: { type: 'string', default: 'hello' } },
  }, expert);
  line('expert', `signed definition hello-service ${workload.documentHash(signed.definition).slice(0, 18)}… (twin ${expertTwin})`);

  // 2-4. the consumer's orchestrator deploys on two nodes; three stakeholders, threshold 2
  const port = await freePort();
  const orchestrator = new Orchestrator(client, consumer, store.url);
  const approveWhenAsked = async (s: DeployStep) => {
    if (s.step !== 'awaiting-approval') return;
    for (const [who, signer] of [['eve', eve], ['ferdie', ferdie]] as const) {
      await stakeholders.approve(client, { signer, contractId: s.deploymentId });
      line(`stakeholder`, `${who} approves deployment ${s.deploymentId}`);
    }
  };
  const record = await orchestrator.deploy(signed, { nodes: 2, parameters: { port, greeting: 'hello from tfit' } }, {
    stakeholders: [eveTwin, ferdieTwin, bobTwin], threshold: 2, timeoutMs: 120_000,
    onStep: (s) => {
      const text = s.step === 'node-state' ? `contract ${s.contractId} on node ${s.nodeId}: ${s.state.state}${s.state.state === 'Failed' ? ` (${s.state.reason})` : ''}`
        : s.step === 'published' ? `deployment published ${s.deploymentHash.slice(0, 18)}…`
        : s.step === 'nodes-selected' ? `nodes selected: ${s.nodeIds.join(', ')}`
        : s.step === 'contracts-created' ? `contracts ${s.contractIds.join(', ')} created as deployment ${s.deploymentId}`
        : s.step === 'awaiting-approval' ? `awaiting ${s.threshold} of stakeholders ${s.stakeholders.join(', ')}`
        : s.step === 'failed' ? `FAILED: ${s.reason}` : `${s.step}`;
      line('3bot', text);
      void approveWhenAsked(s);
    },
  });

  // 5. the service answers on both nodes
  for (const { nodeId } of record.contracts) {
    const ip = nodes.find((n) => n.nodeId === nodeId)!.ip;
    const body = await (await fetchWhenListening(`http://${ip}:${port}/`, { init: { signal: AbortSignal.timeout(3000) } })).text();
    line('consumer', `GET http://${ip}:${port}/ → ${body.trim()}`);
    if (!body.includes('hello from tfit')) throw new Error(`unexpected answer from node ${nodeId}`);
  }

  // the nodes measure what the workload uses and report it: billing charges for that
  for (const { contractId, nodeId } of record.contracts) {
    const used = await reportedResources(contractId);
    line(`node ${nodeId}`, `contract ${contractId} uses ${used.cru} cores, ${(Number(used.mru) / 2 ** 20).toFixed(0)} MB memory, ${used.sru} bytes disk`);
  }

  // billing: an hour later, each contract is billed, reserved on the consumer's account; as
  // on TF-Chain it is paid out every 24 cycles, or when the contract ends
  const before = await balances.freeBalance(client, farmer.address);
  const now = (await client.api.query.timestamp.now()).toNumber();
  await client.api.rpc('dev_timeTravel' as never, (now + 3600_000) as never);
  for (const { contractId } of record.contracts) {
    const amount = await contracts.billContract(client, { signer: consumer, contractId });
    line('chain', `contract ${contractId} billed ${amount} units (${Number(amount) / 1e7} TFT), reserved on the consumer`);
  }
  line('notary', `TFKVStore: ${JSON.stringify((await orchestrator.record(record.deploymentId))!.phase)}`);

  await orchestrator.cancel(record.deploymentId);
  line('3bot', `deployment ${record.deploymentId} canceled`);
  // the last bills paid out what was reserved: farmer 50 %, foundation 40 %, staking pool 10 %
  line('farmer', `received ${(await balances.freeBalance(client, farmer.address)) - before} units`);
  ok = true;
} catch (e) {
  line('demo', `FAILED: ${(e as Error).message}`);
} finally {
  for (const n of nodes) await n.stop();
  await ui?.close();
  await client.close();
  await store.close();
  await chain.close();
  rmSync(dir, { recursive: true, force: true });
  line('demo', ok ? 'done: everything stopped' : 'stopped after a failure');
}
process.exit(ok ? 0 : 1);
