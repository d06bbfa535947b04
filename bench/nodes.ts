/**
 * Nodes benchmark (issue #5): 100, then 1,000 simulated Zero-OS nodes registered (twin +
 * node record) and reporting uptime, hosted in this process on one shared connection,
 * against the local chain running in a child process (so each side's memory is its own).
 * For each population: registration time, memory per node (this process's RSS and heap
 * growth over the population), one uptime round from every node (time, blocks, tx/s),
 * and the chain's block time with every node watching (dev_newBlock, then the time
 * until every node has reconciled the new block), plus the chain process's RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { SimNode } from '../zos/node.js';
import { freePort } from '../zos/net.js';
import { startContentStore } from '../zos/store.js';
import { startChainProcess } from '../localchain/process.js';
import { processUsage } from '../zos/usage.js';
import { connect, grid, type TfitClient } from '@tfit/sdk';
import { summarize } from './stats.js';

const GIB = 1024n ** 3n;
const TFT = 10_000_000n;
/** Nodes registering at once: bounds a block to a few hundred transactions. */
const WAVE = 100;

export interface NodesBenchPopulation {
  nodes: number;
  registration: { ms: number; nodesPerSecond: number };
  /** Growth of this process's RSS and heap per node added since the previous population (or since no node). */
  memoryPerNode: { rssBytes: number; heapBytes: number };
  uptimeRound: { ms: number; blocks: number; reportsPerSecond: number };
  blockTime: { blocks: number; buildMs: { p50: number; p95: number }; allReconciledMs: { p50: number; p95: number } };
  chainRssBytes: number;
}

export interface NodesBenchResult { populations: NodesBenchPopulation[]; clients: number; blockMode: string }


/** A full collection, so that memory figures are live objects, not garbage. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const blockNumber = async (client: TfitClient) => (await client.api.rpc.chain.getHeader()).number.toNumber();

export async function benchNodes({ populations = [100, 1000] } = {}): Promise<NodesBenchResult> {
  await cryptoWaitReady();
  const dir = mkdtempSync(join(tmpdir(), 'tfit-bench-nodes-'));
  const port = await freePort();
  // in its own process, so that its memory is not counted as the nodes'
  const chain = await startChainProcess({ port, blockMode: 'batch' });
  const endpoint = chain.endpoint;
  const store = await startContentStore({ dir: join(dir, 'store') });
  const client = await connect({ endpoint, reconnect: false, submitTimeoutMs: 600_000 });
  const nodes: SimNode[] = [];
  try {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    await grid.createTwin(client, { signer: alice });
    await grid.createFarm(client, { signer: alice, name: 'bench-farm' });
    const ed = new Keyring({ type: 'ed25519' });
    const results: NodesBenchPopulation[] = [];
    collect();
    let before = { mem: process.memoryUsage(), nodes: 0 };

    for (const target of populations) {
      const keys = Array.from({ length: target - nodes.length }, (_, i) => ed.addFromUri(`//bench-node//${nodes.length + i}`));
      // funding is not the nodes' work: done before the clock starts, 100 transfers a batch
      for (let i = 0; i < keys.length; i += 100)
        await client.batch(keys.slice(i, i + 100).map((k) => client.api.tx.balances.transferKeepAlive(k.address, 100n * TFT)), { signer: alice, timeoutMs: 300_000 });

      let t0 = performance.now();
      for (let i = 0; i < keys.length; i += WAVE) {
        const wave = await Promise.all(keys.slice(i, i + WAVE).map((key, k) => {
          const n = nodes.length + i + k;
          return SimNode.start({
            endpoint, client, storeUrl: store.url, workDir: join(dir, `node-${n}`), key, farmId: 1,
            capacity: { cru: 8n, mru: 16n * GIB, sru: 512n * GIB, hru: 0n },
            ip: `127.11.${Math.floor(n / 250)}.${1 + (n % 250)}`, uptimeIntervalMs: 0,
          });
        }));
        nodes.push(...wave);
      }
      const registrationMs = performance.now() - t0;
      await Promise.all(nodes.map((n) => n.settled()));
      collect();
      const mem = process.memoryUsage();

      // Chopsticks moves the chain's clock one slot per block; bring it back to wall time so
      // that the nodes' timestamp hints (wall clock, as Zero-OS) are within tolerance.
      await client.api.rpc('dev_timeTravel' as never, Date.now() as never);
      const b0 = await blockNumber(client);
      t0 = performance.now();
      await Promise.all(nodes.map((n) => n.reportUptime()));
      const uptimeMs = performance.now() - t0;
      const uptimeBlocks = (await blockNumber(client)) - b0;

      const build: number[] = [];
      const reconciled: number[] = [];
      for (let b = 0; b < 10; b++) {
        t0 = performance.now();
        await client.api.rpc('dev_newBlock' as never, {} as never);
        build.push(performance.now() - t0);
        // every node sees the head and reads its contracts: wait until all have
        const head = await blockNumber(client);
        while (nodes.some((n) => n.reconciledBlock < head)) await new Promise((r) => setTimeout(r, 2));
        reconciled.push(performance.now() - t0);
      }
      const p = (xs: number[]) => { const q = summarize(xs); return { p50: Math.round(q.p50), p95: Math.round(q.p95) }; };
      results.push({
        nodes: nodes.length,
        registration: { ms: Math.round(registrationMs), nodesPerSecond: Math.round((keys.length * 10_000) / registrationMs) / 10 },
        memoryPerNode: {
          rssBytes: Math.round((mem.rss - before.mem.rss) / (nodes.length - before.nodes)),
          heapBytes: Math.round((mem.heapUsed - before.mem.heapUsed) / (nodes.length - before.nodes)),
        },
        uptimeRound: { ms: Math.round(uptimeMs), blocks: uptimeBlocks, reportsPerSecond: Math.round((nodes.length * 10_000) / uptimeMs) / 10 },
        blockTime: { blocks: build.length, buildMs: p(build), allReconciledMs: p(reconciled) },
        chainRssBytes: processUsage(chain.pid)?.rssBytes ?? 0,
      });
      process.stderr.write(`  ${nodes.length} nodes: ${JSON.stringify(results.at(-1))}\n`);
      before = { mem, nodes: nodes.length };
    }
    return { populations: results, clients: 1, blockMode: 'batch' };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await client.close();
    await store.close();
    await chain.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
