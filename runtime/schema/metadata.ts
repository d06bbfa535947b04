/**
 * Builds the runtime's SCALE metadata (V14 and V15) from the schema, using
 * @polkadot/types' own codecs so the bytes are exactly what clients decode.
 */
import { TypeRegistry } from '@polkadot/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import type { Ty, PalletSpec } from './dsl.js';
import { PALLETS, palletEnums, RuntimeCall, RuntimeError, RuntimeEvent, RuntimeTy, SIGNED_EXTENSIONS, SignedExtra, UncheckedExtrinsic } from './runtime.js';
import { AccountId32, MultiAddress, MultiSignature } from './primitives.js';
import { RUNTIME_API_METADATA } from './apis.js';

const PRIM: Record<string, string> = { bool: 'Bool', u8: 'U8', u16: 'U16', u32: 'U32', u64: 'U64', u128: 'U128', str: 'Str' };

/** Interns schema types into a portable registry (ids in first-use order). */
export class PortableTypes {
  readonly ids = new Map<Ty, number>();
  readonly types: unknown[] = [];

  id(t: Ty): number {
    const known = this.ids.get(t);
    if (known !== undefined) return known;
    const id = this.types.length;
    this.ids.set(t, id);
    this.types.push(null); // reserve: recursive types refer to this id while it is built
    this.types[id] = { id, type: { path: t.path ?? [], params: (t.params ?? []).map((p) => ({ name: p.name, type: p.type ? this.id(p.type) : null })), def: this.def(t), docs: t.docs ?? [] } };
    return id;
  }

  private def(t: Ty): unknown {
    switch (t.kind) {
      case 'primitive':
        return { Primitive: PRIM[t.prim] };
      case 'composite':
        return { Composite: { fields: t.fields.map((f) => ({ name: f.name ?? null, type: this.id(f.type), typeName: f.typeName ?? null, docs: f.docs ?? [] })) } };
      case 'variant':
        return {
          Variant: {
            variants: t.variants.map((v) => ({
              name: v.name,
              index: v.index,
              docs: v.docs ?? [],
              fields: v.fields.map((f) => ({ name: f.name ?? null, type: this.id(f.type), typeName: f.typeName ?? null, docs: f.docs ?? [] })),
            })),
          },
        };
      case 'sequence':
        return { Sequence: { type: this.id(t.of) } };
      case 'array':
        return { Array: { len: t.len, type: this.id(t.of) } };
      case 'tuple':
        return { Tuple: t.of.map((x) => this.id(x)) };
      case 'compact':
        return { Compact: { type: this.id(t.of) } };
    }
  }
}

const storageEntry = (reg: PortableTypes, s: NonNullable<PalletSpec['storage']>[number]) => {
  const fallback = s.modifier === 'Optional' ? new Uint8Array([0]) : defaultBytes(s.value);
  const type = s.keys?.length
    ? {
        Map: {
          hashers: s.keys.map(([, h]) => h),
          key: reg.id(s.keys.length === 1 ? s.keys[0][0] : { kind: 'tuple', of: s.keys.map(([k]) => k) }),
          value: reg.id(s.value),
        },
      }
    : { Plain: reg.id(s.value) };
  return { name: s.name, modifier: s.modifier, type, fallback: u8aToHex(fallback), docs: [s.docs] };
};

/** SCALE bytes of a type's default value (zeroes, empty vectors, first variant). */
export function defaultBytes(t: Ty): Uint8Array {
  switch (t.kind) {
    case 'primitive':
      return new Uint8Array({ bool: 1, u8: 1, u16: 2, u32: 4, u64: 8, u128: 16, str: 1 }[t.prim]);
    case 'compact':
    case 'sequence':
      return new Uint8Array(1);
    case 'array':
      return u8aConcat(...Array.from({ length: t.len }, () => defaultBytes(t.of)));
    case 'tuple':
      return u8aConcat(...t.of.map(defaultBytes));
    case 'composite':
      return u8aConcat(...t.fields.map((f) => defaultBytes(f.type)));
    case 'variant': {
      const v = [...t.variants].sort((a, b) => a.index - b.index)[0];
      return u8aConcat(new Uint8Array([v.index]), ...v.fields.map((f) => defaultBytes(f.type)));
    }
  }
}

function palletsMeta(reg: PortableTypes, withDocs: boolean) {
  return PALLETS.map((p) => {
    const e = palletEnums.get(p.name)!;
    return {
      name: p.name,
      storage: p.storage?.length ? { prefix: p.name, items: p.storage.map((s) => storageEntry(reg, s)) } : null,
      calls: e.call ? { type: reg.id(e.call) } : null,
      events: e.event ? { type: reg.id(e.event) } : null,
      constants: (p.constants ?? []).map((c) => ({ name: c.name, type: reg.id(c.type), value: u8aToHex(c.value), docs: [c.docs] })),
      errors: e.error ? { type: reg.id(e.error) } : null,
      index: p.index,
      ...(withDocs ? { docs: [p.docs] } : {}),
    };
  });
}

const MAGIC = new Uint8Array([0x6d, 0x65, 0x74, 0x61]);

export interface BuiltMetadata {
  v14: Uint8Array;
  v15: Uint8Array;
  /** Type ids the codegen and SDK need. */
  ids: PortableTypes['ids'];
}

export function buildMetadata(): BuiltMetadata {
  const registry = new TypeRegistry();

  // V14
  const r14 = new PortableTypes();
  const pallets14 = palletsMeta(r14, false);
  const ext14 = {
    type: r14.id(UncheckedExtrinsic),
    version: 4,
    signedExtensions: SIGNED_EXTENSIONS.map((s) => ({ identifier: s.identifier, type: r14.id(s.extra), additionalSigned: r14.id(s.additional) })),
  };
  r14.id(RuntimeEvent);
  const runtime14 = r14.id(RuntimeTy);
  const v14 = registry.createType('MetadataV14', { lookup: { types: r14.types }, pallets: pallets14, extrinsic: ext14, type: runtime14 });

  // V15: same registry layout plus runtime APIs and outer enums
  const r15 = new PortableTypes();
  const pallets15 = palletsMeta(r15, true);
  const ext15 = {
    version: 4,
    addressType: r15.id(MultiAddress),
    callType: r15.id(RuntimeCall),
    signatureType: r15.id(MultiSignature),
    extraType: r15.id(SignedExtra),
    signedExtensions: SIGNED_EXTENSIONS.map((s) => ({ identifier: s.identifier, type: r15.id(s.extra), additionalSigned: r15.id(s.additional) })),
  };
  r15.id(UncheckedExtrinsic);
  r15.id(AccountId32);
  const apis = RUNTIME_API_METADATA.map((api) => ({
    name: api.name,
    docs: [api.docs],
    methods: api.methods.map((m) => ({ name: m.name, inputs: m.inputs.map(([name, t]) => ({ name, type: r15.id(t) })), output: r15.id(m.output), docs: [m.docs] })),
  }));
  const outerEnums = { callType: r15.id(RuntimeCall), eventType: r15.id(RuntimeEvent), errorType: r15.id(RuntimeError) };
  const runtime15 = r15.id(RuntimeTy);
  const v15 = registry.createType('MetadataV15', { lookup: { types: r15.types }, pallets: pallets15, extrinsic: ext15, type: runtime15, apis, outerEnums, custom: { map: {} } });

  return {
    v14: u8aConcat(MAGIC, new Uint8Array([14]), v14.toU8a()),
    v15: u8aConcat(MAGIC, new Uint8Array([15]), v15.toU8a()),
    ids: r14.ids,
  };
}

/** `twox128(pallet) ++ twox128(item)`: the prefix of every key of a storage item. */
export const storagePrefix = (pallet: string, item: string): Uint8Array =>
  u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128));

export { u8aToHex };
