/**
 * Runtime benchmark (issue #2): the local chain as a user meets it, plus the same blocks
 * built in-process (runtime/harness) to separate the wasm's own cost from Chopsticks'.
 *   - cold start: startLocalChain() until the first RPC answer, each in a fresh process
 *     (cold-start.ts), compiled package and sources
 *   - empty block: dev_newBlock with nothing pending
 *   - blocks of N signed transfers (from N accounts): build time, extrinsics per second
 *   - system_accountNextIndex round-trip latency
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { HexString } from '@polkadot/util/types';
import { startLocalChain } from '../localchain/index.js';
import { RuntimeHost } from '../runtime/harness/host.js';
import { specPath } from '../chain-spec/paths.js';
import { VERSION } from '../runtime/schema/version.js';
import { BlockAuthor, describeOutcome, encodeCall, runtimeRegistry, signOffline } from '../runtime/harness/offline.js';
import { summarize, time, type Summary } from './stats.js';
import { benchColdStart, type ColdStartResult } from './cold-start.js';

export interface BlockFigure { n: number; ms: number; extrinsicsPerSecond: number }

export interface RuntimeBenchResult {
  coldStart: ColdStartResult;
  emptyBlockMs: Summary;
  /** Chopsticks: submit N transfers, then time dev_newBlock. */
  blocks: BlockFigure[];
  /** In-process host: initialize, apply N transfers, finalize with true roots. */
  inProcessBlocks: BlockFigure[];
  accountNextIndexMs: Summary;
}

export interface RuntimeBenchOptions { sizes?: number[]; samples?: number; coldStarts?: number }

const TFT = 10_000_000n;

export async function benchRuntime({ sizes = [1, 10, 100, 500], samples = 20, coldStarts = 7 }: RuntimeBenchOptions = {}): Promise<RuntimeBenchResult> {
  // first, while no chain of this process runs
  const coldStart = await benchColdStart({ samples: coldStarts });
  await cryptoWaitReady();
  const chain = await startLocalChain({ port: 0, blockMode: 'manual' });
  const provider = new WsProvider(chain.endpoint);
  try {
    await provider.isReady;
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    const newBlock = () => provider.send('dev_newBlock', [{ count: 1 }]);

    const empty: number[] = [];
    for (let i = 0; i < samples; i++) empty.push(await time(newBlock));
    const emptyBlockMs = summarize(empty);

    // N senders, funded from Alice in one batch
    const keyring = new Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    const senders = Array.from({ length: Math.max(...sizes) }, (_, i) => keyring.addFromUri(`//bench//${i}`));
    await api.tx.utility.batchAll(senders.map((s) => api.tx.balances.transferKeepAlive(s.address, 100n * TFT))).signAndSend(alice, { nonce: -1 });
    await newBlock();
    if ((await api.query.system.account(senders[senders.length - 1].address)).data.free.toBigInt() === 0n)
      throw new Error('bench setup: funding the senders failed');

    const nonces = new Map<string, number>();
    const signTransfers = async (n: number, genesisHash: HexString) => {
      const out: HexString[] = [];
      for (const s of senders.slice(0, n)) {
        const nonce = nonces.get(s.address) ?? 0;
        nonces.set(s.address, nonce + 1);
        const tx = await api.tx.balances.transferKeepAlive(alice.address, TFT).signAsync(s, { nonce, era: 0, blockHash: genesisHash });
        out.push(tx.toHex());
      }
      return out;
    };

    const blocks: BlockFigure[] = [];
    for (const n of sizes) {
      const txs = await signTransfers(n, api.genesisHash.toHex());
      await Promise.all(txs.map((x) => provider.send('author_submitExtrinsic', [x])));
      const ms = await time(newBlock);
      const block = await api.rpc.chain.getBlock();
      const included = block.block.extrinsics.length - 1; // minus the timestamp inherent
      if (included !== n) throw new Error(`bench: block holds ${included} of ${n} transfers`);
      blocks.push({ n, ms: round(ms), extrinsicsPerSecond: round((n * 1000) / ms) });
    }

    const latency: number[] = [];
    for (let i = 0; i < samples * 10; i++) latency.push(await time(() => provider.send('system_accountNextIndex', [alice.address])));

    await api.disconnect();
    return { coldStart, emptyBlockMs, blocks, inProcessBlocks: inProcess(sizes, senders, alice), accountNextIndexMs: summarize(latency) };
  } finally {
    await provider.disconnect().catch(() => {});
    await chain.close();
  }
}

/** The same block shapes on the in-process host: the runtime's own cost, true roots included. */
function inProcess(sizes: number[], senders: KeyringPair[], alice: KeyringPair): BlockFigure[] {
  const genesisHash: HexString = `0x${'ab'.repeat(32)}`;
  const host = RuntimeHost.fromSpec(specPath('dev'));
  const registry = runtimeRegistry(host);
  const author = new BlockAuthor(host, registry, genesisHash);
  const version = { specVersion: VERSION.specVersion, transactionVersion: VERSION.transactionVersion };
  const sign = (call: Uint8Array, who: KeyringPair, nonce: number) => signOffline(registry, call, who, nonce, genesisHash, version);
  const transfer = (to: string, value: bigint) => encodeCall(registry, 'balances', 'transfer_keep_alive', { dest: { Id: to }, value });

  const fund = encodeCall(registry, 'utility', 'batch_all', { calls: senders.map((s) => registry.createType('Call', transfer(s.address, 100n * TFT))) });
  const setup = author.build([sign(fund, alice, 0)]);
  if (describeOutcome(registry, setup.outcomes[0]) !== 'ok') throw new Error(`in-process setup: ${describeOutcome(registry, setup.outcomes[0])}`);

  const nonces = new Map<string, number>();
  return sizes.map((n) => {
    const txs = senders.slice(0, n).map((s) => {
      const nonce = nonces.get(s.address) ?? 0;
      nonces.set(s.address, nonce + 1);
      return sign(transfer(alice.address, TFT), s, nonce);
    });
    const t = performance.now();
    const { outcomes } = author.build(txs);
    const ms = performance.now() - t;
    const bad = outcomes.map((o) => describeOutcome(registry, o)).find((o) => o !== 'ok');
    if (bad) throw new Error(`in-process block of ${n}: ${bad}`);
    return { n, ms: round(ms), extrinsicsPerSecond: round((n * 1000) / ms) };
  });
}

const round = (x: number) => Math.round(x * 100) / 100;
