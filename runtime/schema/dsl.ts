/**
 * The type DSL of tfit's runtime schema: the single source of truth from which the
 * build derives the SCALE metadata (V14/V15), the AssemblyScript codecs, call dispatch,
 * event and error constructors, storage accessors, and (through the metadata) SDK types.
 *
 * Types are plain objects referenced by identity; the metadata builder interns them
 * into a portable registry in first-use order.
 */

export type Primitive = 'bool' | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'str';

export interface Field {
  name?: string;
  type: Ty;
  /** Rust type name shown in metadata (`typeName`), e.g. `T::AccountId`. */
  typeName?: string;
  docs?: string[];
}

export interface Variant {
  name: string;
  index: number;
  fields: Field[];
  docs?: string[];
}

interface Named {
  path?: string[];
  params?: { name: string; type?: Ty }[];
  docs?: string[];
}

export type Ty =
  | ({ kind: 'primitive'; prim: Primitive } & Named)
  | ({ kind: 'composite'; fields: Field[] } & Named)
  | ({ kind: 'variant'; variants: Variant[] } & Named)
  | ({ kind: 'sequence'; of: Ty } & Named)
  | ({ kind: 'array'; len: number; of: Ty } & Named)
  | ({ kind: 'tuple'; of: Ty[] } & Named)
  | ({ kind: 'compact'; of: Ty } & Named);

export const prim = (p: Primitive): Ty => ({ kind: 'primitive', prim: p });
export const bool = prim('bool');
export const u8 = prim('u8');
export const u16 = prim('u16');
export const u32 = prim('u32');
export const u64 = prim('u64');
export const u128 = prim('u128');
export const str = prim('str');

const compacts = new Map<Ty, Ty>();
/** `Compact<T>`, interned so every use maps to one registry entry. */
export const compact = (of: Ty): Ty => {
  let c = compacts.get(of);
  if (!c) compacts.set(of, (c = { kind: 'compact', of }));
  return c;
};
const seqs = new Map<Ty, Ty>();
/** `Vec<T>`, interned. */
export const vec = (of: Ty): Ty => {
  let s = seqs.get(of);
  if (!s) seqs.set(of, (s = { kind: 'sequence', of }));
  return s;
};
const arrays = new Map<Ty, Map<number, Ty>>();
/** `[T; len]`, interned. */
export const array = (len: number, of: Ty): Ty => {
  let byLen = arrays.get(of);
  if (!byLen) arrays.set(of, (byLen = new Map()));
  let a = byLen.get(len);
  if (!a) byLen.set(len, (a = { kind: 'array', len, of }));
  return a;
};
export const tuple = (...of: Ty[]): Ty => ({ kind: 'tuple', of });
export const unit: Ty = { kind: 'tuple', of: [] };

export const bytes = vec(u8);

export const field = (name: string | undefined, type: Ty, typeName?: string, docs?: string[]): Field => ({
  name,
  type,
  typeName,
  docs,
});

/** A struct with named fields. */
export const struct = (path: string[], fields: Record<string, Ty | [Ty, string]>, extra: Named = {}): Ty => ({
  kind: 'composite',
  path,
  ...extra,
  fields: Object.entries(fields).map(([name, t]) =>
    Array.isArray(t) ? field(name, t[0], t[1]) : field(name, t),
  ),
});

/** A tuple struct with one unnamed field: `struct AccountId32([u8; 32])`. */
export const newtype = (path: string[], inner: Ty, typeName?: string): Ty => ({
  kind: 'composite',
  path,
  fields: [field(undefined, inner, typeName)],
});

/** A fieldless enum (`enum Pays { Yes, No }`), indexed in declaration order. */
export const unitEnum = (path: string[], names: string[], docs?: Record<string, string>): Ty => ({
  kind: 'variant',
  path,
  variants: names.map((name, index) => ({ name, index, fields: [], docs: docs?.[name] ? [docs[name]] : [] })),
});

export type VariantSpec = {
  name: string;
  index?: number;
  /** Named fields (`{ who: AccountId }`), a single unnamed payload, or none. */
  fields?: Record<string, Ty | [Ty, string]> | Ty | Ty[];
  docs?: string;
};

/** An enum whose variants may carry data; indices default to declaration order. */
export const enumOf = (path: string[], variants: VariantSpec[], extra: Named = {}): Ty => ({
  kind: 'variant',
  path,
  ...extra,
  variants: variants.map((v, i) => ({
    name: v.name,
    index: v.index ?? i,
    docs: v.docs ? [v.docs] : [],
    fields:
      v.fields === undefined
        ? []
        : isTy(v.fields)
          ? [field(undefined, v.fields)]
          : Array.isArray(v.fields)
            ? v.fields.map((t) => field(undefined, t))
            : Object.entries(v.fields).map(([name, t]) =>
              Array.isArray(t) ? field(name, t[0], t[1]) : field(name, t),
            ),
  })),
});

export const isTy = (x: unknown): x is Ty =>
  typeof x === 'object' && x !== null && 'kind' in x && typeof (x as { kind: unknown }).kind === 'string';

const options = new Map<Ty, Ty>();
/** `Option<T>`, interned. */
export const option = (of: Ty): Ty => {
  let o = options.get(of);
  if (!o)
    options.set(
      of,
      (o = {
        kind: 'variant',
        path: ['Option'],
        params: [{ name: 'T', type: of }],
        variants: [
          { name: 'None', index: 0, fields: [] },
          { name: 'Some', index: 1, fields: [field(undefined, of)] },
        ],
      }),
    );
  return o;
};

/** `Result<T, E>`. */
export const result = (ok: Ty, err: Ty): Ty => ({
  kind: 'variant',
  path: ['Result'],
  params: [
    { name: 'T', type: ok },
    { name: 'E', type: err },
  ],
  variants: [
    { name: 'Ok', index: 0, fields: [field(undefined, ok)] },
    { name: 'Err', index: 1, fields: [field(undefined, err)] },
  ],
});

/** A bounded vector: SCALE-identical to `Vec<T>`, with its bound checked by the runtime. */
export const boundedVec = (of: Ty, bound: number): Ty => ({
  kind: 'composite',
  path: ['bounded_collections', 'bounded_vec', 'BoundedVec'],
  params: [
    { name: 'T', type: of },
    { name: 'S', type: undefined },
  ],
  fields: [field(undefined, vec(of), 'Vec<T>')],
  docs: [`bound: ${bound}`],
});

// ---- pallet-level schema ----------------------------------------------------------

export interface CallSpec {
  name: string;
  index: number;
  args: Record<string, Ty | [Ty, string]>;
  docs: string;
  /** Reference-time weight charged for the call (from bench/, see runtime/weights). */
  weight: bigint;
  /** Dispatch class: 0 Normal, 1 Operational, 2 Mandatory. */
  dispatchClass?: 0 | 1 | 2;
  /** Whether the caller pays the fee. */
  /** false: free; 'unlessSucceeds': charged up front, refunded when the call succeeds (TF-Chain's `Ok(Pays::No.into())`). Default true. */
  /** 'whenWaived': charged up front, refunded when the call succeeds and says so (`PostDispatch.waiveFee()`: TF-Chain's `Pays::No` on a first vote). */
  paysFee?: boolean | 'unlessSucceeds' | 'whenWaived';
  /** The call stores its RuntimeCall arguments (a proposal) rather than dispatching them now: their weight is not added. */
  storesCalls?: boolean;
}

export interface EventSpec {
  name: string;
  fields: Record<string, Ty | [Ty, string]>;
  docs: string;
}

export interface ErrorSpec {
  name: string;
  docs: string;
}

export type Hasher = 'Blake2_128Concat' | 'Twox64Concat' | 'Identity';

export interface StorageSpec {
  name: string;
  /** Keys with their hashers; none for a plain value. */
  keys?: [Ty, Hasher][];
  value: Ty;
  /** `Default`: absent reads as the type's default; `Optional`: absent reads as none. */
  modifier: 'Default' | 'Optional';
  docs: string;
}

export interface ConstantSpec {
  name: string;
  type: Ty;
  value: Uint8Array;
  docs: string;
}

export interface PalletSpec {
  name: string;
  index: number;
  /** Rust module path used for the pallet's Call/Event/Error type paths. */
  rustPath: string;
  calls?: CallSpec[];
  events?: EventSpec[];
  errors?: ErrorSpec[];
  storage?: StorageSpec[];
  constants?: ConstantSpec[];
  docs: string;
}
