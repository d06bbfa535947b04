import { option, type PalletSpec } from '../dsl.js';
import { AccountId32, DispatchResult, MultiAddress, Weight } from '../primitives.js';
import { RuntimeCall } from '../outer.js';

/**
 * pallet_sudo, for the dev chain only (TF-Chain removed it; its root calls go through
 * the council there). Index 99 keeps it clear of TF-Chain's pallet indices.
 */
export const Sudo: PalletSpec = {
  name: 'Sudo',
  index: 99,
  rustPath: 'pallet_sudo',
  docs: 'Dev-chain root access: the sudo key dispatches calls as root.',
  calls: [
    { name: 'sudo', index: 0, args: { call: [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] }, weight: 5_000_000n, docs: 'Dispatch a call with root origin. Sudo key only.' },
    { name: 'sudo_unchecked_weight', index: 1, args: { call: [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'], weight: Weight }, weight: 5_000_000n, docs: 'Dispatch a call with root origin, with the given weight. Sudo key only.' },
    { name: 'set_key', index: 2, args: { new: [MultiAddress, 'AccountIdLookupOf<T>'] }, weight: 5_000_000n, docs: 'Set the sudo key. Sudo key only.' },
    { name: 'sudo_as', index: 3, args: { who: [MultiAddress, 'AccountIdLookupOf<T>'], call: [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] }, weight: 5_000_000n, docs: 'Dispatch a call with a signed origin of `who`. Sudo key only.' },
  ],
  events: [
    { name: 'Sudid', fields: { sudo_result: DispatchResult }, docs: 'A sudo call just took place.' },
    { name: 'KeyChanged', fields: { old_sudoer: [option(AccountId32), 'Option<T::AccountId>'] }, docs: 'The sudo key has been updated.' },
    { name: 'SudoAsDone', fields: { sudo_result: DispatchResult }, docs: 'A `sudo_as` call just took place.' },
  ],
  errors: [{ name: 'RequireSudo', docs: 'Sender must be the Sudo account.' }],
  storage: [{ name: 'Key', value: AccountId32, modifier: 'Optional', docs: 'The `AccountId` of the sudo key.' }],
};
