/**
 * Chain memory over a long run (issue #13): the local chain in a child process (its memory
 * its own), 10,000 blocks each holding signed transfers (dev_newBlock with the
 * transactions, so the run measures blocks, not the pool), and the chain process's RSS
 * sampled every 500 blocks. Flat means the second half's slope is about zero.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startChainProcess } from '../localchain/process.js';
import { freePort } from '../zos/net.js';
import { processUsage } from '../zos/usage.js';

const MB = 1024 * 1024;

export interface MemoryBenchResult {
  blocks: number;
  transfersPerBlock: number;
  /** Chain RSS (MB) after every `every` blocks. */
  samples: { block: number; rssMb: number }[];
  firstMb: number;
  maxMb: number;
  lastMb: number;
  /** Least-squares slope of the second half's samples, MB per 1,000 blocks. */
  secondHalfSlopeMbPer1000Blocks: number;
  msPerBlock: number;
}

export async function benchMemory({ blocks = 10_000, every = 500, transfersPerBlock = 2 } = {}): Promise<MemoryBenchResult> {
  await cryptoWaitReady();
  const chain = await startChainProcess({ port: await freePort(), blockMode: 'manual' });
  const provider = new WsProvider(chain.endpoint);
  try {
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    const keyring = new Keyring({ type: 'sr25519' });
    const senders = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    const nonces = await Promise.all(senders.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()));
    const sink = keyring.addFromUri('//bench//memory').address;
    const samples: { block: number; rssMb: number }[] = [];
    const rss = () => Math.round((processUsage(chain.pid)?.rssBytes ?? NaN) / MB);
    const t0 = performance.now();
    for (let b = 1; b <= blocks; b++) {
      const transactions: string[] = [];
      for (let i = 0; i < transfersPerBlock; i++) {
        const k = (b * transfersPerBlock + i) % senders.length;
        const tx = await api.tx.balances.transferKeepAlive(sink, 1_000_000n).signAsync(senders[k], { nonce: nonces[k]++, era: 0 });
        transactions.push(tx.toHex());
      }
      await provider.send('dev_newBlock', [{ transactions }]);
      if (b % every === 0) {
        samples.push({ block: b, rssMb: rss() });
        process.stderr.write(`  memory: block ${b}, chain RSS ${samples.at(-1)!.rssMb} MB\n`);
      }
    }
    const msPerBlock = (performance.now() - t0) / blocks;
    const included = (await api.rpc.chain.getBlock()).block.extrinsics.length - 1;
    if (included !== transfersPerBlock) throw new Error(`bench memory: the last block holds ${included} of ${transfersPerBlock} transfers`);
    await api.disconnect();
    const half = samples.slice(Math.floor(samples.length / 2));
    return {
      blocks, transfersPerBlock, samples,
      firstMb: samples[0].rssMb, maxMb: Math.max(...samples.map((s) => s.rssMb)), lastMb: samples.at(-1)!.rssMb,
      secondHalfSlopeMbPer1000Blocks: round(slope(half.map((s) => [s.block, s.rssMb])) * 1000),
      msPerBlock: round(msPerBlock),
    };
  } finally {
    await provider.disconnect().catch(() => {});
    await chain.stop();
  }
}

function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const round = (x: number) => Math.round(x * 100) / 100;
