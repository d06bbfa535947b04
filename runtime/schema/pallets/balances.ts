import { bool, compact, u128, u32, unitEnum, vec, type PalletSpec } from '../dsl.js';
import { AccountId32, MultiAddress } from '../primitives.js';
import { encU128, encU32 } from '../scale.js';

/** Existential deposit as TF-Chain: 500 units (0.00005 TFT). */
export const EXISTENTIAL_DEPOSIT = 500n;
const BalanceStatus = unitEnum(['frame_support', 'traits', 'tokens', 'misc', 'BalanceStatus'], ['Free', 'Reserved']);
const Bal: [typeof u128, string] = [u128, 'T::Balance'];
const Who: [typeof AccountId32, string] = [AccountId32, 'T::AccountId'];
const Lookup: [typeof MultiAddress, string] = [MultiAddress, 'AccountIdLookupOf<T>'];
const CBal: [ReturnType<typeof compact>, string] = [compact(u128), 'T::Balance'];

/** pallet_balances: u128 TFT balances with an existential deposit. */
export const Balances: PalletSpec = {
  name: 'Balances',
  index: 20,
  rustPath: 'pallet_balances',
  docs: 'Account balances (u128, TFT with 7 decimals) with an existential deposit.',
  calls: [
    { name: 'transfer_allow_death', index: 0, args: { dest: Lookup, value: CBal }, weight: 60_000_000n, docs: 'Transfer some liquid free balance to another account; the sender may be reaped.' },
    { name: 'set_balance_deprecated', index: 1, args: { who: Lookup, new_free: CBal, old_reserved: CBal }, weight: 30_000_000n, docs: 'Deprecated: set the free balance of an account. Root only.' },
    { name: 'force_transfer', index: 2, args: { source: Lookup, dest: Lookup, value: CBal }, weight: 60_000_000n, docs: 'Exactly as `transfer_allow_death`, except the origin must be root and the source account may be specified.' },
    { name: 'transfer_keep_alive', index: 3, args: { dest: Lookup, value: CBal }, weight: 50_000_000n, docs: 'Same as `transfer_allow_death`, but refuses to reap the sender.' },
    { name: 'transfer_all', index: 4, args: { dest: Lookup, keep_alive: bool }, weight: 60_000_000n, docs: 'Transfer the entire transferable balance from the caller account.' },
    { name: 'force_unreserve', index: 5, args: { who: Lookup, amount: Bal }, weight: 30_000_000n, docs: 'Unreserve some balance from a user by force. Root only.' },
    { name: 'upgrade_accounts', index: 6, args: { who: vec(AccountId32) }, weight: 20_000_000n, docs: 'Upgrade a specified account (no-op on tfit: accounts are always current).' },
    { name: 'transfer', index: 7, args: { dest: Lookup, value: CBal }, weight: 60_000_000n, docs: 'Alias for `transfer_allow_death`, kept for compatibility.' },
    { name: 'force_set_balance', index: 8, args: { who: Lookup, new_free: CBal }, weight: 30_000_000n, docs: 'Set the regular balance of a given account. Root only.' },
  ],
  events: [
    { name: 'Endowed', fields: { account: Who, free_balance: Bal }, docs: 'An account was created with some free balance.' },
    { name: 'DustLost', fields: { account: Who, amount: Bal }, docs: 'An account was removed whose balance was non-zero but below ExistentialDeposit, resulting in an outright loss.' },
    { name: 'Transfer', fields: { from: Who, to: Who, amount: Bal }, docs: 'Transfer succeeded.' },
    { name: 'BalanceSet', fields: { who: Who, free: Bal }, docs: 'A balance was set by root.' },
    { name: 'Reserved', fields: { who: Who, amount: Bal }, docs: 'Some balance was reserved (moved from free to reserved).' },
    { name: 'Unreserved', fields: { who: Who, amount: Bal }, docs: 'Some balance was unreserved (moved from reserved to free).' },
    { name: 'ReserveRepatriated', fields: { from: Who, to: Who, amount: Bal, destination_status: BalanceStatus }, docs: 'Some balance was moved from the reserve of the first account to the second account.' },
    { name: 'Deposit', fields: { who: Who, amount: Bal }, docs: 'Some amount was deposited (e.g. for transaction fees).' },
    { name: 'Withdraw', fields: { who: Who, amount: Bal }, docs: 'Some amount was withdrawn from the account (e.g. for transaction fees).' },
    { name: 'Slashed', fields: { who: Who, amount: Bal }, docs: 'Some amount was removed from the account (e.g. for misbehavior).' },
    { name: 'Minted', fields: { who: Who, amount: Bal }, docs: 'Some amount was minted into an account.' },
    { name: 'Burned', fields: { who: Who, amount: Bal }, docs: 'Some amount was burned from an account.' },
    { name: 'Suspended', fields: { who: Who, amount: Bal }, docs: 'Some amount was suspended from an account (it can be restored later).' },
    { name: 'Restored', fields: { who: Who, amount: Bal }, docs: 'Some amount was restored into an account.' },
    { name: 'Upgraded', fields: { who: Who }, docs: 'An account was upgraded.' },
    { name: 'Issued', fields: { amount: Bal }, docs: 'Total issuance was increased by `amount`, creating a credit to be balanced.' },
    { name: 'Rescinded', fields: { amount: Bal }, docs: 'Total issuance was decreased by `amount`, creating a debt to be balanced.' },
    { name: 'Locked', fields: { who: Who, amount: Bal }, docs: 'Some balance was locked.' },
    { name: 'Unlocked', fields: { who: Who, amount: Bal }, docs: 'Some balance was unlocked.' },
    { name: 'Frozen', fields: { who: Who, amount: Bal }, docs: 'Some balance was frozen.' },
    { name: 'Thawed', fields: { who: Who, amount: Bal }, docs: 'Some balance was thawed.' },
  ],
  errors: [
    { name: 'VestingBalance', docs: 'Vesting balance too high to send value.' },
    { name: 'LiquidityRestrictions', docs: 'Account liquidity restrictions prevent withdrawal.' },
    { name: 'InsufficientBalance', docs: 'Balance too low to send value.' },
    { name: 'ExistentialDeposit', docs: 'Value too low to create account due to existential deposit.' },
    { name: 'Expendability', docs: 'Transfer/payment would kill account.' },
    { name: 'ExistingVestingSchedule', docs: 'A vesting schedule already exists for this account.' },
    { name: 'DeadAccount', docs: 'Beneficiary account must pre-exist.' },
    { name: 'TooManyReserves', docs: 'Number of named reserves exceed `MaxReserves`.' },
    { name: 'TooManyHolds', docs: 'Number of holds exceed `MaxHolds`.' },
    { name: 'TooManyFreezes', docs: 'Number of freezes exceed `MaxFreezes`.' },
  ],
  storage: [
    { name: 'TotalIssuance', value: u128, modifier: 'Default', docs: 'The total units issued in the system.' },
    { name: 'InactiveIssuance', value: u128, modifier: 'Default', docs: 'The total units of outstanding deactivated balance in the system.' },
  ],
  constants: [
    { name: 'ExistentialDeposit', type: u128, value: encU128(EXISTENTIAL_DEPOSIT), docs: 'The minimum amount required to keep an account open.' },
    { name: 'MaxLocks', type: u32, value: encU32(50), docs: 'The maximum number of locks that should exist on an account.' },
    { name: 'MaxReserves', type: u32, value: encU32(50), docs: 'The maximum number of named reserves that can exist on an account.' },
    { name: 'MaxHolds', type: u32, value: encU32(0), docs: 'The maximum number of holds that can exist on an account at any time.' },
    { name: 'MaxFreezes', type: u32, value: encU32(0), docs: 'The maximum number of individual freeze locks that can exist on an account at any time.' },
  ],
};
