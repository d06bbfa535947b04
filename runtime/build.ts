/**
 * Builds the runtime wasm from source:
 *   1. schema -> runtime/assembly/generated/* (codecs, calls, events, errors, storage, metadata)
 *   2. asc (custom host-allocator runtime, imported memory, MVP features only)
 *   3. binaryen: run the start function at every entry point, export `__heap_base`,
 *      keep only runtime-API exports, add `runtime_version`/`runtime_apis` sections.
 * Output: runtime/dist/tfit_runtime.wasm
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import binaryen from 'binaryen';
import { generate } from './schema/codegen/generate.js';
import { VERSION, RUNTIME_APIS, apiId } from './schema/version.js';
import { concat, encU32 } from './schema/scale.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const WASM_PATH = join(here, 'dist', 'tfit_runtime.wasm');

/** asc flags: the facts in ../shared/runtime-facts.md (ABI, allocator, MVP features). */
const ASC_FLAGS = [
  '--runtime', join(here, 'assembly/rt/host-runtime'),
  '--importMemory', '--noExportMemory',
  '--disable', 'bulk-memory,nontrapping-f2i,sign-extension,mutable-globals,simd,reference-types,multi-value',
  '--exportStart', '__tfit_start',
  '--use', `abort=${join('runtime/assembly/host/index')}/abort`,
  '-O3', '--noAssert',
];

function writeGenerated() {
  const dir = join(here, 'assembly/generated');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(generate())) writeFileSync(join(dir, name), text);
}

function compile(): Uint8Array {
  const out = join(here, 'dist', 'asc-out.wasm');
  mkdirSync(dirname(out), { recursive: true });
  execFileSync(process.execPath, [join(root, 'node_modules/assemblyscript/bin/asc.js'), join(here, 'assembly/index.ts'), ...ASC_FLAGS, '-o', out], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return readFileSync(out);
}

function postProcess(wasm: Uint8Array): Uint8Array {
  const mod = binaryen.readBinary(wasm);
  mod.setFeatures(binaryen.Features.MVP);
  // asc --exportStart: top-level initialisers live in this function; every entry point calls it
  const startExport = mod.getExport('__tfit_start');
  const start = startExport ? binaryen.getExportInfo(startExport).value : '';
  const apiExports: string[] = [];
  for (let i = mod.getNumExports() - 1; i >= 0; i--) {
    const info = binaryen.getExportInfo(mod.getExportByIndex(i));
    if (info.kind === binaryen.ExternalFunction && /^[A-Z][A-Za-z]+_[a-z_]+$/.test(info.name)) apiExports.push(info.name);
    else mod.removeExport(info.name);
  }
  const hasStart = start !== '';
  for (const name of apiExports) {
    const internal = binaryen.getExportInfo(mod.getExport(name)).value;
    mod.removeExport(name);
    const wrapper = `${name}__entry`;
    const body = mod.block(null, [
      ...(hasStart ? [mod.call(start, [], binaryen.none)] : []),
      mod.return(mod.call(internal, [mod.local.get(0, binaryen.i32), mod.local.get(1, binaryen.i32)], binaryen.i64)),
    ], binaryen.i64);
    mod.addFunction(wrapper, binaryen.createType([binaryen.i32, binaryen.i32]), binaryen.i64, [], body);
    mod.addFunctionExport(wrapper, name);
  }
  // The host's allocator owns memory above __heap_base: put it above static data and
  // above asc's shadow stack, whose top is the initial stack pointer (data end + stack size;
  // the binary has no names, so take the largest i32 global initialised just above the data).
  let dataEnd = 0;
  // binaryen.js exposes data segments at run time without typings for them
  const segs = mod as unknown as { getNumDataSegments(): number; getDataSegmentByIndex(i: number): number; getDataSegmentInfo(s: number): { offset: number; data: ArrayBuffer } };
  for (let i = 0; i < segs.getNumDataSegments(); i++) {
    const seg = segs.getDataSegmentInfo(segs.getDataSegmentByIndex(i));
    dataEnd = Math.max(dataEnd, seg.offset + seg.data.byteLength);
  }
  let top = dataEnd;
  for (let i = 0; i < mod.getNumGlobals(); i++) {
    const g = binaryen.getGlobalInfo(mod.getGlobalByIndex(i));
    if (g.type !== binaryen.i32 || binaryen.getExpressionId(g.init) !== binaryen.ConstId) continue;
    const v = (binaryen.getExpressionInfo(g.init) as unknown as { value: number }).value;
    if (v >= dataEnd && v <= dataEnd + (1 << 20)) top = Math.max(top, v);
  }
  const heapBase = (top + 15) & ~15;
  mod.addGlobal('__heap_base', binaryen.i32, false, mod.i32.const(heapBase));
  mod.addGlobalExport('__heap_base', '__heap_base');
  mod.addCustomSection('runtime_version', VERSION.encoded());
  mod.addCustomSection('runtime_apis', concat(...RUNTIME_APIS.map(([n, v]) => concat(apiId(n), encU32(v)))));
  if (!mod.validate()) throw new Error('binaryen validation failed (MVP features only)');
  const out = mod.emitBinary();
  mod.dispose();
  return out;
}

export function buildRuntime(): Uint8Array {
  writeGenerated();
  const wasm = postProcess(compile());
  writeFileSync(WASM_PATH, wasm);
  return wasm;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const wasm = buildRuntime();
  process.stdout.write(`runtime: ${WASM_PATH} (${wasm.length} bytes, ${Date.now() - t0} ms)\n`);
}
