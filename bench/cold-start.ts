/**
 * Cold start to first RPC, each sample in a fresh process (a start in a process that has
 * already started a chain is warm: modules loaded, the executor worker up). Measured both
 * ways a user starts the chain: the compiled @tfit/testing under plain node (an app's own
 * suite) and the sources under tsx (this repo's scripts, `npm start`, the tests).
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { summarize, type Summary } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, 'cold-start-child.mjs');
const run = promisify(execFile);

export interface ColdStartResult {
  /** `node`, importing @tfit/testing (its dist/, built by npm ci). */
  compiledPackageMs: Summary;
  /** `node --import tsx`, importing localchain/index.ts. */
  sourcesUnderTsxMs: Summary;
}

async function sample(args: string[], env: Record<string, string>): Promise<number> {
  const { stdout } = await run(process.execPath, [...args, CHILD], { env: { ...process.env, ...env }, cwd: join(here, '..') });
  const { ms, chain } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; chain: string };
  if (typeof chain !== 'string' || !chain) throw new Error(`cold start: system_chain answered ${JSON.stringify(chain)}`);
  return ms;
}

export async function benchColdStart({ samples = 7 }: { samples?: number } = {}): Promise<ColdStartResult> {
  const compiled: number[] = [];
  const sources: number[] = [];
  // interleaved, so that both ways see the same machine
  for (let i = 0; i < samples; i++) {
    compiled.push(await sample([], {}));
    sources.push(await sample(['--import', 'tsx'], { TFIT_COLD_MODULE: '../localchain/index.ts' }));
  }
  return { compiledPackageMs: summarize(compiled), sourcesUnderTsxMs: summarize(sources) };
}
