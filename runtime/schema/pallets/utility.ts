import { u16, u32, vec, type PalletSpec } from '../dsl.js';
import { DispatchError, DispatchResult, Weight } from '../primitives.js';
import { RuntimeCall } from '../outer.js';
import { encU32 } from '../scale.js';

/** Maximum calls in one batch, and nesting depth of batched calls. */
export const BATCHED_CALLS_LIMIT = 10_922;

/** pallet_utility: batches with and without atomicity. */
export const Utility: PalletSpec = {
  name: 'Utility',
  index: 3,
  rustPath: 'pallet_utility',
  docs: 'Batch dispatch: `batch` (stops at the first error), `batch_all` (atomic), `force_batch` (continues).',
  calls: [
    { name: 'batch', index: 0, args: { calls: [vec(RuntimeCall), 'Vec<<T as Config>::RuntimeCall>'] }, weight: 5_000_000n, docs: 'Send a batch of dispatch calls. Stops at the first failure, keeping the effects of the calls before it; emits `BatchInterrupted`.' },
    { name: 'as_derivative', index: 1, args: { index: u16, call: [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] }, weight: 5_000_000n, docs: 'Send a call through an indexed pseudonym of the sender.' },
    { name: 'batch_all', index: 2, args: { calls: [vec(RuntimeCall), 'Vec<<T as Config>::RuntimeCall>'] }, weight: 5_000_000n, docs: 'Send a batch of dispatch calls and atomically execute them: all succeed or none has an effect.' },
    { name: 'dispatch_as', index: 3, args: { as_origin: [u32, 'Box<T::PalletsOrigin>'], call: [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] }, weight: 5_000_000n, docs: 'Dispatches a function call with a provided origin. Root only. (tfit: not supported, always refused.)' },
    { name: 'force_batch', index: 4, args: { calls: [vec(RuntimeCall), 'Vec<<T as Config>::RuntimeCall>'] }, weight: 5_000_000n, docs: 'Send a batch of dispatch calls; failures are reported per item and do not stop the batch.' },
    { name: 'with_weight', index: 5, args: { call: [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'], weight: Weight }, weight: 0n, docs: 'Dispatch a function call with a specified weight. Root only.' },
  ],
  events: [
    { name: 'BatchInterrupted', fields: { index: u32, error: DispatchError }, docs: 'Batch of dispatches did not complete fully. Index of first failing dispatch given, as well as the error.' },
    { name: 'BatchCompleted', fields: {}, docs: 'Batch of dispatches completed fully with no error.' },
    { name: 'BatchCompletedWithErrors', fields: {}, docs: 'Batch of dispatches completed but has errors.' },
    { name: 'ItemCompleted', fields: {}, docs: 'A single item within a Batch of dispatches has completed with no error.' },
    { name: 'ItemFailed', fields: { error: DispatchError }, docs: 'A single item within a Batch of dispatches has completed with error.' },
    { name: 'DispatchedAs', fields: { result: DispatchResult }, docs: 'A call was dispatched.' },
  ],
  errors: [{ name: 'TooManyCalls', docs: 'Too many calls batched.' }],
  constants: [{ name: 'batched_calls_limit', type: u32, value: encU32(BATCHED_CALLS_LIMIT), docs: 'The limit on the number of batched calls.' }],
};
