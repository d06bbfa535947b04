/**
 * SDK benchmark (issue #4): N transactions (System.remark) from 10 accounts, submitted
 * through the SDK concurrently (managed nonces), vs the same through raw @polkadot/api
 * one transaction at a time, each awaited until in a block (the way a raw client avoids
 * nonce collisions). Same chain, Chopsticks' batch block mode (a block takes every
 * pending transaction), side by side in one run.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain } from '../localchain/index.js';
import { connect } from '@tfit/sdk';

export interface SdkBenchResult {
  transactions: number;
  accounts: number;
  sdkConcurrent: { ms: number; transactionsPerSecond: number };
  rawSequential: { ms: number; transactionsPerSecond: number };
  speedup: number;
  blockMode: string;
}

const round = (x: number) => Math.round(x * 100) / 100;

function inBlock(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, nonce: number): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, { nonce }, (r) => {
      if (r.status.isInBlock || r.status.isFinalized) resolve();
      else if (r.isError) reject(new Error(`raw submission failed: ${r.status.type}`));
    }).catch(reject);
  });
}

export async function benchSdk({ transactions = 1000, accounts = 10, blockMode = 'batch' as 'batch' | 'instant' } = {}): Promise<SdkBenchResult> {
  await cryptoWaitReady();
  const chain = await startLocalChain({ port: 0, blockMode });
  const client = await connect({ endpoint: chain.endpoint, reconnect: false });
  const raw = await ApiPromise.create({ provider: new WsProvider(chain.endpoint), noInitWarn: true });
  try {
    const keyring = new Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    const sdkSigners = Array.from({ length: accounts }, (_, i) => keyring.addFromUri(`//bench-sdk//${i}`));
    const rawSigners = Array.from({ length: accounts }, (_, i) => keyring.addFromUri(`//bench-raw//${i}`));
    await client.batch([...sdkSigners, ...rawSigners].map((s) => client.api.tx.balances.transferKeepAlive(s.address, 10_000_000_000n)), { signer: alice });
    const perAccount = Math.ceil(transactions / accounts);

    let t0 = performance.now();
    await Promise.all(sdkSigners.flatMap((s) => Array.from({ length: perAccount }, (_, k) => client.submit(client.api.tx.system.remark(`0x${k.toString(16).padStart(4, '0')}`), { signer: s, timeoutMs: 600_000 }))));
    const sdkMs = performance.now() - t0;

    t0 = performance.now();
    for (const s of rawSigners) {
      for (let k = 0; k < perAccount; k++) {
        const nonce = (await raw.rpc.system.accountNextIndex(s.address)).toNumber();
        await inBlock(raw.tx.system.remark(`0x${k.toString(16).padStart(4, '0')}`), s, nonce);
      }
    }
    const rawMs = performance.now() - t0;
    const n = perAccount * accounts;
    return {
      transactions: n,
      accounts,
      sdkConcurrent: { ms: round(sdkMs), transactionsPerSecond: round((n * 1000) / sdkMs) },
      rawSequential: { ms: round(rawMs), transactionsPerSecond: round((n * 1000) / rawMs) },
      speedup: round(rawMs / sdkMs),
      blockMode,
    };
  } finally {
    await raw.disconnect();
    await client.close();
    await chain.close();
  }
}
