/**
 * A lean load client for the network bench: signed `transfer_keep_alive` extrinsics built from
 * bytes and submitted over a bare JSON-RPC WebSocket, so that 2,000 transfers in flight cost the
 * bench process little CPU and the figures measure the chain, not the client. With polkadot-js
 * (`tx.signAsync` plus `signed.send(cb)`, about 1.3 ms of client CPU per transfer to sign, and a
 * block-and-events fetch per status) the client saturated a core first.
 *
 * The encoding is checked once against polkadot-js's own (`assertSameEncoding`): the two differ
 * only in the (randomized) sr25519 signature, so a runtime that changes its signed extensions
 * fails the bench instead of measuring refusals.
 */
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import WebSocket from 'ws';

/** What is fixed for every transfer of one chain: call bytes aside, the signed payload's tail. */
export interface TransferTemplate { call: Uint8Array; specVersion: number; txVersion: number; genesis: Uint8Array }

export function transferTemplate(api: ApiPromise, to: string, amount: bigint): TransferTemplate {
  return {
    call: api.tx.balances.transferKeepAlive(to, amount).method.toU8a(),
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    txVersion: api.runtimeVersion.transactionVersion.toNumber(),
    genesis: api.genesisHash.toU8a(),
  };
}

const u32le = (n: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true); return b; };

/**
 * An immortal v4 extrinsic signed by `signer` (sr25519) with `nonce` and no tip, in TF-Chain's
 * signed-extension order: extra = (era, nonce, tip), additional = (spec, tx version, genesis,
 * genesis as the immortal era's block).
 */
export function signedTransfer(t: TransferTemplate, signer: KeyringPair, nonce: number): Uint8Array {
  const extra = u8aConcat([0x00], compactToU8a(nonce), compactToU8a(0));
  const payload = u8aConcat(t.call, extra, u32le(t.specVersion), u32le(t.txVersion), t.genesis, t.genesis);
  const signature = signer.sign(payload.length > 256 ? blake2AsU8a(payload) : payload);
  const body = u8aConcat([0x84, 0x00], signer.publicKey, [0x01], signature, extra, t.call);
  return u8aConcat(compactToU8a(body.length), body);
}

/** Throws unless polkadot-js encodes the same transfer identically but for the signature. */
export async function assertSameEncoding(api: ApiPromise, t: TransferTemplate, signer: KeyringPair, to: string, amount: bigint): Promise<void> {
  const nonce = 7;
  const ours = signedTransfer(t, signer, nonce);
  const theirs = (await api.tx.balances.transferKeepAlive(to, amount).signAsync(signer, { nonce, era: 0, blockHash: api.genesisHash })).toU8a();
  // the 64-byte signature follows the length prefix, the version, the address (0x00 + 32) and the signature type
  const sigStart = compactToU8a(ours.length - compactToU8a(ours.length).length).length + 1 + 33 + 1;
  const strip = (x: Uint8Array) => u8aConcat(x.subarray(0, sigStart), x.subarray(sigStart + 64));
  if (ours.length !== theirs.length || u8aToHex(strip(ours)) !== u8aToHex(strip(theirs)))
    throw new Error(`bench: the lean transfer encoding differs from polkadot-js's:\n ours   ${u8aToHex(ours)}\n theirs ${u8aToHex(theirs)}`);
}

/** A status of `author_submitAndWatchExtrinsic`, as the node sends it. */
export type RawStatus = string | Record<string, unknown>;

/** One WebSocket, many watched submissions: `watch(xt, cb)` calls back with each raw status. */
export class LeanRpc {
  private nextId = 1;
  private pending = new Map<number, (r: { result?: unknown; error?: { message: string } }) => void>();
  private subs = new Map<string, (s: RawStatus) => void>();
  /** Statuses of a subscription whose id has not been seen yet (a server may send them first). */
  private early = new Map<string, RawStatus[]>();
  private constructor(private ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.id !== undefined && this.pending.has(m.id)) {
        const p = this.pending.get(m.id)!;
        this.pending.delete(m.id);
        p(m);
      } else if (m.params?.subscription !== undefined) {
        const sub = String(m.params.subscription);
        const cb = this.subs.get(sub);
        if (cb) cb(m.params.result);
        else this.early.set(sub, [...(this.early.get(sub) ?? []), m.params.result]);
      }
    });
    ws.on('close', () => { for (const p of this.pending.values()) p({ error: { message: 'connection closed' } }); this.pending.clear(); });
  }

  static open(endpoint: string): Promise<LeanRpc> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(endpoint);
      ws.once('open', () => resolve(new LeanRpc(ws)));
      ws.once('error', reject);
    });
  }

  /** Submits and watches; resolves once the node answered the subscription (or rejects with its error). */
  watch(xt: Uint8Array, onStatus: (s: RawStatus) => void): Promise<() => void> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) => {
        if (r.error) return reject(new Error(r.error.message));
        const sub = String(r.result);
        this.subs.set(sub, onStatus);
        for (const st of this.early.get(sub) ?? []) onStatus(st);
        this.early.delete(sub);
        resolve(() => {
          if (!this.subs.delete(sub) || this.ws.readyState !== WebSocket.OPEN) return;
          this.ws.send(JSON.stringify({ id: this.nextId++, jsonrpc: '2.0', method: 'author_unwatchExtrinsic', params: [sub] }));
        });
      });
      this.ws.send(JSON.stringify({ id, jsonrpc: '2.0', method: 'author_submitAndWatchExtrinsic', params: [u8aToHex(xt)] }));
    });
  }

  close(): void { this.ws.terminate(); }
}
