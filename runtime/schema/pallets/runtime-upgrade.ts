/** TF-Chain's RuntimeUpgrade (pallet_runtime_upgrade): System.set_code behind TF-Chain's governance origin. */
import { bytes, type PalletSpec } from '../dsl.js';

export const RuntimeUpgrade: PalletSpec = {
  name: 'RuntimeUpgrade',
  index: 31,
  rustPath: 'pallet_runtime_upgrade',
  docs: 'Runtime upgrades by governance.',
  calls: [
    { name: 'set_code', index: 0, args: { code: bytes }, weight: 500_000_000n, dispatchClass: 1, paysFee: 'unlessSucceeds', docs: "Upgrade the runtime (System.set_code's checks: same spec name, higher spec version). Root or a 3/5 council motion." },
  ],
};
