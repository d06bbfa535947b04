/**
 * A network of tfit-node validators (Aura authoring, Grandpa finality) on loopback, run as
 * child processes of this one: the same nodes Zombienet spawns from zombienet/tfit-local.toml,
 * but started here so a test can kill one (-9), restart it from its database, stop them all
 * and start them again, or add a fresh node that syncs from genesis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { specPath } from '../chain-spec/paths.js';
import { freeStablePort } from '../zos/net.js';
import { nodeKeyFor, peerIdOf, startTfitNode, type TfitNode } from './tfit-node.js';

export interface NetworkOptions {
  /** Validator names, dev accounts whose keys the spec lists as authorities (default alice, bob, charlie, dave: the `local` preset). */
  validators?: string[];
  /** Raw chain spec; default the built `local` preset. */
  spec?: string;
  /** More flags for every node. */
  args?: string[];
}

interface Seat { name: string; validator: boolean; basePath: string; rpcPort: number; p2pPort: number; prometheusPort: number; nodeKey: string }

export interface ValidatorNetwork {
  /** Running nodes by name. */
  nodes: Map<string, TfitNode>;
  node(name: string): TfitNode;
  /** RPC endpoints of the running nodes. */
  endpoints(): string[];
  /** Stops one node (SIGKILL: a crash), keeping its database. */
  stop(name: string, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts a stopped node again, from its database, on the same ports and peer id. */
  start(name: string): Promise<TfitNode>;
  /** Starts a new node with an empty database (not a validator unless asked), which syncs from the others. */
  join(name: string, opts?: { validator?: boolean }): Promise<TfitNode>;
  /** Stops every node and removes every database. Idempotent. */
  close(): Promise<void>;
}

export async function startValidatorNetwork(opts: NetworkOptions = {}): Promise<ValidatorNetwork> {
  const root = mkdtempSync(join(tmpdir(), 'tfit-network-'));
  const spec = opts.spec ?? specPath('local');
  const seats = new Map<string, Seat>();
  const nodes = new Map<string, TfitNode>();

  const seat = async (name: string, validator: boolean): Promise<Seat> => {
    const s: Seat = { name, validator, basePath: join(root, name), rpcPort: await freeStablePort(), p2pPort: await freeStablePort(), prometheusPort: await freeStablePort(), nodeKey: nodeKeyFor(name) };
    seats.set(name, s);
    return s;
  };
  // every other node, running or not: a restarted node finds whoever is up
  const bootnodes = (except: string) =>
    [...seats.values()].filter((s) => s.name !== except).map((s) => `/ip4/127.0.0.1/tcp/${s.p2pPort}/p2p/${peerIdOf(s.nodeKey)}`);
  const launch = async (s: Seat) => {
    const node = await startTfitNode({
      dev: false, spec, name: s.name, validator: s.validator, basePath: s.basePath,
      rpcPort: s.rpcPort, p2pPort: s.p2pPort, prometheusPort: s.prometheusPort, nodeKey: s.nodeKey,
      bootnodes: bootnodes(s.name), args: opts.args,
    });
    nodes.set(s.name, node);
    return node;
  };

  const names = opts.validators ?? ['alice', 'bob', 'charlie', 'dave'];
  for (const name of names) await seat(name, true);
  let closed: Promise<void> | undefined;
  const net: ValidatorNetwork = {
    nodes,
    node(name) {
      const n = nodes.get(name);
      if (!n) throw new Error(`no running node ${name} (running: ${[...nodes.keys()].join(', ') || 'none'})`);
      return n;
    },
    endpoints: () => [...nodes.values()].map((n) => n.endpoint),
    async stop(name, signal = 'SIGTERM') {
      await net.node(name).stop(signal);
      nodes.delete(name);
    },
    async start(name) {
      const s = seats.get(name);
      if (!s) throw new Error(`no node ${name} in this network`);
      if (nodes.has(name)) throw new Error(`${name} is running`);
      return launch(s);
    },
    async join(name, o = {}) {
      if (seats.has(name)) throw new Error(`${name} is already in this network`);
      return launch(await seat(name, o.validator ?? false));
    },
    close: () => (closed ??= (async () => {
      await Promise.all([...nodes.values()].map((n) => n.stop()));
      nodes.clear();
      rmSync(root, { recursive: true, force: true });
    })()),
  };
  try {
    for (const s of seats.values()) await launch(s);
  } catch (e) {
    await net.close();
    throw e;
  }
  return net;
}
