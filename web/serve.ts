/**
 * `tfit ui`'s server: the built web app (web/dist, `npm run build:web`) as static files, and
 * /config.json telling the page which chain and content store to open. Loopback only.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIST = fileURLToPath(new URL('./dist', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png' };

export interface UiServer { url: string; close(): Promise<void> }

export async function startUiServer(o: { endpoint: string; store: string; port?: number; dir?: string }): Promise<UiServer> {
  const dir = o.dir ?? WEB_DIST;
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`the web app is not built (${dir}/index.html missing): run npm run build:web`);
  const config = JSON.stringify({ endpoint: o.endpoint, store: o.store });
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/config.json') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(config); }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404, { 'content-type': 'text/plain' }); return res.end('not found'); }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(o.port ?? 0, '127.0.0.1', () => resolve()); });
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}
