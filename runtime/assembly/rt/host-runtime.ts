// AssemblyScript runtime whose every allocation comes from the Substrate host's
// allocator (`ext_allocator_malloc_version_1`). Each runtime call runs in a fresh
// instance whose memory is discarded afterwards, so nothing is ever freed or collected.
// The layout of the block/object headers must match ~lib/rt/common (BLOCK, OBJECT).
import { AL_MASK, OBJECT, OBJECT_OVERHEAD, BLOCK_OVERHEAD, BLOCK, OBJECT_MAXSIZE } from "~lib/rt/common";

// @ts-ignore: decorator
@external("env", "ext_allocator_malloc_version_1")
declare function host_malloc(size: u32): u32;

/** Allocates `size` bytes aligned to 16, with AS's BLOCK header in front. */
// @ts-ignore: decorator
@unsafe @global
export function __alloc(size: usize): usize {
  if (size > OBJECT_MAXSIZE) unreachable();
  const payload = (size + AL_MASK) & ~AL_MASK;
  const raw = <usize>host_malloc(<u32>(payload + BLOCK_OVERHEAD + AL_MASK + 1));
  if (raw == 0) unreachable();
  const ptr = (raw + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK;
  changetype<BLOCK>(ptr - BLOCK_OVERHEAD).mmInfo = payload;
  return ptr;
}

// @ts-ignore: decorator
@unsafe @global
export function __realloc(ptr: usize, size: usize): usize {
  const actual = changetype<BLOCK>(ptr - BLOCK_OVERHEAD).mmInfo;
  if (size <= actual) return ptr;
  const fresh = __alloc(max<usize>(size, actual << 1));
  memory.copy(fresh, ptr, actual);
  return fresh;
}

// @ts-ignore: decorator
@unsafe @global
export function __free(ptr: usize): void {}

// @ts-ignore: decorator
@unsafe @global
export function __reset(): void {}

// @ts-ignore: decorator
@unsafe @global
export function __new(size: usize, id: u32): usize {
  if (size > OBJECT_MAXSIZE) unreachable();
  const ptr = __alloc(OBJECT_OVERHEAD + size);
  const object = changetype<OBJECT>(ptr - BLOCK_OVERHEAD);
  object.gcInfo = 0;
  object.gcInfo2 = 0;
  object.rtId = id;
  object.rtSize = <u32>size;
  return ptr + OBJECT_OVERHEAD;
}

// @ts-ignore: decorator
@unsafe @global
export function __renew(oldPtr: usize, size: usize): usize {
  if (size > OBJECT_MAXSIZE) unreachable();
  const newPtr = __realloc(oldPtr - OBJECT_OVERHEAD, OBJECT_OVERHEAD + size);
  changetype<OBJECT>(newPtr - BLOCK_OVERHEAD).rtSize = <u32>size;
  return newPtr + OBJECT_OVERHEAD;
}

// @ts-ignore: decorator
@global @unsafe
export function __link(parentPtr: usize, childPtr: usize, expectMultiple: bool): void {}

// @ts-ignore: decorator
@global @unsafe
export function __pin(ptr: usize): usize { return ptr; }

// @ts-ignore: decorator
@global @unsafe
export function __unpin(ptr: usize): void {}

// @ts-ignore: decorator
@global @unsafe
function __visit(ptr: usize, cookie: u32): void {}

// @ts-ignore: decorator
@global @unsafe
export function __collect(): void {}
