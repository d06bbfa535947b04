/**
 * Network benchmark (`npm run bench -- network`): the tfit runtime on real Substrate nodes
 * (tfit-node) against the embedded Chopsticks chain, in one run, side by side:
 * - load: C clients x D s against each target (the embedded chain, a four-validator network,
 *   tfit-node --dev), each client with its own connection and account keeping W transfers on
 *   their way to a block (a lean client, bench/lean-transfers.ts, so the bench measures the
 *   chains and not polkadot-js); nothing may be lost (every account's nonce and the sink's
 *   balance are checked afterwards); latency to in-block and to finalized;
 * - a block of 1,000 signed remarks on --dev (manual seal): how fast the node builds it;
 * - a node joining a --dev chain of 1,000 blocks: how fast it syncs (re-executing each block);
 * - node RSS.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startChainProcess } from '../localchain/process.js';
import { startValidatorNetwork } from '../localchain/network.js';
import { nodeKeyFor, startTfitNode } from '../localchain/tfit-node.js';
import { freePort } from '../zos/net.js';
import { processUsage } from '../zos/usage.js';
import { connect } from '@tfit/sdk';
import { summarize, type Summary } from './stats.js';
import { fundedSenders } from './accounts.js';
import { assertSameEncoding, LeanRpc, signedTransfer, transferTemplate } from './lean-transfers.js';

const AMOUNT = 1_000n;
const TFT = 10_000_000n;

export interface TargetLoad {
  target: 'embedded' | 'network' | 'dev';
  clients: number;
  seconds: number;
  inFlightPerClient: number;
  submitted: number;
  /** Reached a block within the D seconds. */
  includedInWindow: number;
  transactionsPerSecond: number;
  /** Every submission that ended in a finalized block (the window's and the drain's). */
  finalized: number;
  latencyToInBlockMs: Summary;
  latencyToFinalizedMs: Summary;
  errors: Record<string, number>;
  /** Accounts whose nonce moved by other than their finalized transfers, plus 1 if the sink's balance is off. */
  lost: number;
  blocks: number;
  nodeRssMb?: number[];
}

interface Target { endpoints: string[]; pids: number[]; stop(): Promise<void> }

async function startTarget(kind: TargetLoad['target']): Promise<Target> {
  if (kind === 'embedded') {
    const chain = await startChainProcess({ port: await freePort(), blockMode: 'batch' });
    return { endpoints: [chain.endpoint], pids: [chain.pid], stop: () => chain.stop() };
  }
  if (kind === 'dev') {
    // a block every 100 ms, not instant seal: with 2,000 submissions in flight, instant seal
    // authors blocks faster than the pool validates, and a transfer validated before its
    // predecessor's block but queued in after two more blocks stays in the single-state
    // pool's future queue for good (it remembers the tags of the last two blocks only)
    const node = await startTfitNode({ dev: true, sealing: DEV_BLOCK_MS });
    return { endpoints: [node.endpoint], pids: [node.pid], stop: () => node.close() };
  }
  const net = await startValidatorNetwork();
  // wait for finality to start: the first blocks of a fresh network
  const c = await connect({ endpoint: net.endpoints()[0] });
  await until('the network finalizing', async () => (await c.api.rpc.chain.getHeader(await c.api.rpc.chain.getFinalizedHead())).number.toNumber() >= 1, 180_000, 1000);
  await c.close();
  return { endpoints: net.endpoints(), pids: [...net.nodes.values()].map((n) => n.pid), stop: () => net.close() };
}

/** Polls `f` until it is true; throws, naming `what`, after `ms`: a benchmark never hangs. */
async function until(what: string, f: () => Promise<boolean>, ms = 120_000, every = 50): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`bench network: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

const rssMb = (pid: number) => Math.round(((processUsage(pid)?.rssBytes ?? 0) / 2 ** 20) * 10) / 10;

/**
 * One transfer, built and signed by the lean client (bench/lean-transfers.ts) and watched
 * through the raw `author_submitAndWatchExtrinsic` statuses; whether it took effect is checked
 * once at the end (nonces and the sink's balance). `inBlock` resolves when the transfer is in a
 * block (or ended badly), `final` when it is finalized (or ended badly): a lane moves on at
 * in-block, finality is awaited in the drain.
 */
interface Watched { inBlockMs?: number; inBlockAt?: number; finalizedMs?: number; error?: string }
function sendWatched(rpc: LeanRpc, xt: Uint8Array): { inBlock: Promise<Watched>; final: Promise<Watched> } {
  const t0 = performance.now();
  const r: Watched = {};
  let unsub: (() => void) | undefined;
  let settleInBlock!: () => void;
  let settleFinal!: () => void;
  let done = false;
  const inBlock = new Promise<Watched>((res) => (settleInBlock = () => res(r)));
  const final = new Promise<Watched>((res) => (settleFinal = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    unsub?.();
    settleInBlock();
    res(r);
  }));
  // never hang: a transfer that is not final after two minutes counts as an error
  let last = 'no status';
  const timer = setTimeout(() => { r.error ??= `timeout (last status: ${last})`; settleFinal(); }, 120_000);
  rpc.watch(xt, (s) => {
    const now = performance.now();
    const kind = typeof s === 'string' ? s : Object.keys(s)[0];
    last = kind;
    // a chain that finalizes at once may announce finalized without inBlock
    if ((kind === 'inBlock' || kind === 'finalized') && r.inBlockAt === undefined) { r.inBlockAt = now; r.inBlockMs = now - t0; settleInBlock(); }
    if (kind === 'finalized') { r.finalizedMs = now - t0; settleFinal(); }
    else if (['invalid', 'dropped', 'usurped', 'finalityTimeout'].includes(kind)) { r.error = kind; settleFinal(); }
  })
    .then((u) => { unsub = u; if (done) u(); })
    .catch((e: Error) => { r.error = `rpc: ${e.message.slice(0, 80)}`; settleFinal(); });
  return { inBlock, final };
}

async function loadOn(kind: TargetLoad['target'], clients: number, seconds: number, window: number): Promise<TargetLoad> {
  const target = await startTarget(kind);
  const rpcs: LeanRpc[] = [];
  try {
    const admin = await connect({ endpoint: target.endpoints[0], submitTimeoutMs: 300_000 });
    const { alice, senders, sink } = await fundedSenders(admin, 'netload', clients, 10_000n * TFT, 'finalized');
    await admin.submit(admin.api.tx.balances.transferKeepAlive(sink.address, TFT), { signer: alice, waitFor: 'finalized' });
    const template = transferTemplate(admin.api, sink.address, AMOUNT);
    await assertSameEncoding(admin.api, template, senders[0], sink.address, AMOUNT);
    rpcs.push(...(await Promise.all(senders.map((_, i) => LeanRpc.open(target.endpoints[i % target.endpoints.length])))));
    const before = await Promise.all(senders.map((s) => admin.api.query.system.account(s.address)));
    const sinkBefore = (await admin.api.query.system.account(sink.address)).data.free.toBigInt();
    const b0 = (await admin.api.rpc.chain.getHeader()).number.toNumber();

    const toInBlock: number[] = [];
    const toFinal: number[] = [];
    const errors: Record<string, number> = {};
    const finalizedBy = new Array<number>(clients).fill(0);
    let submitted = 0;
    let inWindow = 0;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    const finals: Promise<void>[] = [];
    await Promise.all(senders.map(async (signer, i) => {
      let nonce = before[i].nonce.toNumber();
      let failed = false;
      const lane = async () => {
        // a failed transfer leaves a nonce gap behind it: that sender stops (and its errors show)
        while (performance.now() < end && !failed) {
          submitted++;
          const w = sendWatched(rpcs[i], signedTransfer(template, signer, nonce++));
          finals.push(w.final.then((r) => {
            if (r.inBlockMs !== undefined) toInBlock.push(r.inBlockMs);
            if (r.inBlockAt !== undefined && r.inBlockAt <= end) inWindow++;
            if (r.finalizedMs !== undefined) { toFinal.push(r.finalizedMs); finalizedBy[i]++; }
            if (r.error) { errors[r.error] = (errors[r.error] ?? 0) + 1; failed = true; }
          }));
          const r = await w.inBlock;
          if (r.error) failed = true;
        }
      };
      // W lanes per sender share its nonce counter: W transfers on their way to a block, in nonce order
      await Promise.all(Array.from({ length: window }, lane));
    }));
    // the drain: every submission final (or failed)
    await Promise.all(finals);
    const blocks = (await admin.api.rpc.chain.getHeader()).number.toNumber() - b0;
    // nothing lost: every sender's nonce moved by exactly its finalized transfers, and the sink got them all
    await new Promise((r) => setTimeout(r, 1000));
    const after = await Promise.all(senders.map((s) => admin.api.query.system.account(s.address)));
    let lost = after.filter((a, i) => a.nonce.toNumber() - before[i].nonce.toNumber() !== finalizedBy[i]).length;
    const finalized = finalizedBy.reduce((a, b) => a + b, 0);
    const sinkAfter = (await admin.api.query.system.account(sink.address)).data.free.toBigInt();
    if (sinkAfter - sinkBefore !== BigInt(finalized) * AMOUNT) lost++;
    const nodeRssMb = kind === 'embedded' ? undefined : target.pids.map(rssMb);
    await admin.close();
    return {
      target: kind, clients, seconds, inFlightPerClient: window, submitted, includedInWindow: inWindow,
      transactionsPerSecond: Math.round((inWindow / seconds) * 100) / 100, finalized,
      latencyToInBlockMs: summarize(toInBlock), latencyToFinalizedMs: summarize(toFinal), errors, lost, blocks, nodeRssMb,
    };
  } finally {
    for (const r of rpcs) r.close();
    await target.stop();
  }
}

/** tx/s of building one block of 1,000 signed remarks on tfit-node --dev (manual seal). */
async function remarkBlock(count = 1000) {
  const node = await startTfitNode({ dev: true, sealing: 'manual' });
  const api = await ApiPromise.create({ provider: new WsProvider(node.endpoint), noInitWarn: true });
  try {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const txs = await Promise.all(Array.from({ length: count }, (_, nonce) => api.tx.system.remark('0x74666974').signAsync(alice, { nonce, era: 0, blockHash: api.genesisHash })));
    for (let i = 0; i < txs.length; i += 200) await Promise.all(txs.slice(i, i + 200).map((t) => api.rpc.author.submitExtrinsic(t)));
    await until(`${count} remarks in the pool`, async () => (await api.rpc.author.pendingExtrinsics()).length >= count);
    const t0 = performance.now();
    const sealed = (await api.rpc('engine_createBlock' as never, false as never, true as never, null as never)) as unknown as { hash: string };
    const ms = performance.now() - t0;
    const block = await api.rpc.chain.getBlock(sealed.hash);
    const inBlock = block.block.extrinsics.length - 1; // less the timestamp inherent
    return { remarks: inBlock, blockMs: Math.round(ms), extrinsicsPerSecond: Math.round(inBlock / (ms / 1000)), rssMb: rssMb(node.pid) };
  } finally {
    await api.disconnect();
    await node.close();
  }
}

/** Seconds for a fresh node to sync (import, re-executing) a --dev chain of `blocks` blocks. */
async function syncBlocks(blocks = 1000) {
  const nodeKey = nodeKeyFor('bench-sync-source');
  const source = await startTfitNode({ dev: true, sealing: 'manual', name: 'sync-source', nodeKey, args: ['--dev-peers'] });
  const api = await ApiPromise.create({ provider: new WsProvider(source.endpoint), noInitWarn: true });
  let follower: Awaited<ReturnType<typeof startTfitNode>> | undefined;
  try {
    const keyring = new Keyring({ type: 'sr25519' });
    const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];
    // a transfer in every block, so that each one has work to re-execute
    for (let n = 0; n < blocks; n++) {
      const tx = await api.tx.balances.transferKeepAlive(bob.address, 1n).signAsync(alice, { nonce: n, era: 0, blockHash: api.genesisHash });
      await api.rpc.author.submitExtrinsic(tx);
      // the fork-aware pool may hold it as future until its view catches up with the new head:
      // then this block is empty and the transfer goes into the next
      await until(`transfer ${n} in the pool`, async () => (await api.rpc.author.pendingExtrinsics()).length > 0, 200, 2).catch(() => {});
      await api.rpc('engine_createBlock' as never, true as never, true as never, null as never);
    }
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const t0 = performance.now();
    follower = await startTfitNode({ dev: true, sealing: 'manual', name: 'sync-follower', bootnodes: [source.multiaddr!] });
    const fapi = await ApiPromise.create({ provider: new WsProvider(follower.endpoint), noInitWarn: true });
    await until(`the follower at block ${head}`, async () => (await fapi.rpc.chain.getHeader()).number.toNumber() >= head, 600_000, 100);
    const seconds = (performance.now() - t0) / 1000;
    const same = (await fapi.rpc.chain.getBlockHash(head)).eq(await api.rpc.chain.getBlockHash(head));
    await fapi.disconnect();
    return { blocks: head, seconds: Math.round(seconds * 100) / 100, blocksPerSecond: Math.round(head / seconds), sameHead: same, followerRssMb: rssMb(follower.pid) };
  } finally {
    await api.disconnect();
    await follower?.close();
    await source.close();
  }
}

/**
 * In-flight transfers per client: the embedded chain gets one (the closed loop of the load
 * bench, its best: with 4 per client it does less, with 40 every submission timed out), the
 * four validators 80 (their best on 2 cores: 40 leaves 6 s blocks half empty), --dev 40.
 */
const WINDOWS: Record<TargetLoad['target'], number> = { embedded: 1, network: 80, dev: 40 };
/** --dev's block time in the load bench (see startTarget). */
const DEV_BLOCK_MS = 100;

export async function benchNetwork({ clients = 50, seconds = 60, window = undefined as number | undefined, targets = ['embedded', 'network', 'dev'] as TargetLoad['target'][], remarks = 1000, syncLength = 1000 } = {}) {
  await cryptoWaitReady();
  const load: TargetLoad[] = [];
  for (const kind of targets) {
    process.stderr.write(`  load on ${kind}…\n`);
    load.push(await loadOn(kind, clients, seconds, window ?? WINDOWS[kind]));
  }
  const embedded = load.find((l) => l.target === 'embedded');
  const throughputVsEmbedded = Object.fromEntries(load.filter((l) => l !== embedded && embedded)
    .map((l) => [l.target, Math.round((l.transactionsPerSecond / embedded!.transactionsPerSecond) * 10) / 10]));
  process.stderr.write(`  block of ${remarks} remarks…\n`);
  const remarkBlockResult = await remarkBlock(remarks);
  process.stderr.write(`  sync of ${syncLength} blocks…\n`);
  const sync = await syncBlocks(syncLength);
  return { load, throughputVsEmbedded, remarkBlock: remarkBlockResult, sync };
}
