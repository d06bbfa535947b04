import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { TypeRegistry } from '@polkadot/types';
import { compactAddLength, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { devGenesisHost, RuntimeHost } from '../support/runtime.js';
import { specPath } from '../../chain-spec/paths.js';

/** GenesisBuilder (v2): presets, and build_state's strict reading of a genesis config. */
describe('runtime: GenesisBuilder', () => {
  const registry = new TypeRegistry();
  let code: Uint8Array;
  const fresh = () => new RuntimeHost(code);
  const getPreset = (host: RuntimeHost, id?: string) =>
    registry.createType('Option<Bytes>', host.callBytes('GenesisBuilder_get_preset', id === undefined ? new Uint8Array([0]) : u8aConcat([1], compactAddLength(stringToU8a(id)))));
  const buildState = (host: RuntimeHost, json: string) =>
    registry.createType('Result<(), Text>', host.callBytes('GenesisBuilder_build_state', compactAddLength(stringToU8a(json))));

  before(async () => (code = (await devGenesisHost()).code));

  it('names its presets and returns them as JSON (None: the development preset)', () => {
    const host = fresh();
    const names = registry.createType('Vec<Bytes>', host.callBytes('GenesisBuilder_preset_names', new Uint8Array(0)));
    expect(names.map((n) => n.toUtf8())).to.deep.equal(['development', 'local_testnet']);
    const dev = getPreset(host, 'development');
    expect(getPreset(host).unwrap().toHex()).to.equal(dev.unwrap().toHex());
    expect(JSON.parse(dev.unwrap().toUtf8()).aura.authorities).to.have.length(1);
    expect(JSON.parse(getPreset(host, 'local_testnet').unwrap().toUtf8()).aura.authorities).to.have.length(4);
    expect(getPreset(host, 'mainnet').isNone).to.equal(true);
  });

  it('the dev chain spec is the development preset as build_state writes it (deterministic)', () => {
    const host = fresh();
    expect(buildState(host, getPreset(host).unwrap().toUtf8()).isOk).to.equal(true);
    const spec: Record<string, string> = JSON.parse(readFileSync(specPath('dev'), 'utf8')).genesis.raw.top;
    const built = Object.fromEntries([...host.state].map(([k, v]) => [k, u8aToHex(v)]));
    const { '0x3a636f6465': _code, ...rest } = spec;
    expect(built).to.deep.equal(rest);
  });

  const refusals: [string, string, RegExp][] = [
    ['malformed JSON', '{"balances": ', /invalid JSON/],
    ['an unknown section', '{"staking": {}}', /unknown field `staking`/],
    ['an unknown field', '{"sudo": {"key": null, "extra": 1}}', /sudo: unknown field `extra`/],
    ['a bad account id', '{"balances": {"balances": [["5GrwvaEF", "1"]]}}', /balances\.balances\[0\]: expected a 0x-hex 32-byte account id/],
    ['a negative amount', `{"balances": {"balances": [["0x${'11'.repeat(32)}", "-1"]]}}`, /non-negative integer/],
    ['a duplicate account', `{"balances": {"balances": [["0x${'11'.repeat(32)}", "1"], ["0x${'11'.repeat(32)}", "2"]]}}`, /duplicate account/],
  ];
  for (const [what, json, message] of refusals)
    it(`refuses ${what} with a message, writing nothing`, () => {
      const host = fresh();
      const result = buildState(host, json);
      expect(result.isErr).to.equal(true);
      expect(result.asErr.toString()).to.match(message);
      expect(host.state.size).to.equal(0);
    });

  it('sums balances into the total issuance (u128 amounts as strings)', () => {
    const host = fresh();
    const big = (2n ** 100n).toString();
    expect(buildState(host, `{"balances": {"balances": [["0x${'11'.repeat(32)}", "${big}"], ["0x${'22'.repeat(32)}", 5]]}}`).isOk).to.equal(true);
    const key = [...host.state.keys()].find((k) => k.startsWith('0xc2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80'));
    expect(registry.createType('u128', host.state.get(key!)).toBigInt()).to.equal(2n ** 100n + 5n);
  });
});
