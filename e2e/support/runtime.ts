/** The dev chain's genesis in an in-process host (see runtime/harness/host.ts). */
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { RuntimeHost, type HostOptions } from '../../runtime/harness/host.js';
import { specPath } from '../../chain-spec/paths.js';

export { RuntimeHost, RuntimeTrap } from '../../runtime/harness/host.js';

export async function devGenesisHost(options?: HostOptions): Promise<RuntimeHost> {
  await cryptoWaitReady();
  return RuntimeHost.fromSpec(specPath('dev'), options);
}
