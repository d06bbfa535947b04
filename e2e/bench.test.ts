import { expect } from 'chai';
import { benchRuntime } from '../bench/runtime.js';

/** The benchmarks run once, small, so that `npm run bench` cannot rot between runs. */
describe('benchmarks (smoke run, small sizes)', () => {
  it('runtime: cold start, empty block, blocks of N transfers, accountNextIndex latency', async () => {
    const r = await benchRuntime({ sizes: [1, 5], samples: 2, coldStarts: 1 });
    expect(r.coldStart.compiledPackageMs.n).to.equal(1);
    expect(r.coldStart.sourcesUnderTsxMs.min).to.be.greaterThan(0);
    expect(r.emptyBlockMs.n).to.equal(2);
    expect(r.blocks.map((b) => b.n)).to.deep.equal([1, 5]);
    expect(r.inProcessBlocks.map((b) => b.n)).to.deep.equal([1, 5]);
    for (const b of [...r.blocks, ...r.inProcessBlocks]) expect(b.extrinsicsPerSecond).to.be.greaterThan(0);
    expect(r.accountNextIndexMs.p95).to.be.greaterThan(0);
  });
});

describe('benchmarks: contracts (smoke run, small sizes)', () => {
  it('blocks of contract calls, and block time at two state sizes', async () => {
    const { benchContracts } = await import('../bench/contracts.js');
    const r = await benchContracts({ sizes: [2], stateSizes: [10, 20] });
    expect(r.blocks.map((b) => b.call)).to.deep.equal(['create_node_contract', 'approve_contract', 'report_contract_resources']);
    for (const b of r.blocks) expect(b.extrinsicsPerSecond).to.be.greaterThan(0);
    expect(r.stateSize.map((s) => s.existingContracts)).to.deep.equal([10, 20]);
  });
});

describe('benchmarks: sdk (smoke run, small sizes)', () => {
  it('SDK concurrent vs raw sequential submissions', async () => {
    const { benchSdk } = await import('../bench/sdk.js');
    const r = await benchSdk({ transactions: 20, accounts: 4 });
    expect(r.transactions).to.equal(20);
    expect(r.sdkConcurrent.transactionsPerSecond).to.be.greaterThan(0);
    expect(r.rawSequential.transactionsPerSecond).to.be.greaterThan(0);
  });
});

describe('benchmarks: flow (smoke run)', () => {
  it('definition to running, with milestones in ms and blocks', async () => {
    const { benchFlow } = await import('../bench/flow.js');
    const r = await benchFlow();
    expect(r.milestones.map((m) => m.step)).to.include.members(['published', 'contracts-created', 'approved', 'node running', 'running']);
    expect(r.totalBlocks).to.be.greaterThan(3);
  });
});

describe('benchmarks: nodes (smoke run, small sizes)', () => {
  it('simulated nodes registered and reporting: memory per node, block time', async () => {
    const { benchNodes } = await import('../bench/nodes.js');
    const r = await benchNodes({ populations: [2, 4] });
    expect(r.populations.map((p) => p.nodes)).to.deep.equal([2, 4]);
    for (const p of r.populations) {
      expect(p.uptimeRound.reportsPerSecond).to.be.greaterThan(0);
      expect(p.blockTime.blocks).to.equal(10);
      expect(p.chainRssBytes).to.be.greaterThan(0);
    }
  });
});

describe('benchmarks: load (smoke run, small sizes)', () => {
  it('concurrent clients: nothing lost, no nonce errors, latency percentiles', async () => {
    const { benchLoad } = await import('../bench/load.js');
    const [r] = (await benchLoad({ clients: 3, seconds: 3, watches: ['tfit'] })).runs;
    expect(r.included).to.be.greaterThan(0);
    expect(r.included).to.equal(r.submitted);
    expect(r.nonceErrors).to.equal(0);
    expect(r.lost).to.equal(0);
    expect(r.latencyMs.p50).to.be.greaterThan(0);
  });
});

describe('benchmarks: network (smoke run, small sizes)', function () {
  before(async function () {
    const { requireNodeBinary } = await import('./support/node.js');
    requireNodeBinary(this);
  });
  it('load on the embedded chain and tfit-node --dev, a block of remarks, a node syncing', async function () {
    this.timeout(300_000);
    const { benchNetwork } = await import('../bench/network.js');
    const r = await benchNetwork({ clients: 3, seconds: 3, window: 2, targets: ['embedded', 'dev'], remarks: 50, syncLength: 20 });
    for (const l of r.load) {
      expect(l.lost, `${l.target}: lost (errors ${JSON.stringify(l.errors)})`).to.equal(0);
      expect(l.includedInWindow, l.target).to.be.greaterThan(0);
      expect(l.latencyToFinalizedMs.p50, l.target).to.be.greaterThan(0);
    }
    expect(r.throughputVsEmbedded.dev).to.be.greaterThan(0);
    expect(r.remarkBlock.remarks).to.equal(50);
    expect(r.sync).to.include({ blocks: 20, sameHead: true });
  });
});

describe('benchmarks: tfchain and memory (smoke run, small sizes)', () => {
  it('remarks blocks, one task (in process, executor) and per call, with TF-Chain\'s runtime when its spec is given', async () => {
    const { benchTfchain } = await import('../bench/tfchain.js');
    const r = await benchTfchain({ remarks: 5, samples: 1 });
    const tfit = r.rows.filter((x) => x.runtime === 'tfit');
    expect(tfit.map((x) => x.builder)).to.deep.equal(['in-process', 'one-task', 'per-call']);
    for (const x of r.rows) expect(x.remarksPerSecond).to.be.greaterThan(0);
    if (!process.env.TFIT_TFCHAIN_SPEC) expect(r.tfchainSpec).to.match(/^absent/);
  });
  it('chain RSS sampled over blocks of transfers', async () => {
    const { benchMemory } = await import('../bench/memory.js');
    const r = await benchMemory({ blocks: 40, every: 20 });
    expect(r.samples.map((s) => s.block)).to.deep.equal([20, 40]);
    expect(r.maxMb).to.be.greaterThan(0);
  });
});

describe('benchmarks: healing (smoke run)', () => {
  it("a node's death and a failed workload, each to the workload running elsewhere, in ms and blocks", async () => {
    const { benchHealing } = await import('../bench/healing.js');
    const r = await benchHealing({ windowMs: 2_000 });
    expect(r.nodeDeath.ms).to.be.greaterThan(r.uptimeWindowMs);
    expect(r.nodeDeath.blocks).to.be.greaterThan(0);
    expect(r.workloadFailed.ms).to.be.greaterThan(0);
    expect(r.workloadFailed.blocks).to.be.greaterThan(0);
  });
});
