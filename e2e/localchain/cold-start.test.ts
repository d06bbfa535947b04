import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { hexToU8a } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { loadChopsticksCore, openChain, type ChopsticksCore } from '../../localchain/chain.js';
import { genesisStateRoot } from '../../localchain/genesis.js';
import { CODE } from '../../localchain/flat-state.js';
import { auraSlotDurationOf, runtimeVersionOf } from '../../localchain/executor-memo.js';
import { RuntimeHost } from '../../runtime/harness/host.js';
import { specPath } from '../../chain-spec/paths.js';
import type { HeadCalls } from '../../localchain/head-calls.js';
import type { InProcessTasks } from '../../localchain/in-process-task.js';
import type { TestBlock } from '../support/chopsticks-block.js';

/**
 * A cold start waits for nothing from Chopsticks' executor worker (it starts in the
 * background): the genesis state root, the runtime's version and slot duration, its
 * metadata and block 1 are computed on this process's engine. Each is checked here against
 * what the executor answers.
 */

type Spec = { genesis: { raw: { top: Record<string, string> } } };
const specs = (): [string, Spec][] => {
  const list: [string, Spec][] = [['dev', JSON.parse(readFileSync(specPath('dev'), 'utf8'))], ['local', JSON.parse(readFileSync(specPath('local'), 'utf8'))]];
  const tfchain = process.env.TFIT_TFCHAIN_SPEC;
  if (tfchain && existsSync(tfchain)) list.push(['TF-Chain', JSON.parse(readFileSync(tfchain, 'utf8'))]);
  return list;
};

describe('localchain: a cold start on this process engine, checked against the executor', function () {
  this.timeout(120_000);
  let core: ChopsticksCore;
  before(async () => {
    await cryptoWaitReady();
    core = await loadChopsticksCore();
  });

  it('the genesis state root is the executor\'s (every spec at hand)', async () => {
    for (const [name, spec] of specs()) {
      const top = spec.genesis.raw.top;
      const executor = await (core as unknown as { calculateStateRoot(e: [string, string][], v: number): Promise<string> }).calculateStateRoot(Object.entries(top), 1);
      expect(genesisStateRoot(top), name).to.equal(executor);
    }
  });

  it('the runtime version and Aura slot duration are the executor\'s, field for field', async () => {
    let compared = 0;
    for (const [name, spec] of specs()) {
      const code = spec.genesis.raw.top[CODE];
      let host: RuntimeHost;
      try { host = new RuntimeHost(hexToU8a(code)); } catch { continue; } // TF-Chain's: left to the executor
      // the executor's own answers, not ones a chain of this process primed
      const executor = async <T>(memo: unknown): Promise<T> => {
        const fn = memo as ((code: string) => Promise<T>) & { cache: Map<string, Promise<T>> };
        const primed = fn.cache.get(code);
        fn.cache.delete(code);
        try { return await fn(code); } finally { if (primed) fn.cache.set(code, primed); }
      };
      expect(runtimeVersionOf(host), name).to.deep.equal(await executor(core.getRuntimeVersion));
      expect(auraSlotDurationOf(host), name).to.equal(await executor(core.getAuraSlotDuration)).and.to.be.greaterThan(0);
      compared++;
    }
    expect(compared).to.be.at.least(2);
  });

  it('a fresh chain answers its metadata and builds block 1 in process, as the executor and the per-call builder do', async () => {
    const genesis = JSON.parse(readFileSync(specPath('dev'), 'utf8'));
    const { chain } = await openChain(core, { genesis, blockMode: 'Manual', runtimeLogLevel: 0, blockBuilder: 'in-process' });
    try {
      const headCalls = (chain as unknown as { headCalls: HeadCalls }).headCalls;
      const tasks = (chain as unknown as { inProcessTasks: InProcessTasks }).inProcessTasks;
      expect(tasks.counts, 'block 1 ran in process').to.deep.equal({ inProcess: 1, declined: 0 });
      expect(headCalls.counts.inProcess, 'the genesis metadata was answered in process').to.equal(1);
      expect(headCalls.counts.executor).to.equal(0);

      // the same metadata as the executor's: asked of block 1 (the head, in process) and of
      // genesis (no longer the head, so the executor answers)
      const head = chain.head as unknown as TestBlock;
      const genesisBlock = await (chain as unknown as { getBlockAt(n: number): Promise<TestBlock> }).getBlockAt(0);
      const here = await head.call('Metadata_metadata', []);
      const there = await genesisBlock.call('Metadata_metadata', []);
      expect(headCalls.counts).to.deep.equal({ inProcess: 2, executor: 1 });
      expect(here.result).to.have.length.greaterThan(10_000);
      expect(here.result).to.equal(there.result);
    } finally {
      await chain.close();
    }
  });
});
