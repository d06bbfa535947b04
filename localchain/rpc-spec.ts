/**
 * chainHead_v1_follow as the new JSON-RPC spec writes it. Chopsticks (1.5.1) puts the bare
 * runtime version in `initialized.finalizedBlockRuntime` and `newBlock.newRuntime`; the spec
 * wraps it as `{ type: 'valid', spec: { specName, implName, specVersion, implVersion,
 * transactionVersion, apis: { [apiId]: version } } }` (dedot's client stops on the bare form).
 * Everything else in the events is passed on as Chopsticks sends it.
 */
import type { RpcHandler, SubscriptionManager } from './rpc.js';

interface BareRuntime { specName: string; implName: string; specVersion: number; implVersion: number; transactionVersion: number; apis: [string, number][] | Record<string, number> }

export function runtimeSpec(v: BareRuntime) {
  const apis = Array.isArray(v.apis) ? Object.fromEntries(v.apis) : v.apis;
  return { type: 'valid' as const, spec: { specName: v.specName, implName: v.implName, specVersion: v.specVersion, implVersion: v.implVersion, transactionVersion: v.transactionVersion, apis } };
}

function specEvent(data: unknown): unknown {
  const e = data as { event?: string; finalizedBlockRuntime?: BareRuntime | null; newRuntime?: BareRuntime | null };
  if (e?.event === 'initialized' && e.finalizedBlockRuntime) return { ...e, finalizedBlockRuntime: runtimeSpec(e.finalizedBlockRuntime) };
  if (e?.event === 'newBlock' && e.newRuntime) return { ...e, newRuntime: runtimeSpec(e.newRuntime) };
  return data;
}

/** Chopsticks' handler, with chainHead_v1_follow's events in the spec's shape. */
export function withSpecChainHead(base: RpcHandler): RpcHandler {
  return (call, subscriptions) => {
    if (call.method !== 'chainHead_v1_follow') return base(call, subscriptions);
    const spec: SubscriptionManager = {
      subscribe: (method, id, onCancel) => {
        const send = subscriptions.subscribe(method, id, onCancel);
        return (data) => send(specEvent(data));
      },
      unsubscribe: (id) => subscriptions.unsubscribe(id),
    };
    return base(call, spec);
  };
}
