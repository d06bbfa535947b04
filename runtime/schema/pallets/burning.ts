/** TF-Chain's BurningModule (pallet_burning): an account burns TFT with a message, and the burn is recorded. */
import { bytes, struct, u128, u32, vec, type PalletSpec } from '../dsl.js';
import { AccountId32 } from '../primitives.js';

export const Burn = struct(['pallet_burning', 'types', 'Burn'], { target: AccountId32, amount: u128, block: u32, message: bytes });

export const BurningModule: PalletSpec = {
  name: 'BurningModule',
  index: 29,
  rustPath: 'pallet_burning',
  docs: 'Burning TFT, with a record of every burn.',
  calls: [
    { name: 'burn_tft', index: 0, args: { amount: [u128, 'BalanceOf<T>'], message: bytes }, weight: 167_982_000n, docs: "Burn `amount` of the caller's free balance; the burn is recorded with `message`." },
  ],
  events: [
    { name: 'BurnTransactionCreated', fields: { _0: AccountId32, _1: u128, _2: u32, _3: bytes }, docs: '(who, amount, block, message)' },
  ],
  errors: [{ name: 'NotEnoughBalanceToBurn', docs: 'The free balance is below the amount.' }],
  storage: [
    { name: 'Burns', value: vec(Burn), modifier: 'Optional', docs: 'Every burn, in order.' },
  ],
};
