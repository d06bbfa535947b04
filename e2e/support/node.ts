/**
 * Suites on tfit-node (the real Substrate node, node/). Without a built binary they are skipped
 * with the reason in their titles, so `npm ci && npm test` needs no Rust; with
 * TFIT_NETWORK_TESTS=required (CI, .ci/run) a missing binary fails them instead.
 */
import { nodeBinary } from '../../localchain/tfit-node.js';
import { skipSuite } from './target.js';

export const NETWORK_REQUIRED = process.env.TFIT_NETWORK_TESTS === 'required';

/** In a `before` hook: the binary's path, or skips the suite (fails with TFIT_NETWORK_TESTS=required). */
export function requireNodeBinary(ctx: Mocha.Context): string {
  try {
    return nodeBinary();
  } catch (e) {
    if (NETWORK_REQUIRED) throw e;
    return skipSuite(ctx, (e as Error).message);
  }
}
