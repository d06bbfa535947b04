/**
 * The runtime's aggregate ("outer") enums. Pallets reference them (Utility batches
 * `RuntimeCall`s, System stores `RuntimeEvent`s) before the runtime is assembled, so
 * they start empty and `runtime.ts` fills their variants from the pallet list.
 */
import type { Ty } from './dsl.js';

export const RuntimeCall: Ty = { kind: 'variant', path: ['tfchain_runtime', 'RuntimeCall'], variants: [] };
export const RuntimeEvent: Ty = { kind: 'variant', path: ['tfchain_runtime', 'RuntimeEvent'], variants: [] };
export const RuntimeError: Ty = { kind: 'variant', path: ['tfchain_runtime', 'RuntimeError'], variants: [] };
