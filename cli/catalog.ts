/**
 * `tfit catalog`: publish a signed definition (anchored in TFKVStore under the expert's
 * account, its bytes in the content store), search and show entries (each verified on
 * read: store copy, signature, the expert twin's key on chain), withdraw one. Also the
 * files upload `definition publish` shares, and the NAME@VERSION lookup `deploy` uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blake2AsHex } from '@polkadot/util-crypto';
import { catalog, CatalogError, putContent, workload, type CatalogEntry } from '@tfit/sdk';
import type { Io } from './accounts.js';
import { doing } from './explain.js';
import type { Flags } from './flags.js';
import { keyFrom, readJson, UsageError } from './keys.js';

type CatalogFlags = Pick<Flags, 'store' | 'key' | 'key-type' | 'files' | 'expert' | 'tag' | 'version' | 'provider' | 'max-cru' | 'max-mru' | 'max-sru' | 'reason'>;

/** What `tfit deploy` takes for a catalog entry rather than a file. */
export const CATALOG_REF = /^[a-z0-9][a-z0-9._-]*@[^/]+$/;

const store = (flags: { store?: string }) => {
  if (!flags.store) throw new UsageError('missing --store (the content store URL, e.g. from `tfit store --dir DIR`)');
  return flags.store;
};

const optInt = (value: string | undefined, what: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`${what}: expected a non-negative integer, got ${value}`);
  return n;
};

const refOf = (arg: string | undefined, usage: string) => {
  if (!arg || !CATALOG_REF.test(arg)) throw new UsageError(`${usage}: NAME@VERSION, e.g. my-service@1.0.0 (\`tfit catalog search --store URL\` lists them)`);
  return catalog.parseRef(arg);
};

/** Uploads the definition's files from `dir`, each checked against the definition first; resolves to their hashes. */
export async function publishFiles(storeUrl: string, signed: workload.SignedDefinition, dir: string): Promise<string[]> {
  const published: string[] = [];
  for (const f of signed.definition.files) {
    const local = join(dir, f.name);
    if (!existsSync(local)) throw new UsageError(`file ${f.name}: not found in ${dir}`);
    const bytes = readFileSync(local);
    if (blake2AsHex(bytes) !== f.blake2_256 || bytes.length !== f.size) throw new UsageError(`file ${f.name}: its content does not match the definition (size ${bytes.length}, blake2 ${blake2AsHex(bytes)})`);
    published.push(await putContent(storeUrl, bytes));
  }
  return published;
}

/** The signed definition a verified, published catalog entry names; refuses (exit 1) with the reason otherwise. */
export async function resolveRef(io: Io, ref: string, flags: { store?: string; expert?: string }): Promise<workload.SignedDefinition> {
  const storeUrl = store(flags);
  const expertTwin = optInt(flags.expert, '--expert');
  return io.withClient((client) => catalog.resolve(client, storeUrl, ref, { expertTwin }).catch((e) => {
    throw e instanceof CatalogError && e.kind === 'ambiguous' ? new CatalogError(e.kind, `${e.message}: pass --expert N`) : e;
  }));
}

const statusOf = (e: CatalogEntry) =>
  e.status === 'withdrawn' ? `withdrawn (${e.withdrawnReason})` : e.supersededBy ? `superseded by ${e.supersededBy}` : 'published';

function table(found: CatalogEntry[]): string {
  if (!found.length) return 'no catalog entries match';
  const rows = [['NAME@VERSION', 'EXPERT', 'STATUS', 'VERIFIED'],
    ...found.map((e) => [`${e.name}@${e.version}`, `twin ${e.expert.twinId ?? '?'}`, statusOf(e), e.verified ? '✔' : `✘ ${e.problems[0]}`])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

function describe(e: CatalogEntry): string {
  const d = e.signed?.definition;
  const lines = [
    `${e.name}@${e.version}  expert twin ${e.expert.twinId ?? '?'}, anchored by ${e.expert.account}  ${statusOf(e)}`,
    e.verified ? 'verified ✔ (store copy, signature, expert twin key on chain)' : ['not verified ✘', ...e.problems.map((p) => `  - ${p}`)].join('\n'),
    `definition ${e.definitionHash}  content ${e.contentHash}`,
  ];
  if (!d) return lines.join('\n');
  const c = d.capacity;
  lines.push(
    ...(d.description ? [d.description] : []),
    ...(d.tags?.length || d.solutionProviderId ? [`tags: ${d.tags?.join(', ') || '-'}  solution provider: ${d.solutionProviderId ?? '-'}`] : []),
    `capacity: cru ${c.cru}, mru ${c.mru}, sru ${c.sru}, hru ${c.hru}, public IPs ${c.publicIps}`,
    'files:', ...d.files.map((f) => `  ${f.name}  ${f.size} bytes  ${f.blake2_256}`),
    'processes:', ...d.processes.map((p) => `  ${p.name}: ${[p.command, ...p.args].join(' ')}  (memory ${p.limits.memoryMb} MB)`),
    'parameters:', ...(Object.entries(d.parameters).map(([k, p]) => `  ${k}: ${p.type}${p.default !== undefined ? `, default ${p.default}` : ', required'}${p.description ? `  ${p.description}` : ''}`)),
  );
  return lines.join('\n');
}

export async function catalogCommand(io: Io, sub: string | undefined, arg: string | undefined, flags: CatalogFlags): Promise<void> {
  // the SDK's refusals of bad input (a key that did not sign the definition, a reason too long) are usage errors here
  const usage = (e: unknown) => { throw e instanceof CatalogError && e.kind === 'invalid' ? new UsageError(e.message) : e; };
  if (sub === 'publish') {
    if (!arg) throw new UsageError('catalog publish SIGNED: a signed definition (`tfit definition sign` writes one)');
    const signed = readJson(arg) as workload.SignedDefinition;
    workload.verifySignedDefinition(signed);
    const storeUrl = store(flags);
    const signer = await keyFrom(flags.key, flags['key-type']);
    const files = flags.files ? await publishFiles(storeUrl, signed, flags.files) : [];
    const ref = `${signed.definition.name}@${signed.definition.version}`;
    return io.withClient(async (client) => {
      doing(signer.address, `tfkvStore.set of catalog entry ${ref}`);
      const { submitted, ...r } = await catalog.publish(client, { signer, storeUrl, signed }).catch(usage);
      io.out(`published ${ref} under ${signer.address} (definition ${r.definitionHash}, content ${r.contentHash}${flags.files ? `, ${files.length} file(s)` : ''}, block ${submitted.blockHash})`,
        { ref, account: signer.address, ...r, files, blockHash: submitted.blockHash });
    });
  }
  if (sub === 'search') {
    const storeUrl = store(flags);
    const fits = Object.fromEntries(([['cru', 'max-cru'], ['mru', 'max-mru'], ['sru', 'max-sru']] as const)
      .flatMap(([k, flag]) => (flags[flag] === undefined ? [] : [[k, optInt(flags[flag], `--${flag}`)]])));
    const query: catalog.SearchQuery = {
      text: arg, tag: flags.tag, version: flags.version, expertTwin: optInt(flags.expert, '--expert'), solutionProvider: optInt(flags.provider, '--provider'), fits,
    };
    const found = await io.withClient((client) => catalog.search(client, storeUrl, query));
    return io.out(table(found), found.map(({ signed: _, ...e }) => e));
  }
  if (sub === 'show') {
    const { name, version } = refOf(arg, 'catalog show');
    const storeUrl = store(flags);
    const expertTwin = optInt(flags.expert, '--expert');
    const found = await io.withClient((client) => catalog.search(client, storeUrl, { name, version, expertTwin }));
    if (!found.length) throw new CatalogError('not-found', `no catalog entry ${arg}${expertTwin === undefined ? '' : ` by expert twin ${expertTwin}`}: \`tfit catalog search --store URL\` lists them`);
    return io.out(found.map(describe).join('\n\n'), found);
  }
  if (sub === 'withdraw') {
    const { name, version } = refOf(arg, 'catalog withdraw');
    if (!flags.reason) throw new UsageError('missing --reason (why consumers should not deploy it)');
    const signer = await keyFrom(flags.key, flags['key-type']);
    return io.withClient(async (client) => {
      doing(signer.address, `tfkvStore.set withdrawing catalog entry ${arg}`);
      const submitted = await catalog.withdraw(client, { signer, name, version, reason: flags.reason! }).catch(usage);
      io.out(`withdrew ${arg}: ${flags.reason}`, { ref: arg, account: signer.address, status: 'withdrawn', reason: flags.reason, blockHash: submitted.blockHash });
    });
  }
  throw new UsageError('catalog: publish | search | show | withdraw (tfit catalog --help)');
}
