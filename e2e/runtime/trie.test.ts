import { expect } from 'chai';
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { calculateStateRoot } from '@acala-network/chopsticks-core';
import { trieRoot, orderedTrieRoot } from '../../runtime/harness/trie.js';
import { devGenesisHost } from '../support/runtime.js';
import { rng } from '../support/random.js';


/** The in-process host's trie must agree with smoldot's (Chopsticks) on every shape. */
describe('harness: trie root matches smoldot', () => {
  const cases: [string, [Uint8Array, Uint8Array][]][] = [
    ['empty', []],
    ['one short pair', [[new Uint8Array([1]), new Uint8Array([2])]]],
    ['a key that prefixes another (branch with value)', [[new Uint8Array([1]), new Uint8Array([2])], [new Uint8Array([1, 2]), new Uint8Array([3])]]],
    ['an empty key', [[new Uint8Array(0), new Uint8Array([9])], [new Uint8Array([0]), new Uint8Array(40)]]],
  ];
  const r = rng(42);
  for (let n = 0; n < 40; n++) {
    const map = new Map<string, [Uint8Array, Uint8Array]>();
    for (let i = 1 + r.int(60); i > 0; i--) {
      // long keys exercise multi-byte nibble counts; a small alphabet forces deep branching
      const key = r.bytes(n % 3 === 0 ? r.int(200) : r.int(6), n % 2 ? 4 : 256);
      map.set(u8aToHex(key), [key, r.bytes(r.int(80))]);
    }
    cases.push([`random #${n} (${map.size} keys)`, [...map.values()]]);
  }

  it(`${cases.length} tries (edge cases and random shapes), layouts V0 and V1`, async () => {
    for (const [name, entries] of cases) {
      const hex = entries.map(([k, v]) => [u8aToHex(k), u8aToHex(v)] as [HexString, HexString]);
      for (const version of [0, 1] as const)
        expect(u8aToHex(trieRoot(entries, version)), `${name} V${version}`).to.equal(await calculateStateRoot(hex, version));
    }
  });

  it('the dev genesis state', async () => {
    const host = await devGenesisHost();
    expect(host.stateRoot()).to.equal(await calculateStateRoot([...host.state].map(([k, v]) => [k, u8aToHex(v)]) as [HexString, HexString][], 1));
  });

  it('ordered root keys items by compact index', async () => {
    const items = [new Uint8Array(100), new Uint8Array([1, 2, 3])];
    expect(u8aToHex(orderedTrieRoot(items, 1))).to.equal(await calculateStateRoot([['0x00', u8aToHex(items[0])], ['0x04', u8aToHex(items[1])]], 1));
  });
});
