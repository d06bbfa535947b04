/**
 * tfit's replacement for one Chopsticks RPC method, author_submitAndWatchExtrinsic.
 *
 * Chopsticks (1.5.1) tells a watcher its extrinsic is in a block from a head listener that
 * then sleeps 100 ms before saying "finalized", and it awaits its head listeners one after
 * the other: a block holding N watched extrinsics delays the last watcher, and the next
 * block, by N x 100 ms. Here the listener returns at once and "finalized" follows on its
 * own timer, so a block of N transactions is announced to all N watchers together. The
 * statuses and their order (ready, broadcast, inBlock, finalized; or the pool's error) are
 * Chopsticks', in a Substrate node's JSON.
 */

/** The parts of Chopsticks' context and subscription manager this method uses, typed locally. */
export interface RpcContext {
  chain: {
    headState: { subscribeHead(cb: (block: { hash: string; extrinsics: string[] | Promise<string[]> }) => void): string; unsubscribeHead(id: string): void };
    txPool: { event: { on(name: string, f: (args: [string, { toJSON(): unknown }]) => void): void; removeListener(name: string, f: (args: [string, { toJSON(): unknown }]) => void): void } };
    submitExtrinsic(extrinsic: string): Promise<unknown>;
  };
}
export interface SubscriptionManager {
  subscribe(method: string, id: string, onCancel?: (id: string) => void): (data: unknown) => void;
  unsubscribe(id: string): void;
}
export type RpcHandler = (call: { method: string; params: unknown[] }, subscriptions: SubscriptionManager) => Promise<unknown>;

/** Chopsticks' txpool event for an extrinsic refused while a block is built. */
const APPLY_EXTRINSIC_ERROR = 'TxPool::ApplyExtrinsicError';
/** Error codes of Chopsticks' author methods: invalid (1010) or otherwise refused (1011). */
type ResponseErrorClass = new (code: number, message: string) => Error;

export function submitAndWatch(context: RpcContext, ResponseError: ResponseErrorClass) {
  return async ([extrinsic]: unknown[], { subscribe, unsubscribe }: SubscriptionManager): Promise<string> => {
    const xt = extrinsic as string;
    let update = (_block: { hash: string; extrinsics: string[] | Promise<string[]> }) => {};
    const id = context.chain.headState.subscribeHead((block) => update(block)); // never awaits
    const callback = subscribe('author_extrinsicUpdate', id, () => context.chain.headState.unsubscribeHead(id));
    const onFail = ([failed, error]: [string, { toJSON(): unknown }]) => {
      if (failed !== xt) return;
      callback(error.toJSON());
      done();
    };
    const done = () => {
      context.chain.txPool.event.removeListener(APPLY_EXTRINSIC_ERROR, onFail);
      unsubscribe(id);
    };
    context.chain.txPool.event.on(APPLY_EXTRINSIC_ERROR, onFail);
    // ready (and broadcast) go out 50 ms after the subscription id; a block can be built
    // sooner under load, and a client must still hear ready before inBlock
    let announced: () => void = () => {};
    const readySent = new Promise<void>((r) => (announced = r));
    update = (block) => {
      void Promise.all([block.extrinsics, readySent]).then(([xs]) => {
        if (!xs.includes(xt)) return;
        callback({ inBlock: block.hash });
        // Chopsticks finalizes every block at once; the gap lets clients see InBlock first
        setTimeout(() => { callback({ finalized: block.hash }); done(); }, 100);
      });
    };
    try {
      await context.chain.submitExtrinsic(xt);
      // after the subscription id has been returned
      setTimeout(() => {
        callback('ready'); // a unit status is a bare string, as a Substrate node sends it (Chopsticks: {"ready":null})
        callback({ broadcast: ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'] }); // Chopsticks' fake peer
        announced();
      }, 50);
    } catch (error) {
      done();
      const e = error as { isInvalid?: boolean; toString(): string };
      throw new ResponseError(e.isInvalid ? 1010 : 1011, e.toString());
    }
    return id;
  };
}

/** Chopsticks' handler, with author_submitAndWatchExtrinsic answered by `submitAndWatch`. */
export function withNonBlockingWatch(base: RpcHandler, context: RpcContext, ResponseError: ResponseErrorClass): RpcHandler {
  const watch = submitAndWatch(context, ResponseError);
  return (call, subscriptions) => (call.method === 'author_submitAndWatchExtrinsic' ? watch(call.params, subscriptions) : base(call, subscriptions));
}
