/**
 * Mocha root hooks (loaded by .mocharc): on a target other than Chopsticks (TFIT_TARGET, see
 * target.ts), suites written for a fresh local chain are skipped before any of their hooks
 * run, each skipped test saying why. Such a suite says so with the marker
 * `@target fresh-chopsticks` in its file: it relies on genesis ids and balances and on
 * Chopsticks' dev RPCs. The target-agnostic suites are in e2e/target/.
 */
import { readFileSync } from 'node:fs';
import { allTests, markSkipped, targetSetting } from './target.js';

const MARKER = '@target fresh-chopsticks';

function markedFile(file: string | undefined, cache: Map<string, boolean>): boolean {
  if (!file) return false;
  if (!cache.has(file)) cache.set(file, readFileSync(file, 'utf8').includes(MARKER));
  return cache.get(file)!;
}

function skipFreshChainSuites(suite: Mocha.Suite, reason: string, cache: Map<string, boolean>): void {
  for (const child of suite.suites) {
    if (markedFile(child.file, cache)) {
      markSkipped(allTests(child), reason);
      child.pending = true;
      // hooks of a pending suite would still run (they start chains): drop them
      for (const s of [child, ...descendants(child)]) {
        const hooks = s as unknown as Record<'_beforeAll' | '_afterAll' | '_beforeEach' | '_afterEach', unknown[]>;
        hooks._beforeAll = []; hooks._afterAll = []; hooks._beforeEach = []; hooks._afterEach = [];
      }
    } else skipFreshChainSuites(child, reason, cache);
  }
}

const descendants = (s: Mocha.Suite): Mocha.Suite[] => s.suites.flatMap((c) => [c, ...descendants(c)]);

export const mochaHooks = {
  beforeAll(this: Mocha.Context) {
    const setting = targetSetting(); // a bad TFIT_TARGET fails the run here, with its message
    if (setting.kind === 'chopsticks') return;
    let root = this.test?.parent;
    while (root?.parent) root = root.parent;
    if (root) skipFreshChainSuites(root, `needs a fresh Chopsticks chain; on TFIT_TARGET=${process.env.TFIT_TARGET} the target suites are e2e/target/`, new Map());
  },
};
