// Block lifecycle, as frame-executive: initialize from a header, finalize into a
// header carrying the true extrinsics root and state root, and execute a whole block
// (which must reproduce the roots its header claims).
import { Reader, Writer, bytesEqual } from "../codec";
import { storage, trie, log } from "../host";
import { Header, Phase, PerDispatchClass, DigestItem } from "../generated/types";
import {
  System_Number, System_ParentHash, System_BlockHash, System_Digest, System_Events, System_EventCount,
  System_ExtrinsicCount, System_ExtrinsicData, System_ExecutionPhase, System_BlockWeight, System_AllExtrinsicsLen,
  Aura_CurrentSlot,
} from "../generated/storage";
import { System_BlockHashCount } from "../generated/constants";
import * as Timestamp from "../pallets/timestamp/calls";
import * as ContractBilling from "../pallets/smart-contract-module/billing";
import { applyExtrinsic } from "./apply";

const AURA_ENGINE: u32 = 0x61727561; // "aura" little-endian bytes read as u32

export function initializeBlock(header: Header): void {
  System_ExecutionPhase.set(Phase.Initialization());
  System_Number.set(header.number);
  System_ParentHash.set(header.parent_hash);
  if (header.number > 0) System_BlockHash.set(header.number - 1, header.parent_hash);
  System_Digest.set(header.digest);
  System_Events.remove();
  System_EventCount.remove();
  System_ExtrinsicCount.remove();
  System_AllExtrinsicsLen.remove();
  System_BlockWeight.set(new PerDispatchClass());
  // Aura's slot comes from the block's pre-runtime digest
  const logs = header.digest.logs;
  for (let i = 0; i < logs.length; i++) {
    const item = logs[i];
    if (item.index == 6 && load<u32>(item.PreRuntime._0.dataStart) == AURA_ENGINE) {
      const r = new Reader(item.PreRuntime._1);
      const slot = r.u64();
      if (!r.failed) Aura_CurrentSlot.set(slot);
    }
  }
}

/** Ordered trie root of this block's extrinsics (from System.ExtrinsicData), clearing them. */
function takeExtrinsicsRoot(): Uint8Array {
  const count = System_ExtrinsicCount.get();
  const w = new Writer(256);
  w.compact(<u64>count);
  for (let i: u32 = 0; i < count; i++) {
    w.bytes(System_ExtrinsicData.get(i));
    System_ExtrinsicData.remove(i);
  }
  return trie.orderedRoot(w.finish());
}

export function finalizeBlock(): Header {
  System_ExecutionPhase.set(Phase.Finalization());
  const number = System_Number.get();
  ContractBilling.onFinalize(number); // before Timestamp's hook clears DidUpdate; reads Now
  Timestamp.onFinalize();
  // keep BlockHashCount hashes (and always the genesis hash, which CheckGenesis reads)
  const keep = System_BlockHashCount();
  if (number > keep + 1) System_BlockHash.remove(number - 1 - keep);
  const header = new Header();
  header.parent_hash = System_ParentHash.get();
  header.number = number;
  header.digest = System_Digest.get();
  header.extrinsics_root = takeExtrinsicsRoot();
  System_ExecutionPhase.remove();
  System_ExtrinsicCount.remove();
  System_AllExtrinsicsLen.remove();
  header.state_root = storage.root();
  return header;
}

/** Re-executes a block; traps (as a real node's executor panics) if anything disagrees. */
export function executeBlock(input: Uint8Array): void {
  const r = new Reader(input);
  const header = Header.decode(r);
  const count = r.len(1);
  const extrinsics = new Array<Uint8Array>(0);
  for (let i = 0; i < count && !r.failed; i++) {
    // each opaque extrinsic is itself compact-length-prefixed: keep the prefix
    const start = r.pos;
    const n = r.len(1);
    r.fixed(n);
    extrinsics.push(input.slice(start, r.pos));
  }
  if (!r.done()) { log.write(log.ERROR, "execute_block: undecodable block"); unreachable(); }
  initializeBlock(header);
  for (let i = 0; i < extrinsics.length; i++) {
    const outcome = applyExtrinsic(extrinsics[i]);
    if (outcome.validity !== null) { log.write(log.ERROR, "execute_block: invalid extrinsic " + i.toString()); unreachable(); }
  }
  const built = finalizeBlock();
  if (!bytesEqual(built.extrinsics_root, header.extrinsics_root)) { log.write(log.ERROR, "execute_block: extrinsics root mismatch"); unreachable(); }
  if (!bytesEqual(built.state_root, header.state_root)) { log.write(log.ERROR, "execute_block: state root mismatch"); unreachable(); }
}

export { DigestItem };
