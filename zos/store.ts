/**
 * The content store: a content-addressed HTTP server on loopback. `PUT /content/<hash>`
 * stores a blob only if its blake2-256 is <hash> and it fits the size bound; `GET
 * /content/<hash>` serves it. Blobs persist as files named by their hash (written to a
 * temporary name, then renamed, so a crash never leaves half a blob).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { blake2AsHex } from '@polkadot/util-crypto';

export interface ContentStoreOptions {
  /** Directory holding the blobs (created if missing). */
  dir: string;
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  /** Largest blob accepted, in bytes (default 64 MiB). */
  maxBytes?: number;
}

export interface ContentStore {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HASH = /^0x[0-9a-f]{64}$/;

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The request body, or null once it exceeds `max` (the rest is drained, not kept). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startContentStore(options: ContentStoreOptions): Promise<ContentStore> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  mkdirSync(options.dir, { recursive: true });
  const pathOf = (hash: string) => join(options.dir, hash);

  const server = createServer(async (req, res) => {
    // content is public and self-verifying (addressed by its hash): any page may read it
    res.setHeader('access-control-allow-origin', '*');
    try {
      const m = /^\/content\/([^/?]+)$/.exec(req.url ?? '');
      if (!m) return reply(res, 404, { error: 'not found: use /content/<0x blake2-256 hash>' });
      const hash = m[1];
      if (!HASH.test(hash)) return reply(res, 400, { error: `not a blake2-256 hash: ${hash}` });
      if (req.method === 'GET' || req.method === 'HEAD') {
        if (!existsSync(pathOf(hash))) return reply(res, 404, { error: `no content ${hash}` });
        const blob = readFileSync(pathOf(hash));
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': blob.length });
        return res.end(req.method === 'GET' ? blob : undefined);
      }
      if (req.method === 'PUT') {
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > maxBytes) { req.resume(); return reply(res, 413, { error: `content is larger than ${maxBytes} bytes` }); }
        const body = await readBody(req, maxBytes);
        if (body === null) return reply(res, 413, { error: `content is larger than ${maxBytes} bytes` });
        const actual = blake2AsHex(body, 256);
        if (actual !== hash) return reply(res, 400, { error: 'hash mismatch', expected: hash, actual });
        if (existsSync(pathOf(hash))) return reply(res, 200, { hash, size: body.length });
        const tmp = `${pathOf(hash)}.${process.pid}.tmp`;
        writeFileSync(tmp, body);
        renameSync(tmp, pathOf(hash));
        return reply(res, 201, { hash, size: body.length });
      }
      reply(res, 405, { error: `${req.method} is not supported` });
    } catch (e) {
      reply(res, 500, { error: (e as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
