/**
 * tfit's runtime against TF-Chain's own runtime on the same Chopsticks (issue #13), side
 * by side in one run: a block of 100 signed System.remark from one account, and an empty
 * block, each chain built the ways tfit builds blocks (one task a block, run in process
 * where the runtime can be, else by the executor; and always by the executor) and the way
 * stock Chopsticks does (one executor task per runtime call). TF-Chain's runtime imports
 * host functions the in-process host does not provide, so its 'in-process' row runs each
 * block's task on the executor (after the in-process attempt declines).
 *
 * TF-Chain's runtime comes from its public raw dev chain spec
 * (threefoldtech/tfchain substrate-node/chainspecs/dev/chainSpecRaw.json): the path is
 * taken from TFIT_TFCHAIN_SPEC; without it only tfit's rows are measured, and the result
 * says so.
 */
import { existsSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain } from '../localchain/index.js';
import { summarize, time, type Summary } from './stats.js';

export const TFCHAIN_SPEC_ENV = 'TFIT_TFCHAIN_SPEC';

type Builder = 'in-process' | 'one-task' | 'per-call';
export interface ChainRow {
  runtime: 'tfit' | 'tfchain';
  builder: Builder;
  /** dev_newBlock of 100 remarks (best of `samples`). */
  remarksBlockMs: number;
  remarksPerSecond: number;
  emptyBlockMs: Summary;
}
export interface TfchainBenchResult {
  remarksPerBlock: number;
  rows: ChainRow[];
  /** tfit as users get it (in-process) over TF-Chain's runtime on stock Chopsticks (per-call). */
  ratioVsStockChopsticks?: number;
  /** Both built one executor task a block: the runtimes alone, on one engine. */
  ratioSameBuilder?: number;
  /** tfit in process over tfit one executor task: what the in-process engine gives. */
  ratioInProcessVsExecutor?: number;
  tfchainSpec: string;
}

export async function benchTfchain({ remarks = 100, samples = 3 } = {}): Promise<TfchainBenchResult> {
  await cryptoWaitReady();
  const spec = process.env[TFCHAIN_SPEC_ENV];
  const haveTfchain = !!spec && existsSync(spec);
  if (!haveTfchain) {
    process.stderr.write(`bench tfchain: ${TFCHAIN_SPEC_ENV} is ${spec ? `${spec}, which does not exist` : 'not set'}; measuring tfit only. ` +
      `Point it at TF-Chain's substrate-node/chainspecs/dev/chainSpecRaw.json to compare.\n`);
  }
  const rows: ChainRow[] = [];
  for (const builder of ['in-process', 'one-task', 'per-call'] as Builder[]) {
    rows.push(await measure('tfit', undefined, builder, remarks, samples));
    if (haveTfchain) rows.push(await measure('tfchain', spec, builder, remarks, samples));
  }
  const row = (runtime: ChainRow['runtime'], builder: Builder) => rows.find((r) => r.runtime === runtime && r.builder === builder);
  const ratio = (a?: ChainRow, b?: ChainRow) => (a && b ? round(a.remarksPerSecond / b.remarksPerSecond) : undefined);
  return {
    remarksPerBlock: remarks,
    rows,
    ratioVsStockChopsticks: ratio(row('tfit', 'in-process'), row('tfchain', 'per-call')),
    ratioSameBuilder: ratio(row('tfit', 'one-task'), row('tfchain', 'one-task')),
    ratioInProcessVsExecutor: ratio(row('tfit', 'in-process'), row('tfit', 'one-task')),
    tfchainSpec: haveTfchain ? spec : `absent (set ${TFCHAIN_SPEC_ENV})`,
  };
}

async function measure(runtime: ChainRow['runtime'], spec: string | undefined, builder: Builder, remarks: number, samples: number): Promise<ChainRow> {
  const chain = await startLocalChain({ port: 0, blockMode: 'manual', spec, blockBuilder: builder });
  const provider = new WsProvider(chain.endpoint);
  try {
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    // TF-Chain's dev spec funds two accounts of its own, not Alice: Chopsticks sets her balance
    if (runtime === 'tfchain') await provider.send('dev_setStorage', [{ System: { Account: [[[alice.address], { providers: 1, data: { free: 10n ** 18n } }]] } }]);
    const newBlock = (transactions?: string[]) => provider.send('dev_newBlock', [transactions ? { transactions } : { count: 1 }]);
    const empty: number[] = [];
    for (let i = 0; i < 10; i++) empty.push(await time(() => newBlock()));
    let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    let best = Infinity;
    for (let s = 0; s < samples; s++) {
      const txs: string[] = [];
      for (let i = 0; i < remarks; i++) {
        const tx = await api.tx.system.remark(`0x${(nonce + 1).toString(16).padStart(8, '0')}`).signAsync(alice, { nonce: nonce++, era: 0 });
        txs.push(tx.toHex());
      }
      best = Math.min(best, await time(() => newBlock(txs)));
      const included = (await api.rpc.chain.getBlock()).block.extrinsics.length - 1; // minus the timestamp
      if (included !== remarks) throw new Error(`bench tfchain: a ${runtime} block holds ${included} of ${remarks} remarks`);
    }
    await api.disconnect();
    return { runtime, builder, remarksBlockMs: round(best), remarksPerSecond: round((remarks * 1000) / best), emptyBlockMs: summarize(empty) };
  } finally {
    await provider.disconnect().catch(() => {});
    await chain.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
