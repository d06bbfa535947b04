/**
 * A workload for tests and benchmarks of the flow: one Node.js process that idles (well
 * under its 128 MB memory limit), one small file. Publish `file` to the content store, sign
 * `definition` with the expert's key.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import type { workload } from '@tfit/sdk';

export function idleWorkload(expertTwinId: number): { file: Uint8Array; definition: workload.Definition } {
  const file = new TextEncoder().encode('setInterval(() => {}, 1000);\n');
  return {
    file,
    definition: {
      format: 'tfit.workload/v1', name: 'idle', version: '1', expert: { twinId: expertTwinId },
      files: [{ name: 'idle.js', size: file.length, blake2_256: blake2AsHex(file) }],
      processes: [{ name: 'idle', command: process.execPath, args: ['idle.js'], env: {}, limits: { memoryMb: 128 } }],
      capacity: { cru: 1, mru: 128 * 1024 * 1024, sru: 1024, hru: 0, publicIps: 0 }, parameters: {},
    },
  };
}
