/**
 * Suites on tfit-node (the real Substrate node, node/). Without a built binary they are skipped
 * with the reason in their titles, so `npm ci && npm test` needs no Rust; with
 * TFIT_NETWORK_TESTS=required (CI, .ci/run) a missing binary fails them instead.
 */
import { hasNodeBinary, nodeBinary } from '../../localchain/tfit-node.js';
import { skipSuite } from './target.js';

export const NETWORK_REQUIRED = process.env.TFIT_NETWORK_TESTS === 'required';

/** In a `before` hook: the binary's path, or skips the suite (fails with TFIT_NETWORK_TESTS=required). */
export function requireNodeBinary(ctx: Mocha.Context): string {
  if (hasNodeBinary()) return nodeBinary();
  try {
    nodeBinary();
  } catch (e) {
    if (NETWORK_REQUIRED) throw e;
    skipSuite(ctx, `${(e as Error).message}`);
  }
  throw new Error('unreachable');
}
