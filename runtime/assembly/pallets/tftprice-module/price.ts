// The TFT price billing converts at (TF-Chain's cost.rs): the average price clamped to
// [MinTftPrice, MaxTftPrice], min first, so max wins if they cross.
import {
  TFTPriceModule_AverageTftPrice as AverageTftPrice, TFTPriceModule_MinTftPrice as MinTftPrice, TFTPriceModule_MaxTftPrice as MaxTftPrice,
} from "../../generated/storage";

/** mUSD per TFT; 0 only when the chain has no price bounds at all (billing then refuses with TFTPriceValueError). */
export function tftPriceMusd(): u32 {
  let p = AverageTftPrice.get();
  const min = MinTftPrice.get();
  const max = MaxTftPrice.get();
  if (p < min) p = min;
  if (p > max) p = max;
  return p;
}
