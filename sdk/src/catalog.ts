/**
 * The catalog: signed workload definitions anyone can find and check. Each entry is
 * anchored on chain in TFKVStore under the expert's own account, key
 * `tfit/catalog/<name>@<version>`, value `{"d":<definition hash>,"c":<content address of the
 * signed definition>,"s":"published"}` (or `"s":"withdrawn","r":<reason>`); the signed
 * definition's bytes live in the content store. Only the holder of an account's key writes
 * under it, so a store operator can lose or alter a blob but not forge an entry: every read
 * re-checks the blob against the anchor, the signature, and the expert twin's key on chain
 * now. TFKVStore is TF-Chain's own pallet, so this works on any TF-Chain endpoint.
 */
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import type { Bytes, StorageKey } from '@polkadot/types';
import type { AccountId32 } from '@polkadot/types/interfaces';
import type { TfitClient } from './client.js';
import type { TxSigner } from './signer.js';
import type { Submitted } from './submit.js';
import { TfitError } from './errors.js';
import { getContent, putContent } from './content.js';
import { kvGet, kvSet } from './modules/kv.js';
import { twin as twinOf } from './modules/grid.js';
import { canonicalBytes, verifySignedDefinition, type Capacity, type SignedDefinition } from './workload/index.js';
import type { Twin } from './modules/types.js';

export const KEY_PREFIX = 'tfit/catalog/';
/** TFKVStore's bounds (runtime/assembly/pallets/tfkvstore/calls.ts, as on TF-Chain). */
const MAX_KEY = 512;
const MAX_VALUE = 2048;

export type CatalogErrorKind = 'invalid' | 'conflict' | 'not-found' | 'unverified' | 'withdrawn' | 'ambiguous';

/** Why a catalog call refused; `problems` lists an unverified entry's reasons. */
export class CatalogError extends TfitError {
  constructor(readonly kind: CatalogErrorKind, message: string, readonly problems: string[] = []) {
    super(problems.length ? `${message}:\n  ${problems.join('\n  ')}` : message);
  }
}

export type CatalogStatus = 'published' | 'withdrawn';

export interface CatalogEntry {
  name: string;
  version: string;
  /** The twin the definition names (null when it could not be read) and the account that anchors the entry. */
  expert: { twinId: number | null; account: string };
  /** The definition's signing key (0x public key), null when it could not be read. */
  signer: string | null;
  /** As anchored on chain. */
  definitionHash: string;
  contentHash: string;
  status: CatalogStatus;
  withdrawnReason?: string;
  /** The newest verified, published version of the same name by the same account, when newer than this one. */
  supersededBy?: string;
  /** True only when `problems` is empty. */
  verified: boolean;
  problems: string[];
  signed?: SignedDefinition;
}

export interface SearchQuery {
  /** Words that must all appear (case-insensitive) in the name or description. */
  text?: string;
  name?: string;
  tag?: string;
  version?: string;
  expertTwin?: number;
  solutionProvider?: number;
  /** The definition needs at most this. */
  fits?: Partial<Capacity>;
  /** Also list entries that fail verification, marked (default true). */
  includeUnverified?: boolean;
}

interface Anchor { d: string; c: string; s: CatalogStatus; r?: string }

const HASH = /^0x[0-9a-f]{64}$/;
const byteLength = (text: string) => new TextEncoder().encode(text).length;

export const catalogKey = (name: string, version: string) => `${KEY_PREFIX}${name}@${version}`;

/** `name@version` → its parts (a name has no "@"; a version may); an empty part when it has none. */
const splitRef = (ref: string) => {
  const at = ref.indexOf('@');
  return at > 0 ? { name: ref.slice(0, at), version: ref.slice(at + 1) } : { name: ref, version: '' };
};

export function parseRef(ref: string): { name: string; version: string } {
  const parts = splitRef(ref);
  if (!parts.version) throw new CatalogError('invalid', `"${ref}" is not NAME@VERSION`);
  return parts;
}

/** Semver-ish order: dot-separated parts compared numerically where they are numbers ("1.10" > "1.9"), missing parts as 0. */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a.split('.'), b.split('.')];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = (pa[i] ?? '0').localeCompare(pb[i] ?? '0', 'en', { numeric: true });
    if (c) return c;
  }
  return 0;
}

const publicKeyOf = (address: string) => u8aToHex(decodeAddress(address));

function writeAnchor(client: TfitClient, signer: TxSigner, key: string, anchor: Anchor, timeoutMs?: number): Promise<Submitted> {
  const value = JSON.stringify(anchor);
  if (byteLength(key) > MAX_KEY) throw new CatalogError('invalid', `the catalog key ${key} is over TFKVStore's ${MAX_KEY} bytes: shorten the version`);
  if (byteLength(value) > MAX_VALUE) throw new CatalogError('invalid', `the catalog entry is over TFKVStore's ${MAX_VALUE} bytes: shorten the reason`);
  return kvSet(client, { signer, key, value, timeoutMs });
}

function readAnchor(text: string | null): Anchor | null {
  if (text === null) return null;
  try {
    const a = JSON.parse(text) as Anchor;
    if (HASH.test(a.d) && HASH.test(a.c) && (a.s === 'published' || (a.s === 'withdrawn' && typeof a.r === 'string'))) return a;
  } catch { /* below */ }
  return null;
}

/**
 * Publishes the expert's own signed definition: its bytes to the store, its anchor on chain.
 * Publishing the same definition again is harmless (and republishes a withdrawn one);
 * a different definition under an existing name@version is refused before anything is written.
 */
export async function publish(client: TfitClient, o: { signer: TxSigner; storeUrl: string; signed: SignedDefinition; timeoutMs?: number }): Promise<{ key: string; definitionHash: string; contentHash: string; submitted: Submitted }> {
  const definitionHash = verifySignedDefinition(o.signed);
  const { name, version } = o.signed.definition;
  if (publicKeyOf(o.signer.address) !== o.signed.signature.signer)
    throw new CatalogError('invalid', `${name}@${version} is signed by ${o.signed.signature.signer}, not by ${o.signer.address}: an expert publishes only what they signed`);
  const key = catalogKey(name, version);
  const existing = await kvGet(client, o.signer.address, key);
  if (existing !== null && readAnchor(existing)?.d !== definitionHash)
    throw new CatalogError('conflict', `${name}@${version} is already published by ${o.signer.address} with another definition: publish it as a new version`);
  const contentHash = await putContent(o.storeUrl, canonicalBytes(o.signed));
  const submitted = await writeAnchor(client, o.signer, key, { d: definitionHash, c: contentHash, s: 'published' }, o.timeoutMs);
  return { key, definitionHash, contentHash, submitted };
}

/** Marks the signer's name@version withdrawn (kept on chain, with the reason, so consumers see why). */
export async function withdraw(client: TfitClient, o: { signer: TxSigner; name: string; version: string; reason: string; timeoutMs?: number }): Promise<Submitted> {
  const key = catalogKey(o.name, o.version);
  if (!o.reason.trim()) throw new CatalogError('invalid', 'a withdrawal needs a reason');
  const anchor = readAnchor(await kvGet(client, o.signer.address, key));
  if (!anchor) throw new CatalogError('not-found', `${o.signer.address} has not published ${o.name}@${o.version}`);
  return writeAnchor(client, o.signer, key, { d: anchor.d, c: anchor.c, s: 'withdrawn', r: o.reason }, o.timeoutMs);
}

/** One anchored entry, checked end to end; every failed check is a problem (only the chain's own failures throw). */
async function examine(storeUrl: string, account: string, key: string, value: string, twin: (id: number) => Promise<Twin | null>): Promise<CatalogEntry> {
  const { name, version } = splitRef(key.slice(KEY_PREFIX.length));
  const anchor = readAnchor(value);
  const entry: CatalogEntry = {
    name, version, expert: { twinId: null, account }, signer: null, definitionHash: anchor?.d ?? '', contentHash: anchor?.c ?? '',
    status: anchor?.s ?? 'published', ...(anchor?.s === 'withdrawn' ? { withdrawnReason: anchor.r } : {}), verified: false, problems: [],
  };
  const problem = (text: string) => { entry.problems.push(text); return entry; };
  if (!version) return problem(`the key ${key} is not ${KEY_PREFIX}NAME@VERSION`);
  if (!anchor) return problem(`the anchored value is not a catalog entry: ${value.slice(0, 80)}`);
  let signed: SignedDefinition;
  try {
    signed = JSON.parse(new TextDecoder().decode(await getContent(storeUrl, anchor.c))) as SignedDefinition; // getContent checks the bytes' hash
  } catch (e) {
    return problem(`the store's copy: ${(e as Error).message}`);
  }
  entry.signed = signed;
  entry.signer = signed?.signature?.signer ?? null;
  entry.expert.twinId = typeof signed?.definition?.expert?.twinId === 'number' ? signed.definition.expert.twinId : null;
  let hash: string;
  try {
    hash = verifySignedDefinition(signed);
  } catch (e) {
    return problem((e as Error).message);
  }
  const d = signed.definition;
  if (hash !== anchor.d) problem(`the definition hashes to ${hash}, the chain anchors ${anchor.d}`);
  if (d.name !== name || d.version !== version) problem(`the definition is ${d.name}@${d.version}, anchored as ${name}@${version}`);
  if (entry.signer !== publicKeyOf(account)) problem(`signed by ${entry.signer}, not by the anchoring account ${account}`);
  const expert = await twin(d.expert.twinId);
  if (!expert) problem(`the expert twin ${d.expert.twinId} does not exist`);
  else if (publicKeyOf(expert.accountId) !== entry.signer) problem(`the signer is not the expert twin ${expert.id}'s key (${expert.accountId})`);
  entry.verified = entry.problems.length === 0;
  return entry;
}

/** Every catalog entry on chain, by any account, each verified (sorted by name, account, version). */
export async function entries(client: TfitClient, storeUrl: string): Promise<CatalogEntry[]> {
  // no account given: every account's entries (the augmented type insists on a first key; polkadot-js does not)
  const raw = await (client.api.query.tfkvStore.tfkvStore.entries as () => Promise<[StorageKey<[AccountId32, Bytes]>, Bytes][]>)();
  const twins = new Map<number, Promise<Twin | null>>();
  const twin = (id: number) => { if (!twins.has(id)) twins.set(id, twinOf(client, id)); return twins.get(id)!; };
  const found = await Promise.all(raw.flatMap(([k, v]) => {
    const key = k.args[1].toUtf8();
    if (!key.startsWith(KEY_PREFIX)) return [];
    const account = encodeAddress(k.args[0], client.api.registry.chainSS58);
    return [examine(storeUrl, account, key, v.toUtf8(), twin)];
  }));
  for (const e of found) {
    const newer = found.filter((n) => n.name === e.name && n.expert.account === e.expert.account && n.verified && n.status === 'published' && compareVersions(n.version, e.version) > 0);
    if (newer.length) e.supersededBy = newer.reduce((a, b) => (compareVersions(a.version, b.version) >= 0 ? a : b)).version;
  }
  return found.sort((a, b) => a.name.localeCompare(b.name) || a.expert.account.localeCompare(b.expert.account) || compareVersions(a.version, b.version));
}

/** Whether `e` answers `q` (see SearchQuery). */
export function matches(e: CatalogEntry, q: SearchQuery): boolean {
  const d = e.signed?.definition;
  if (q.includeUnverified === false && !e.verified) return false;
  if (q.name !== undefined && e.name !== q.name) return false;
  if (q.version !== undefined && e.version !== q.version) return false;
  if (q.expertTwin !== undefined && e.expert.twinId !== q.expertTwin) return false;
  if (q.tag !== undefined && !d?.tags?.includes(q.tag)) return false;
  if (q.solutionProvider !== undefined && d?.solutionProviderId !== q.solutionProvider) return false;
  if (q.fits && Object.entries(q.fits).some(([k, max]) => max !== undefined && !(d && d.capacity[k as keyof Capacity] <= max))) return false;
  const haystack = `${e.name} ${d?.description ?? ''}`.toLowerCase();
  return (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).every((w) => haystack.includes(w));
}

export async function search(client: TfitClient, storeUrl: string, query: SearchQuery = {}): Promise<CatalogEntry[]> {
  return (await entries(client, storeUrl)).filter((e) => matches(e, query));
}

/**
 * The signed definition behind `name@version`: the one verified, published entry (by
 * `expertTwin` when given). Unverified entries never resolve: verification ties an entry
 * to its expert twin's key, so another account's claim to the same name is not a rival.
 */
export async function resolve(client: TfitClient, storeUrl: string, ref: string, o: { expertTwin?: number } = {}): Promise<SignedDefinition> {
  const { name, version } = parseRef(ref);
  const by = o.expertTwin === undefined ? '' : ` by expert twin ${o.expertTwin}`;
  const found = await search(client, storeUrl, { name, version, expertTwin: o.expertTwin });
  const good = found.filter((e) => e.verified);
  const usable = good.filter((e) => e.status === 'published');
  if (usable.length === 1) return usable[0].signed!;
  if (usable.length > 1)
    throw new CatalogError('ambiguous', `${ref} is published by several experts (twins ${usable.map((e) => e.expert.twinId).join(', ')}): choose one by its expert twin`);
  if (good.length) throw new CatalogError('withdrawn', `${ref}${by} is withdrawn: ${good[0].withdrawnReason}`);
  if (found.length) throw new CatalogError('unverified', `${ref}${by} does not verify`, found.flatMap((e) => e.problems.map((p) => `${e.expert.account}: ${p}`)));
  throw new CatalogError('not-found', `no catalog entry ${ref}${by}`);
}
