/**
 * `npm run chain -- [--port 8000] [--host 127.0.0.1] [--block-mode instant|batch|manual] [--db file.sqlite] [--spec path] [--watch tfit|chopsticks]`
 * Starts the tfit dev chain (Chopsticks, genesis mode) and runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startLocalChain, type BlockMode } from '../localchain/index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    host: { type: 'string', default: '127.0.0.1' },
    'block-mode': { type: 'string', default: 'instant' },
    db: { type: 'string' },
    spec: { type: 'string' },
    watch: { type: 'string', default: 'tfit' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write('usage: npm run chain -- [--port 8000] [--host 127.0.0.1] [--block-mode instant|batch|manual] [--db file.sqlite] [--spec chain-spec.json] [--watch tfit|chopsticks]\n');
  process.exit(0);
}
const mode = values['block-mode'] as BlockMode;
if (!['instant', 'batch', 'manual'].includes(mode)) {
  process.stderr.write(`error: --block-mode must be instant, batch or manual (got ${mode})\n`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`error: --port must be a TCP port (got ${values.port})\n`);
  process.exit(2);
}

try {
  if (values.watch !== 'tfit' && values.watch !== 'chopsticks') {
    process.stderr.write(`error: --watch must be tfit or chopsticks (got ${values.watch})\n`);
    process.exit(2);
  }
  const chain = await startLocalChain({ port, host: values.host, blockMode: mode, db: values.db, spec: values.spec, logLevel: 'warn', watch: values.watch });
  process.stdout.write(`tfit chain ready: ${chain.endpoint} (block mode ${mode}${values.db ? `, db ${values.db}` : ''})\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('stopping tfit chain...\n');
    await chain.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exit(1);
}
