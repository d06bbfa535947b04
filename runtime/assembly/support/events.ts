// Deposits events into System.Events as FRAME does: each record is appended with the
// host's storage append, so a block with many events never rewrites the whole list.
import { Writer } from "../codec";
import { storage } from "../host";
import { System_EventCount, System_Events, System_ExecutionPhase } from "../generated/storage";

/** Phase tags of frame_system::Phase. */
export const PHASE_APPLY_EXTRINSIC: u8 = 0;
export const PHASE_FINALIZATION: u8 = 1;
export const PHASE_INITIALIZATION: u8 = 2;

/** Appends an EventRecord { phase, event, topics: [] } for an encoded RuntimeEvent. */
export function depositEvent(event: Uint8Array): void {
  const w = new Writer(event.length + 8);
  const phase = System_ExecutionPhase.get();
  // phase is a variant class; encode as stored (Initialization when unset)
  if (!System_ExecutionPhase.exists()) w.u8(PHASE_INITIALIZATION);
  else phase.encode(w);
  w.raw(event);
  w.u8(0); // no topics
  storage.append(System_Events.key(), w.finish());
  System_EventCount.set(System_EventCount.get() + 1);
}
