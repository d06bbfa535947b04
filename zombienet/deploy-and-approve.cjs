/**
 * Zombienet js-script (tfit-local.zndsl: `alice: js-script ./deploy-and-approve.cjs return is 1`):
 * the Smart-Contract-for-IT approval path through the tfit SDK on a real node. Four dev
 * accounts get twins; Alice creates a farm, Bob registers a node in it, Dave creates a node
 * contract guarded by Eve (threshold 1, in the same batch, as the orchestrator does), and Eve
 * approves it. Returns 1 once the approval is in a finalized block and the contract's
 * consensus reads Approved; throws (failing the assertion) otherwise.
 *
 * Zombienet calls `run(nodeName, networkInfo, args)` and loads the file with require(), so
 * it is CommonJS (the package is "type": "module"); the SDK is ESM and imported dynamically.
 * Expects a fresh network (each `zombienet test` spawns one): twins and the node are created,
 * not looked up. e2e/zombienet/definitions.test.ts also runs it against the embedded chain.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = join(__dirname, '..');
const GIB = 1024n ** 3n;

/** The SDK's build (`npm run build:sdk`, part of `npm ci`), or its sources through tsx when not built. */
async function loadSdk() {
  // Zombienet's process already holds @polkadot/* as CommonJS; the SDK brings the ESM copies of the same versions
  process.env.POLKADOTJS_DISABLE_ESM_CJS_WARNING ??= '1';
  const dist = join(ROOT, 'sdk', 'dist', 'index.js');
  if (existsSync(dist)) return import(pathToFileURL(dist).href);
  const { tsImport } = require('tsx/esm/api');
  return tsImport(pathToFileURL(join(ROOT, 'sdk', 'src', 'index.ts')).href, __filename);
}

async function run(nodeName, networkInfo) {
  const { connect, grid, contracts, stakeholders, signerFromUri } = await loadSdk();
  const endpoint = networkInfo.nodesByName[nodeName].wsUri;
  const client = await connect({ endpoint, connectTimeoutMs: 30_000 });
  try {
    const { api } = client;
    const [farmer, nodeOwner, consumer, auditor] = await Promise.all(['//Alice', '//Bob', '//Dave', '//Eve'].map((uri) => signerFromUri(uri)));
    const twins = await Promise.all([farmer, nodeOwner, consumer, auditor].map((signer) => grid.createTwin(client, { signer })));
    const farm = await grid.createFarm(client, { signer: farmer, name: 'zombienet_farm' });
    const node = await grid.createNode(client, {
      signer: nodeOwner, farmId: farm.id,
      resources: { hru: 0n, sru: 100n * GIB, cru: 4n, mru: 8n * GIB },
      location: { city: 'Ghent', country: 'Belgium', latitude: '51.05', longitude: '3.72' },
    });

    // the contract and its stakeholder in one batch: no moment where a node could act on it unguarded
    const contractId = await contracts.nextContractId(client);
    await client.batch([
      contracts.nodeContractTx(client, { nodeId: node.id, deploymentHash: `0x${'12'.repeat(32)}`, deploymentData: 'zombienet' }),
      api.tx.smartContractModule.addStakeholders(contractId, [twins[3].id], 1),
    ], { signer: consumer });

    // on a real chain, wait for Grandpa: the approval must survive, not just be in a block
    const approval = await client.submit(api.tx.smartContractModule.approveContract(contractId), { signer: auditor, waitFor: 'finalized', timeoutMs: 120_000 });
    const consensus = await stakeholders.consensusOf(client, contractId);
    if (consensus?.status !== 'Approved') throw new Error(`contract ${contractId}: consensus ${JSON.stringify(consensus)}, expected Approved`);
    console.log(`deploy-and-approve on ${nodeName}: node ${node.id} in farm ${farm.id}, contract ${contractId} approved by twin ${twins[3].id} in finalized block ${approval.blockHash}`);
    return 1;
  } finally {
    await client.close();
  }
}

module.exports = { run };
