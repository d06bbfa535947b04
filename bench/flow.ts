/**
 * Flow benchmark (issue #5): from a signed definition to a running workload on 1 node
 * with 3 stakeholders (all must approve, and do so as soon as asked): milliseconds and
 * blocks to each milestone, on the embedded chain with a simulated node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain } from '../localchain/index.js';
import { startContentStore } from '../zos/store.js';
import { SimNode } from '../zos/node.js';
import { idleWorkload } from '../zos/fixtures.js';
import { connect, grid, stakeholders, workload, putContent, Orchestrator, type DeployStep } from '@tfit/sdk';

export interface FlowBenchResult {
  stakeholders: number;
  milestones: { step: string; ms: number; blocks: number }[];
  totalMs: number;
  totalBlocks: number;
}

export async function benchFlow(): Promise<FlowBenchResult> {
  await cryptoWaitReady();
  const dir = mkdtempSync(join(tmpdir(), 'tfit-bench-flow-'));
  const chain = await startLocalChain({ port: 0 });
  const store = await startContentStore({ dir: join(dir, 'store') });
  const client = await connect({ endpoint: chain.endpoint });
  let node: SimNode | undefined;
  try {
    const sr = new Keyring({ type: 'sr25519' });
    const [farmer, expert, consumer, ...voters] = ['//Alice', '//Charlie', '//Dave', '//Eve', '//Ferdie', '//Bob'].map((u) => sr.addFromUri(u));
    const nodeKey = new Keyring({ type: 'ed25519' }).addFromUri('//BenchNode');
    await client.submit(client.api.tx.balances.transferKeepAlive(nodeKey.address, 1000n * 10_000_000n), { signer: farmer });
    const twins = await Promise.all([farmer, expert, consumer, ...voters].map((signer) => grid.createTwin(client, { signer })));
    await grid.createFarm(client, { signer: farmer, name: 'bench' });
    node = await SimNode.start({ endpoint: chain.endpoint, storeUrl: store.url, workDir: join(dir, 'node'), key: nodeKey, farmId: 1, capacity: { cru: 4n, mru: 8n * 1024n ** 3n, sru: 10n * 1024n ** 3n, hru: 0n }, uptimeIntervalMs: 0 });
    const idle = idleWorkload(twins[1].id);
    await putContent(store.url, idle.file);
    const signed = workload.signDefinition(idle.definition, expert);

    const head = async () => (await client.api.rpc.chain.getHeader()).number.toNumber();
    const b0 = await head();
    const t0 = performance.now();
    const milestones: FlowBenchResult['milestones'] = [];
    const mark = async (step: string) => milestones.push({ step, ms: Math.round(performance.now() - t0), blocks: (await head()) - b0 });
    await new Orchestrator(client, consumer, store.url).deploy(signed, {}, {
      stakeholders: twins.slice(3).map((t) => t.id), threshold: 3, timeoutMs: 120_000,
      onStep: (s: DeployStep) => {
        void mark(s.step === 'node-state' ? `node ${s.state.state.toLowerCase()}` : s.step);
        if (s.step === 'awaiting-approval') for (const v of voters) void stakeholders.approve(client, { signer: v, contractId: s.deploymentId });
      },
    });
    await mark('done');
    const last = milestones[milestones.length - 1];
    return { stakeholders: 3, milestones, totalMs: last.ms, totalBlocks: last.blocks };
  } finally {
    await node?.stop();
    await client.close();
    await store.close();
    await chain.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
