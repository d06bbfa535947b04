// Typed wrappers over the host functions: byte arrays in, byte arrays out.
import * as ext from "./imports";

/** Packs a byte array as a pointer-size value. */
// @ts-ignore: decorator
@inline export function ps(data: Uint8Array): i64 {
  return (<i64>data.length << 32) | <i64>(<u32>data.dataStart);
}

/** Copies `len` bytes at `ptr` (host memory) into a new array. */
export function copyIn(ptr: usize, len: i32): Uint8Array {
  const out = new Uint8Array(len);
  memory.copy(out.dataStart, ptr, <usize>len);
  return out;
}

/** Reads the bytes behind a pointer-size value. */
export function fromPs(v: i64): Uint8Array {
  return copyIn(<usize>(<u32>(v & 0xffffffff)), <i32>(v >>> 32));
}

/** Decodes the host's SCALE `Option<Vec<u8>>` at a pointer-size value. */
function optionBytes(v: i64): Uint8Array | null {
  const ptr = <usize>(<u32>(v & 0xffffffff));
  if (load<u8>(ptr) == 0) return null;
  // compact length follows the Some tag
  const first = load<u8>(ptr + 1);
  let len: u32 = 0;
  let off: usize = 0;
  const mode = first & 3;
  if (mode == 0) { len = first >> 2; off = 1; }
  else if (mode == 1) { len = <u32>(load<u16>(ptr + 1) >> 2); off = 2; }
  else if (mode == 2) { len = load<u32>(ptr + 1) >> 2; off = 4; }
  else { len = load<u32>(ptr + 2); off = 5; }
  return copyIn(ptr + 1 + off, <i32>len);
}

export namespace storage {
  export function get(key: Uint8Array): Uint8Array | null {
    return optionBytes(ext.ext_storage_get(ps(key)));
  }
  export function set(key: Uint8Array, value: Uint8Array): void {
    ext.ext_storage_set(ps(key), ps(value));
  }
  export function clear(key: Uint8Array): void {
    ext.ext_storage_clear(ps(key));
  }
  export function exists(key: Uint8Array): bool {
    return ext.ext_storage_exists(ps(key)) != 0;
  }
  /** Appends one SCALE-encoded item to the SCALE vector stored at `key`. */
  export function append(key: Uint8Array, item: Uint8Array): void {
    ext.ext_storage_append(ps(key), ps(item));
  }
  export function nextKey(key: Uint8Array): Uint8Array | null {
    return optionBytes(ext.ext_storage_next_key(ps(key)));
  }
  /** Removes every key under `prefix` (no limit). */
  export function clearPrefix(prefix: Uint8Array): void {
    const none = new Uint8Array(1);
    ext.ext_storage_clear_prefix(ps(prefix), ps(none));
  }
  /** The state root of the current (uncommitted) state, trie layout V1. */
  export function root(): Uint8Array {
    return fromPs(ext.ext_storage_root(1));
  }
  export function startTransaction(): void { ext.ext_storage_start_transaction(); }
  export function commitTransaction(): void { ext.ext_storage_commit_transaction(); }
  export function rollbackTransaction(): void { ext.ext_storage_rollback_transaction(); }
}

export namespace hashing {
  export function blake2_256(data: Uint8Array): Uint8Array {
    return copyIn(<usize>ext.ext_hashing_blake2_256(ps(data)), 32);
  }
  export function blake2_128(data: Uint8Array): Uint8Array {
    return copyIn(<usize>ext.ext_hashing_blake2_128(ps(data)), 16);
  }
  export function twox_128(data: Uint8Array): Uint8Array {
    return copyIn(<usize>ext.ext_hashing_twox_128(ps(data)), 16);
  }
  export function twox_64(data: Uint8Array): Uint8Array {
    return copyIn(<usize>ext.ext_hashing_twox_64(ps(data)), 8);
  }
}

export namespace crypto {
  export function sr25519Verify(sig: Uint8Array, msg: Uint8Array, pubkey: Uint8Array): bool {
    return ext.ext_crypto_sr25519_verify(<i32>sig.dataStart, ps(msg), <i32>pubkey.dataStart) != 0;
  }
  export function ed25519Verify(sig: Uint8Array, msg: Uint8Array, pubkey: Uint8Array): bool {
    return ext.ext_crypto_ed25519_verify(<i32>sig.dataStart, ps(msg), <i32>pubkey.dataStart) != 0;
  }
}

export namespace trie {
  /**
   * Ordered trie root of SCALE `Vec<Vec<u8>>` input: the extrinsics root. Trie layout V0: a
   * runtime of system version 0 or 1 (tfit's is 1) has its extrinsics root in V0
   * (`RuntimeVersion::extrinsics_root_state_version`), which a Substrate node's block builder
   * asserts; only its state root follows `state_version`.
   */
  export function orderedRoot(encodedList: Uint8Array): Uint8Array {
    return copyIn(<usize>ext.ext_trie_blake2_256_ordered_root(ps(encodedList), 0), 32);
  }
}

export namespace misc {
  /** `Option<Vec<u8>>` SCALE of the runtime version a wasm blob declares. */
  export function runtimeVersion(code: Uint8Array): Uint8Array | null {
    return optionBytes(ext.ext_misc_runtime_version(ps(code)));
  }
}

export namespace log {
  export const ERROR: i32 = 1;
  export const WARN: i32 = 2;
  export const INFO: i32 = 3;
  export const DEBUG: i32 = 4;
  export function write(level: i32, message: string): void {
    if (level > ext.ext_logging_max_level()) return;
    const target = Uint8Array.wrap(String.UTF8.encode("runtime::tfit"));
    const msg = Uint8Array.wrap(String.UTF8.encode(message));
    ext.ext_logging_log(level, ps(target), ps(msg));
  }
}

/** Routes AssemblyScript aborts to the host log, then traps (asc `--use abort=`). */
export function abort(message: string | null, file: string | null, line: u32, column: u32): void {
  const m = message === null ? "abort" : message;
  const f = file === null ? "?" : file;
  log.write(log.ERROR, m + " at " + f + ":" + line.toString() + ":" + column.toString());
  unreachable();
}
