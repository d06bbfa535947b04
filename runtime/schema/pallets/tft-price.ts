/**
 * TF-Chain's TFTPriceModule (pallet_tft_price): the TFT price in mUSD. Validators submit
 * prices (on TF-Chain their off-chain worker fetches Stellar's TFT/USDC path every 10
 * blocks; tfit has no off-chain worker, so a validator's account submits `set_prices`
 * itself); the average of the last 1,440 is what billing converts USD costs at, clamped
 * to [MinTftPrice, MaxTftPrice].
 */
import { tuple, u16, u32, type PalletSpec } from '../dsl.js';
import { AccountId32 } from '../primitives.js';

export const TFT_PRICE_LIMITS = {
  /** TF-Chain's ring buffer of prices (pallet_tft_price's ringbuffer MAX_LENGTH). */
  historyLength: 1440,
};

export const TFTPriceModule: PalletSpec = {
  name: 'TFTPriceModule',
  index: 28,
  rustPath: 'pallet_tft_price',
  docs: 'The TFT price (mUSD per TFT) that billing converts USD costs at.',
  calls: [
    { name: 'set_prices', index: 0, args: { price: u32, block_number: [u32, 'BlockNumberFor<T>'] }, weight: 698_943_000n, paysFee: 'unlessSucceeds', docs: 'A validator submits the TFT price (mUSD); the average is recomputed. Free when accepted.' },
    { name: 'set_min_tft_price', index: 2, args: { price: u32 }, weight: 133_315_000n, docs: 'Set the lowest price billing uses (below the max). Root or a 3/5 council motion.' },
    { name: 'set_max_tft_price', index: 3, args: { price: u32 }, weight: 133_235_000n, docs: 'Set the highest price billing uses (above the min). Root or a 3/5 council motion.' },
  ],
  events: [
    { name: 'PriceStored', fields: { _0: u32 }, docs: 'A price was stored.' },
    { name: 'OffchainWorkerExecuted', fields: { _0: [AccountId32, 'T::AccountId'] }, docs: 'Declared by TF-Chain, never emitted.' },
    { name: 'AveragePriceStored', fields: { _0: u32 }, docs: 'The average price was recomputed.' },
    { name: 'AveragePriceIsAboveMaxPrice', fields: { _0: u32, _1: u32 }, docs: '(average, max): billing uses the max.' },
    { name: 'AveragePriceIsBelowMinPrice', fields: { _0: u32, _1: u32 }, docs: '(average, min): billing uses the min.' },
  ],
  errors: [
    { name: 'ErrFetchingPrice', docs: "The off-chain worker could not fetch the price (TF-Chain's; never raised by tfit)." },
    { name: 'OffchainSignedTxError', docs: "The off-chain worker could not submit the price (TF-Chain's; never raised by tfit)." },
    { name: 'NoLocalAcctForSigning', docs: 'No local account to sign with (unused).' },
    { name: 'AccountUnauthorizedToSetPrice', docs: 'Only a validator may set the price.' },
    { name: 'MaxPriceBelowMinPriceError', docs: 'The max price must be above the min price.' },
    { name: 'MinPriceAboveMaxPriceError', docs: 'The min price must be below the max price.' },
    { name: 'IsNotAnAuthority', docs: 'Not an authority (off-chain worker only).' },
    { name: 'WrongAuthority', docs: 'Not the next block author (off-chain worker only).' },
  ],
  storage: [
    { name: 'TftPrice', value: u32, modifier: 'Default', docs: 'The last price submitted (mUSD).' },
    { name: 'LastBlockSet', value: u32, modifier: 'Default', docs: 'The block number the last submission gave.' },
    { name: 'AverageTftPrice', value: u32, modifier: 'Default', docs: 'The average of the price history (mUSD), not clamped.' },
    { name: 'TftPriceHistory', keys: [[u16, 'Blake2_128Concat']], value: u32, modifier: 'Default', docs: 'The last 1,440 prices, a ring buffer.' },
    { name: 'BufferRange', value: tuple(u16, u16), modifier: 'Default', docs: "The ring buffer's (start, end)." },
    { name: 'MinTftPrice', value: u32, modifier: 'Default', docs: 'The lowest price billing uses.' },
    { name: 'MaxTftPrice', value: u32, modifier: 'Default', docs: 'The highest price billing uses.' },
  ],
};
