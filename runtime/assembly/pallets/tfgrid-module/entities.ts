// Entities and what binds accounts to twins (TF-Chain's twin.rs): an entity (a company or
// person with a name, country and city) is registered for an account with that account's
// signature, so anyone may submit it; a twin lists the entities that signed for it; and any
// account may bond itself to a twin (TF-Chain asks nothing of the twin's owner).
//
// Signatures are given as hex text (128 characters, no 0x) of a 64-byte ed25519 or sr25519
// signature by the account's key over raw bytes: name ‖ country ‖ city for an entity,
// entity_id ‖ twin_id (big-endian u32s) for a twin's entity. TF-Chain panics on hex it
// cannot decode; tfit refuses such a call with SignatureLengthIsIncorrect (wrong length) or
// EntitySignatureDoesNotMatch (not hex).
import { DispatchError, Entity, EntityProof } from "../../generated/types";
import {
  TfgridModule_Entities as Entities, TfgridModule_EntityIdByAccountID as EntityIdByAccountID,
  TfgridModule_EntityIdByName as EntityIdByName, TfgridModule_EntityID as EntityID, TfgridModule_Twins as Twins,
  TfgridModule_TwinBoundedAccountID as TwinBoundedAccountID,
} from "../../generated/storage";
import { TfgridModuleErrors as Error } from "../../generated/errors";
import { TfgridModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { bytesEqual } from "../../codec";
import { crypto } from "../../host";

const ENTITY_VERSION: u32 = 1;
// runtime/schema/pallets/tfgrid.ts TFGRID_LIMITS
const SIGNATURE_HEX: i32 = 128;
const MIN_COUNTRY: i32 = 2;
const MIN_CITY: i32 = 1;
const MAX_COUNTRY: i32 = 56;
const MAX_CITY: i32 = 58;

function nibble(c: u8): i32 {
  if (c >= 48 && c <= 57) return <i32>c - 48;
  if (c >= 97 && c <= 102) return <i32>c - 87;
  if (c >= 65 && c <= 70) return <i32>c - 55;
  return -1;
}

/** 64 bytes from 128 hex characters, or null. */
function unhex(text: Uint8Array): Uint8Array | null {
  if (text.length != SIGNATURE_HEX) return null;
  const out = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const hi = nibble(text[2 * i]);
    const lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return null;
    out[i] = <u8>((hi << 4) | lo);
  }
  return out;
}

/** TF-Chain's verify_signature: the account id as an ed25519 key, else as an sr25519 key. */
function signedBy(signatureHex: Uint8Array, account: Uint8Array, message: Uint8Array): DispatchError | null {
  if (signatureHex.length != SIGNATURE_HEX) return Error.SignatureLengthIsIncorrect();
  const sig = unhex(signatureHex);
  if (sig === null) return Error.EntitySignatureDoesNotMatch();
  if (crypto.ed25519Verify(sig, message, account) || crypto.sr25519Verify(sig, message, account)) return null;
  return Error.EntitySignatureDoesNotMatch();
}

function concat3(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + c.length);
  out.set(a, 0);
  out.set(b, a.length);
  out.set(c, a.length + b.length);
  return out;
}

function bigEndianPair(x: u32, y: u32): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 0; i < 4; i++) {
    out[i] = <u8>(x >> (24 - 8 * i));
    out[4 + i] = <u8>(y >> (24 - 8 * i));
  }
  return out;
}

function checkPlace(country: Uint8Array, city: Uint8Array): DispatchError | null {
  if (country.length < MIN_COUNTRY) return Error.CountryNameTooShort();
  if (country.length > MAX_COUNTRY) return Error.CountryNameTooLong();
  if (city.length < MIN_CITY) return Error.CityNameTooShort();
  if (city.length > MAX_CITY) return Error.CityNameTooLong();
  return null;
}

export function create_entity(origin: Origin, target: Uint8Array, name: Uint8Array, country: Uint8Array, city: Uint8Array, signature: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (EntityIdByName.exists(name)) return Error.EntityWithNameExists();
  if (EntityIdByAccountID.exists(target)) return Error.EntityWithPubkeyExists();
  const unsigned = signedBy(signature, target, concat3(name, country, city));
  if (unsigned !== null) return unsigned;
  const bad = checkPlace(country, city);
  if (bad !== null) return bad;
  const e = new Entity();
  e.version = ENTITY_VERSION;
  e.id = EntityID.get() + 1;
  e.name = name;
  e.account_id = target;
  e.country = country;
  e.city = city;
  Entities.set(e.id, e);
  EntityIdByName.set(name, e.id);
  EntityIdByAccountID.set(target, e.id);
  EntityID.set(e.id);
  Event.EntityStored(e);
  return null;
}

/** The new name must be free, even of the entity's own (TF-Chain checks it first). */
export function update_entity(origin: Origin, name: Uint8Array, country: Uint8Array, city: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (EntityIdByName.exists(name)) return Error.EntityWithNameExists();
  if (!EntityIdByAccountID.exists(origin.who)) return Error.EntityNotExists();
  const id = EntityIdByAccountID.get(origin.who);
  if (!Entities.exists(id)) return Error.EntityNotExists();
  const e = Entities.get(id);
  if (!bytesEqual(e.account_id, origin.who)) return Error.CannotUpdateEntity();
  const bad = checkPlace(country, city);
  if (bad !== null) return bad;
  EntityIdByName.remove(e.name);
  e.name = name;
  e.country = country;
  e.city = city;
  Entities.set(id, e);
  EntityIdByName.set(name, id);
  Event.EntityUpdated(e);
  return null;
}

/** Deletes the caller's entity; twins that list it keep their proofs, as on TF-Chain. */
export function delete_entity(origin: Origin): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!EntityIdByAccountID.exists(origin.who)) return Error.EntityNotExists();
  const id = EntityIdByAccountID.get(origin.who);
  if (!Entities.exists(id)) return Error.EntityNotExists();
  const e = Entities.get(id);
  if (!bytesEqual(e.account_id, origin.who)) return Error.CannotDeleteEntity();
  Entities.remove(id);
  EntityIdByName.remove(e.name);
  EntityIdByAccountID.remove(origin.who);
  Event.EntityDeleted(id);
  return null;
}

export function add_twin_entity(origin: Origin, twin_id: u32, entity_id: u32, signature: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Entities.exists(entity_id)) return Error.EntityNotExists();
  if (!Twins.exists(twin_id)) return Error.TwinNotExists();
  const twin = Twins.get(twin_id);
  if (!bytesEqual(twin.account_id, origin.who)) return Error.UnauthorizedToUpdateTwin();
  // the same entity with other signature bytes may be added again, as on TF-Chain
  for (let i = 0; i < twin.entities.length; i++)
    if (twin.entities[i].entity_id == entity_id && bytesEqual(twin.entities[i].signature, signature)) return Error.EntityWithSignatureAlreadyExists();
  const unsigned = signedBy(signature, Entities.get(entity_id).account_id, bigEndianPair(entity_id, twin_id));
  if (unsigned !== null) return unsigned;
  const proof = new EntityProof();
  proof.entity_id = entity_id;
  proof.signature = signature;
  twin.entities.push(proof);
  Twins.set(twin_id, twin);
  Event.TwinEntityStored(twin_id, entity_id, signature);
  return null;
}

export function delete_twin_entity(origin: Origin, twin_id: u32, entity_id: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Twins.exists(twin_id)) return Error.TwinNotExists();
  const twin = Twins.get(twin_id);
  if (!bytesEqual(twin.account_id, origin.who)) return Error.UnauthorizedToUpdateTwin();
  let at = -1;
  for (let i = 0; i < twin.entities.length; i++) if (twin.entities[i].entity_id == entity_id) { at = i; break; }
  if (at < 0) return Error.EntityNotExists();
  twin.entities.splice(at, 1);
  Twins.set(twin_id, twin);
  Event.TwinEntityRemoved(twin_id, entity_id);
  return null;
}

/** Bonds the caller's account to a twin (a later bond replaces it). */
export function bond_twin_account(origin: Origin, twin_id: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Twins.exists(twin_id)) return Error.TwinNotExists();
  if (bytesEqual(Twins.get(twin_id).account_id, origin.who)) return Error.TwinCannotBoundToItself();
  TwinBoundedAccountID.set(twin_id, origin.who);
  Event.TwinAccountBounded(twin_id, origin.who);
  return null;
}
