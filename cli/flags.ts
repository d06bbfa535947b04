/**
 * The CLI's one table of commands and flags: parsing (node:util parseArgs), `tfit --help` and
 * `tfit <command> --help` (every flag of the command with its default) all come from it, so
 * the help cannot drift from what is parsed.
 */
import { parseArgs } from 'node:util';

interface Flag { type: 'string' | 'boolean'; default?: string | boolean | string[]; multiple?: boolean; short?: string; help: string }

const FLAGS = {
  endpoint: { type: 'string', default: 'ws://127.0.0.1:8000', help: 'the chain (WebSocket JSON-RPC)' },
  json: { type: 'boolean', default: false, help: 'one JSON document per result on stdout (errors too)' },
  verbose: { type: 'boolean', default: false, help: "also print polkadot-js's and tfit's debug lines (or TFIT_LOG=debug)" },
  help: { type: 'boolean', short: 'h', default: false, help: 'this help' },
  'connect-timeout': { type: 'string', default: '30', help: 'seconds to wait for the chain to answer' },
  key: { type: 'string', help: 'signing key: a dev URI (//Alice), a mnemonic, or @FILE from `tfit key new --out FILE`' },
  'key-type': { type: 'string', default: 'sr25519', help: 'sr25519 or ed25519' },
  out: { type: 'string', help: 'where to write the result' },
  to: { type: 'string', help: 'recipient: an SS58 address, a dev URI, or @FILE' },
  amount: { type: 'string', help: 'TFT, decimals allowed (1 TFT = 10^7 units)' },
  address: { type: 'string', help: 'an SS58 address, a dev URI, or @FILE (default: the --key account)' },
  store: { type: 'string', help: 'content store URL (tfit store)' },
  files: { type: 'string', help: 'definition init: comma-separated files to hash into the definition; publish: the folder holding them' },
  'expert-twin': { type: 'string', default: '1', help: "the expert's twin id written into the definition" },
  dir: { type: 'string', help: 'a working folder' },
  nodes: { type: 'string', default: '1', help: 'how many nodes to deploy on' },
  param: { type: 'string', multiple: true, default: [], help: 'a definition parameter, name=value (repeatable)' },
  secret: { type: 'string', multiple: true, default: [], help: 'a secret parameter, name=@FILE (repeatable): read from the file, sealed to the nodes, never printed' },
  'integrity-interval': { type: 'string', default: '5', help: "node-sim: seconds between re-checks of running workloads' files (0: only before each process starts)" },
  stakeholders: { type: 'string', help: 'comma-separated twin ids who must approve' },
  threshold: { type: 'string', help: 'approvals needed (default: every stakeholder)' },
  roles: { type: 'string', help: "comma-separated role labels, one per --stakeholders twin (e.g. code,legal,budget)" },
  note: { type: 'string', help: 'approve: a note kept with the approval (shown in status)' },
  reason: { type: 'string', help: 'why the deployment is rejected, or the catalog entry withdrawn' },
  timeout: { type: 'string', default: '300', help: 'seconds to wait for the outcome' },
  port: { type: 'string', help: 'port to listen on (chain default 8000, store default any free port)' },
  'block-mode': { type: 'string', default: 'instant', help: 'instant | batch | manual' },
  db: { type: 'string', help: 'SQLite file that keeps the chain across restarts' },
  farm: { type: 'string', help: 'farm id' },
  count: { type: 'string', default: '1', help: 'how many simulated nodes' },
  'key-prefix': { type: 'string', default: '//ZosNode', help: 'node keys are <prefix>1, <prefix>2, … (ed25519)' },
  'fund-from': { type: 'string', help: 'a funded key (dev chain: //Alice) that tops up each node key first' },
  min: { type: 'string', help: 'wait until at least this many nodes are up' },
  mnemonic: { type: 'boolean', default: false, help: 'key new: print the mnemonic (it is secret)' },
  expert: { type: 'string', help: "catalog: only entries whose definition names this expert twin id" },
  tag: { type: 'string', help: 'catalog search: only definitions with this tag' },
  version: { type: 'string', help: 'catalog search: only this version' },
  provider: { type: 'string', help: 'catalog search: only definitions naming this solution provider id' },
  'max-cru': { type: 'string', help: 'catalog search: definitions needing at most this many cores' },
  'max-mru': { type: 'string', help: 'catalog search: definitions needing at most this much memory (bytes)' },
  'max-sru': { type: 'string', help: 'catalog search: definitions needing at most this much SSD (bytes)' },
  'uptime-window': { type: 'string', default: '180', help: 'agent: seconds without an uptime report after which a node counts as gone' },
  'max-attempts': { type: 'string', default: '3', help: 'agent: moves per failure before a deployment is left degraded' },
  backoff: { type: 'string', default: '2', help: 'agent: seconds before the first retry of a refused move (doubled each retry)' },
  'uptime-interval': { type: 'string', default: '60', help: 'node-sim: seconds between uptime reports' },
} satisfies Record<string, Flag>;

export type FlagName = keyof typeof FLAGS;

type FlagValue<F> = F extends { multiple: true } ? string[] : F extends { type: 'boolean' } ? boolean : F extends { default: string } ? string : string | undefined;
/** Parsed flags: booleans and flags with a default are always set. */
export type Flags = { [K in FlagName]: FlagValue<(typeof FLAGS)[K]> };

interface Command { usage: string[]; summary: string; flags: FlagName[] }

const CHAIN: FlagName[] = ['endpoint', 'connect-timeout', 'json', 'verbose'];

export const COMMANDS: Record<string, Command> = {
  chain: { usage: ['tfit chain [--port 8000] [--block-mode instant] [--db FILE]'], summary: 'a local chain (Ctrl-C stops it)', flags: ['port', 'block-mode', 'db', 'json', 'verbose'] },
  store: { usage: ['tfit store --dir DIR [--port N]'], summary: 'a content store for definitions and files', flags: ['dir', 'port', 'json'] },
  key: { usage: ['tfit key new [--out FILE] [--key-type sr25519] [--mnemonic]', 'tfit key show --key KEY'], summary: 'make a key, or show the address of one', flags: ['out', 'key', 'key-type', 'mnemonic', 'json'] },
  balance: { usage: ['tfit balance [--address ADDR | --key KEY]'], summary: "an account's free and reserved TFT", flags: ['address', 'key', 'key-type', ...CHAIN] },
  transfer: { usage: ['tfit transfer --key KEY --to ADDR --amount TFT'], summary: 'send TFT (fund a key)', flags: ['key', 'key-type', 'to', 'amount', ...CHAIN] },
  twin: { usage: ['tfit twin create --key KEY', 'tfit twin show [--address ADDR | --key KEY]'], summary: "accept the terms and create the key's twin, or show it", flags: ['key', 'key-type', 'address', ...CHAIN] },
  farm: { usage: ['tfit farm create NAME --key KEY', 'tfit farm show ID'], summary: 'create a farm (its owner needs a twin), or show one', flags: ['key', 'key-type', ...CHAIN] },
  definition: {
    usage: ['tfit definition init FILE [--files a.js,b.txt] [--expert-twin 1]', 'tfit definition sign FILE --key KEY [--out FILE]', 'tfit definition verify SIGNED', 'tfit definition publish SIGNED --store URL [--files DIR]'],
    summary: 'write, sign, verify and publish a workload definition', flags: ['files', 'expert-twin', 'key', 'key-type', 'out', 'store', 'json'],
  },
  catalog: {
    usage: [
      'tfit catalog publish SIGNED --store URL --key KEY [--files DIR]',
      'tfit catalog search [WORDS] --store URL [--tag T] [--expert N] [--version V] [--provider ID] [--max-cru N] [--max-mru BYTES] [--max-sru BYTES]',
      'tfit catalog show NAME@VERSION --store URL [--expert N]',
      'tfit catalog withdraw NAME@VERSION --reason TEXT --key KEY',
    ],
    summary: 'publish signed definitions on chain (TFKVStore), find them, every entry verified',
    flags: ['store', 'key', 'key-type', 'files', 'expert', 'tag', 'version', 'provider', 'max-cru', 'max-mru', 'max-sru', 'reason', ...CHAIN],
  },
  deploy: { usage: ['tfit deploy SIGNED|NAME@VERSION --store URL --key KEY [--nodes 1] [--param k=v …] [--secret k=@FILE …] [--stakeholders 2,3 --threshold 1 --roles code,legal] [--expert N]'], summary: 'deploy a signed definition, or a verified catalog entry (waits for approvals and the nodes)', flags: ['store', 'key', 'key-type', 'nodes', 'param', 'secret', 'stakeholders', 'threshold', 'roles', 'timeout', 'expert', ...CHAIN] },
  approve: { usage: ['tfit approve ID --key KEY [--note TEXT]'], summary: "approve a deployment as a stakeholder (waits for it to be registered)", flags: ['key', 'key-type', 'note', 'timeout', ...CHAIN] },
  reject: { usage: ['tfit reject ID --reason TEXT --key KEY'], summary: 'reject a deployment as a stakeholder', flags: ['reason', 'key', 'key-type', 'timeout', ...CHAIN] },
  status: { usage: ['tfit status ID --key KEY'], summary: "a deployment's consensus and each contract's state", flags: ['key', 'key-type', ...CHAIN] },
  cancel: { usage: ['tfit cancel ID --key KEY'], summary: 'cancel a deployment (its owner only)', flags: ['key', 'key-type', ...CHAIN] },
  nodes: { usage: ['tfit nodes [--min N --timeout 300]'], summary: 'the grid: nodes, capacity, power state', flags: ['min', 'timeout', ...CHAIN] },
  watch: { usage: ['tfit watch'], summary: 'print TfgridModule and SmartContractModule events as they happen (Ctrl-C stops)', flags: [...CHAIN] },
  'node-sim': { usage: ['tfit node-sim --store URL --farm ID [--count 1] [--fund-from //Alice] [--dir DIR] [--key-prefix //ZosNode] [--uptime-interval 60] [--integrity-interval 5]'], summary: 'simulated Zero-OS nodes that register and run workloads (Ctrl-C stops)', flags: ['store', 'farm', 'count', 'fund-from', 'dir', 'key-prefix', 'uptime-interval', 'integrity-interval', ...CHAIN] },
  ui: { usage: ['tfit ui [--port N] [--endpoint ws://…] [--store URL]'], summary: 'the web app for stakeholders and consumers: review and sign off, follow a deployment, the grid (Ctrl-C stops)', flags: ['port', 'store', 'endpoint', 'json'] },
  agent: { usage: ['tfit agent --store URL --key KEY [--uptime-window 180] [--max-attempts 3] [--backoff 2]'], summary: "self-healing: keeps the key's deployments running, moving a contract off a dead or failed node (Ctrl-C stops)", flags: ['store', 'key', 'key-type', 'uptime-window', 'max-attempts', 'backoff', ...CHAIN] },
};

export function parse(argv: string[]) {
  const options = Object.fromEntries(Object.entries(FLAGS).map(([name, f]) => [name, { type: f.type, ...('default' in f ? { default: f.default } : {}), ...('multiple' in f ? { multiple: f.multiple } : {}), ...('short' in f ? { short: f.short } : {}) }]));
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: options as never, strict: true });
  return { flags: values as Flags, positionals };
}

const flagLine = (name: FlagName) => {
  const f: Flag = FLAGS[name];
  const def = f.default === undefined || f.default === false || (Array.isArray(f.default) && f.default.length === 0) ? '' : ` (default ${f.default})`;
  return `  --${name.padEnd(16)} ${f.help}${def}`;
};

export function help(command?: string): string {
  const c = command ? COMMANDS[command] : undefined;
  if (c) return [...c.usage, '', c.summary, '', 'flags:', ...[...c.flags, 'help' as const].map(flagLine)].join('\n');
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'tfit: ThreeFold Smart Contract for IT on a local TF-Chain',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([k, v]) => `  ${k.padEnd(width)}  ${v.summary}`),
    '',
    'every command that talks to a chain:',
    ...CHAIN.map(flagLine),
    '',
    '`tfit <command> --help` lists its usage and every flag with its default.',
    'Exit codes: 0 done, 1 the operation failed (the chain, a store or a node refused), 2 bad usage or input.',
  ].join('\n');
}
