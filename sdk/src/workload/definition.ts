/**
 * Workload definitions (format `tfit.workload/v1`): what an IT expert publishes. Every
 * file (name, size, blake2-256, source), every process (command, args, env, limits), the
 * capacity it needs and the parameters a consumer may set, with `{{name}}` placeholders
 * in args and env. Optional `tags` (what a catalog search matches) and `solutionProviderId`
 * (the TF-Chain solution provider the expert is paid through); a definition without them
 * hashes exactly as before, since canonical JSON leaves absent fields out.
 * `validateDefinition` reads untrusted JSON and explains every problem by its path.
 */
import { TfitError } from '../errors.js';

export const DEFINITION_FORMAT = 'tfit.workload/v1';

export type ParameterType = 'string' | 'integer' | 'boolean';
export interface Parameter {
  type: ParameterType; description?: string; default?: string | number | boolean; min?: number; max?: number; pattern?: string;
  /**
   * A secret (a string, no default): sealed to the chosen nodes, never in plaintext in the
   * deployment (see workload/sealed.ts); usable in `env` only (arguments are visible to `ps`).
   */
  secret?: boolean;
  /** Secrets only: whether the consumer must give it (default true); an optional one not given is "". */
  required?: boolean;
}
export interface WorkloadFile { name: string; size: number; blake2_256: string; source?: string }
export interface Limits { memoryMb: number; cpuSeconds?: number }
export interface Process { name: string; command: string; args: string[]; env: Record<string, string>; limits: Limits }
export interface Capacity { cru: number; mru: number; sru: number; hru: number; publicIps: number }
export interface Definition {
  format: typeof DEFINITION_FORMAT;
  name: string;
  version: string;
  description?: string;
  /** Catalog tags: each lowercase letters, digits and "-" (at most 32), at most 16. */
  tags?: string[];
  /** The TF-Chain solution provider (an id ≥ 1) that deployments of this definition name. */
  solutionProviderId?: number;
  /** The expert's twin: its account key signs the definition. */
  expert: { twinId: number };
  files: WorkloadFile[];
  processes: Process[];
  capacity: Capacity;
  parameters: Record<string, Parameter>;
}

/** Every problem found, each as `path: message`. */
export class DefinitionError extends TfitError {
  constructor(readonly problems: string[]) {
    super(`invalid workload definition:\n  ${problems.join('\n  ')}`);
  }
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const FILE_NAME = /^[A-Za-z0-9._-][A-Za-z0-9._/-]{0,127}$/;
const HASH = /^0x[0-9a-f]{64}$/;
const TAG = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_TAGS = 16;
const PLACEHOLDER = /\{\{([a-zA-Z_][a-zA-Z0-9_]*)\}\}/g;

class Checker {
  readonly problems: string[] = [];
  add(path: string, message: string) { this.problems.push(`${path}: ${message}`); }

  object(v: unknown, path: string, keys: { required: string[]; optional?: string[] }): v is Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) { this.add(path, 'expected an object'); return false; }
    const allowed = new Set([...keys.required, ...(keys.optional ?? [])]);
    for (const k of Object.keys(v)) if (!allowed.has(k)) this.add(`${path}.${k}`, 'unknown field');
    for (const k of keys.required) if (!(k in v)) this.add(`${path}.${k}`, 'missing');
    return true;
  }
  string(v: unknown, path: string, re?: RegExp, what?: string): v is string {
    if (typeof v !== 'string' || v.length === 0) { this.add(path, 'expected a non-empty string'); return false; }
    if (re && !re.test(v)) { this.add(path, `expected ${what ?? re.source}`); return false; }
    return true;
  }
  integer(v: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): v is number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) { this.add(path, `expected an integer in [${min}, ${max}]`); return false; }
    return true;
  }
}

export function validateDefinition(doc: unknown): Definition {
  const c = new Checker();
  if (!c.object(doc, 'definition', { required: ['format', 'name', 'version', 'expert', 'files', 'processes', 'capacity', 'parameters'], optional: ['description', 'tags', 'solutionProviderId'] }))
    throw new DefinitionError(c.problems);
  const d = doc as Record<string, unknown>;
  if (d.format !== DEFINITION_FORMAT) c.add('definition.format', `expected "${DEFINITION_FORMAT}"`);
  c.string(d.name, 'definition.name', NAME, 'lowercase letters, digits, ".", "_" or "-" (at most 64)');
  c.string(d.version, 'definition.version');
  if (d.description !== undefined) c.string(d.description, 'definition.description');
  if (d.tags !== undefined) {
    const tags = d.tags;
    if (!Array.isArray(tags) || tags.length > MAX_TAGS) c.add('definition.tags', `expected an array of at most ${MAX_TAGS} tags`);
    else tags.forEach((t, i) => {
      if (c.string(t, `definition.tags[${i}]`, TAG, 'lowercase letters, digits or "-" (at most 32)') && tags.indexOf(t) !== i) c.add(`definition.tags[${i}]`, 'duplicate tag');
    });
  }
  if (d.solutionProviderId !== undefined) c.integer(d.solutionProviderId, 'definition.solutionProviderId', 1);
  if (c.object(d.expert, 'definition.expert', { required: ['twinId'] })) c.integer((d.expert as Record<string, unknown>).twinId, 'definition.expert.twinId', 1);

  const params = new Set<string>();
  const secrets = new Set<string>();
  if (c.object(d.parameters, 'definition.parameters', { required: [], optional: Object.keys((d.parameters as object) ?? {}) })) {
    for (const [name, p] of Object.entries(d.parameters as Record<string, unknown>)) {
      const path = `definition.parameters.${name}`;
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) c.add(path, 'parameter names are identifiers');
      params.add(name);
      if (!c.object(p, path, { required: ['type'], optional: ['description', 'default', 'min', 'max', 'pattern', 'secret', 'required'] })) continue;
      const q = p as Record<string, unknown>;
      if (q.secret !== undefined && typeof q.secret !== 'boolean') c.add(`${path}.secret`, 'expected true or false');
      if (q.secret === true) {
        secrets.add(name);
        if (q.type !== 'string') c.add(`${path}.type`, 'a secret is a string');
        if (q.default !== undefined) c.add(`${path}.default`, 'a secret has no default (it would be public)');
      }
      if (q.required !== undefined && (typeof q.required !== 'boolean' || q.secret !== true)) c.add(`${path}.required`, 'true or false, on secrets only (other parameters are required unless they have a default)');
      if (!['string', 'integer', 'boolean'].includes(q.type as string)) c.add(`${path}.type`, 'expected "string", "integer" or "boolean"');
      if (q.default !== undefined) {
        const problem = parameterProblem(q as unknown as Parameter, q.default);
        if (problem) c.add(`${path}.default`, problem);
      }
      if (q.pattern !== undefined) { try { new RegExp(q.pattern as string); } catch { c.add(`${path}.pattern`, 'not a valid regular expression'); } }
    }
  }

  if (!Array.isArray(d.files)) c.add('definition.files', 'expected an array');
  else {
    const seen = new Set<string>();
    d.files.forEach((f, i) => {
      const path = `definition.files[${i}]`;
      if (!c.object(f, path, { required: ['name', 'size', 'blake2_256'], optional: ['source'] })) return;
      const file = f as Record<string, unknown>;
      if (c.string(file.name, `${path}.name`, FILE_NAME, 'a relative path of letters, digits, ".", "_", "-", "/"') && ((file.name as string).includes('..') || seen.has(file.name as string)))
        c.add(`${path}.name`, (file.name as string).includes('..') ? 'must not contain ".."' : 'duplicate file name');
      seen.add(file.name as string);
      c.integer(file.size, `${path}.size`, 0, 1 << 30);
      c.string(file.blake2_256, `${path}.blake2_256`, HASH, 'a 0x-prefixed lowercase blake2-256 hex hash');
      if (file.source !== undefined) c.string(file.source, `${path}.source`, /^https?:\/\//, 'an http(s) URL');
    });
  }

  if (!Array.isArray(d.processes) || d.processes.length === 0) c.add('definition.processes', 'expected at least one process');
  else d.processes.forEach((p, i) => {
    const path = `definition.processes[${i}]`;
    if (!c.object(p, path, { required: ['name', 'command', 'args', 'env', 'limits'] })) return;
    const proc = p as Record<string, unknown>;
    c.string(proc.name, `${path}.name`, NAME, 'lowercase letters, digits, ".", "_" or "-"');
    c.string(proc.command, `${path}.command`);
    const texts: [string, unknown][] = [];
    if (!Array.isArray(proc.args)) c.add(`${path}.args`, 'expected an array of strings');
    else proc.args.forEach((a, j) => {
      if (typeof a !== 'string') return c.add(`${path}.args[${j}]`, 'expected a string');
      texts.push([`${path}.args[${j}]`, a]);
      for (const m of a.matchAll(PLACEHOLDER)) if (secrets.has(m[1])) c.add(`${path}.args[${j}]`, `secret {{${m[1]}}} in an argument (visible to ps): use it in env`);
    });
    if (c.object(proc.env, `${path}.env`, { required: [], optional: Object.keys((proc.env as object) ?? {}) }))
      for (const [k, v] of Object.entries(proc.env as Record<string, unknown>)) {
        if (!/^[A-Z_][A-Z0-9_]*$/.test(k)) c.add(`${path}.env.${k}`, 'environment names are UPPER_SNAKE_CASE');
        if (typeof v !== 'string') c.add(`${path}.env.${k}`, 'expected a string');
        else texts.push([`${path}.env.${k}`, v]);
      }
    for (const [where, text] of texts)
      for (const m of (text as string).matchAll(PLACEHOLDER)) if (!params.has(m[1])) c.add(where, `unknown parameter {{${m[1]}}}`);
    if (c.object(proc.limits, `${path}.limits`, { required: ['memoryMb'], optional: ['cpuSeconds'] })) {
      const l = proc.limits as Record<string, unknown>;
      c.integer(l.memoryMb, `${path}.limits.memoryMb`, 16, 1 << 20);
      if (l.cpuSeconds !== undefined) c.integer(l.cpuSeconds, `${path}.limits.cpuSeconds`, 1);
    }
  });

  if (c.object(d.capacity, 'definition.capacity', { required: ['cru', 'mru', 'sru', 'hru', 'publicIps'] })) {
    const cap = d.capacity as Record<string, unknown>;
    c.integer(cap.cru, 'definition.capacity.cru', 1, 1024);
    for (const k of ['mru', 'sru', 'hru']) c.integer(cap[k], `definition.capacity.${k}`);
    c.integer(cap.publicIps, 'definition.capacity.publicIps', 0, 64);
  }
  if (c.problems.length) throw new DefinitionError(c.problems);
  return doc as unknown as Definition;
}

/** Why `value` does not fit parameter `p`, or null. */
export function parameterProblem(p: Parameter, value: unknown): string | null {
  if (p.type === 'boolean') return typeof value === 'boolean' ? null : 'expected true or false';
  if (p.type === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'expected an integer';
    if (p.min !== undefined && value < p.min) return `at least ${p.min}`;
    if (p.max !== undefined && value > p.max) return `at most ${p.max}`;
    return null;
  }
  if (typeof value !== 'string') return 'expected a string';
  if (p.pattern !== undefined && !new RegExp(`^(?:${p.pattern})$`).test(value)) return `must match ${p.pattern}`;
  return null;
}

/** Replaces `{{name}}` with parameter values. */
export function fillPlaceholders(text: string, values: Record<string, string | number | boolean>): string {
  // a placeholder without a value stays: secrets are filled in by the node, after it opens them
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
