/**
 * README example for the SDK: a twin, a farm, a node and a contract with two stakeholders
 * on the embedded chain; typed errors; the approval watched as a typed event.
 * Run: `npm run example:sdk`.
 */
import { startLocalChain } from '@tfit/testing';
import { connect, ModuleError, signerFromUri } from '@tfit/sdk';

const chain = await startLocalChain({ port: 0 });
const client = await connect({ endpoint: chain.endpoint });
try {
  const { api } = client;
  const [farmer, node, owner, auditor] = await Promise.all(['//Alice', '//Bob', '//Dave', '//Eve'].map((u) => signerFromUri(u)));
  // every participant accepts the terms and gets a twin (atomically, in one batch each)
  await Promise.all([farmer, node, owner, auditor].map((who) =>
    client.batch([api.tx.tfgridModule.userAcceptTc('https://example.com/tc', 'v1'), api.tx.tfgridModule.createTwin(null, null)], { signer: who })));
  await client.submit(api.tx.tfgridModule.createFarm('farm1', []), { signer: farmer });
  const resources = { hru: 0, sru: 100n * 1024n ** 3n, cru: 4, mru: 8n * 1024n ** 3n };
  const location = { city: 'Ghent', country: 'Belgium', latitude: '51.05', longitude: '3.72' };
  await client.submit(api.tx.tfgridModule.createNode(1, resources, location, [], false, false, null), { signer: node });

  // typed errors: a second node for the same twin is refused by name
  try {
    await client.submit(api.tx.tfgridModule.createNode(1, resources, location, [], false, false, null), { signer: node });
  } catch (e) {
    if (e instanceof ModuleError && e.is('tfgridModule', 'NodeWithTwinIdExists')) console.log(`refused: ${e.pallet}.${e.error}`);
    else throw e;
  }

  // a contract guarded by two stakeholders (threshold 1), created and guarded atomically
  const id = (await api.query.smartContractModule.contractID()).toNumber() + 1;
  const twins = [(await api.query.tfgridModule.twinIdByAccountID(auditor.address)).unwrap().toNumber()];
  await client.batch([
    api.tx.smartContractModule.createNodeContract(1, `0x${'12'.repeat(32)}`, 'my-app', 0, null),
    api.tx.smartContractModule.addStakeholders(id, twins, 1),
  ], { signer: owner });
  const watch = new AbortController();
  const approved = (async () => {
    for await (const { event } of client.watch(api.events.smartContractModule.ContractApproved, watch.signal)) {
      console.log(`approved: contract ${event.data.contractId.toNumber()}`);
      watch.abort();
    }
  })();
  const { fee } = await client.submit(api.tx.smartContractModule.approveContract(id), { signer: auditor });
  await approved;
  const status = (await api.query.smartContractModule.contractConsensus(id)).unwrap().status.type;
  console.log(`contract ${id}: ${status} (approval fee ${fee} units)`);
} finally {
  await client.close();
  await chain.close();
}
