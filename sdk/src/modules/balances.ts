/** TFT balances (7 decimals: 1 TFT = 10,000,000 units). */
import type { TfitClient } from '../client.js';
import type { Submitted } from '../submit.js';
import type { Signed } from './grid.js';

export const TFT = 10_000_000n;

export async function freeBalance(client: TfitClient, address: string): Promise<bigint> {
  return (await client.api.query.system.account(address)).data.free.toBigInt();
}

export function transfer(client: TfitClient, o: Signed & { to: string; amount: bigint; keepAlive?: boolean }): Promise<Submitted> {
  const b = client.api.tx.balances;
  return client.submit(o.keepAlive === false ? b.transferAllowDeath(o.to, o.amount) : b.transferKeepAlive(o.to, o.amount), o);
}
