import { bool, compact, u64, type PalletSpec } from '../dsl.js';
import { encU64 } from '../scale.js';
import { VERSION } from '../version.js';

/** pallet_timestamp: the block's time, set once per block by an inherent. */
export const Timestamp: PalletSpec = {
  name: 'Timestamp',
  index: 1,
  rustPath: 'pallet_timestamp',
  docs: 'The block timestamp, set once per block by the `set` inherent.',
  calls: [
    { name: 'set', index: 0, args: { now: [compact(u64), 'T::Moment'] }, weight: 10_000_000n, dispatchClass: 2, docs: 'Set the current time. Inherent (unsigned) only, once per block, at least `MinimumPeriod` after the previous one.' },
  ],
  storage: [
    { name: 'Now', value: u64, modifier: 'Default', docs: 'The current time for the current block.' },
    { name: 'DidUpdate', value: bool, modifier: 'Default', docs: 'Whether the timestamp has been updated in this block.' },
  ],
  constants: [
    { name: 'MinimumPeriod', type: u64, value: encU64(VERSION.slotDurationMs / 2n), docs: 'The minimum period between blocks (half the slot duration).' },
  ],
};
