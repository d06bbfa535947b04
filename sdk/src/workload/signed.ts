/**
 * Signed definitions and deployments. The expert signs a definition's hash (with a domain
 * prefix) with their twin's account key, sr25519 or ed25519; a node checks the signature
 * and that the key is the twin's on chain. Instantiating a signed definition with the
 * consumer's parameters yields a deployment, whose hash is the contract's deployment_hash.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { signatureVerify } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { TfitError } from '../errors.js';
import { documentHash } from './canonical.js';
import { fillPlaceholders, parameterProblem, validateDefinition, type Definition, type Process } from './definition.js';
import type { SecretCommitment } from './sealed.js';

export const DEPLOYMENT_FORMAT = 'tfit.deployment/v1';

export interface SignedDefinition {
  definition: Definition;
  signature: { signer: string; keyType: 'sr25519' | 'ed25519'; value: string };
}

export interface Deployment {
  format: typeof DEPLOYMENT_FORMAT;
  definitionHash: string;
  signed: SignedDefinition;
  parameters: Record<string, string | number | boolean>;
  /** The definition's processes with parameters filled in (secrets' placeholders stay: the node fills them): exactly what a node runs. */
  processes: Process[];
  /** Present when the definition has secrets: a commitment per secret given (workload/sealed.ts), never the value. */
  secrets?: Record<string, SecretCommitment>;
}

/** The names of the definition's secret parameters. */
export const secretNames = (d: Definition): string[] => Object.entries(d.parameters).filter(([, p]) => p.secret).map(([n]) => n);

/** The consumer's secret values, checked (required ones present, patterns); throws ParameterError listing every problem. */
export function checkSecrets(definition: Definition, given: Record<string, string>): Record<string, string> {
  const problems: string[] = [];
  const names = new Set(secretNames(definition));
  for (const name of Object.keys(given)) if (!names.has(name)) problems.push(`${name}: not a secret of ${definition.name}`);
  for (const name of names) {
    const p = definition.parameters[name];
    if (!(name in given)) { if (p.required !== false) problems.push(`${name}: a required secret (give it with --secret ${name}=@FILE)`); continue; }
    const problem = parameterProblem(p, given[name]);
    if (problem) problems.push(`${name}: ${problem}`); // the problem never quotes the value
  }
  if (problems.length) throw new ParameterError(problems);
  return given;
}

export class SignatureError extends TfitError {}
export class ParameterError extends TfitError {
  constructor(readonly problems: string[]) { super(`invalid parameters:\n  ${problems.join('\n  ')}`); }
}

/** What is signed: a domain prefix, so a definition signature can never pass for anything else. */
const message = (hash: string) => u8aConcat(stringToU8a('tfit.workload/v1:'), hexToU8a(hash));

export function signDefinition(definition: Definition, expert: KeyringPair): SignedDefinition {
  validateDefinition(definition);
  if (expert.type !== 'sr25519' && expert.type !== 'ed25519') throw new SignatureError(`${expert.type} keys cannot sign definitions`);
  const hash = documentHash(definition);
  return { definition, signature: { signer: u8aToHex(expert.publicKey), keyType: expert.type, value: u8aToHex(expert.sign(message(hash))) } };
}

/** Checks the signature (not yet that the signer is the expert twin's key: see verifyExpert). Returns the definition hash. */
export function verifySignedDefinition(signed: SignedDefinition): string {
  const definition = validateDefinition(signed.definition);
  const hash = documentHash(definition);
  const { signer, value } = signed.signature ?? {};
  let valid = false;
  try {
    valid = signatureVerify(message(hash), value, signer).isValid;
  } catch {
    valid = false;
  }
  if (!valid) throw new SignatureError(`the definition's signature does not verify for ${signer}`);
  return hash;
}

/** The consumer's parameters, checked and completed with defaults; throws ParameterError listing every problem. */
export function resolveParameters(definition: Definition, given: Record<string, unknown>): Record<string, string | number | boolean> {
  const problems: string[] = [];
  const out: Record<string, string | number | boolean> = {};
  for (const name of Object.keys(given)) {
    if (!(name in definition.parameters)) problems.push(`${name}: not a parameter of ${definition.name}`);
    else if (definition.parameters[name].secret) problems.push(`${name}: a secret, given sealed, never as a parameter`);
  }
  for (const [name, p] of Object.entries(definition.parameters)) {
    if (p.secret) continue;
    const value = name in given ? given[name] : p.default;
    if (value === undefined) { problems.push(`${name}: required (no default)`); continue; }
    const problem = parameterProblem(p, value);
    if (problem) problems.push(`${name}: ${problem}`);
    else out[name] = value as string | number | boolean;
  }
  if (problems.length) throw new ParameterError(problems);
  return out;
}

/**
 * A deployment of a signed definition; `hash` is the contract's deployment_hash. `secrets`
 * are the commitments of the secrets given (workload/sealed.ts commitSecrets).
 */
export function instantiate(signed: SignedDefinition, parameters: Record<string, unknown> = {}, secrets: Record<string, SecretCommitment> = {}): { deployment: Deployment; hash: `0x${string}` } {
  const definitionHash = verifySignedDefinition(signed);
  const values = resolveParameters(signed.definition, parameters);
  const names = secretNames(signed.definition);
  const unknown = Object.keys(secrets).filter((n) => !names.includes(n));
  const missing = names.filter((n) => signed.definition.parameters[n].required !== false && !(n in secrets));
  if (unknown.length || missing.length) throw new ParameterError([...unknown.map((n) => `${n}: not a secret of ${signed.definition.name}`), ...missing.map((n) => `${n}: a required secret`)]);
  const processes = signed.definition.processes.map((p) => ({
    ...p,
    args: p.args.map((a) => fillPlaceholders(a, values)),
    env: Object.fromEntries(Object.entries(p.env).map(([k, v]) => [k, fillPlaceholders(v, values)])),
  }));
  const deployment: Deployment = { format: DEPLOYMENT_FORMAT, definitionHash, signed, parameters: values, processes, ...(names.length ? { secrets } : {}) };
  return { deployment, hash: documentHash(deployment) };
}

/** Checks a deployment document fetched from anywhere: its hash, its definition's signature, its processes. */
export function verifyDeployment(deployment: Deployment, expectedHash: string): void {
  if (documentHash(deployment) !== expectedHash) throw new SignatureError(`the deployment's hash is not ${expectedHash}`);
  if (deployment.format !== DEPLOYMENT_FORMAT) throw new SignatureError(`unknown deployment format ${String(deployment.format)}`);
  const again = instantiate(deployment.signed, deployment.parameters, deployment.secrets ?? {});
  if (again.hash !== expectedHash) throw new SignatureError('the deployment does not follow from its signed definition and parameters');
}
