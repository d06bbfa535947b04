/**
 * An in-process Substrate host for the tfit wasm: FRAME's `TestExternalities` for an
 * AssemblyScript runtime. It implements exactly the host functions the runtime imports
 * (runtime/assembly/host/imports.ts), runs every call synchronously in a fresh instance
 * as a node's executor does, and computes real trie roots (./trie.ts). Tests use it to
 * check header roots and execute_block; fuzzers and benchmarks use it because it is
 * ~100x cheaper per call than a round trip through Chopsticks' worker.
 */
import { readFileSync } from 'node:fs';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';
// the wasm (schnorrkel/ed25519-dalek) verifiers: util-crypto's defaults are pure JS, ~30x slower
import { ed25519Verify, sr25519Verify, isReady as cryptoIsReady } from '@polkadot/wasm-crypto';
import { compactFromU8a, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { orderedTrieRoot, trieRoot, type TrieVersion } from './trie.js';
import { importedMemoryMinPages } from './wasm-sections.js';

/** The wasm trapped (or a host function refused its arguments): the call's writes are discarded. */
export class RuntimeTrap extends Error {
  constructor(readonly method: string, cause: unknown) {
    super(`${method} trapped: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RuntimeTrap';
  }
}

export type LogSink = (level: number, target: string, message: string) => void;

export interface HostOptions {
  /** Highest runtime log level forwarded to `log` (0 off … 5 trace). */
  logLevel?: number;
  log?: LogSink;
  /** Told of every write before it happens, with the key's value before it (undefined: absent). */
  onWrite?: (key: string, before: Uint8Array | undefined) => void;
  /**
   * `ext_storage_root`: the trie root of the state (default), or 'none': 32 zero bytes, for a
   * builder whose headers carry no state root (Chopsticks' do not, and its executor skips the
   * trie's branch nodes, so the root a runtime sees there is not the state's either). The
   * root is O(state) here: 215 ms at 20,000 keys.
   */
  stateRoot?: 'trie' | 'none';
}

type State = Map<string, Uint8Array>;
/** Per storage transaction: each touched key's value before the transaction. */
type Journal = Map<string, Uint8Array | undefined>;

const PAGE = 65536;
const NONE = new Uint8Array([0]);
const keyOf = (k: Uint8Array) => u8aToHex(k);

export class RuntimeHost {
  readonly state: State;
  readonly code: Uint8Array;
  readonly #module: WebAssembly.Module;
  readonly #minPages: number;
  #sortedKeys: string[] | null = null;
  readonly options: HostOptions;
  /** Milliseconds spent computing state roots (the host's share of a block, for benchmarks). */
  rootMs = 0;

  /** Call `cryptoWaitReady()` (from @polkadot/util-crypto) first: signatures are checked in wasm. */
  constructor(code: Uint8Array, state: State = new Map(), options: HostOptions = {}, compiled?: { module: WebAssembly.Module; minPages: number }) {
    if (!cryptoIsReady()) throw new Error('RuntimeHost: await cryptoWaitReady() before creating a host');
    this.code = code;
    this.state = state;
    this.options = options;
    this.#module = compiled?.module ?? new WebAssembly.Module(new Uint8Array(code));
    this.#minPages = compiled?.minPages ?? importedMemoryMinPages(code);
  }

  /** A host of the same runtime over `state`, sharing this one's compiled module. */
  with(state: State, options: HostOptions = this.options): RuntimeHost {
    return new RuntimeHost(this.code, state, options, { module: this.#module, minPages: this.#minPages });
  }

  /** A host over a raw chain spec's genesis (its `:code` is the runtime). */
  static fromSpec(specFile: string, options?: HostOptions): RuntimeHost {
    const top: Record<string, HexString> = JSON.parse(readFileSync(specFile, 'utf8')).genesis.raw.top;
    const state: State = new Map(Object.entries(top).map(([k, v]) => [k, hexToU8a(v)]));
    return new RuntimeHost(state.get('0x3a636f6465')!, state, options);
  }

  clone(): RuntimeHost {
    return this.with(new Map(this.state));
  }

  /** Calls a runtime API with SCALE input; keeps its writes unless `dryRun` or it traps. */
  call(method: string, input: HexString | Uint8Array = new Uint8Array(0), dryRun = false): HexString {
    return u8aToHex(this.callBytes(method, typeof input === 'string' ? hexToU8a(input) : input, dryRun));
  }

  callBytes(method: string, input: Uint8Array, dryRun = false): Uint8Array {
    const journals: Journal[] = [new Map()];
    try {
      const out = new Instance(this, journals).run(method, input);
      if (journals.length !== 1) throw new Error(`${journals.length - 1} storage transaction(s) left open`);
      if (dryRun) this.#rollback(journals[0]);
      return out;
    } catch (e) {
      for (let j = journals.length - 1; j >= 0; j--) this.#rollback(journals[j]);
      throw e instanceof RuntimeTrap ? e : new RuntimeTrap(method, e);
    }
  }

  /** Trie root of the current state. */
  stateRoot(version: TrieVersion = 1): HexString {
    return u8aToHex(trieRoot([...this.state].map(([k, v]) => [hexToU8a(k), v]), version));
  }

  // ---- storage with journaling (used by Instance) ----
  write(journal: Journal, key: string, value: Uint8Array | undefined): void {
    if (!journal.has(key)) journal.set(key, this.state.get(key));
    this.options.onWrite?.(key, this.state.get(key));
    const existed = this.state.has(key);
    if (value === undefined) this.state.delete(key);
    else this.state.set(key, value);
    if (existed !== (value !== undefined)) this.#sortedKeys = null;
  }

  nextKey(key: string): string | undefined {
    // keys are lowercase 0x-hex: their string order is their bytes' order
    this.#sortedKeys ??= [...this.state.keys()].sort();
    const keys = this.#sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    return keys[lo];
  }

  #rollback(journal: Journal): void {
    for (const [key, before] of journal) {
      if (before === undefined) this.state.delete(key);
      else this.state.set(key, before);
    }
    journal.clear();
    this.#sortedKeys = null;
  }

  get module(): WebAssembly.Module { return this.#module; }
  get minPages(): number { return this.#minPages; }
}

/** One runtime call: a fresh instance, its memory, a bump allocator and the imports. */
class Instance {
  readonly #memory: WebAssembly.Memory;
  #heap = 0;
  #bytes: Uint8Array;

  constructor(private readonly host: RuntimeHost, private readonly journals: Journal[]) {
    this.#memory = new WebAssembly.Memory({ initial: host.minPages });
    this.#bytes = new Uint8Array(this.#memory.buffer);
  }

  run(method: string, input: Uint8Array): Uint8Array {
    const instance = new WebAssembly.Instance(this.host.module, { env: this.#imports() });
    const entry = instance.exports[method];
    if (typeof entry !== 'function') throw new Error(`the runtime exports no ${method}`);
    this.#heap = Number((instance.exports.__heap_base as WebAssembly.Global).value);
    const ptr = this.#write(input);
    const packed = BigInt.asUintN(64, (entry as (p: number, l: number) => bigint)(ptr, input.length));
    return this.#read(packed).slice();
  }

  #view(): Uint8Array {
    if (this.#bytes.buffer !== this.#memory.buffer) this.#bytes = new Uint8Array(this.#memory.buffer);
    return this.#bytes;
  }

  #malloc(size: number): number {
    const ptr = (this.#heap + 7) & ~7;
    const end = ptr + Math.max(size, 1);
    const have = this.#memory.buffer.byteLength;
    if (end > have) this.#memory.grow(Math.ceil((end - have) / PAGE));
    this.#heap = end;
    return ptr;
  }

  #write(data: Uint8Array): number {
    const ptr = this.#malloc(data.length);
    this.#view().set(data, ptr);
    return ptr;
  }

  /** A pointer-size value's bytes (a view: copy before the memory can grow). */
  #read(ps: bigint): Uint8Array {
    const ptr = Number(ps & 0xffffffffn);
    const len = Number(ps >> 32n);
    if (ptr + len > this.#memory.buffer.byteLength) throw new Error(`pointer-size ${ptr}+${len} is out of bounds`);
    return this.#view().subarray(ptr, ptr + len);
  }

  #at(ptr: number, len: number): Uint8Array {
    if (ptr + len > this.#memory.buffer.byteLength) throw new Error(`pointer ${ptr}+${len} is out of bounds`);
    return this.#view().subarray(ptr, ptr + len);
  }

  #returnBytes(data: Uint8Array): bigint {
    return (BigInt(data.length) << 32n) | BigInt(this.#write(data));
  }

  #returnOption(data: Uint8Array | undefined): bigint {
    return this.#returnBytes(data === undefined ? NONE : u8aConcat([1], compactToU8a(data.length), data));
  }

  get #journal(): Journal { return this.journals[this.journals.length - 1]; }

  #set(key: Uint8Array, value: Uint8Array | undefined): void {
    this.host.write(this.#journal, keyOf(key), value?.slice());
  }

  #imports(): WebAssembly.ModuleImports {
    const host = this.host;
    const { log, logLevel = 0 } = host.options;
    return {
      memory: this.#memory,
      ext_allocator_malloc_version_1: (size: number) => this.#malloc(size >>> 0),
      ext_allocator_free_version_1: () => {},

      ext_storage_get_version_1: (key: bigint) => this.#returnOption(host.state.get(keyOf(this.#read(key)))),
      ext_storage_set_version_1: (key: bigint, value: bigint) => this.#set(this.#read(key), this.#read(value)),
      ext_storage_clear_version_1: (key: bigint) => this.#set(this.#read(key), undefined),
      ext_storage_exists_version_1: (key: bigint) => (host.state.has(keyOf(this.#read(key))) ? 1 : 0),
      ext_storage_append_version_1: (key: bigint, item: bigint) => {
        const k = this.#read(key);
        this.#set(k, appendToVec(host.state.get(keyOf(k)), this.#read(item)));
      },
      ext_storage_clear_prefix_version_2: (prefix: bigint, limit: bigint) => {
        const p = keyOf(this.#read(prefix));
        const lim = this.#read(limit);
        let max = lim[0] === 1 ? new DataView(lim.buffer, lim.byteOffset + 1, 4).getUint32(0, true) : Infinity;
        let removed = 0;
        for (let k = host.nextKey(p); k !== undefined && k.startsWith(p) && max > 0; k = host.nextKey(k), max--, removed++)
          host.write(this.#journal, k, undefined);
        if (host.state.has(p) && max > 0) { host.write(this.#journal, p, undefined); removed++; }
        const more = [...host.state.keys()].some((k) => k.startsWith(p));
        return this.#returnBytes(u8aConcat([more ? 1 : 0], u32le(removed)));
      },
      ext_storage_next_key_version_1: (key: bigint) => {
        const next = host.nextKey(keyOf(this.#read(key)));
        return this.#returnOption(next === undefined ? undefined : hexToU8a(next));
      },
      ext_storage_root_version_2: (version: number) => {
        if (host.options.stateRoot === 'none') return this.#returnBytes(new Uint8Array(32));
        const t0 = performance.now();
        const root = hexToU8a(host.stateRoot(version as TrieVersion));
        host.rootMs += performance.now() - t0;
        return this.#returnBytes(root);
      },
      ext_storage_start_transaction_version_1: () => { this.journals.push(new Map()); },
      ext_storage_rollback_transaction_version_1: () => {
        if (this.journals.length < 2) throw new Error('rollback without a transaction');
        const j = this.journals.pop()!;
        for (const [k, before] of j) host.write(new Map(), k, before); // restore; outer journal already recorded if touched
        for (const [k, before] of j) if (!this.#journal.has(k)) this.#journal.set(k, before);
      },
      ext_storage_commit_transaction_version_1: () => {
        if (this.journals.length < 2) throw new Error('commit without a transaction');
        const j = this.journals.pop()!;
        for (const [k, before] of j) if (!this.#journal.has(k)) this.#journal.set(k, before);
      },

      ext_hashing_blake2_256_version_1: (data: bigint) => this.#write(blake2AsU8a(this.#read(data), 256)),
      ext_hashing_blake2_128_version_1: (data: bigint) => this.#write(blake2AsU8a(this.#read(data), 128)),
      ext_hashing_twox_128_version_1: (data: bigint) => this.#write(xxhashAsU8a(this.#read(data), 128)),
      ext_hashing_twox_64_version_1: (data: bigint) => this.#write(xxhashAsU8a(this.#read(data), 64)),

      ext_crypto_sr25519_verify_version_2: (sig: number, msg: bigint, key: number) =>
        verify(() => sr25519Verify(this.#at(sig, 64), this.#read(msg), this.#at(key, 32))),
      ext_crypto_ed25519_verify_version_1: (sig: number, msg: bigint, key: number) =>
        verify(() => ed25519Verify(this.#at(sig, 64), this.#read(msg), this.#at(key, 32))),

      ext_trie_blake2_256_ordered_root_version_2: (input: bigint, version: number) =>
        this.#write(orderedTrieRoot(decodeVecOfBytes(this.#read(input)), version as TrieVersion)),

      ext_misc_runtime_version_version_1: (code: bigint) => {
        try {
          const other = new RuntimeHost(this.#read(code).slice());
          return this.#returnOption(other.callBytes('Core_version', new Uint8Array(0), true));
        } catch {
          return this.#returnOption(undefined);
        }
      },

      ext_logging_log_version_1: (level: number, target: bigint, message: bigint) => {
        if (log && level <= logLevel) log(level, utf8(this.#read(target)), utf8(this.#read(message)));
      },
      ext_logging_max_level_version_1: () => logLevel,
    };
  }
}

const decoder = new TextDecoder();
const utf8 = (b: Uint8Array) => decoder.decode(b);
const u32le = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
const verify = (f: () => boolean) => { try { return f() ? 1 : 0; } catch { return 0; } };

/** `Vec<Vec<u8>>` SCALE → items; throws on malformed input (a host refusing its arguments). */
function decodeVecOfBytes(data: Uint8Array): Uint8Array[] {
  const [offset, count] = compactFromU8a(data);
  const items: Uint8Array[] = [];
  let pos = offset;
  for (let i = 0; i < count.toNumber(); i++) {
    const [o, len] = compactFromU8a(data.subarray(pos));
    pos += o;
    const end = pos + len.toNumber();
    if (end > data.length) throw new Error('ordered_root: truncated input');
    items.push(data.subarray(pos, end));
    pos = end;
  }
  return items;
}

/** `ext_storage_append`: the stored value is a SCALE Vec; bump its length and add `item`. */
function appendToVec(current: Uint8Array | undefined, item: Uint8Array): Uint8Array {
  if (current !== undefined && current.length > 0) {
    try {
      const [offset, count] = compactFromU8a(current);
      return u8aConcat(compactToU8a(count.addn(1)), current.subarray(offset), item);
    } catch { /* not a vector: start over, as sp-io does */ }
  }
  return u8aConcat(compactToU8a(1), item);
}
