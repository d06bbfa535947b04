/**
 * Self-healing benchmark (issue #15): a deployment on one of three simulated nodes (uptime
 * reports every second) and the HealingAgent (a node silent for `windowMs` is gone).
 *   nodeDeath: the node stops (its workload and reports end) → the workload runs on
 *     another node; mostly the uptime window, which the figure reports beside it.
 *   workloadFailed: the workload's process is killed → it runs on the third node.
 * Milliseconds and blocks from the event to the moved contract reporting Running.
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
import { connect, grid, workload, putContent, Orchestrator, HealingAgent } from '@tfit/sdk';

export interface HealingBenchResult {
  uptimeWindowMs: number;
  uptimeIntervalMs: number;
  nodeDeath: { ms: number; blocks: number; beyondWindowMs: number };
  workloadFailed: { ms: number; blocks: number };
}

const GIB = 1024n ** 3n;

export async function benchHealing(o: { windowMs?: number } = {}): Promise<HealingBenchResult> {
  const windowMs = o.windowMs ?? 3_000;
  await cryptoWaitReady();
  const dir = mkdtempSync(join(tmpdir(), 'tfit-bench-heal-'));
  const chain = await startLocalChain({ port: 0 });
  const store = await startContentStore({ dir: join(dir, 'store') });
  const client = await connect({ endpoint: chain.endpoint });
  const nodes: SimNode[] = [];
  let agent: HealingAgent | undefined;
  try {
    const sr = new Keyring({ type: 'sr25519' });
    const [farmer, expert, consumer] = ['//Alice', '//Charlie', '//Dave'].map((u) => sr.addFromUri(u));
    const twins = await Promise.all([farmer, expert, consumer].map((signer) => grid.createTwin(client, { signer })));
    await grid.createFarm(client, { signer: farmer, name: 'bench_heal' });
    for (let i = 1; i <= 3; i++) {
      const key = new Keyring({ type: 'ed25519' }).addFromUri(`//BenchHeal${i}`);
      await client.submit(client.api.tx.balances.transferKeepAlive(key.address, 1000n * 10_000_000n), { signer: farmer });
      nodes.push(await SimNode.start({ endpoint: chain.endpoint, client, storeUrl: store.url, workDir: join(dir, `n${i}`), key, farmId: 1, capacity: { cru: 4n, mru: 8n * GIB, sru: 10n * GIB, hru: 0n }, uptimeIntervalMs: 1000 }));
    }
    const idle = idleWorkload(twins[1].id);
    await putContent(store.url, idle.file);
    const orchestrator = new Orchestrator(client, consumer, store.url);
    const record = await orchestrator.deploy(workload.signDefinition(idle.definition, expert), {}, { timeoutMs: 120_000 });
    agent = new HealingAgent(client, consumer, store.url, { uptimeWindowMs: windowMs, backoffMs: 500 });
    await agent.start();

    const head = async () => (await client.api.rpc.chain.getHeader()).number.toNumber();
    /** Ms and blocks from now until the deployment's contract runs on a node other than `from`. */
    const runningOffNode = async (from: number, trigger: () => Promise<void>) => {
      const [b0, t0] = [await head(), performance.now()];
      await trigger();
      for (;;) {
        const s = await orchestrator.status(record.deploymentId);
        const c = s.states[0];
        if (c.nodeId !== from && c.state?.state === 'Running') return { ms: Math.round(performance.now() - t0), blocks: (await head()) - b0, node: c.nodeId, contractId: c.contractId };
        if (performance.now() - t0 > 120_000) throw new Error('the workload did not move within 120 s');
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const first = nodes.find((n) => n.nodeId === record.contracts[0].nodeId)!;
    const death = await runningOffNode(first.nodeId, () => first.stop());
    const second = nodes.find((n) => n.nodeId === death.node)!;
    const failed = await runningOffNode(second.nodeId, async () => { second.running.get(death.contractId)!.processes[0].child.kill('SIGKILL'); });
    return {
      uptimeWindowMs: windowMs, uptimeIntervalMs: 1000,
      nodeDeath: { ms: death.ms, blocks: death.blocks, beyondWindowMs: death.ms - windowMs },
      workloadFailed: { ms: failed.ms, blocks: failed.blocks },
    };
  } finally {
    await agent?.stop();
    for (const n of nodes) await n.stop();
    await client.close();
    await store.close();
    await chain.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
