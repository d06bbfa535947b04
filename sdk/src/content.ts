/** Content-store client: publish and fetch blobs by blake2-256, verifying the hash both ways. */
import { blake2AsHex } from '@polkadot/util-crypto';
import { TfitError } from './errors.js';

export class ContentStoreError extends TfitError {
  constructor(readonly status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new ContentStoreError(0, `content store unreachable at ${url}: ${(cause as Error).message}`, { cause });
  }
}

/** Stores `bytes`; resolves to their hash. */
export async function putContent(storeUrl: string, bytes: Uint8Array, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<`0x${string}`> {
  const hash = blake2AsHex(bytes, 256) as `0x${string}`;
  const res = await request(`${storeUrl}/content/${hash}`, { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer> }, timeoutMs);
  if (res.status !== 201 && res.status !== 200) {
    const detail = await res.json().catch(() => ({ error: res.statusText })) as { error?: string };
    throw new ContentStoreError(res.status, `content store refused ${hash}: ${detail.error ?? res.statusText}`);
  }
  return hash;
}

/** Fetches the blob with `hash`; rejects unless what arrives hashes to it. */
export async function getContent(storeUrl: string, hash: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Uint8Array> {
  const res = await request(`${storeUrl}/content/${hash}`, { method: 'GET' }, timeoutMs);
  if (res.status !== 200) {
    const detail = await res.json().catch(() => ({ error: res.statusText })) as { error?: string };
    throw new ContentStoreError(res.status, `content ${hash}: ${detail.error ?? res.statusText}`);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const actual = blake2AsHex(bytes, 256);
  if (actual !== hash) throw new ContentStoreError(res.status, `content ${hash}: received bytes hash to ${actual}`);
  return bytes;
}
