/**
 * Account commands, what a fresh chain needs before anything else: `key`, `balance`,
 * `transfer`, `twin`, `farm`; and `fundIfShort`, which node-sim uses to top up node keys.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { balances, grid, type TfitClient } from '@tfit/sdk';
import { doing } from './explain.js';
import { addressFrom, keyFrom, newKey, UsageError } from './keys.js';

export interface Io {
  out(human: string, data: unknown): void;
  withClient<T>(f: (c: TfitClient) => Promise<T>): Promise<T>;
}

const UNIT = balances.TFT;

/** "12.5" TFT → units; refuses more than 7 decimals, negatives and garbage. */
export function tftToUnits(text: string | undefined): bigint {
  if (!text) throw new UsageError('missing --amount (TFT, e.g. 100 or 0.5)');
  const m = /^(\d+)(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--amount ${text}: a positive number of TFT with at most 7 decimals`);
  return BigInt(m[1]) * UNIT + BigInt((m[2] ?? '').padEnd(7, '0'));
}

export const formatTft = (units: bigint) => {
  const whole = units / UNIT;
  const frac = (units % UNIT).toString().padStart(7, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''} TFT`;
};

export async function keyCommand(io: Io, sub: string | undefined, flags: { out?: string; key?: string; 'key-type': string; mnemonic: boolean }): Promise<void> {
  if (sub === 'new') {
    const k = await newKey(flags['key-type'], flags.out);
    const shown = flags.mnemonic || !flags.out;
    return io.out(
      [`address ${k.address} (${k.type})`, flags.out ? `mnemonic in ${flags.out} (mode 0600); use it as --key @${flags.out}` : '', shown ? `mnemonic: ${k.mnemonic}  (secret: anyone holding it controls the account)` : ''].filter(Boolean).join('\n'),
      { address: k.address, type: k.type, file: k.file, ...(shown ? { mnemonic: k.mnemonic } : {}) },
    );
  }
  if (sub === 'show') {
    const k = await keyFrom(flags.key, flags['key-type']);
    return io.out(`address ${k.address} (${flags['key-type']})`, { address: k.address, type: flags['key-type'] });
  }
  throw new UsageError('key: new | show (tfit key --help)');
}

async function who(flags: { address?: string; key?: string; 'key-type': string }): Promise<string> {
  if (flags.address) return addressFrom(flags.address, flags['key-type']);
  if (flags.key) return (await keyFrom(flags.key, flags['key-type'])).address;
  throw new UsageError('say whose: --address ADDR or --key KEY');
}

export async function balanceCommand(io: Io, flags: { address?: string; key?: string; 'key-type': string }): Promise<void> {
  const address = await who(flags);
  await io.withClient(async (client) => {
    const { data, nonce } = await client.api.query.system.account(address);
    const free = data.free.toBigInt();
    const reserved = data.reserved.toBigInt();
    io.out(`${address}: ${formatTft(free)} free, ${formatTft(reserved)} reserved`, { address, free, reserved, nonce: nonce.toNumber() });
  });
}

export async function transferCommand(io: Io, flags: { key?: string; 'key-type': string; to?: string; amount?: string }): Promise<void> {
  const signer = await keyFrom(flags.key, flags['key-type']);
  if (!flags.to) throw new UsageError('missing --to (an SS58 address, a dev URI, or @FILE)');
  const to = await addressFrom(flags.to);
  const amount = tftToUnits(flags.amount);
  await io.withClient(async (client) => {
    doing(signer.address, `balances.transferKeepAlive to ${to}`);
    const r = await balances.transfer(client, { signer, to, amount });
    const free = await balances.freeBalance(client, to);
    io.out(`sent ${formatTft(amount)} from ${signer.address} to ${to} (block ${r.blockHash}); ${to} now has ${formatTft(free)}`, { from: signer.address, to, amount, blockHash: r.blockHash, balance: free });
  });
}

export async function twinCommand(io: Io, sub: string | undefined, flags: { key?: string; 'key-type': string; address?: string }): Promise<void> {
  if (sub === 'create') {
    const signer = await keyFrom(flags.key, flags['key-type']);
    await io.withClient(async (client) => {
      const existing = await grid.twinIdOf(client, signer.address);
      if (existing !== null) return io.out(`${signer.address} already has twin ${existing}`, { twinId: existing, address: signer.address, created: false });
      doing(signer.address, 'tfgridModule.userAcceptTc + createTwin');
      const twin = await grid.createTwin(client, { signer });
      io.out(`twin ${twin.id} for ${signer.address} (terms accepted)`, { twinId: twin.id, address: signer.address, created: true });
    });
    return;
  }
  if (sub === 'show') {
    const address = await who(flags);
    await io.withClient(async (client) => {
      const id = await grid.twinIdOf(client, address);
      if (id === null) throw new UsageError(`${address} has no twin: \`tfit twin create --key <its key>\``);
      const twin = await grid.twin(client, id);
      io.out(`twin ${id}: ${address}${twin?.relay ? `, relay ${twin.relay}` : ''}`, twin);
    });
    return;
  }
  throw new UsageError('twin: create | show (tfit twin --help)');
}

export async function farmCommand(io: Io, sub: string | undefined, arg: string | undefined, flags: { key?: string; 'key-type': string }): Promise<void> {
  if (sub === 'create') {
    if (!arg) throw new UsageError('farm create NAME: a farm name (3 to 40 letters, digits, - and _)');
    const signer = await keyFrom(flags.key, flags['key-type']);
    await io.withClient(async (client) => {
      if ((await grid.twinIdOf(client, signer.address)) === null)
        throw new UsageError(`${signer.address} needs a twin to own a farm: \`tfit twin create --key ${flags.key}\` first`);
      doing(signer.address, `tfgridModule.createFarm ${arg}`);
      const farm = await grid.createFarm(client, { signer, name: arg });
      io.out(`farm ${farm.id} "${farm.name}" owned by twin ${farm.twinId}`, farm);
    });
    return;
  }
  if (sub === 'show') {
    const id = Number(arg);
    if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError('farm show ID: a farm id');
    await io.withClient(async (client) => {
      const farm = await grid.farm(client, id);
      if (!farm) throw new UsageError(`no farm ${id}`);
      io.out(`farm ${farm.id} "${farm.name}" owned by twin ${farm.twinId}`, farm);
    });
    return;
  }
  throw new UsageError('farm: create | show (tfit farm --help)');
}

/** Tops `key` up to `target` from `funder` when it has less than `min`; says exactly what to do without a funder. */
export async function fundIfShort(client: TfitClient, key: KeyringPair, funder: KeyringPair | undefined, min = 10n * UNIT, target = 100n * UNIT): Promise<bigint> {
  const free = await balances.freeBalance(client, key.address);
  if (free >= min) return 0n;
  if (!funder) throw new UsageError(`node key ${key.address} has ${formatTft(free)}; it needs at least ${formatTft(min)} to register and report: run node-sim with --fund-from //Alice (a dev chain), or \`tfit transfer --key <funded key> --to ${key.address} --amount ${target / UNIT}\``);
  doing(funder.address, `balances.transferKeepAlive to node key ${key.address}`);
  await balances.transfer(client, { signer: funder, to: key.address, amount: target - free });
  return target - free;
}
