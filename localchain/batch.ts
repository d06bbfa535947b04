/**
 * tfit's batch block mode: a block is built GATHER_MS after a transaction arrives, holding
 * every transaction that arrived meanwhile, and while transactions keep arriving the next
 * block follows as soon as the one being built is announced.
 *
 * Why: Chopsticks' batch mode debounces its builder (100 ms after the last submission, at
 * most 1 s). Clients that each wait for their transaction before sending the next keep
 * restarting that timer, so under load a block came about once a second and each client
 * got one transaction into it: 50 clients ran at ~38 tx/s with a 2 s p99, however fast the
 * block itself was built. Building back to back bounds a transaction's wait by one block
 * build, not by a timer.
 *
 * The chain runs in Chopsticks' Manual mode underneath; switching it with
 * dev_setBlockBuildMode hands block production back to Chopsticks' modes for good.
 */

/** The parts of Chopsticks' Blockchain and txpool used here (typed locally, see chain.ts). */
export interface BatchingChain {
  submitExtrinsic(extrinsic: string): Promise<unknown>;
  newBlock(): Promise<unknown>;
  readonly txPool: { readonly mode: string; readonly pendingExtrinsics: string[] };
}

/** How long the first transaction of a block waits for others to join it. */
export const GATHER_MS = 10;

export function buildInBatches(chain: BatchingChain, gatherMs = GATHER_MS): void {
  const submit = chain.submitExtrinsic.bind(chain);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let building = false;
  let arrived = 0; // submissions so far: a build is followed by another only if some came meanwhile
  const ours = () => chain.txPool.mode === 'Manual';

  const schedule = () => {
    if (timer || building || !ours()) return;
    timer = setTimeout(build, gatherMs);
    timer.unref?.();
  };
  const build = async () => {
    timer = undefined;
    if (!ours() || chain.txPool.pendingExtrinsics.length === 0) return;
    building = true;
    const seen = arrived;
    try {
      await chain.newBlock();
    } catch {
      // Chopsticks logs a failed build; what stays in the pool waits for the next submission
    } finally {
      building = false;
    }
    if (arrived !== seen) schedule();
  };

  chain.submitExtrinsic = async (extrinsic) => {
    const hash = await submit(extrinsic);
    arrived++;
    schedule();
    return hash;
  };
}
