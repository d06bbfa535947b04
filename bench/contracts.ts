/**
 * Contract benchmark (issue #3), on the in-process host (the real wasm, true state roots):
 *   - blocks of N = 10, 100, 500 create_node_contract, approve_contract and
 *     report_contract_resources: build time and extrinsics per second
 *   - a block of 100 create_node_contract with 1,000 vs 10,000 contracts already on chain:
 *     the runtime's time must not grow with total state (the host's from-scratch trie root
 *     does, so it is reported apart)
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import type { TypeRegistry } from '@polkadot/types';
import { RuntimeHost } from '../runtime/harness/host.js';
import { BlockAuthor, describeOutcome, encodeCall, runtimeRegistry, signOffline } from '../runtime/harness/offline.js';
import { specPath } from '../chain-spec/paths.js';
import { VERSION } from '../runtime/schema/version.js';

export interface ContractBlockFigure { call: string; n: number; ms: number; extrinsicsPerSecond: number }
export interface StateSizeFigure { existingContracts: number; blockMs: number; runtimeMs: number; hostRootMs: number }
export interface ContractBenchResult { blocks: ContractBlockFigure[]; stateSize: StateSizeFigure[] }
/** `stateSizes`: at most two (one empty probe node each). */
export interface ContractBenchOptions { sizes?: number[]; stateSizes?: number[] }

const GENESIS: HexString = `0x${'ab'.repeat(32)}`;
const GIB = 1024n ** 3n;
const round = (x: number) => Math.round(x * 100) / 100;

class Chain {
  readonly nonces = new Map<string, number>();
  private hashes = 0;
  constructor(readonly host: RuntimeHost, readonly registry: TypeRegistry, readonly author: BlockAuthor) {}

  tx(who: KeyringPair, section: string, method: string, args: Record<string, unknown>): HexString {
    const nonce = this.nonces.get(who.address) ?? 0;
    this.nonces.set(who.address, nonce + 1);
    const version = { specVersion: VERSION.specVersion, transactionVersion: VERSION.transactionVersion };
    return signOffline(this.registry, encodeCall(this.registry, section, method, args), who, nonce, GENESIS, version);
  }

  /** Builds a block; throws unless every extrinsic succeeded. */
  block(txs: HexString[]): { ms: number; rootMs: number } {
    const root0 = this.host.rootMs;
    const t0 = performance.now();
    const { outcomes } = this.author.build(txs);
    const ms = performance.now() - t0;
    const bad = outcomes.map((o) => describeOutcome(this.registry, o)).findIndex((o) => o !== 'ok');
    if (bad >= 0) throw new Error(`bench block: extrinsic ${bad}: ${describeOutcome(this.registry, outcomes[bad])}`);
    return { ms, rootMs: this.host.rootMs - root0 };
  }

  nextHash(): HexString {
    this.hashes += 1;
    return u8aToHex(new Uint8Array(32).map((_, i) => (this.hashes >> ((i % 4) * 8)) & 0xff));
  }
}

export async function benchContracts({ sizes = [10, 100, 500], stateSizes = [1_000, 10_000] }: ContractBenchOptions = {}): Promise<ContractBenchResult> {
  await cryptoWaitReady();
  const host = RuntimeHost.fromSpec(specPath('dev'));
  const registry = runtimeRegistry(host);
  const chain = new Chain(host, registry, new BlockAuthor(host, registry, GENESIS));
  const keyring = new Keyring({ type: 'sr25519' });
  const [farmer, node, consumer, stakeholder, probe2, probe3] = ['//Alice', '//Bob', '//Dave', '//Eve', '//Charlie', '//Ferdie'].map((u) => keyring.addFromUri(u));

  // twins 1-6, farm 1; node 1 takes the load, nodes 2 and 3 stay empty to probe block time
  chain.block([farmer, node, consumer, stakeholder, probe2, probe3].map((who) => chain.tx(who, 'utility', 'batch_all', {
    calls: [
      registry.createType('Call', encodeCall(registry, 'tfgridModule', 'user_accept_tc', { document_link: 'https://example.com/tc', document_hash: 'h' })),
      registry.createType('Call', encodeCall(registry, 'tfgridModule', 'create_twin', { relay: null, pk: null })),
    ],
  })));
  chain.block([chain.tx(farmer, 'tfgridModule', 'create_farm', { name: 'farm1', public_ips: [] })]);
  const capacity = { hru: 1024n * 1024n * GIB, sru: 1024n * 1024n * GIB, cru: 1024, mru: 1024n * 1024n * GIB };
  const location = { city: 'c', country: 'c', latitude: '1', longitude: '1' };
  chain.block([node, probe2, probe3].map((who) => chain.tx(who, 'tfgridModule', 'create_node', { farm_id: 1, resources: capacity, location, interfaces: [], secure_boot: false, virtualized: false, serial_number: null })));

  let lastId = 0;
  const create = (n: number, nodeId = 1) => Array.from({ length: n }, () => chain.tx(consumer, 'smartContractModule', 'create_node_contract', {
    node_id: nodeId, deployment_hash: chain.nextHash(), deployment_data: '', public_ips: 0, solution_provider_id: null,
  }));
  const figure = (call: string, n: number, ms: number): ContractBlockFigure => ({ call, n, ms: round(ms), extrinsicsPerSecond: round((n * 1000) / ms) });

  const blocks: ContractBlockFigure[] = [];
  for (const n of sizes) {
    const first = lastId + 1;
    blocks.push(figure('create_node_contract', n, chain.block(create(n)).ms));
    lastId += n;
    const ids = Array.from({ length: n }, (_, i) => first + i);
    chain.block(ids.map((id) => chain.tx(consumer, 'smartContractModule', 'add_stakeholders', { contract_id: id, twins: [4], threshold: 1 })));
    blocks.push(figure('approve_contract', n, chain.block(ids.map((id) => chain.tx(stakeholder, 'smartContractModule', 'approve_contract', { contract_id: id }))).ms));
    const used = { hru: 0n, sru: 10n * GIB, cru: 1, mru: 2n * GIB };
    blocks.push(figure('report_contract_resources', n, chain.block(ids.map((id) => chain.tx(node, 'smartContractModule', 'report_contract_resources', { contract_resources: [{ contractId: id, used }] }))).ms));
  }

  // the probe block goes to a node with no contracts each time, so only total state differs
  // (node 1's own ActiveNodeContracts list, TF-Chain's Vec layout, grows with its contracts)
  const stateSize: StateSizeFigure[] = [];
  for (const [i, target] of stateSizes.entries()) {
    while (lastId < target) {
      const n = Math.min(500, target - lastId);
      chain.block(create(n));
      lastId += n;
    }
    const { ms, rootMs } = chain.block(create(100, 2 + i));
    lastId += 100;
    stateSize.push({ existingContracts: target, blockMs: round(ms), runtimeMs: round(ms - rootMs), hostRootMs: round(rootMs) });
  }
  return { blocks, stateSize };
}
