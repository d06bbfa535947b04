/**
 * Sealed secrets. A definition's secret parameters never appear in plaintext anywhere but
 * inside the addressed node's sandbox:
 * - the deployment document (public, its hash on chain) carries, per secret, a commitment
 *   blake2b-256(salt ‖ value) with a random 32-byte salt: the hash covers the secrets without
 *   revealing them, so a node can check that what it decrypts is what was deployed;
 * - each node gets an envelope (`tfit.sealed/v1`, in the content store, pointed at from the
 *   consumer's TFKVStore `tfit/sealed/<contractId>`) with every value and salt sealed to its key:
 *   X25519 (its ed25519 key in Montgomery form) with an ephemeral key, HKDF-SHA256, then
 *   XChaCha20-Poly1305 with the deployment hash, the recipient and the secret's name as
 *   associated data; only that node opens it, and a changed byte fails authentication;
 * - the consumer keeps a copy sealed to its own key (a key derived from its secret key), the
 *   source the self-healing agent re-seals from when a contract moves to another node.
 * The envelopes are outside the deployment document on purpose: a move re-seals for the new
 * node without changing the deployment hash the stakeholders approved.
 * Primitives from @noble/curves, @noble/ciphers and @noble/hashes (audited); nothing hand-rolled.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { ed25519, x25519 } from '@noble/curves/ed25519';
import { xchacha20poly1305 } from '@noble/ciphers/chacha';
import { randomBytes } from '@noble/ciphers/webcrypto';
import { hkdf } from '@noble/hashes/hkdf';
import { sha256 } from '@noble/hashes/sha2';
import { blake2b } from '@noble/hashes/blake2b';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { TfitError } from '../errors.js';

export const SEALED_FORMAT = 'tfit.sealed/v1';
const OWNER = 'owner';

/** What the deployment document carries for a secret. */
export interface SecretCommitment { commitment: string }
/** A secret's value with the salt of its commitment: what is sealed. */
export interface SecretOpening { value: string; salt: string }
export interface SealedValue { epk: string; nonce: string; ct: string }
export interface Envelope {
  format: typeof SEALED_FORMAT;
  deploymentHash: string;
  /** The node's ed25519 public key (0x-hex), or "owner" for the consumer's own copy. */
  recipient: string;
  secrets: Record<string, SealedValue>;
}

/** Why an envelope cannot be opened: tampered, not for this key, or not this deployment's secret. */
export class SealedSecretError extends TfitError {}

const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;
const unhex = (h: string) => hexToBytes(h.startsWith('0x') ? h.slice(2) : h);

export function commitment(o: SecretOpening): string {
  return hex(blake2b(concatBytes(unhex(o.salt), utf8ToBytes(o.value)), { dkLen: 32 }));
}

/** Commits to each secret value with a fresh salt: the commitments go in the deployment, the openings get sealed. */
export function commitSecrets(values: Record<string, string>): { commitments: Record<string, SecretCommitment>; openings: Record<string, SecretOpening> } {
  const commitments: Record<string, SecretCommitment> = {};
  const openings: Record<string, SecretOpening> = {};
  for (const [name, value] of Object.entries(values)) {
    openings[name] = { value, salt: hex(randomBytes(32)) };
    commitments[name] = { commitment: commitment(openings[name]) };
  }
  return { commitments, openings };
}

/**
 * The raw secret key of a keyring pair, from its PKCS#8 encoding (16-byte header, then the
 * 64-byte secret key: for ed25519 the 32-byte seed and the public key). Checked against the
 * pair's public key for ed25519, so a change of layout fails loudly instead of sealing wrong.
 */
function secretOf(pair: KeyringPair): Uint8Array {
  const secret = pair.encodePkcs8().slice(16, 16 + 64);
  if (pair.type === 'ed25519' && bytesToHex(ed25519.getPublicKey(secret.slice(0, 32))) !== bytesToHex(pair.publicKey))
    throw new SealedSecretError('cannot read the ed25519 seed of this key pair');
  return secret;
}

const aad = (deploymentHash: string, recipient: string, name: string) => utf8ToBytes(`${SEALED_FORMAT}|${deploymentHash}|${recipient}|${name}`);
const opening = (o: SecretOpening) => utf8ToBytes(JSON.stringify(o));

function encrypt(key: Uint8Array, epk: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): SealedValue {
  const nonce = randomBytes(24);
  return { epk: hex(epk), nonce: hex(nonce), ct: hex(xchacha20poly1305(key, nonce, ad).encrypt(plaintext)) };
}

function decrypt(key: Uint8Array, v: SealedValue, ad: Uint8Array, name: string): SecretOpening {
  let plain: Uint8Array;
  try {
    plain = xchacha20poly1305(key, unhex(v.nonce), ad).decrypt(unhex(v.ct));
  } catch {
    throw new SealedSecretError(`secret ${name}: the sealed value does not open with this key (tampered, or sealed to another recipient or deployment)`);
  }
  const o = JSON.parse(new TextDecoder().decode(plain)) as SecretOpening;
  if (typeof o?.value !== 'string' || typeof o?.salt !== 'string') throw new SealedSecretError(`secret ${name}: malformed sealed value`);
  return o;
}

const nodeKey = (shared: Uint8Array, epk: Uint8Array, recipient: Uint8Array) => hkdf(sha256, shared, concatBytes(epk, recipient), SEALED_FORMAT, 32);
const ownerKey = (secret: Uint8Array, publicKey: Uint8Array) => hkdf(sha256, secret, publicKey, `${SEALED_FORMAT}/owner`, 32);

/** Seals `openings` to a node, by its ed25519 public key (its account on chain). */
export function sealToNode(deploymentHash: string, nodePublicKey: Uint8Array, openings: Record<string, SecretOpening>): Envelope {
  const recipient = hex(nodePublicKey);
  const x = ed25519.utils.toMontgomery(nodePublicKey);
  const secrets: Record<string, SealedValue> = {};
  for (const [name, o] of Object.entries(openings)) {
    const eph = x25519.utils.randomPrivateKey();
    const epk = x25519.getPublicKey(eph);
    secrets[name] = encrypt(nodeKey(x25519.getSharedSecret(eph, x), epk, x), epk, opening(o), aad(deploymentHash, recipient, name));
  }
  return { format: SEALED_FORMAT, deploymentHash, recipient, secrets };
}

/** Seals `openings` to the consumer's own key: only that key opens them again. */
export function sealToOwner(deploymentHash: string, owner: KeyringPair, openings: Record<string, SecretOpening>): Envelope {
  const key = ownerKey(secretOf(owner), owner.publicKey);
  const secrets: Record<string, SealedValue> = {};
  for (const [name, o] of Object.entries(openings)) secrets[name] = encrypt(key, new Uint8Array(), opening(o), aad(deploymentHash, OWNER, name));
  return { format: SEALED_FORMAT, deploymentHash, recipient: OWNER, secrets };
}

/**
 * Opens an envelope with `pair` (the node's ed25519 key, or the owner's key for its own
 * copy) and checks every opening against the deployment's commitments: every committed
 * secret present, none extra, each matching. Throws SealedSecretError naming the secret.
 */
export function openEnvelope(envelope: Envelope, pair: KeyringPair, deploymentHash: string, commitments: Record<string, SecretCommitment>): Record<string, string> {
  return Object.fromEntries(Object.entries(openOpenings(envelope, pair, deploymentHash, commitments)).map(([name, o]) => [name, o.value]));
}

/** As openEnvelope, with each value's salt: what the consumer re-seals to a new node. */
export function openOpenings(envelope: Envelope, pair: KeyringPair, deploymentHash: string, commitments: Record<string, SecretCommitment>): Record<string, SecretOpening> {
  if (envelope?.format !== SEALED_FORMAT) throw new SealedSecretError(`not a ${SEALED_FORMAT} envelope`);
  if (envelope.deploymentHash !== deploymentHash) throw new SealedSecretError(`the envelope is for deployment ${envelope.deploymentHash}, not ${deploymentHash}`);
  const asOwner = envelope.recipient === OWNER;
  if (!asOwner && envelope.recipient !== hex(pair.publicKey)) throw new SealedSecretError(`the envelope is sealed to ${envelope.recipient}, not to this node (${hex(pair.publicKey)})`);
  const secret = secretOf(pair);
  const values: Record<string, SecretOpening> = {};
  for (const name of Object.keys(envelope.secrets)) if (!(name in commitments)) throw new SealedSecretError(`secret ${name}: not a secret of this deployment`);
  for (const [name, c] of Object.entries(commitments)) {
    const v = envelope.secrets[name];
    if (!v) throw new SealedSecretError(`secret ${name}: missing from the envelope`);
    let key: Uint8Array;
    if (asOwner) key = ownerKey(secret, pair.publicKey);
    else {
      const x = ed25519.utils.toMontgomery(pair.publicKey);
      key = nodeKey(x25519.getSharedSecret(ed25519.utils.toMontgomerySecret(secret.slice(0, 32)), unhex(v.epk)), unhex(v.epk), x);
    }
    const o = decrypt(key, v, aad(deploymentHash, envelope.recipient, name), name);
    if (commitment(o) !== c.commitment) throw new SealedSecretError(`secret ${name}: the sealed value is not the one the deployment commits to`);
    values[name] = o;
  }
  return values;
}

/** Where the consumer points a contract's node at its envelope (TFKVStore, under the consumer's account). */
export const envelopeKey = (contractId: number) => `tfit/sealed/${contractId}`;
/** Where the consumer keeps its own copy of a deployment's secrets. */
export const ownerEnvelopeKey = (deploymentId: number) => `tfit/sealed/deployment-${deploymentId}`;

/** Replaces every occurrence of a secret value in `text` (a log line, a reason) with "***". */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 1) out = out.split(s).join('***');
  return out;
}
