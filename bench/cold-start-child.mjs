// One cold start, in a fresh process (bench/cold-start.ts spawns it): startLocalChain()
// until the first RPC answer. Plain JavaScript so that it runs both under plain node (the
// compiled @tfit/testing, as an app's suite meets it) and under tsx (the sources, as this
// repo's scripts do); TFIT_COLD_MODULE names the module to start the chain from.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const { startLocalChain } = await import(process.env.TFIT_COLD_MODULE ?? '@tfit/testing');
await cryptoWaitReady();
const t0 = performance.now();
const chain = await startLocalChain({ port: 0, blockMode: 'manual' });
const ws = new WebSocket(chain.endpoint);
await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
const answer = new Promise((resolve) => ws.once('message', (m) => resolve(JSON.parse(String(m)))));
ws.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_chain', params: [] }));
const { result } = await answer;
const ms = performance.now() - t0;
ws.close();
await chain.close();
process.stdout.write(`${JSON.stringify({ ms, chain: result })}\n`);
