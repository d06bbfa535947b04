import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { bnToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, xxhashAsHex } from '@polkadot/util-crypto';
import { loadChopsticksCore, openChain, type ChopsticksCore } from '../../localchain/chain.js';
import { buildBlockInOneTask, type BuildParams, type ChainBlock } from '../../localchain/block-builder.js';
import { specPath } from '../../chain-spec/paths.js';
import { FlatState } from '../../localchain/flat-state.js';
import { InProcessTasks } from '../../localchain/in-process-task.js';
import { signerAt, type TestBlock } from '../support/chopsticks-block.js';

/**
 * The one-task builder against Chopsticks' per-call builder, block after block from the
 * same head, over a seeded random stream of valid, failing (dispatch error, included) and
 * invalid (dropped) extrinsics: whenever the one-task way builds a block it is the same
 * header, body and state as the per-call way's; when the per-call way drops an extrinsic
 * the one-task way declines (and the chain falls back to per-call).
 */

type Block = TestBlock;
type PerCallBuild = (head: Block, providers: unknown, params: BuildParams, callbacks: { onApplyExtrinsicError(x: string, e: unknown): void }) => Promise<[Block, string[]]>;

/** Every key a block's state lists under prefix 0x. */
async function keysOf(block: Block): Promise<string[]> {
  const keys: string[] = [];
  for (let page: string[] = [], start = '0x'; ; start = page.at(-1)!) {
    page = await (block as unknown as { getKeysPaged(o: { prefix: string; pageSize: number; startKey: string }): Promise<string[]> }).getKeysPaged({ prefix: '0x', pageSize: 1000, startKey: start });
    keys.push(...page);
    if (page.length < 1000) return keys;
  }
}

/** mulberry32: a small seeded PRNG, so a failing stream can be replayed with TFIT_SEED. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


describe('localchain: a block built in one task (executor or in process) equals the block built call by call', function () {
  this.timeout(300_000);
  let core: ChopsticksCore;
  let chain: Awaited<ReturnType<typeof openChain>>['chain'];
  /** The chain as tfit runs it: one task a block (in process), falling back per call, a flat state copy every 4 blocks. */
  let tfit: Awaited<ReturnType<typeof openChain>>['chain'];
  /** Blocks run on this process's engine (in-process-task.ts) over a flat state following `chain`. */
  let tasks: InProcessTasks;
  before(async () => {
    await cryptoWaitReady();
    core = await loadChopsticksCore();
    const genesis = JSON.parse(readFileSync(specPath('dev'), 'utf8'));
    // a genesis timestamp, so block 1 (stamped parent + slot, else the wall clock) is the same on both chains
    genesis.genesis.raw.top[`${xxhashAsHex('Timestamp', 128)}${xxhashAsHex('Now', 128).slice(2)}`] = u8aToHex(bnToU8a(1_700_000_000_000n, { bitLength: 64 }));
    ({ chain } = await openChain(core, { genesis, blockMode: 'Manual', runtimeLogLevel: 0, blockBuilder: 'per-call' }));
    ({ chain: tfit } = await openChain(core, { genesis, blockMode: 'Manual', runtimeLogLevel: 0, blockBuilder: 'in-process', flattenEvery: 4 }));
    // the in-process builder of this test follows the per-call chain's state
    tasks = new InProcessTasks(new FlatState((await (chain as unknown as { getBlockAt(n: number): Promise<{ hash: string }> }).getBlockAt(0)).hash, genesis.genesis.raw.top));
  });
  after(async () => { await chain?.close(); await tfit?.close(); });

  it('block 1, built on genesis in process by tfit\'s chain, is the block the per-call builder made', async () => {
    const [mine, theirs] = [tfit.head as unknown as Block, chain.head as unknown as Block];
    expect(mine.number).to.equal(1);
    expect((tfit as unknown as { inProcessTasks: InProcessTasks }).inProcessTasks.counts.inProcess).to.be.greaterThan(0);
    expect(mine.hash).to.equal(theirs.hash);
    expect((await mine.header).toHex()).to.equal((await theirs.header).toHex());
    expect(await mine.extrinsics).to.deep.equal(await theirs.extrinsics);
    const [a, b] = [await mine.storageDiff(), await theirs.storageDiff()];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) expect(await mine.get(key), `key ${key}`).to.equal(await theirs.get(key));
  });

  it('header and extrinsics are byte-identical and the state is the same over 40 random blocks; a block with a refused extrinsic is left to the per-call builder', async () => {
    const seed = Number(process.env.TFIT_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const keyring = new Keyring({ type: 'sr25519' });
    const accounts = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
    const nonces = new Map<string, number>(accounts.map((a) => [a.address, 0]));
    const perCall = (core as unknown as { buildBlock: PerCallBuild }).buildBlock;
    const head = () => chain.head as unknown as Block;
    const seen = { oneTask: 0, declined: 0, failedIncluded: 0, kinds: new Set<string>() };

    for (let round = 0; round < 40; round++) {
      const parent = head();
      const meta = await parent.meta;
      const { tx } = meta;
      const genesisHash = (await (chain as unknown as { getBlockAt(n: number): Promise<{ hash: string }> }).getBlockAt(0))!.hash;
      const sign = await signerAt(parent, genesisHash);
      const next = (who: KeyringPair) => { const n = nonces.get(who.address)!; nonces.set(who.address, n + 1); return n; };
      const transactions: string[] = [];
      const count = Math.floor(random() * 7);
      // half the blocks hold only applicable extrinsics (some failing), half may hold refused ones too
      const kinds = random() < 0.5 ? ['transfer', 'remark', 'overdraw', 'kvSet', 'kvDelete'] : ['transfer', 'remark', 'overdraw', 'kvSet', 'kvDelete', 'staleNonce', 'futureNonce', 'badSignature', 'wrongGenesis', 'garbage'];
      for (let i = 0; i < count; i++) {
        const who = pick(accounts);
        const to = pick(accounts.filter((a) => a !== who));
        const kind = pick(kinds);
        seen.kinds.add(kind);
        const transfer = (value: bigint) => tx.balances.transferKeepAlive(to.address, value);
        const current = nonces.get(who.address)!;
        switch (kind) {
          case 'transfer': transactions.push(sign(transfer(BigInt(1 + Math.floor(random() * 1e6))), who, next(who))); break;
          case 'remark': transactions.push(sign(tx.system.remark(`0x${round.toString(16).padStart(4, '0')}`), who, next(who))); break;
          // TFKVStore entries from a small pool of keys: deletes remove entries earlier blocks wrote
          case 'kvSet': transactions.push(sign(tx.tfkvStore.set(`k${Math.floor(random() * 3)}`, `v${round}`), who, next(who))); break;
          case 'kvDelete': transactions.push(sign(tx.tfkvStore.delete(`k${Math.floor(random() * 3)}`), who, next(who))); break;
          case 'overdraw': transactions.push(sign(transfer(10n ** 30n), who, next(who))); break; // fee paid, dispatch fails
          case 'staleNonce': if (current > 0) transactions.push(sign(transfer(1n), who, current - 1)); break;
          case 'futureNonce': transactions.push(sign(transfer(1n), who, current + 3)); break;
          case 'badSignature': { const x = sign(transfer(1n), who, current); transactions.push(`${x.slice(0, 100)}${x[100] === '0' ? '1' : '0'}${x.slice(101)}`); break; }
          case 'wrongGenesis': transactions.push(sign(transfer(1n), who, current, `0x${'11'.repeat(32)}`)); break;
          case 'garbage': transactions.push(`0x${'ab'.repeat(1 + Math.floor(random() * 40))}`); break;
        }
      }

      const oneTask = (await buildBlockInOneTask(core, parent, core.inherentProviders, { transactions })) as Block | undefined;
      const inProcess = (await buildBlockInOneTask(core, parent, core.inherentProviders, { transactions }, undefined, tasks)) as Block | undefined;
      const refused: string[] = [];
      const [reference, pending] = await perCall(parent, core.inherentProviders, { transactions, upwardMessages: {}, downwardMessages: [], horizontalMessages: {} }, { onApplyExtrinsicError: (x) => refused.push(x) });
      const dropped = refused.length + pending.length;
      const context = `seed ${seed}, round ${round}, ${transactions.length} extrinsics, ${dropped} dropped`;
      if (dropped > 0) {
        expect(oneTask, `one task must decline a block the per-call builder drops from (${context})`).to.equal(undefined);
        expect(inProcess, `in process must decline a block the per-call builder drops from (${context})`).to.equal(undefined);
        seen.declined++;
        // the model's nonces: only what was included consumed one
        for (const a of accounts) nonces.set(a.address, ((await reference.read('AccountInfo', meta.query.system.account, a.address))?.toJSON() as { nonce: number } | undefined)?.nonce ?? 0);
      } else {
        for (const [way, built] of [['one task', oneTask], ['in process', inProcess]] as const) {
          const where = `${way}: ${context}`;
          expect(built, `${way} must build a block of only applicable extrinsics (${context})`).to.not.equal(undefined);
          expect(built!.hash, where).to.equal(reference.hash);
          expect((await built!.header).toHex(), where).to.equal((await reference.header).toHex());
          expect(await built!.extrinsics, where).to.deep.equal(await reference.extrinsics);
          // the same state: every key either block touched reads the same in both (Chopsticks'
          // per-call diff also lists the keys the build only read, at their unchanged values)
          const [mine, theirs] = [await built!.storageDiff(), await reference.storageDiff()];
          for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)]))
            expect(await built!.get(key), `${where}, key ${key}`).to.equal(await reference.get(key));
          // and it wrote nothing the per-call block does not hold
          expect(Object.keys(mine).filter((k) => !(k in theirs)), where).to.deep.equal([]);
        }
        seen.oneTask++;
      }
      const events = JSON.stringify((await reference.read('Vec<EventRecord>', meta.query.system.events))?.toHuman() ?? []);
      if (oneTask && events.includes('ExtrinsicFailed')) seen.failedIncluded++;
      await (chain as unknown as { setHead(b: Block): Promise<void> }).setHead(reference);

      // the same transactions through tfit's chain (queue, fallback, flat copies): the same blocks and state
      await (tfit as unknown as { newBlock(p: { transactions: string[] }): Promise<void> }).newBlock({ transactions });
      expect(tfit.head.hash, `${context}: tfit's chain`).to.equal(reference.hash);
      if (round % 10 === 9) {
        // every key either chain lists reads the same on both (Chopsticks' layers over genesis
        // do not list genesis keys under prefix 0x; tfit's flat copy lists every key)
        const keys = new Set([...(await keysOf(tfit.head as unknown as Block)), ...(await keysOf(reference))]);
        expect(keys.size, context).to.be.greaterThan(30);
        for (const key of keys) expect(await (tfit.head as unknown as Block).get(key), `${context}: tfit's state at ${key}`).to.equal(await reference.get(key));
      }
    }
    // the stream exercised both ways, every kind, and compared blocks holding failed calls
    expect([...seen.kinds].sort(), `seed ${seed}`).to.have.length(10);
    expect(seen.oneTask, `seed ${seed}`).to.be.greaterThan(5);
    expect(seen.declined, `seed ${seed}`).to.be.greaterThan(5);
    expect(seen.failedIncluded, `seed ${seed}`).to.be.greaterThan(0);
    // the in-process blocks really ran in process, on this test's builder and on tfit's chain
    expect(tasks.counts.inProcess, `seed ${seed}`).to.equal(seen.oneTask + seen.declined); // every round ran here
    expect(tasks.counts.declined, `seed ${seed}`).to.equal(0);
    const chainTasks = (tfit as unknown as { inProcessTasks: InProcessTasks }).inProcessTasks;
    expect(chainTasks.counts.inProcess, `seed ${seed}`).to.be.greaterThan(30);
  });
});
