/**
 * `npm run bench`: runs the benchmarks and writes their figures as JSON to
 * bench/results/<name>.json (one file per benchmark, overwritten per run, so the git
 * history is the record). Pass names to run a subset: `npm run bench -- runtime`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRuntime } from './runtime.js';
import { benchContracts } from './contracts.js';
import { benchSdk } from './sdk.js';
import { benchFlow } from './flow.js';
import { benchNodes } from './nodes.js';
import { benchLoad } from './load.js';
import { benchNetwork } from './network.js';
import { benchTfchain } from './tfchain.js';
import { benchMemory } from './memory.js';
import { benchHealing } from './healing.js';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

const BENCHES: Record<string, () => Promise<unknown>> = {
  runtime: () => benchRuntime(),
  contracts: () => benchContracts(),
  sdk: () => benchSdk(),
  flow: () => benchFlow(),
  nodes: () => benchNodes(),
  load: () => benchLoad(),
  network: () => benchNetwork(),
  tfchain: () => benchTfchain(),
  memory: () => benchMemory(),
  healing: () => benchHealing(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; have: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
mkdirSync(RESULTS, { recursive: true });
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, platform: process.platform };
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  process.stderr.write(`bench ${name}…\n`);
  const figures = await BENCHES[name]();
  const out = join(RESULTS, `${name}.json`);
  writeFileSync(out, `${JSON.stringify({ name, date: new Date().toISOString(), machine, figures }, null, 2)}\n`);
  console.log(JSON.stringify({ name, figures }, null, 2));
  process.stderr.write(`wrote ${out}\n`);
}
process.exit(0);
