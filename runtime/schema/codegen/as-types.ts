/**
 * Maps schema types to AssemblyScript types and SCALE codec expressions, collecting
 * the classes and helper functions the generated code needs.
 */
import type { Ty } from '../dsl.js';
import { RuntimeCall, RuntimeEvent } from '../outer.js';

export interface AsType {
  /** AssemblyScript type. */
  ty: string;
  /** Expression decoding one value from Reader `r`. */
  dec: (r: string) => string;
  /** Statement encoding value `v` into Writer `w`. */
  enc: (w: string, v: string) => string;
  /** Expression for the default value. */
  def: string;
}

const RESERVED = new Set(['new', 'class', 'from', 'function', 'default', 'delete', 'in', 'is', 'type', 'var', 'let', 'const', 'return', 'for', 'if', 'else', 'switch', 'case', 'this', 'null', 'true', 'false']);
/** A safe identifier for parameters and locals. */
export const ident = (name: string) => (RESERVED.has(name) ? `${name}_` : name);

const isUnit = (t: Ty) => t.kind === 'tuple' && t.of.length === 0;
const PRIM_AS: Record<string, [string, string, string]> = {
  bool: ['bool', 'bool', 'false'], u8: ['u8', 'u8', '0'], u16: ['u16', 'u16', '0'], u32: ['u32', 'u32', '0'],
  u64: ['u64', 'u64', '0'], u128: ['U128', 'u128', 'U128.zero()'], str: ['string', 'str', '""'],
};

export class AsTypeRegistry {
  private cache = new Map<Ty, AsType>();
  private names = new Map<string, Ty>();
  /** Emitted class and function declarations, in dependency-insensitive order. */
  readonly decls: string[] = [];
  private helperId = 0;
  private tuples = new Set<string>();

  of(t: Ty): AsType {
    const hit = this.cache.get(t);
    if (hit) return hit;
    const made = this.make(t);
    this.cache.set(t, made);
    return made;
  }

  private className(t: Ty): string {
    const path = t.path ?? [];
    let base = path.at(-1) ?? `Anon${this.helperId++}`;
    // two crates' types of one name (each pallet's types::StorageVersion): the later is qualified by its crate
    if (this.names.has(base) && this.names.get(base) !== t && path.length > 1) base = pascal(path[0]) + base;
    const prior = this.names.get(base);
    if (prior && prior !== t) throw new Error(`AS class name collision for ${base}: give one of the types a distinct path`);
    this.names.set(base, t);
    return base;
  }

  private make(t: Ty): AsType {
    // a call re-encodes as the bytes it was decoded from (proposals store them)
    if (t === RuntimeCall) return { ty: 'Call', dec: (r) => `decodeCall(${r})`, enc: (w, v) => `${w}.raw(${v}.raw);`, def: 'new Call()' };
    if (t === RuntimeEvent) return { ty: 'Uint8Array', dec: (r) => `${r}.fixed(0)`, enc: (w, v) => `${w}.raw(${v});`, def: 'new Uint8Array(0)' };
    switch (t.kind) {
      case 'primitive': {
        const [ty, m, def] = PRIM_AS[t.prim];
        return { ty, dec: (r) => `${r}.${m}()`, enc: (w, v) => `${w}.${m}(${v});`, def };
      }
      case 'compact': {
        if (isUnit(t.of)) return { ty: 'bool', dec: () => 'false', enc: () => '', def: 'false' };
        const inner = t.of.kind === 'composite' ? t.of.fields[0].type : t.of;
        if (inner.kind !== 'primitive') throw new Error('compact of non-primitive');
        if (inner.prim === 'u128') return { ty: 'U128', dec: (r) => `${r}.compactU128()`, enc: (w, v) => `${w}.compactU128(${v});`, def: 'U128.zero()' };
        const ty = PRIM_AS[inner.prim][0];
        const m = inner.prim === 'u64' ? 'compactU64' : 'compactU32';
        return { ty, dec: (r) => inner.prim === 'u64' || inner.prim === 'u32' ? `${r}.${m}()` : `<${ty}>${r}.compactU32()`, enc: (w, v) => `${w}.compact(<u64>${v});`, def: '0' };
      }
      case 'array': {
        if (t.of.kind === 'primitive' && t.of.prim === 'u8')
          return { ty: 'Uint8Array', dec: (r) => `${r}.fixed(${t.len})`, enc: (w, v) => `${w}.fixed(${v}, ${t.len});`, def: `new Uint8Array(${t.len})` };
        throw new Error('only [u8; N] arrays are supported');
      }
      case 'sequence': {
        if (t.of.kind === 'primitive' && t.of.prim === 'u8')
          return { ty: 'Uint8Array', dec: (r) => `${r}.bytes()`, enc: (w, v) => `${w}.bytes(${v});`, def: 'new Uint8Array(0)' };
        const inner = this.of(t.of);
        const id = this.helperId++;
        const ty = `Array<${inner.ty}>`;
        this.decls.push(
          `export function decodeVec${id}(r: Reader): ${ty} {\n  const n = r.len(1);\n  const out = new ${ty}(0);\n  for (let i = 0; i < n && !r.failed; i++) out.push(${inner.dec('r')});\n  return out;\n}\n` +
          `export function encodeVec${id}(w: Writer, v: ${ty}): void {\n  w.compact(<u64>v.length);\n  for (let i = 0; i < v.length; i++) { const x = v[i]; ${inner.enc('w', 'x')} }\n}\n`,
        );
        return { ty, dec: (r) => `decodeVec${id}(${r})`, enc: (w, v) => `encodeVec${id}(${w}, ${v});`, def: `new ${ty}(0)` };
      }
      case 'tuple': {
        if (t.of.length === 0) return { ty: 'bool', dec: () => 'false', enc: () => '', def: 'false' };
        // tuples are structural: name them by their members so equal tuples share a class
        const members = t.of.map((x) => this.of(x).ty.replace(/Uint8Array/g, 'Bytes').replace(/[^A-Za-z0-9]/g, ''));
        const name = `Tuple_${members.join('_')}`;
        if (!this.tuples.has(name)) {
          this.tuples.add(name);
          this.emitClass(name, t.of.map((x, i) => ({ name: `_${i}`, type: x })));
        }
        return this.classType(name);
      }
      case 'composite': {
        if (t.fields.length === 1 && !t.fields[0].name) return this.of(t.fields[0].type); // newtype
        const name = this.className(t);
        this.cache.set(t, this.classType(name)); // allow recursion
        this.emitClass(name, t.fields.map((f, i) => ({ name: f.name ?? `_${i}`, type: f.type })));
        return this.classType(name);
      }
      case 'variant':
        return this.variant(t);
    }
  }

  private boxes = new Map<string, AsType>();
  /** `Some_<prim>`: a class holding one value-type value, so that it can be null. */
  private boxed(prim: AsType): AsType {
    const hit = this.boxes.get(prim.ty);
    if (hit) return hit;
    const name = `Some_${prim.ty}`;
    this.decls.push(
      `export class ${name} {\n  constructor(public value: ${prim.ty} = ${prim.def}) {}\n` +
        `  static decode(r: Reader): ${name} { return new ${name}(${prim.dec('r')}); }\n` +
        `  encode(w: Writer): void { ${prim.enc('w', 'this.value')} }\n}\n`,
    );
    const t = this.classType(name);
    this.boxes.set(prim.ty, t);
    return t;
  }

  private classType(name: string): AsType {
    return { ty: name, dec: (r) => `${name}.decode(${r})`, enc: (w, v) => `${v}.encode(${w});`, def: `new ${name}()` };
  }

  private emitClass(name: string, fields: { name: string; type: Ty }[]) {
    const fs = fields.map((f) => ({ ...f, as: this.of(f.type) }));
    this.decls.push(
      `export class ${name} {\n` +
        fs.map((f) => `  ${f.name}: ${f.as.ty} = ${f.as.def};\n`).join('') +
        `  static decode(r: Reader): ${name} {\n    const v = new ${name}();\n` +
        fs.map((f) => `    v.${f.name} = ${f.as.dec('r')};\n`).join('') +
        `    return v;\n  }\n` +
        `  encode(w: Writer): void {\n` +
        fs.map((f) => `    ${f.as.enc('w', `this.${f.name}`)}\n`).join('') +
        `  }\n` +
        `  toBytes(): Uint8Array { const w = new Writer(); this.encode(w); return w.finish(); }\n}\n`,
    );
  }

  private variant(t: Extract<Ty, { kind: 'variant' }>): AsType {
    const path = (t.path ?? []).join('::');
    if (path === 'Option') {
      let inner = this.of(t.variants[1].fields[0].type);
      // AS has no nullable value types: Option<u32> becomes `Some_u32 | null`
      if (['bool', 'u8', 'u16', 'u32', 'u64'].includes(inner.ty)) inner = this.boxed(inner);
      const id = this.helperId++;
      this.decls.push(
        `export function decodeOpt${id}(r: Reader): ${inner.ty} | null {\n  const tag = r.u8();\n  if (tag == 0) return null;\n  if (tag != 1) { r.fail(); return null; }\n  return ${inner.dec('r')};\n}\n` +
        `export function encodeOpt${id}(w: Writer, v: ${inner.ty} | null): void {\n  if (v === null) { w.u8(0); return; }\n  w.u8(1);\n  const x = changetype<${inner.ty}>(v);\n  ${inner.enc('w', 'x')}\n}\n`,
      );
      return { ty: `${inner.ty} | null`, dec: (r) => `decodeOpt${id}(${r})`, enc: (w, v) => `encodeOpt${id}(${w}, ${v});`, def: 'null' };
    }
    if (path === 'Result') {
      const ok = t.variants[0].fields[0].type;
      if (!isUnit(ok)) throw new Error('only Result<(), E> is supported');
      const err = this.of(t.variants[1].fields[0].type);
      const id = this.helperId++;
      this.decls.push(
        `export function encodeResult${id}(w: Writer, v: ${err.ty} | null): void {\n  if (v === null) { w.u8(0); return; }\n  w.u8(1);\n  const x = changetype<${err.ty}>(v);\n  ${err.enc('w', 'x')}\n}\n` +
        `export function decodeResult${id}(r: Reader): ${err.ty} | null {\n  const tag = r.u8();\n  if (tag == 0) return null;\n  if (tag != 1) { r.fail(); return null; }\n  return ${err.dec('r')};\n}\n`,
      );
      return { ty: `${err.ty} | null`, dec: (r) => `decodeResult${id}(${r})`, enc: (w, v) => `encodeResult${id}(${w}, ${v});`, def: 'null' };
    }
    const name = this.className(t);
    if (t.variants.every((v) => v.fields.length === 0)) {
      // fieldless enum: a u8 with named constants
      const valid = t.variants.map((v) => `x == ${v.index}`).join(' || ');
      this.decls.push(
        `export class ${name} {\n` + t.variants.map((v) => `  static readonly ${v.name}: u8 = ${v.index};\n`).join('') + `}\n` +
        `export function decode${name}(r: Reader): u8 {\n  const x = r.u8();\n  if (!(${valid})) r.fail();\n  return x;\n}\n`,
      );
      return { ty: 'u8', dec: (r) => `decode${name}(${r})`, enc: (w, v) => `${w}.u8(${v});`, def: `${t.variants[0].index}` };
    }
    this.cache.set(t, this.classType(name));
    const payloads = t.variants.map((v) => {
      if (v.fields.length === 0) return { v, as: null as AsType | null };
      if (v.fields.length === 1 && !v.fields[0].name) return { v, as: this.of(v.fields[0].type) };
      const sub = `${name}_${v.name}`;
      this.emitClass(sub, v.fields.map((f, i) => ({ name: f.name ?? `_${i}`, type: f.type })));
      return { v, as: this.classType(sub) };
    });
    this.decls.push(
      `export class ${name} {\n  index: u8 = ${t.variants[0].index};\n` +
        payloads.filter((p) => p.as).map((p) => `  ${p.v.name}: ${p.as!.ty} = ${p.as!.def};\n`).join('') +
        payloads.map((p) => `  static ${p.v.name}(${p.as ? `x: ${p.as.ty}` : ''}): ${name} { const v = new ${name}(); v.index = ${p.v.index};${p.as ? ` v.${p.v.name} = x;` : ''} return v; }\n`).join('') +
        `  static decode(r: Reader): ${name} {\n    const v = new ${name}();\n    v.index = r.u8();\n    switch (v.index) {\n` +
        payloads.map((p) => `      case ${p.v.index}: ${p.as ? `v.${p.v.name} = ${p.as.dec('r')}; ` : ''}break;\n`).join('') +
        `      default: r.fail();\n    }\n    return v;\n  }\n` +
        `  encode(w: Writer): void {\n    w.u8(this.index);\n    switch (this.index) {\n` +
        payloads.filter((p) => p.as).map((p) => `      case ${p.v.index}: { ${p.as!.enc('w', `this.${p.v.name}`)} break; }\n`).join('') +
        `      default: break;\n    }\n  }\n` +
        `  toBytes(): Uint8Array { const w = new Writer(); this.encode(w); return w.finish(); }\n}\n`,
    );
    return this.classType(name);
  }
}

/** `pallet_smart_contract` → `PalletSmartContract`. */
function pascal(snake: string): string {
  return snake.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
