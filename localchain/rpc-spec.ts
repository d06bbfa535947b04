/**
 * chainHead_v1_follow as the new JSON-RPC spec writes it and a Substrate node sends it.
 * Chopsticks (1.5.1) puts the bare runtime version in `initialized.finalizedBlockRuntime` and
 * `newBlock.newRuntime`; the spec wraps it as `{ type: 'valid', spec: { specName, implName,
 * specVersion, implVersion, transactionVersion, apis: { [apiId]: version } } }` (dedot's client
 * stops on the bare form). Chopsticks' `initialized` names only the finalized block; a
 * Substrate node names it and up to 15 of its ancestors (MAX_FINALIZED_BLOCKS = 16 in
 * polkadot-sdk's chain_head_follow.rs), oldest first, and dedot's client waits to know a
 * finalized block's parent before it submits: on an idle chain it waited forever.
 * Everything else in the events is passed on as Chopsticks sends it, in order. The other
 * families (chainSpec_v1, archive_v1, transaction_v1) are Chopsticks' and answer as the spec
 * writes them (e2e/localchain/rpc-spec), except archive_v1_call's error, made a string here.
 */
import type { RpcHandler, SubscriptionManager } from './rpc.js';

/** What a Substrate node reports of the finalized chain in chainHead_v1_follow's initialized event. */
const MAX_FINALIZED_BLOCKS = 16;

interface FollowedBlock { hash: string; readonly parentBlock: Promise<FollowedBlock | undefined> }
export interface SpecContext { chain: { getBlock(hash: string): Promise<FollowedBlock | undefined> } }

/** `hash` and up to MAX_FINALIZED_BLOCKS - 1 of its ancestors, oldest first. */
async function finalizedChain(context: SpecContext, hash: string): Promise<string[]> {
  const hashes = [hash];
  let block = await context.chain.getBlock(hash);
  while (block && hashes.length < MAX_FINALIZED_BLOCKS) {
    block = await block.parentBlock;
    if (block) hashes.unshift(block.hash);
  }
  return hashes;
}

interface BareRuntime { specName: string; implName: string; specVersion: number; implVersion: number; transactionVersion: number; apis: [string, number][] | Record<string, number> }

export function runtimeSpec(v: BareRuntime) {
  const apis = Array.isArray(v.apis) ? Object.fromEntries(v.apis) : v.apis;
  return { type: 'valid' as const, spec: { specName: v.specName, implName: v.implName, specVersion: v.specVersion, implVersion: v.implVersion, transactionVersion: v.transactionVersion, apis } };
}

async function specEvent(context: SpecContext, data: unknown): Promise<unknown> {
  const e = data as { event?: string; finalizedBlockHashes?: string[]; finalizedBlockRuntime?: BareRuntime | null; newRuntime?: BareRuntime | null };
  if (e?.event === 'initialized') {
    const finalizedBlockHashes = await finalizedChain(context, e.finalizedBlockHashes!.at(-1)!);
    return { ...e, finalizedBlockHashes, finalizedBlockRuntime: e.finalizedBlockRuntime ? runtimeSpec(e.finalizedBlockRuntime) : e.finalizedBlockRuntime };
  }
  if (e?.event === 'newBlock' && e.newRuntime) return { ...e, newRuntime: runtimeSpec(e.newRuntime) };
  return data;
}

/** archive_v1_call's failure as the spec writes it: `{ success: false, error: string }` (Chopsticks sends the Error object, which serializes to {}). */
async function specArchiveCall(result: Promise<unknown>): Promise<unknown> {
  const r = (await result) as { success?: boolean; error?: unknown } | null;
  if (r && r.success === false && typeof r.error !== 'string') return { success: false, error: r.error instanceof Error ? r.error.message : String(r.error) };
  return r;
}

/** Chopsticks' handler, with chainHead_v1_follow's events and archive_v1_call's failures in the spec's shape. */
export function withSpecJsonRpc(base: RpcHandler, context: SpecContext): RpcHandler {
  return (call, subscriptions) => {
    if (call.method === 'archive_v1_call') return specArchiveCall(base(call, subscriptions));
    if (call.method !== 'chainHead_v1_follow') return base(call, subscriptions);
    const spec: SubscriptionManager = {
      subscribe: (method, id, onCancel) => {
        const send = subscriptions.subscribe(method, id, onCancel);
        // the initialized event is completed asynchronously: keep every event behind it
        let sent = Promise.resolve();
        return (data) => { sent = sent.then(async () => send(await specEvent(context, data))).catch(() => {}); };
      },
      unsubscribe: (id) => subscriptions.unsubscribe(id),
    };
    return base(call, spec);
  };
}
