// pallet_tft_price: validators submit the TFT price (mUSD per TFT); the price history is a
// ring buffer of the last 1,440 submissions and its rounded average is what billing
// converts at, clamped to [MinTftPrice, MaxTftPrice] (price.ts). TF-Chain's validators are
// its session validators; tfit's are the Aura authorities (same accounts in the presets).
import { DispatchError, Tuple_u16_u16 } from "../../generated/types";
import {
  TFTPriceModule_TftPrice as TftPrice, TFTPriceModule_LastBlockSet as LastBlockSet, TFTPriceModule_AverageTftPrice as AverageTftPrice,
  TFTPriceModule_TftPriceHistory as History, TFTPriceModule_BufferRange as BufferRange, TFTPriceModule_MinTftPrice as MinTftPrice,
  TFTPriceModule_MaxTftPrice as MaxTftPrice, Aura_Authorities,
} from "../../generated/storage";
import { TFTPriceModuleErrors as Error } from "../../generated/errors";
import { TFTPriceModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { bytesEqual } from "../../codec";

/** TF-Chain's ring buffer length (runtime/schema/pallets/tft-price.ts TFT_PRICE_LIMITS). */
const HISTORY: u16 = 1440;

function isValidator(who: Uint8Array): bool {
  const list = Aura_Authorities.get();
  for (let i = 0; i < list.length; i++) if (bytesEqual(list[i], who)) return true;
  return false;
}

/** Pushes a price: the oldest entry is overwritten once the buffer is full. */
function push(price: u32): void {
  const range = BufferRange.get();
  History.set(range._1, price);
  let next: u16 = range._1 + 1;
  if (next == HISTORY) next = 0;
  if (next == range._0) range._0 = range._0 + 1 == HISTORY ? 0 : range._0 + 1;
  range._1 = next;
  BufferRange.set(range);
}

/** The rounded mean of every stored price (half away from zero), their sum saturating at u32, as TF-Chain's U32F32. */
function average(): u32 {
  const range = BufferRange.get();
  // the buffer holds min(submissions, 1440) entries: all slots once it wrapped
  const count: u32 = range._1 > range._0 ? <u32>(range._1 - range._0) : <u32>HISTORY;
  let sum: u64 = 0;
  for (let i: u16 = 0; <u32>i < count; i++) sum += <u64>History.get(<u16>((<u32>range._0 + <u32>i) % <u32>HISTORY));
  if (sum > <u64>u32.MAX_VALUE) sum = <u64>u32.MAX_VALUE;
  return <u32>((sum * 2 + <u64>count) / (2 * <u64>count));
}

export function set_prices(origin: Origin, price: u32, block_number: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!isValidator(origin.who)) return Error.AccountUnauthorizedToSetPrice();
  LastBlockSet.set(block_number);
  TftPrice.set(price);
  Event.PriceStored(price);
  push(price);
  const avg = average();
  AverageTftPrice.set(avg);
  Event.AveragePriceStored(avg);
  const min = MinTftPrice.get();
  const max = MaxTftPrice.get();
  if (avg < min) Event.AveragePriceIsBelowMinPrice(avg, min);
  if (avg > max) Event.AveragePriceIsAboveMaxPrice(avg, max);
  return null;
}

export function set_min_tft_price(origin: Origin, price: u32): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (price >= MaxTftPrice.get()) return Error.MinPriceAboveMaxPriceError();
  MinTftPrice.set(price);
  return null;
}

export function set_max_tft_price(origin: Origin, price: u32): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (price <= MinTftPrice.get()) return Error.MaxPriceBelowMinPriceError();
  MaxTftPrice.set(price);
  return null;
}
