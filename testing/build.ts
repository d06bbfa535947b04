/**
 * npm run build:testing — @tfit/testing's dist/: the compiled harness (tsconfig.json) and
 * the artifacts it runs, so a consumer never builds AssemblyScript: the raw chain specs and
 * the runtime wasm, copied to the paths chain-spec/paths.ts resolves from dist/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath, WASM_PATH } from '../chain-spec/paths.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(here, 'tsconfig.json')], { stdio: 'inherit' });
for (const artifact of [specPath('dev'), specPath('local'), WASM_PATH]) {
  const to = join(dist, relative(root, artifact));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(artifact, to);
}
process.stdout.write(`@tfit/testing: ${relative(root, dist)}\n`);
