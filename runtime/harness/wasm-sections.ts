/** Just enough of the wasm binary format to read what a host needs before instantiating. */

function leb(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    if (b === undefined) throw new Error('wasm: truncated LEB128');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, pos];
  }
}

/** Minimum page count of the memory the module imports (a Substrate runtime must import one). */
export function importedMemoryMinPages(code: Uint8Array): number {
  let pos = 8; // magic + version
  while (pos < code.length) {
    const id = code[pos++];
    const [size, start] = leb(code, pos);
    pos = start;
    if (id === 2) {
      let [count, p] = leb(code, pos);
      for (; count > 0; count--) {
        for (let name = 0; name < 2; name++) { const [len, q] = leb(code, p); p = q + len; }
        const kind = code[p++];
        if (kind === 0) p = leb(code, p)[1];
        else if (kind === 1) { p++; const flags = code[p++]; p = leb(code, p)[1]; if (flags & 1) p = leb(code, p)[1]; }
        else if (kind === 2) { p++; return leb(code, p)[0]; }
        else if (kind === 3) p += 2;
        else throw new Error(`wasm: unknown import kind ${kind}`);
      }
    }
    pos += size;
  }
  throw new Error('wasm: the runtime imports no memory');
}
