/**
 * The local chain in a child process (`npm run chain`): for when the chain must be stopped
 * the hard way (a killed process closes its sockets, so clients see the loss) or measured
 * apart from its clients.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BlockMode } from './index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ChainProcess {
  endpoint: string;
  pid: number;
  /** Stops it (SIGTERM: graceful; SIGKILL: a crash) and resolves when it has exited. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export async function startChainProcess(opts: { port: number; blockMode?: BlockMode; db?: string; watch?: 'tfit' | 'chopsticks' }): Promise<ChainProcess> {
  const args = ['--import', 'tsx', 'scripts/chain.ts', '--port', String(opts.port), '--block-mode', opts.blockMode ?? 'instant', '--watch', opts.watch ?? 'tfit'];
  if (opts.db) args.push('--db', opts.db);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => { out += c; if (out.includes('tfit chain ready')) resolve(); };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c) => (out += c));
    child.once('exit', (code) => reject(new Error(`the chain exited (${code}) before it was ready: ${out.trim()}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint: `ws://127.0.0.1:${opts.port}`,
    pid: child.pid!,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
