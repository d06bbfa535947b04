/**
 * npm run build:node — tfit-node's release build (node/, `cargo build --release --locked`).
 * Cargo's target directory is outside the clone (localchain/tfit-node.ts NODE_TARGET_DIR,
 * TFIT_CARGO_TARGET_DIR to move it), so every clone on a machine, CI's included, shares one
 * incremental build. Needs Rust, protoc (Debian protobuf-compiler) and mold (Debian mold).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_TARGET_DIR } from '../localchain/tfit-node.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function need(cmd: string, args: string[], hint: string): void {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error || r.status !== 0) {
    console.error(`build:node: ${cmd} is missing: ${hint}`);
    process.exit(1);
  }
}
need('cargo', ['--version'], 'install Rust (rustup) first');
need('protoc', ['--version'], 'sc-network compiles protobuf schemas: apt-get install protobuf-compiler (or set PROTOC)');
need('mold', ['--version'], 'node/.cargo/config.toml links with mold: apt-get install mold');

const started = Date.now();
const r = spawnSync('cargo', ['build', '--release', '--locked', ...process.argv.slice(2)], {
  cwd: join(ROOT, 'node'),
  env: { ...process.env, CARGO_TARGET_DIR: NODE_TARGET_DIR },
  stdio: 'inherit',
});
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`build:node: ${join(NODE_TARGET_DIR, 'release', 'tfit-node')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
