/**
 * `npm run example:node`: the tfit runtime on the real node (needs `npm run build:node`): a
 * --dev chain and a four-validator network, each taking an SDK transfer.
 */
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startTfitNode, startValidatorNetwork } from '@tfit/testing'; // a --dev node; alice, bob, charlie, dave on the local preset
import { connect } from '@tfit/sdk';

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519' });
const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];

const dev = await startTfitNode({ dev: true, sealing: 'instant' }); // a block as soon as a transaction arrives
let net: Awaited<ReturnType<typeof startValidatorNetwork>> | undefined;
try {
  net = await startValidatorNetwork();                              // net.stop('bob', 'SIGKILL'), net.start('bob'), net.join('eve-observer')
  for (const [name, endpoint] of [['dev', dev.endpoint], ['network', net.node('charlie').endpoint]]) {
    const client = await connect({ endpoint });
    const { blockHash } = await client.submit(client.api.tx.balances.transferKeepAlive(bob.address, 10_000_000n), { signer: alice, waitFor: 'finalized' });
    const { number } = await client.api.rpc.chain.getHeader(blockHash);
    console.log(`${name}: ${endpoint} finalized a transfer in block ${number.toNumber()} (genesis ${client.api.genesisHash.toHex().slice(0, 10)}…)`);
    await client.close();
  }
} finally {
  await net?.close(); // the dev node is closed even if the network failed to start
  await dev.close();
}
