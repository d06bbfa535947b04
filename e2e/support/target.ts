/**
 * The chain the e2e suites run against, chosen by one setting:
 *
 *   TFIT_TARGET=chopsticks   (default) a fresh local chain per suite: Chopsticks executing the tfit runtime
 *   TFIT_TARGET=zombienet    the Zombienet network of zombienet/tfit-local.toml (alice's RPC, port 9944,
 *                            or TFIT_ZOMBIENET_WS)
 *   TFIT_TARGET=ws://host:port  any endpoint, e.g. a TF-Chain devnet node
 *
 * What a chain offers is read from the chain itself (metadata and RPC methods), and a suite
 * that needs something the chain lacks is skipped with the reason in its title: never a
 * silent pass.
 */
import { ApiPromise } from '@polkadot/api';
import { startLocalChain, type LocalChainOptions } from '../../localchain/index.js';

export type TargetKind = 'chopsticks' | 'zombienet' | 'endpoint';

export interface TargetSetting {
  kind: TargetKind;
  /** Given for zombienet and endpoint targets. */
  endpoint?: string;
}

export function targetSetting(value = process.env.TFIT_TARGET): TargetSetting {
  const v = (value ?? '').trim();
  if (v === '' || v === 'chopsticks') return { kind: 'chopsticks' };
  if (v === 'zombienet') return { kind: 'zombienet', endpoint: process.env.TFIT_ZOMBIENET_WS ?? 'ws://127.0.0.1:9944' };
  if (/^wss?:\/\/[^\s]+$/.test(v)) return { kind: 'endpoint', endpoint: v };
  throw new Error(`TFIT_TARGET must be chopsticks, zombienet or a ws:// / wss:// URL (got ${JSON.stringify(v)})`);
}

export interface Target {
  kind: TargetKind;
  endpoint: string;
  /** Stops the chain when this process started it; leaves others' chains alone. */
  close(): Promise<void>;
}

/** The chain to test: a new local chain (chopsticks) or the configured endpoint. */
export async function startTarget(opts: LocalChainOptions = {}): Promise<Target> {
  const setting = targetSetting();
  if (setting.kind === 'chopsticks') {
    const chain = await startLocalChain({ port: 0, ...opts });
    return { kind: 'chopsticks', endpoint: chain.endpoint, close: () => chain.close() };
  }
  return { kind: setting.kind, endpoint: setting.endpoint!, close: async () => {} };
}

/** Features a suite may need, with the reason given when a chain lacks one. */
export const FEATURES = {
  /** tfit's stakeholder extension (SmartContractModule calls 100–104): TF-Chain has none. */
  stakeholders: 'the chain has no stakeholder calls (SmartContractModule.add_stakeholders): a tfit extension TF-Chain lacks',
  kvstore: 'the chain has no TFKVStore pallet',
  sudo: 'the chain has no Sudo pallet',
  /** Chopsticks' dev_* RPC methods: build blocks on demand, move time. */
  devRpc: 'the chain has no dev_newBlock / dev_timeTravel RPC (only Chopsticks does)',
  /** A funded dev account to pay for the suite's accounts. */
  funder: 'no funded account: set TFIT_FUNDER_URI to a funded account\'s secret URI (//Alice is empty on this chain)',
} as const;
export type Feature = keyof typeof FEATURES;

/** Which features `api`'s chain has, read from its metadata, RPC methods and state. */
export async function detectFeatures(api: ApiPromise, funder: string): Promise<Set<Feature>> {
  const has = new Set<Feature>();
  const tx = api.tx as unknown as Record<string, Record<string, unknown> | undefined>;
  if (tx.smartContractModule?.addStakeholders) has.add('stakeholders');
  if (tx.tfkvStore?.set) has.add('kvstore');
  if (tx.sudo?.sudo) has.add('sudo');
  const methods = (await api.rpc.rpc.methods()).methods.map((m) => m.toString());
  if (methods.includes('dev_newBlock') && methods.includes('dev_timeTravel')) has.add('devRpc');
  const account = await api.query.system.account(funder);
  if (account.data.free.toBigInt() > 0n) has.add('funder');
  // TFIT_TARGET_HIDE=stakeholders,…: treat features as absent, to rehearse a run against TF-Chain
  for (const hidden of (process.env.TFIT_TARGET_HIDE ?? '').split(',').map((f) => f.trim()).filter(Boolean)) {
    if (!(hidden in FEATURES)) throw new Error(`TFIT_TARGET_HIDE: unknown feature ${hidden}; known: ${Object.keys(FEATURES).join(', ')}`);
    has.delete(hidden as Feature);
  }
  return has;
}

/**
 * In a `before` hook: skips the whole suite, with the reason appended to its title, when the
 * chain lacks one of `needed`. Returns whether the suite runs.
 */
export function requireFeatures(ctx: Mocha.Context, has: Set<Feature>, ...needed: Feature[]): boolean {
  const missing = needed.filter((f) => !has.has(f));
  if (missing.length === 0) return true;
  skipSuite(ctx, missing.map((f) => FEATURES[f]).join('; '));
  return false;
}

/**
 * Skips the running suite (from a `before` hook) or test, with `reason` in the title of each
 * test it skips, which is what the reporter prints for a pending test.
 */
export function skipSuite(ctx: Mocha.Context, reason: string): never {
  const runnable = ctx.currentTest ?? ctx.test;
  const tests = (runnable as { type?: string } | undefined)?.type === 'hook' && runnable?.parent ? allTests(runnable.parent) : runnable ? [runnable] : [];
  markSkipped(tests, reason);
  ctx.skip();
}

/** Appends the reason to each test's title, which is what the reporter prints for a pending test. */
export function markSkipped(tests: Mocha.Runnable[], reason: string): void {
  for (const t of tests) t.title += ` (skipped: ${reason})`;
}

export function allTests(suite: Mocha.Suite): Mocha.Runnable[] {
  return [...suite.tests, ...suite.suites.flatMap(allTests)];
}

