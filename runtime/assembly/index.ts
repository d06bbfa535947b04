// Runtime API entry points: `(ptr, len) -> (len << 32 | ptr)`, SCALE in and out.
// Each decodes its input, calls into the executive or a pallet, and encodes the result.
import { Reader, Writer, U128 } from "./codec";
import { copyIn } from "./host";
import { Header } from "./generated/types";
import { METADATA_V14, METADATA_V14_LEN, METADATA_V15, METADATA_V15_LEN } from "./generated/metadata";
import { System_Account, Aura_Authorities, Grandpa_Authorities, Grandpa_CurrentSetId } from "./generated/storage";
import { initializeBlock, finalizeBlock, executeBlock } from "./executive/block";
import { applyExtrinsic } from "./executive/apply";
import { validateTransaction } from "./executive/validate";
import { decodeExtrinsic } from "./executive/extrinsic";
import { extrinsicWeight } from "./executive/checks";
import { callClass, callPaysFee, callWeight } from "./generated/calls";
import { inclusionFee } from "./pallets/transaction-payment/fees";
import { slotDuration } from "./pallets/timestamp/calls";
import { versionBytes } from "./apis/version";
import { buildState } from "./genesis/config";
import { PRESET_NAMES, PRESET_DEV, PRESET_LOCAL, PRESET_DEFAULT } from "./generated/presets";
import { storage } from "./host";

function input(ptr: i32, len: i32): Uint8Array { return copyIn(<usize>ptr, len); }
function ret(out: Uint8Array): i64 { return (<i64>out.length << 32) | <i64>(<u32>out.dataStart); }
function unit(): i64 { return ret(new Uint8Array(0)); }

// ---- Core ----
export function Core_version(ptr: i32, len: i32): i64 { return ret(versionBytes()); }
export function Core_initialize_block(ptr: i32, len: i32): i64 {
  const r = new Reader(input(ptr, len));
  const header = Header.decode(r);
  if (r.failed) unreachable();
  initializeBlock(header);
  return unit();
}
export function Core_execute_block(ptr: i32, len: i32): i64 {
  executeBlock(input(ptr, len));
  return unit();
}

// ---- Metadata ----
function metadataBytes(version: u32): Uint8Array | null {
  if (version == 14) return copyIn(METADATA_V14, METADATA_V14_LEN);
  if (version == 15) return copyIn(METADATA_V15, METADATA_V15_LEN);
  return null;
}
export function Metadata_metadata(ptr: i32, len: i32): i64 {
  return ret(new Writer(METADATA_V14_LEN + 5).bytes(metadataBytes(14)!).finish());
}
export function Metadata_metadata_at_version(ptr: i32, len: i32): i64 {
  const r = new Reader(input(ptr, len));
  const m = metadataBytes(r.u32());
  if (m === null) return ret(new Uint8Array(1));
  return ret(new Writer(m.length + 6).u8(1).bytes(m).finish());
}
export function Metadata_metadata_versions(ptr: i32, len: i32): i64 {
  return ret(new Writer(12).compact(2).u32(14).u32(15).finish());
}

// ---- BlockBuilder ----
export function BlockBuilder_apply_extrinsic(ptr: i32, len: i32): i64 {
  return ret(applyExtrinsic(input(ptr, len)).encode());
}
export function BlockBuilder_finalize_block(ptr: i32, len: i32): i64 {
  return ret(finalizeBlock().toBytes());
}
/** Builds the timestamp inherent from the "timstap0" inherent data. */
export function BlockBuilder_inherent_extrinsics(ptr: i32, len: i32): i64 {
  const r = new Reader(input(ptr, len));
  const n = r.len(9);
  const w = new Writer(32);
  let found = false;
  let now: u64 = 0;
  for (let i = 0; i < n && !r.failed; i++) {
    const id = r.u64();
    const data = r.bytes();
    if (id == 0x30706174736d6974 && data.length == 8) { found = true; now = load<u64>(data.dataStart); } // "timstap0"
  }
  if (!found) return ret(new Uint8Array(1));
  const call = new Writer(16).u8(0x04).u8(1).u8(0).compact(now).finish();
  w.compact(1).bytes(call);
  return ret(w.finish());
}
export function BlockBuilder_check_inherents(ptr: i32, len: i32): i64 {
  // okay = true, fatal_error = false, errors = empty InherentData
  return ret(new Writer(3).u8(1).u8(0).u8(0).finish());
}

// ---- TaggedTransactionQueue ----
export function TaggedTransactionQueue_validate_transaction(ptr: i32, len: i32): i64 {
  const data = input(ptr, len);
  // (source: u8, tx: UncheckedExtrinsic, block_hash: H256)
  if (data.length < 33) unreachable();
  const tx = data.slice(1, data.length - 32);
  const hash = data.slice(data.length - 32);
  return ret(validateTransaction(tx, hash).encode());
}

// ---- OffchainWorkerApi ----
export function OffchainWorkerApi_offchain_worker(ptr: i32, len: i32): i64 { return unit(); }

// ---- AuraApi / GrandpaApi ----
export function AuraApi_slot_duration(ptr: i32, len: i32): i64 { return ret(new Writer(8).u64(slotDuration()).finish()); }
export function AuraApi_authorities(ptr: i32, len: i32): i64 {
  const list = Aura_Authorities.get();
  const w = new Writer(4 + list.length * 32).compact(<u64>list.length);
  for (let i = 0; i < list.length; i++) w.fixed(list[i], 32);
  return ret(w.finish());
}
export function GrandpaApi_grandpa_authorities(ptr: i32, len: i32): i64 {
  const list = Grandpa_Authorities.get();
  const w = new Writer(4 + list.length * 40).compact(<u64>list.length);
  for (let i = 0; i < list.length; i++) list[i].encode(w);
  return ret(w.finish());
}
export function GrandpaApi_current_set_id(ptr: i32, len: i32): i64 { return ret(new Writer(8).u64(Grandpa_CurrentSetId.get()).finish()); }

// ---- SessionKeys ----
/** tfit nodes hold no keystore: generation returns no keys (keys come from the chain spec). */
export function SessionKeys_generate_session_keys(ptr: i32, len: i32): i64 { return ret(new Uint8Array(1)); }
/** SessionKeys { grandpa: ed25519, aura: sr25519 } as TF-Chain's opaque keys. */
export function SessionKeys_decode_session_keys(ptr: i32, len: i32): i64 {
  const r = new Reader(input(ptr, len));
  const keys = r.bytes();
  if (r.failed || keys.length != 64) return ret(new Uint8Array(1));
  const w = new Writer(90).u8(1).compact(2);
  w.bytes(keys.slice(0, 32)).raw(Uint8Array.wrap(String.UTF8.encode("gran")));
  w.bytes(keys.slice(32, 64)).raw(Uint8Array.wrap(String.UTF8.encode("aura")));
  return ret(w.finish());
}

// ---- AccountNonceApi ----
export function AccountNonceApi_account_nonce(ptr: i32, len: i32): i64 {
  const who = input(ptr, len);
  if (who.length != 32) unreachable();
  return ret(new Writer(4).u32(System_Account.get(who).nonce).finish());
}

// ---- TransactionPaymentApi ----
function feeQuery(ptr: i32, len: i32, details: bool): i64 {
  const data = input(ptr, len);
  if (data.length < 4) unreachable();
  const decoded = decodeExtrinsic(data.slice(0, data.length - 4));
  const declaredLen = load<u32>(data.dataStart + <usize>(data.length - 4));
  if (decoded === null) unreachable();
  const x = decoded!;
  const parts = inclusionFee(declaredLen, callWeight(x.call));
  const pays = x.signed && callPaysFee(x.call);
  const w = new Writer(64);
  if (!details) {
    w.compact(extrinsicWeight(x)).compact(0).u8(callClass(x.call));
    w.u128(pays ? parts.total() : U128.zero());
    return ret(w.finish());
  }
  if (pays) { w.u8(1).u128(parts.base).u128(parts.len).u128(parts.weight); } else w.u8(0);
  w.u128(x.extra.tip);
  return ret(w.finish());
}
export function TransactionPaymentApi_query_info(ptr: i32, len: i32): i64 { return feeQuery(ptr, len, false); }
export function TransactionPaymentApi_query_fee_details(ptr: i32, len: i32): i64 { return feeQuery(ptr, len, true); }

// ---- GenesisBuilder (v2) ----
/** `build_state(json) -> Result<(), String>`: writes genesis from a config; refused configs write nothing. */
export function GenesisBuilder_build_state(ptr: i32, len: i32): i64 {
  const r = new Reader(input(ptr, len));
  const json = r.bytes();
  if (!r.done()) return ret(errString("input is not a SCALE Vec<u8>"));
  storage.startTransaction();
  const error = buildState(json);
  if (error !== null) { storage.rollbackTransaction(); return ret(errString(error)); }
  storage.commitTransaction();
  return ret(new Uint8Array(1));
}
function errString(msg: string): Uint8Array {
  const bytes = Uint8Array.wrap(String.UTF8.encode(msg));
  return new Writer(bytes.length + 6).u8(1).bytes(bytes).finish();
}
function presetJson(name: string): string | null {
  if (name == PRESET_NAMES[0]) return PRESET_DEV;
  if (name == PRESET_NAMES[1]) return PRESET_LOCAL;
  return null;
}
/** `get_preset(id: Option<PresetId>) -> Option<Vec<u8>>`: None asks for the default (development). */
export function GenesisBuilder_get_preset(ptr: i32, len: i32): i64 {
  const r = new Reader(input(ptr, len));
  const some = r.u8();
  const json = some == 1 ? presetJson(String.UTF8.decode(r.bytes().buffer)) : PRESET_DEFAULT;
  if (r.failed || json === null) return ret(new Uint8Array(1));
  const bytes = Uint8Array.wrap(String.UTF8.encode(json));
  return ret(new Writer(bytes.length + 6).u8(1).bytes(bytes).finish());
}
/** `preset_names() -> Vec<PresetId>`. */
export function GenesisBuilder_preset_names(ptr: i32, len: i32): i64 {
  const w = new Writer(64).compact(<u64>PRESET_NAMES.length);
  for (let i = 0; i < PRESET_NAMES.length; i++) w.bytes(Uint8Array.wrap(String.UTF8.encode(PRESET_NAMES[i])));
  return ret(w.finish());
}
