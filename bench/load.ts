/**
 * Load benchmark (issue #6): C concurrent clients, each with its own connection and
 * account, submitting transfers one after another for D seconds against the local chain
 * (its own process, batch block mode). Afterwards every account's on-chain nonce and
 * balance are checked against what its client saw included: nothing lost, nothing counted
 * twice. Reports throughput, inclusion latency percentiles, and errors by kind (nonce
 * errors separately: there must be none). Run twice side by side: the local chain as tfit
 * serves it, and with Chopsticks' own author_submitAndWatchExtrinsic (localchain/rpc.ts).
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startChainProcess } from '../localchain/process.js';
import { freePort } from '../zos/net.js';
import { connect, InvalidTransactionError, type TfitClient } from '@tfit/sdk';
import { summarize, type Summary } from './stats.js';
import { fundedSenders } from './accounts.js';

export type Watch = 'tfit' | 'chopsticks';

export interface LoadBenchResult {
  /** Who answered author_submitAndWatchExtrinsic. */
  watch: Watch;
  clients: number;
  seconds: number;
  submitted: number;
  included: number;
  transactionsPerSecond: number;
  latencyMs: Summary;
  errors: Record<string, number>;
  nonceErrors: number;
  /** Accounts whose on-chain nonce or balance disagrees with what their client saw included. */
  lost: number;
  blocks: number;
}

const AMOUNT = 1_000n;

export interface LoadComparison { runs: LoadBenchResult[]; throughputRatio: number; p50LatencyRatio: number }

/** The load run against tfit's local chain and against it with Chopsticks' own watch method, one after the other. */
export async function benchLoad({ clients = 50, seconds = 60, watches = ['tfit', 'chopsticks'] as Watch[] } = {}): Promise<LoadComparison> {
  const runs: LoadBenchResult[] = [];
  for (const watch of watches) runs.push(await loadRun(clients, seconds, watch));
  const [a, b] = [runs[0], runs[1] ?? runs[0]];
  const r = (x: number) => Math.round(x * 100) / 100;
  return { runs, throughputRatio: r(a.transactionsPerSecond / b.transactionsPerSecond), p50LatencyRatio: r(b.latencyMs.p50 / a.latencyMs.p50) };
}

async function loadRun(clients: number, seconds: number, watch: Watch): Promise<LoadBenchResult> {
  await cryptoWaitReady();
  const chain = await startChainProcess({ port: await freePort(), blockMode: 'batch', watch });
  const admin = await connect({ endpoint: chain.endpoint, reconnect: false, submitTimeoutMs: 300_000 });
  const conns: TfitClient[] = [];
  try {
    const { senders, sink } = await fundedSenders(admin, 'load', clients, 1_000n * 10_000_000n);
    conns.push(...(await Promise.all(senders.map(() => connect({ endpoint: chain.endpoint, reconnect: false, submitTimeoutMs: 120_000 })))));
    const before = await Promise.all(senders.map((s) => admin.api.query.system.account(s.address)));
    const b0 = (await admin.api.rpc.chain.getHeader()).number.toNumber();

    const latencies: number[] = [];
    const errors: Record<string, number> = {};
    let nonceErrors = 0;
    const includedBy = new Array<number>(clients).fill(0);
    const feesBy = new Array<bigint>(clients).fill(0n);
    let submitted = 0;
    const end = Date.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(senders.map(async (signer: KeyringPair, i) => {
      const client = conns[i];
      while (Date.now() < end) {
        submitted++;
        const s = performance.now();
        try {
          const r = await client.submit(client.api.tx.balances.transferKeepAlive(sink.address, AMOUNT), { signer });
          latencies.push(performance.now() - s);
          includedBy[i]++;
          feesBy[i] += r.fee;
        } catch (e) {
          const kind = e instanceof InvalidTransactionError ? `invalid:${e.kind}` : (e as Error).name;
          errors[kind] = (errors[kind] ?? 0) + 1;
          if (e instanceof InvalidTransactionError && (e.kind === 'stale' || e.kind === 'future')) nonceErrors++;
        }
      }
    }));
    const elapsed = (performance.now() - t0) / 1000;
    const blocks = (await admin.api.rpc.chain.getHeader()).number.toNumber() - b0;

    // nothing lost: each account's nonce moved by exactly its included transfers, and its
    // balance by exactly their amounts and fees
    const after = await Promise.all(senders.map((s) => admin.api.query.system.account(s.address)));
    let lost = 0;
    for (let i = 0; i < clients; i++) {
      const nonceMoved = after[i].nonce.toNumber() - before[i].nonce.toNumber();
      const spent = before[i].data.free.toBigInt() - after[i].data.free.toBigInt();
      if (nonceMoved !== includedBy[i] || spent !== BigInt(includedBy[i]) * AMOUNT + feesBy[i]) lost++;
    }
    const included = includedBy.reduce((a, b) => a + b, 0);
    return {
      watch, clients, seconds, submitted, included,
      transactionsPerSecond: Math.round((included / elapsed) * 100) / 100,
      latencyMs: summarize(latencies),
      errors, nonceErrors, lost, blocks,
    };
  } finally {
    await Promise.all(conns.map((c) => c.close()));
    await admin.close();
    await chain.stop();
  }
}
