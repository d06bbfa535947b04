/**
 * @tfit/testing: the integration harness an app's own suite starts in one call.
 * `startNetwork(options)` brings up a chain (the embedded Chopsticks chain, or `tfit-node --dev`
 * when asked), a content store and N simulated Zero-OS nodes registered on a farm, all on free
 * loopback ports and in a temporary folder, so suites can run in parallel; `close()` stops
 * everything it started, and a start that fails half-way stops what it had started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startLocalChain, type BlockMode } from '../localchain/index.js';
import { startTfitNode } from '../localchain/tfit-node.js';
import { startContentStore } from '../zos/store.js';
import { SimNode } from '../zos/node.js';
import { balances, connect, grid, silentLogger, type Logger, type Resources, type TfitClient } from '@tfit/sdk';

export { startLocalChain, type LocalChain, type LocalChainOptions, type BlockMode } from '../localchain/index.js';
export { startTfitNode, nodeBinary, NodeBinaryMissingError, NodeExitedError, type TfitNode, type TfitNodeOptions } from '../localchain/tfit-node.js';
export { startValidatorNetwork, type ValidatorNetwork, type NetworkOptions as ValidatorNetworkOptions } from '../localchain/network.js';
export { startContentStore, type ContentStore, type ContentStoreOptions } from '../zos/store.js';
export { SimNode, type SimNodeOptions } from '../zos/node.js';
export { specPath, WASM_PATH } from '../chain-spec/paths.js';
export { freePort, fetchWhenListening } from '../zos/net.js';

const GIB = 1024n ** 3n;

export interface NetworkOptions {
  /** Simulated Zero-OS nodes to register on the farm (default 1). */
  nodes?: number;
  /**
   * `embedded` (default): Chopsticks in this process; `tfit-node`: a `tfit-node --dev` child
   * (needs the built binary or TFIT_NODE_BIN). Experimental: with instant seal a node's
   * report can stay in the pool's future queue and stall close() (see README).
   */
  chain?: 'embedded' | 'tfit-node';
  /** The embedded chain's block mode (default instant). */
  blockMode?: BlockMode;
  /** Each node's capacity (default 4 cores, 8 GiB memory, 100 GiB SSD). */
  capacity?: Resources;
  /** TFT each node key is funded with (default 1,000). */
  nodeFunds?: bigint;
  logger?: Logger;
}

/** The dev accounts (sr25519), funded at genesis; alice is the farmer. */
export interface DevSigners { alice: KeyringPair; bob: KeyringPair; charlie: KeyringPair; dave: KeyringPair; eve: KeyringPair; ferdie: KeyringPair }

export interface TestNetwork {
  /** The chain's WebSocket endpoint. */
  endpoint: string;
  /** The content store's URL. */
  storeUrl: string;
  /** Which chain runs. */
  chain: 'embedded' | 'tfit-node';
  /** A connected client (closed by close()). */
  client: TfitClient;
  signers: DevSigners;
  /** The farm the nodes are on, owned by alice's twin. Each node's workloads listen on its `ip` (127.77.x.n). */
  farm: { id: number; twinId: number };
  nodes: SimNode[];
  /** Stops the nodes (and their workloads), the client, the store and the chain; removes the folder. Idempotent. */
  close(): Promise<void>;
}

export async function startNetwork(options: NetworkOptions = {}): Promise<TestNetwork> {
  await cryptoWaitReady();
  const logger = options.logger ?? silentLogger;
  const dir = mkdtempSync(join(tmpdir(), 'tfit-testing-'));
  const stops: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  // last started, first stopped; every step runs even if one fails
  const close = () => (closing ??= (async () => {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => logger.warn('tfit testing: stopping failed', { error: e.message }));
    rmSync(dir, { recursive: true, force: true });
  })());
  try {
    const kind = options.chain ?? 'embedded';
    let endpoint: string;
    if (kind === 'tfit-node') {
      const node = await startTfitNode({ dev: true, basePath: join(dir, 'tfit-node') });
      stops.push(() => node.close());
      endpoint = node.endpoint;
    } else {
      const chain = await startLocalChain({ port: 0, blockMode: options.blockMode ?? 'instant' });
      stops.push(() => chain.close());
      endpoint = chain.endpoint;
    }
    const store = await startContentStore({ dir: join(dir, 'store'), port: 0 });
    stops.push(() => store.close());
    const client = await connect({ endpoint, logger });
    stops.push(() => client.close());

    const sr = new Keyring({ type: 'sr25519' });
    const [alice, bob, charlie, dave, eve, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => sr.addFromUri(u));
    const farmerTwin = (await grid.twinIdOf(client, alice.address)) ?? (await grid.createTwin(client, { signer: alice })).id;
    const farm = await grid.createFarm(client, { signer: alice, name: `tfit-testing-${randomBytes(4).toString('hex')}` });

    // node keys and loopback subnets of their own per network: parallel networks do not meet
    const tag = randomBytes(6).toString('hex');
    const subnet = `127.77.${randomBytes(1)[0]}`;
    const count = options.nodes ?? 1;
    const keys = Array.from({ length: count }, (_, i) => new Keyring({ type: 'ed25519' }).addFromUri(`//tfit-testing//${tag}//${i + 1}`));
    if (keys.length) await client.batch(keys.map((k) => client.api.tx.balances.transferKeepAlive(k.address, (options.nodeFunds ?? 1000n) * balances.TFT)), { signer: alice });
    const nodes: SimNode[] = [];
    for (const [i, key] of keys.entries()) {
      const node = await SimNode.start({
        endpoint, client, storeUrl: store.url, workDir: join(dir, `node${i + 1}`), key, farmId: farm.id,
        capacity: options.capacity ?? { cru: 4n, mru: 8n * GIB, sru: 100n * GIB, hru: 0n }, ip: `${subnet}.${i + 1}`, uptimeIntervalMs: 0, logger,
      });
      nodes.push(node);
      stops.push(() => node.stop());
    }
    return { endpoint, storeUrl: store.url, chain: kind, client, signers: { alice, bob, charlie, dave, eve, ferdie }, farm: { id: farm.id, twinId: farmerTwin }, nodes, close };
  } catch (e) {
    await close();
    throw e;
  }
}
