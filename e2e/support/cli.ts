/** Running the repository's `tfit` from a test, as a child process (from sources, through tsx). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** node's arguments that run tfit: spawn(process.execPath, [...CLI, command, …]). */
export const CLI = ['--import', 'tsx', 'cli/tfit.ts'];

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs tfit; resolves to { code, stdout, stderr } (never rejects on a non-zero exit). */
export async function tfit(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
