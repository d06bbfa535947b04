// An app's mocha suite on the tfit harness: `npx mocha --import tsx examples/testing/app.mocha.ts`
import { expect } from 'chai';
import { startNetwork, type TestNetwork } from '@tfit/testing';
import { deployHello } from './hello.js';

describe('my app on tfit (mocha)', function () {
  this.timeout(120_000);
  let net: TestNetwork;
  before(async () => { net = await startNetwork({ nodes: 2 }); });
  after(() => net?.close()); // runs when a test fails too

  it('deploys a signed definition, approved by a stakeholder, on both nodes', async () => {
    expect((await deployHello(net)).answers).to.deep.equal(net.nodes.map((n) => `hello from ${n.ip}`));
  });
});
