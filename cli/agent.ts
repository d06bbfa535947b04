/**
 * `tfit agent`: the self-healing agent (the SDK's HealingAgent) for the --key account's
 * deployments, until Ctrl-C. One line per event (a JSON document each with --json). It
 * reconnects by itself when the chain goes away, and resumes from its notary when restarted.
 */
import { connect, HealingAgent, type AgentEvent, type Logger } from '@tfit/sdk';
import { keyFrom, UsageError } from './keys.js';
import { doing } from './explain.js';

export interface AgentFlags {
  endpoint?: string; store?: string; key?: string; 'key-type': string; json: boolean;
  'uptime-window': string; 'max-attempts': string; backoff: string;
}

const seconds = (v: string, what: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${what}: expected a positive number of seconds, got ${v}`);
  return n * 1000;
};

export function describe(e: AgentEvent): string {
  switch (e.kind) {
    case 'following': return `following ${e.deploymentIds.length} deployment(s)${e.deploymentIds.length ? `: ${e.deploymentIds.join(', ')}` : ''}`;
    case 'unhealthy': return `deployment ${e.deploymentId}: contract ${e.contractId} on node ${e.nodeId}: ${e.reason}`;
    case 'moved': return `deployment ${e.deploymentId}: moved contract ${e.move.from.contractId} (node ${e.move.from.nodeId}) → contract ${e.move.to.contractId} (node ${e.move.to.nodeId}), move ${e.move.n}, attempt ${e.attempt}`;
    case 'move-failed': return `deployment ${e.deploymentId}: moving contract ${e.contractId} to node ${e.nodeId} was refused (${e.reason}); retrying in ${Math.round(e.retryInMs / 1000)} s`;
    case 'degraded': return `deployment ${e.deploymentId} DEGRADED: ${e.reason}`;
    case 'healed': return `deployment ${e.deploymentId}: healed, every contract runs`;
    case 'recovered': return `deployment ${e.deploymentId}: adopted move ${e.move.n} found on chain (contract ${e.move.to.contractId} on node ${e.move.to.nodeId})`;
    case 'error': return `agent: ${e.error} (trying again at the next block)`;
  }
}

export async function agentCommand(flags: AgentFlags, logger: Logger, until: () => Promise<void>): Promise<void> {
  if (!flags.store) throw new UsageError('missing --store: the agent reads each deployment\'s definition from the content store');
  const signer = await keyFrom(flags.key, flags['key-type']);
  const print = (e: AgentEvent) => console.log(flags.json ? JSON.stringify({ event: e.kind, ...e }) : describe(e));
  const maxAttempts = Number(flags['max-attempts']);
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new UsageError(`--max-attempts: expected a positive integer, got ${flags['max-attempts']}`);
  const client = await connect({ endpoint: flags.endpoint!, logger });
  try {
    doing(signer.address, 'self-healing of its deployments (smartContractModule.moveContract)');
    const agent = new HealingAgent(client, signer, flags.store, {
      uptimeWindowMs: seconds(flags['uptime-window'], '--uptime-window'), maxAttempts, backoffMs: seconds(flags.backoff, '--backoff'), onEvent: print,
    });
    await agent.start();
    await until();
    await agent.stop();
  } finally {
    await client.close();
  }
}
