/** A TCP port free on loopback right now (for workloads started by tests and the demo). */
import { createServer } from 'node:net';

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => { srv.once('error', reject); srv.listen(0, host, () => resolve()); });
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * fetch(url), retried while the connection is refused: a workload is Running once its
 * processes have started (as Zero-OS reports it), which can be a moment before a service
 * listens. Any other failure, or still refused after `timeoutMs`, rejects with its cause.
 */
export async function fetchWhenListening(url: string, { timeoutMs = 10_000, init }: { timeoutMs?: number; init?: RequestInit } = {}): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url, init);
    } catch (e) {
      const code = ((e as Error & { cause?: { code?: string } }).cause)?.code;
      if (code !== 'ECONNREFUSED' || Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
