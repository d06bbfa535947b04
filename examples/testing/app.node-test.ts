// An app's node:test suite on the tfit harness: `node --import tsx --test examples/testing/app.node-test.ts`
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startNetwork, type TestNetwork } from '@tfit/testing';
import { deployHello } from './hello.js';

describe('my app on tfit (node:test)', { timeout: 120_000 }, () => {
  let net: TestNetwork;
  before(async () => { net = await startNetwork({ nodes: 2 }); });
  after(() => net?.close()); // runs when a test fails too

  it('deploys a signed definition, approved by a stakeholder, on both nodes', async () => {
    assert.deepEqual((await deployHello(net)).answers, net.nodes.map((n) => `hello from ${n.ip}`));
  });
});
