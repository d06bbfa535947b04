import { expect } from 'chai';
import { Keyring } from '@polkadot/keyring';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import type { TypeRegistry } from '@polkadot/types';
import { devGenesisHost, type RuntimeHost } from '../support/runtime.js';
import { runtimeRegistry, blockHeader, signOffline, encodeCall } from '../../runtime/harness/offline.js';
import { rng } from '../support/random.js';

const GENESIS: HexString = `0x${'ab'.repeat(32)}`;
const INPUTS = 3000;


/** Random and mutated extrinsics, as a block author would meet them from the network. */
function* inputs(valid: Uint8Array[], count: number): Generator<[string, Uint8Array]> {
  const r = rng(7);
  for (let i = 0; i < count; i++) {
    const base = valid[r.int(valid.length)];
    switch (i % 6) {
      case 0: yield [`#${i} random`, r.bytes(r.int(300))]; break;
      case 1: { const b = r.bytes(r.int(200)); yield [`#${i} random with a true length prefix`, u8aConcat(compactToU8a(b.length), b)]; break; }
      case 2: { const m = base.slice(); for (let k = 1 + r.int(4); k > 0; k--) m[r.int(m.length)] ^= 1 + r.int(255); yield [`#${i} flipped bytes`, m]; break; }
      case 3: yield [`#${i} truncated`, base.slice(0, r.int(base.length))]; break;
      case 4: yield [`#${i} extended`, u8aConcat(base, r.bytes(1 + r.int(40)))]; break;
      default: yield [`#${i} unmodified`, base]; // the control group: must apply
    }
  }
}

describe('runtime: malformed extrinsics inside a block (fuzz)', () => {
  let registry: TypeRegistry;
  let host: RuntimeHost;
  let valid: Uint8Array[];

  before(async () => {
    host = await devGenesisHost();
    registry = runtimeRegistry(host);
    const keyring = new Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    const version = { specVersion: 1, transactionVersion: 1 };
    valid = [
      encodeCall(registry, 'balances', 'transfer_keep_alive', { dest: { Id: keyring.addFromUri('//Bob').address }, value: 1000n }),
      encodeCall(registry, 'system', 'remark', { remark: '0x1234' }),
      encodeCall(registry, 'utility', 'batch_all', { calls: [] }),
    ].map((c) => hexToU8a(signOffline(registry, c, alice, 0, GENESIS, version)));
    host.call('Core_initialize_block', blockHeader(registry, 1, GENESIS, 1_700_000_004_000).toHex());
  });

  it(`apply_extrinsic answers ${INPUTS} random and mutated extrinsics without trapping; refused ones change nothing`, () => {
    const tally: Record<string, number> = {};
    for (const [name, bytes] of inputs(valid, INPUTS)) {
      const before = new Map(host.state);
      let out: HexString;
      try {
        out = host.call('BlockBuilder_apply_extrinsic', bytes);
      } catch (e) {
        throw new Error(`${name} (${u8aToHex(bytes)}) trapped: ${(e as Error).message}`);
      }
      const result = registry.createType('Result<Result<(), DispatchError>, TransactionValidityError>', hexToU8a(out));
      const kind = result.isErr ? `invalid:${result.asErr.toString()}` : result.asOk.isOk ? 'ok' : 'dispatch-error';
      tally[kind.slice(0, 60)] = (tally[kind.slice(0, 60)] ?? 0) + 1;
      if (result.isErr) expect(sameState(host.state, before), `${name} was refused but changed state`).to.equal(true);
      else restore(host.state, before); // so that later mutants meet the same nonces
    }
    expect(tally.ok).to.equal(INPUTS / 6);
    expect(tally['invalid:{"invalid":{"badProof":null}}']).to.be.greaterThan(INPUTS / 10);
  });

  it('validate_transaction answers the same inputs without trapping', () => {
    const hash = hexToU8a(GENESIS);
    for (const [name, bytes] of inputs(valid, INPUTS / 3)) {
      const out = host.call('TaggedTransactionQueue_validate_transaction', u8aConcat([2], bytes, hash), true);
      const result = registry.createType('Result<ValidTransaction, TransactionValidityError>', hexToU8a(out));
      expect(result.isOk || result.isErr, name).to.equal(true);
    }
  });
});

function sameState(a: Map<string, Uint8Array>, b: Map<string, Uint8Array>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || (w !== v && u8aToHex(w) !== u8aToHex(v))) return false;
  }
  return true;
}

function restore(state: Map<string, Uint8Array>, to: Map<string, Uint8Array>): void {
  state.clear();
  for (const [k, v] of to) state.set(k, v);
}
