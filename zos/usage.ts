/**
 * Measured resource use of a workload's processes, read from Linux's /proc (as Zero-OS
 * reads cgroup counters): resident memory and CPU time per process, and the bytes its
 * sandbox holds on disk. A process that has exited reads as null.
 */
import { readFileSync, readdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessUsage {
  /** Resident set size, bytes. */
  rssBytes: number;
  /** User + system CPU time since the process started, seconds. */
  cpuSeconds: number;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on every Linux ABI Node supports). */
const USER_HZ = 100;

export function processUsage(pid: number): ProcessUsage | null {
  let stat: string;
  let status: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null; // gone (or not Linux)
  }
  // fields after the command name, which is parenthesised and may contain spaces
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (f[0] === 'Z') return null; // exited, not yet reaped
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return { rssBytes: rssKb * 1024, cpuSeconds: (utime + stime) / USER_HZ };
}

/** Bytes of regular files under `dir` (symlinks not followed). */
export function directoryBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const s = lstatSync(path, { throwIfNoEntry: false });
    if (!s) continue;
    if (s.isDirectory()) total += directoryBytes(path);
    else if (s.isFile()) total += s.size;
  }
  return total;
}
