import { expect } from 'chai';
import { logger as polkadotLogger } from '@polkadot/util';
import { routePolkadotConsole, type Logger } from '@tfit/sdk';

describe('SDK: polkadot-js console lines go to the injected logger', () => {
  it("routes polkadot-js's logger lines (errors and warnings at warn, the rest at debug) and passes every other line through", () => {
    const seen: string[] = [];
    const capture: Logger = { debug: (m) => seen.push(`debug ${m}`), info: (m) => seen.push(`info ${m}`), warn: (m) => seen.push(`warn ${m}`), error: (m) => seen.push(`error ${m}`) };
    let printed = '';
    const write = process.stderr.write;
    // what reaches the terminal, whenever the router was installed (connect() installs it too)
    process.stderr.write = ((chunk: string | Uint8Array) => { printed += String(chunk); return true; }) as typeof process.stderr.write;
    try {
      routePolkadotConsole(capture);
      polkadotLogger('RPC-CORE').error('disconnected from ws://127.0.0.1:1: 1006:: Abnormal Closure');
      polkadotLogger('API/INIT').warn('RPC methods not decorated: foo_bar');
      console.error('an app line');
    } finally {
      process.stderr.write = write;
    }
    expect(seen).to.deep.equal([
      'warn polkadot-js: RPC-CORE: disconnected from ws://127.0.0.1:1: 1006:: Abnormal Closure',
      'warn polkadot-js: API/INIT: RPC methods not decorated: foo_bar',
    ]);
    expect(printed).to.equal('an app line\n');
  });
});
