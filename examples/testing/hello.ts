/**
 * What both harness examples do: on a network from startNetwork, an expert signs and publishes
 * a definition, a consumer's orchestrator deploys it on every node with one stakeholder, who
 * approves; resolves with each node's workload URL and what it answers over HTTP.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import { grid, Orchestrator, putContent, stakeholders, workload, type DeployStep } from '@tfit/sdk';
import { fetchWhenListening, freePort, type TestNetwork } from '@tfit/testing';

const SERVICE = "require('http').createServer((q, s) => s.end('hello from ' + process.env.TFIT_IP)).listen(Number(process.argv[2]), process.env.TFIT_IP);\n";

export async function deployHello(net: TestNetwork): Promise<{ urls: string[]; answers: string[] }> {
  const { client, signers: { charlie: expert, dave: consumer, eve: reviewer } } = net;
  const twinOf = async (signer: typeof expert) => (await grid.twinIdOf(client, signer.address)) ?? (await grid.createTwin(client, { signer })).id;
  const [expertTwin, , reviewerTwin] = [await twinOf(expert), await twinOf(consumer), await twinOf(reviewer)];
  const file = new TextEncoder().encode(SERVICE);
  await putContent(net.storeUrl, file);
  const signed = workload.signDefinition({
    format: 'tfit.workload/v1', name: 'hello', version: '1.0.0', description: 'A greeting over HTTP', expert: { twinId: expertTwin },
    files: [{ name: 'service.js', size: file.length, blake2_256: blake2AsHex(file) }],
    processes: [{ name: 'web', command: process.execPath, args: ['service.js', '{{port}}'], env: {}, limits: { memoryMb: 128 } }],
    capacity: { cru: 1, mru: 128 * 1024 * 1024, sru: 1024 * 1024, hru: 0, publicIps: 0 },
    parameters: { port: { type: 'integer', min: 1024, max: 65535 } },
  }, expert);
  const port = await freePort();
  const record = await new Orchestrator(client, consumer, net.storeUrl).deploy(signed, { nodes: net.nodes.length, parameters: { port } }, {
    stakeholders: [reviewerTwin], threshold: 1,
    onStep: (s: DeployStep) => { if (s.step === 'awaiting-approval') void stakeholders.approve(client, { signer: reviewer, contractId: s.deploymentId }); },
  });
  const ipOf = new Map(net.nodes.map((n) => [n.nodeId, n.ip]));
  const urls = record.contracts.map((c) => `http://${ipOf.get(c.nodeId)}:${port}/`);
  return { urls, answers: await Promise.all(urls.map(async (u) => (await fetchWhenListening(u)).text())) };
}
