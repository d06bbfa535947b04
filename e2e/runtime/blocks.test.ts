import { expect } from 'chai';
import { Keyring } from '@polkadot/keyring';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import type { TypeRegistry } from '@polkadot/types';
import type { Header } from '@polkadot/types/interfaces';
import { calculateStateRoot } from '@acala-network/chopsticks-core';
import { devGenesisHost, RuntimeTrap, type RuntimeHost } from '../support/runtime.js';
import { runtimeRegistry, blockHeader, timestampInherentData, signOffline, encodeBlock } from '../../runtime/harness/offline.js';

const GENESIS: HexString = `0x${'ab'.repeat(32)}`;
const NOW = 1_700_000_004_000;

/** Smoldot's trie root (through Chopsticks), independent of tfit's host and runtime. */
const independentRoot = (host: RuntimeHost) =>
  calculateStateRoot([...host.state].map(([k, v]) => [k, u8aToHex(v)]) as [HexString, HexString][], 1);

/**
 * Builds block 1 the way a block author does (initialize, inherents, a signed transfer,
 * finalize) on the wasm in an in-process host, checks the header's roots against roots
 * computed independently, and re-executes the block on a fresh copy of genesis.
 */
describe('runtime: block building and execute_block', () => {
  let registry: TypeRegistry;
  let genesis: RuntimeHost;
  let built: RuntimeHost;
  let header: Header;
  let extrinsics: HexString[];

  before(async () => {
    genesis = await devGenesisHost();
    registry = runtimeRegistry(genesis);
    built = genesis.clone();
    const keyring = new Keyring({ type: 'sr25519' });
    const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];

    built.call('Core_initialize_block', blockHeader(registry, 1, GENESIS, NOW).toHex());
    const inherents = registry.createType('Vec<Bytes>', hexToU8a(built.call('BlockBuilder_inherent_extrinsics', timestampInherentData(NOW), true)));
    extrinsics = inherents.map((x) => u8aToHex(u8aConcat(compactToU8a(x.length), x)));
    const version = registry.createType('RuntimeVersion', hexToU8a(built.call('Core_version', '0x', true)));
    const transfer = registry.createType('Call', { callIndex: [20, 3], args: { dest: { Id: bob.address }, value: 12_345n } });
    extrinsics.push(signOffline(registry, transfer.toU8a(), alice, 0, GENESIS, { specVersion: version.specVersion.toNumber(), transactionVersion: version.transactionVersion.toNumber() }));
    for (const x of extrinsics) {
      const outcome = registry.createType('Result<Result<(), DispatchError>, TransactionValidityError>', hexToU8a(built.call('BlockBuilder_apply_extrinsic', x)));
      expect(outcome.isOk && outcome.asOk.isOk, `apply ${x.slice(0, 20)}: ${outcome.toString()}`).to.equal(true);
    }
    header = registry.createType('Header', hexToU8a(built.call('BlockBuilder_finalize_block')));
  });

  it('the header carries the true state root (computed independently from the resulting state)', async () => {
    expect(header.number.toNumber()).to.equal(1);
    expect(header.parentHash.toHex()).to.equal(GENESIS);
    expect(header.stateRoot.toHex()).to.equal(await independentRoot(built));
    expect(header.stateRoot.toHex()).to.not.equal(await independentRoot(genesis));
  });

  it('the header carries the true extrinsics root (ordered trie of the extrinsics, layout V0 as system version 1 wants)', async () => {
    expect(extrinsics).to.have.length(2);
    const entries = extrinsics.map((x, i) => [u8aToHex(compactToU8a(i)), x] as [HexString, HexString]);
    // a signed extrinsic is longer than 32 bytes: V0 and V1 give different roots for it
    expect(header.extrinsicsRoot.toHex()).to.equal(await calculateStateRoot(entries, 0));
    expect(header.extrinsicsRoot.toHex()).to.not.equal(await calculateStateRoot(entries, 1));
  });

  it('execute_block on a fresh genesis reproduces the same state', () => {
    const replay = genesis.clone();
    replay.call('Core_execute_block', encodeBlock(header.toU8a(), extrinsics));
    expect(replay.stateRoot()).to.equal(header.stateRoot.toHex());
    expect(replay.state).to.deep.equal(built.state);
  });

  const refuses = (block: HexString) => {
    const replay = genesis.clone();
    expect(() => replay.call('Core_execute_block', block)).to.throw(RuntimeTrap);
    expect(replay.state).to.deep.equal(genesis.state); // a trapped call leaves nothing behind
  };

  for (const field of ['stateRoot', 'extrinsicsRoot'] as const)
    it(`execute_block refuses (traps on) a block whose ${field} is wrong`, () => {
      refuses(encodeBlock(registry.createType('Header', { ...header.toJSON(), [field]: `0x${'00'.repeat(32)}` }).toU8a(), extrinsics));
    });

  it('execute_block refuses a block with an extrinsic dropped or tampered', () => {
    refuses(encodeBlock(header.toU8a(), extrinsics.slice(0, 1)));
    const tampered = hexToU8a(extrinsics[1]);
    tampered[tampered.length - 1] ^= 1; // the transfer amount: the signature no longer matches
    refuses(encodeBlock(header.toU8a(), [extrinsics[0], u8aToHex(tampered)]));
  });
});
