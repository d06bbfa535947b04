// pallet_tfgrid: terms and conditions, twins, farms, nodes, uptime, power, policies.
// Each call checks everything first and writes last, so a refusal changes nothing even
// before the dispatch's storage transaction rolls back.
import {
  DispatchError, IP4, Resources, LocationInput, Interface, Policy, Farm, Node, Twin, Location, PublicIP,
  PricingPolicy, FarmingPolicy, TermsAndConditions, PowerState, Power, NodeCertification,
} from "../../generated/types";
import {
  TfgridModule_Farms as Farms, TfgridModule_FarmIdByName as FarmIdByName, TfgridModule_FarmID as FarmID,
  TfgridModule_Nodes as Nodes, TfgridModule_NodeID as NodeID, TfgridModule_NodeIdByTwinID as NodeIdByTwinID,
  TfgridModule_NodesByFarmID as NodesByFarmID, TfgridModule_Twins as Twins, TfgridModule_TwinID as TwinID,
  TfgridModule_TwinIdByAccountID as TwinIdByAccountID, TfgridModule_UsersTermsAndConditions as UsersTermsAndConditions,
  TfgridModule_PricingPolicies as PricingPolicies, TfgridModule_PricingPolicyID as PricingPolicyID,
  TfgridModule_PricingPolicyIdByName as PricingPolicyIdByName, TfgridModule_FarmingPoliciesMap as FarmingPoliciesMap,
  TfgridModule_FarmingPolicyID as FarmingPolicyID, TfgridModule_NodePower as NodePowerOf,
  TfgridModule_ConnectionPrice as ConnectionPrice, TfgridModule_PalletVersion as PalletVersion, Timestamp_Now, System_Number,
} from "../../generated/storage";
import { TfgridModuleErrors as Error } from "../../generated/errors";
import { TfgridModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { bytesEqual } from "../../codec";
import { isNameLike, isUrlLike, isRelayAddress } from "./validate";
import { validIp4 } from "./ip";
import { nodeHasActiveContracts, nodeDeleted, nodeStored, nodePowerStateChanged } from "./hooks";
import { farmingPolicyFor } from "./farming";

// farm and node administration (admin.ts)
export {
  add_farm_ip, remove_farm_ip, force_reset_farm_ip, add_stellar_payout_v2address, set_farm_certification, set_farm_dedicated,
  add_node_public_config, set_node_certification, add_node_certifier, remove_node_certifier, set_zos_version, set_connection_price,
} from "./admin";
export { create_entity, update_entity, delete_entity, add_twin_entity, delete_twin_entity, bond_twin_account } from "./entities";
export { create_pricing_policy, create_farming_policy, update_pricing_policy, update_farming_policy, attach_policy_to_farm } from "./policies";

// TF-Chain's bounds (runtime/schema/pallets/tfgrid.ts TFGRID_LIMITS)
const MAX_FARM_NAME: i32 = 40;
/** TF-Chain's bound on a farm's public IPs (BoundedVec<PublicIP, 256>). */
export const MAX_FARM_IPS: i32 = 256;
const MIN_FARM_NAME: i32 = 3;
const MAX_RELAY: i32 = 1024;
const MAX_PK: i32 = 128;
const MAX_INTERFACES: i32 = 10;
const MAX_INTERFACE_IPS: i32 = 10;
const TIMESTAMP_HINT_DRIFT: u64 = 60;
const MAX_DOC_LINK: i32 = 2048;
const MAX_DOC_HASH: i32 = 50;
const FARM_VERSION: u32 = 4;
const NODE_VERSION: u32 = 6;

function nowSeconds(): u64 { return Timestamp_Now.get() / 1000; }

/** The caller's twin id, or 0 when the account has none (twin ids start at 1). */
export function twinOf(who: Uint8Array): u32 {
  return TwinIdByAccountID.exists(who) ? TwinIdByAccountID.get(who) : 0;
}

/** The node whose twin is the caller's, or 0. */
export function nodeOf(who: Uint8Array): u32 {
  const twin = twinOf(who);
  if (twin == 0 || !NodeIdByTwinID.exists(twin)) return 0;
  const id = NodeIdByTwinID.get(twin);
  return Nodes.exists(id) ? id : 0;
}

// ---- terms and conditions, twins -------------------------------------------------

export function user_accept_tc(origin: Origin, document_link: Uint8Array, document_hash: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (document_link.length < 1) return Error.DocumentLinkInputTooShort();
  if (document_link.length > MAX_DOC_LINK) return Error.DocumentLinkInputTooLong();
  if (!isUrlLike(document_link)) return Error.InvalidDocumentLinkInput();
  if (document_hash.length < 1) return Error.DocumentHashInputTooShort();
  if (document_hash.length > MAX_DOC_HASH) return Error.DocumentHashInputTooLong();
  if (!isNameLike(document_hash)) return Error.InvalidDocumentHashInput();
  const tc = new TermsAndConditions();
  tc.account_id = origin.who;
  tc.timestamp = nowSeconds();
  tc.document_link = document_link;
  tc.document_hash = document_hash;
  const list = UsersTermsAndConditions.get(origin.who);
  list.push(tc);
  UsersTermsAndConditions.set(origin.who, list);
  return null;
}

function checkTwinInput(relay: Uint8Array | null, pk: Uint8Array | null): DispatchError | null {
  if (relay !== null) {
    if (relay.length > MAX_RELAY) return Error.RelayTooLong();
    if (!isRelayAddress(relay)) return Error.InvalidRelayAddress();
  }
  if (pk !== null && pk.length > MAX_PK) return Error.InvalidStorageInput();
  return null;
}

export function create_twin(origin: Origin, relay: Uint8Array | null, pk: Uint8Array | null): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!UsersTermsAndConditions.exists(origin.who)) return Error.UserDidNotSignTermsAndConditions();
  if (TwinIdByAccountID.exists(origin.who)) return Error.TwinWithPubkeyExists();
  const bad = checkTwinInput(relay, pk);
  if (bad !== null) return bad;
  const twin = new Twin();
  twin.id = TwinID.get() + 1;
  twin.account_id = origin.who;
  twin.relay = relay;
  twin.pk = pk;
  Twins.set(twin.id, twin);
  TwinID.set(twin.id);
  TwinIdByAccountID.set(origin.who, twin.id);
  Event.TwinStored(twin);
  return null;
}

export function update_twin(origin: Origin, relay: Uint8Array | null, pk: Uint8Array | null): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const id = twinOf(origin.who);
  if (id == 0 || !Twins.exists(id)) return Error.TwinNotExists();
  const twin = Twins.get(id);
  if (!bytesEqual(twin.account_id, origin.who)) return Error.UnauthorizedToUpdateTwin();
  const bad = checkTwinInput(relay, pk);
  if (bad !== null) return bad;
  twin.relay = relay;
  twin.pk = pk;
  Twins.set(id, twin);
  Event.TwinUpdated(twin);
  return null;
}

// ---- farms -------------------------------------------------------------------------

function checkFarmName(name: Uint8Array): DispatchError | null {
  if (name.length < MIN_FARM_NAME) return Error.FarmNameTooShort();
  if (name.length > MAX_FARM_NAME) return Error.FarmNameTooLong();
  if (!isNameLike(name)) return Error.InvalidFarmName();
  return null;
}

export function create_farm(origin: Origin, name: Uint8Array, public_ips: Array<IP4>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (FarmIdByName.exists(name)) return Error.FarmExists(); // before the name's checks, as TF-Chain
  const bad = checkFarmName(name);
  if (bad !== null) return bad;
  const ips = new Array<PublicIP>(0);
  for (let i = 0; i < public_ips.length; i++) {
    const ip = public_ips[i];
    // as TF-Chain's IP4::is_valid: a public unicast a.b.c.d/m and a distinct gateway inside it
    if (!validIp4(ip.ip, ip.gw)) return Error.InvalidPublicIP();
    // a repeated entry is the same IP with the same gateway; past 256 entries the list is full
    for (let j = 0; j < ips.length; j++) if (bytesEqual(ips[j].ip, ip.ip) && bytesEqual(ips[j].gateway, ip.gw)) return Error.IpExists();
    if (ips.length >= MAX_FARM_IPS) return Error.InvalidPublicIP();
    const p = new PublicIP();
    p.ip = ip.ip;
    p.gateway = ip.gw;
    ips.push(p);
  }
  const farm = new Farm();
  farm.version = FARM_VERSION;
  farm.id = FarmID.get() + 1;
  farm.name = name;
  farm.twin_id = twin;
  farm.pricing_policy_id = 1;
  farm.public_ips = ips;
  Farms.set(farm.id, farm);
  FarmIdByName.set(name, farm.id);
  FarmID.set(farm.id);
  Event.FarmStored(farm);
  return null;
}

export function update_farm(origin: Origin, farm_id: u32, name: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const farm = Farms.get(farm_id);
  if (farm.twin_id != twin) return Error.CannotUpdateFarmWrongTwin();
  const bad = checkFarmName(name);
  if (bad !== null) return bad;
  if (FarmIdByName.exists(name)) {
    if (FarmIdByName.get(name) == farm_id) return null; // its own name: nothing to do (TF-Chain writes nothing, says nothing)
    return Error.InvalidFarmName();
  }
  FarmIdByName.remove(farm.name);
  farm.name = name;
  Farms.set(farm_id, farm);
  FarmIdByName.set(name, farm_id);
  Event.FarmUpdated(farm);
  return null;
}

// ---- nodes ------------------------------------------------------------------------

function checkNodeInput(resources: Resources, location: LocationInput, interfaces: Array<Interface>, serial: Uint8Array | null): DispatchError | null {
  if (resources.cru == 0) return Error.InvalidCRUInput();
  if (resources.mru == 0) return Error.InvalidMRUInput();
  if (resources.sru == 0 && resources.hru == 0) return Error.InvalidSRUInput();
  if (location.city.length > 50) return Error.CityNameTooLong();
  if (location.country.length > 50) return Error.CountryNameTooLong();
  if (location.latitude.length > 50) return Error.LatitudeInputTooLong();
  if (location.longitude.length > 50) return Error.LongitudeInputTooLong();
  if (interfaces.length > MAX_INTERFACES) return Error.InterfaceNameTooLong();
  for (let i = 0; i < interfaces.length; i++) {
    const itf = interfaces[i];
    if (itf.name.length < 1) return Error.InterfaceNameTooShort();
    if (itf.name.length > 16) return Error.InterfaceNameTooLong();
    if (itf.mac.length != 17) return Error.InvalidMacAddress();
    if (itf.ips.length > MAX_INTERFACE_IPS) return Error.InterfaceIpTooLong();
  }
  if (serial !== null && serial.length > 128) return Error.SerialNumberTooLong();
  return null;
}

function toLocation(input: LocationInput): Location {
  const l = new Location();
  l.city = input.city;
  l.country = input.country;
  l.latitude = input.latitude;
  l.longitude = input.longitude;
  return l;
}

/** Removes `node_id` from its farm's node list. */
function unlistNode(farm_id: u32, node_id: u32): void {
  const listed = NodesByFarmID.get(farm_id);
  const kept = new Array<u32>(0);
  for (let i = 0; i < listed.length; i++) if (listed[i] != node_id) kept.push(listed[i]);
  NodesByFarmID.set(farm_id, kept);
}

/**
 * Gives `node` the farming policy TF-Chain would (farming.ts), unless `always` is false and
 * its current policy is a custom (not default) one; with `takeCertification`, the node also
 * takes the policy's certification (create_node, attach_policy_to_farm), else keeps its own
 * (set_node_certification).
 */
export function assignFarmingPolicy(node: Node, always: bool, takeCertification: bool = true): DispatchError | null {
  if (!always && !FarmingPoliciesMap.get(node.farming_policy_id).default) return null;
  const choice = farmingPolicyFor(node);
  if (choice.error !== null) return choice.error;
  node.farming_policy_id = choice.policy!.id;
  if (takeCertification) node.certification = choice.policy!.node_certification;
  return null;
}

/** Whether any of cru, sru, hru, mru moved by more than 1 % of its old value (tfchain_support's has_changed, tolerance 1). */
function resourcesChanged(before: Resources, after: Resources): bool {
  return movedOver1Percent(before.cru, after.cru) || movedOver1Percent(before.sru, after.sru)
    || movedOver1Percent(before.hru, after.hru) || movedOver1Percent(before.mru, after.mru);
}

function movedOver1Percent(a: u64, b: u64): bool {
  const diff = a > b ? a - b : b - a;
  // Percent::from_percent(1) * a: a / 100 to the nearest, an exact half down
  const q = a / 100;
  const onePercent = a % 100 > 50 ? q + 1 : q;
  return diff > onePercent;
}

export function create_node(
  origin: Origin, farm_id: u32, resources: Resources, location: LocationInput, interfaces: Array<Interface>,
  secure_boot: bool, virtualized: bool, serial_number: Uint8Array | null,
): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (NodeIdByTwinID.exists(twin)) return Error.NodeWithTwinIdExists();
  const bad = checkNodeInput(resources, location, interfaces, serial_number);
  if (bad !== null) return bad;
  const node = new Node();
  node.version = NODE_VERSION;
  node.id = NodeID.get() + 1;
  node.farm_id = farm_id;
  node.twin_id = twin;
  node.resources = resources;
  node.location = toLocation(location);
  node.created = nowSeconds();
  node.interfaces = interfaces;
  node.secure_boot = secure_boot;
  node.virtualized = virtualized;
  node.serial_number = serial_number;
  node.connection_price = ConnectionPrice.get();
  const refused = assignFarmingPolicy(node, true);
  if (refused !== null) return refused;
  Nodes.set(node.id, node);
  nodeStored(null, node);
  NodeID.set(node.id);
  NodeIdByTwinID.set(twin, node.id);
  const byFarm = NodesByFarmID.get(farm_id);
  byFarm.push(node.id); // ids only grow: the list stays sorted
  NodesByFarmID.set(farm_id, byFarm);
  Event.NodeStored(node);
  return null;
}

export function update_node(
  origin: Origin, node_id: u32, farm_id: u32, resources: Resources, location: LocationInput, interfaces: Array<Interface>,
  secure_boot: bool, virtualized: bool, serial_number: Uint8Array | null,
): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const node = Nodes.get(node_id);
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (node.twin_id != twin) return Error.NodeUpdateNotAuthorized();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const bad = checkNodeInput(resources, location, interfaces, serial_number);
  if (bad !== null) return bad;
  if (farm_id != node.farm_id) {
    unlistNode(node.farm_id, node_id);
    const to = NodesByFarmID.get(farm_id);
    to.push(node_id); // appended, as TF-Chain (not kept sorted)
    NodesByFarmID.set(farm_id, to);
  }
  // a certified node whose capacity changed by more than 1 % is DIY again (TF-Chain's Resources::has_changed)
  if (node.certification == NodeCertification.Certified && resourcesChanged(node.resources, resources)) {
    node.certification = NodeCertification.Diy;
    Event.NodeCertificationSet(node_id, node.certification);
  }
  node.farm_id = farm_id;
  node.resources = resources;
  node.location = toLocation(location);
  node.interfaces = interfaces;
  node.secure_boot = secure_boot;
  node.virtualized = virtualized;
  node.serial_number = serial_number;
  nodeStored(Nodes.get(node_id), node); // the stored node is still the one before
  Nodes.set(node_id, node);
  Event.NodeUpdated(node);
  return null;
}

export function delete_node(origin: Origin, node_id: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const node = Nodes.get(node_id);
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (node.twin_id != twin) return Error.NodeUpdateNotAuthorized();
  unlistNode(node.farm_id, node_id);
  // as TF-Chain: the node's contracts are canceled and billed, not a reason to refuse
  nodeDeleted(node);
  Nodes.remove(node_id);
  // TF-Chain keeps NodeIdByTwinID and NodePower of a deleted node (so that twin cannot
  // register another node): kept here too, for code that meets the same chain on both
  Event.NodeDeleted(node_id);
  return null;
}

/** The farmer's check on a node of the farm, in TF-Chain's order: TwinNotExists, NodeNotExists, FarmNotExists, then `notFarmer`. */
function checkNodeFarmer(origin: Origin, node_id: u32, notFarmer: DispatchError): DispatchError | null {
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const farm_id = Nodes.get(node_id).farm_id;
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  if (Farms.get(farm_id).twin_id != twin) return notFarmer;
  return null;
}

/**
 * The farmer removes a node of the farm: its contracts are canceled and billed, and unlike
 * delete_node the twin may register a new node (TF-Chain removes NodeIdByTwinID here).
 */
export function delete_node_farm(origin: Origin, node_id: u32): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkNodeFarmer(origin, node_id, Error.FarmerNotAuthorized());
  if (refused !== null) return refused;
  const node = Nodes.get(node_id);
  unlistNode(node.farm_id, node_id);
  nodeDeleted(node);
  Nodes.remove(node_id);
  NodeIdByTwinID.remove(node.twin_id);
  Event.NodeDeleted(node_id);
  return null;
}

/** The pallet's storage version (TF-Chain's migrations read it). RestrictedOrigin. */
export function set_storage_version(origin: Origin, version: u8): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  PalletVersion.set(version);
  return null;
}

// ---- uptime and power ----------------------------------------------------------------

/** The first uptime call: report_uptime_v2 with the chain's clock as the hint. */
export function report_uptime(origin: Origin, uptime: u64): DispatchError | null {
  return report_uptime_v2(origin, uptime, nowSeconds());
}

export function report_uptime_v2(origin: Origin, uptime: u64, timestamp_hint: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (twinOf(origin.who) == 0) return Error.TwinNotExists();
  const node = nodeOf(origin.who);
  if (node == 0) return Error.NodeNotExists();
  const now = nowSeconds();
  const earliest = now > TIMESTAMP_HINT_DRIFT ? now - TIMESTAMP_HINT_DRIFT : 0;
  if (timestamp_hint < earliest || timestamp_hint > now + TIMESTAMP_HINT_DRIFT) return Error.InvalidTimestampHint();
  Event.NodeUptimeReported(node, now, uptime);
  return null;
}

export function change_power_state(origin: Origin, power_state: u8): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (twinOf(origin.who) == 0) return Error.TwinNotExists();
  const id = nodeOf(origin.who);
  if (id == 0) return Error.NodeNotExists();
  const state = power_state == Power.Up ? PowerState.Up() : PowerState.Down(System_Number.get());
  const power = NodePowerOf.get(id);
  // as TF-Chain, states compare whole: Down at another block is a change
  if (power.state.index == state.index && (state.index == 0 || power.state.Down == state.Down)) return null;
  power.state = state;
  NodePowerOf.set(id, power);
  nodePowerStateChanged(id, state.index == 0);
  Event.PowerStateChanged(Nodes.get(id).farm_id, id, state);
  return null;
}

export function change_power_target(origin: Origin, node_id: u32, power_target: u8): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkNodeFarmer(origin, node_id, Error.UnauthorizedToChangePowerTarget());
  if (refused !== null) return refused;
  const node = Nodes.get(node_id);
  if (power_target == Power.Down && nodeHasActiveContracts(node_id)) return Error.NodeHasActiveContracts();
  const power = NodePowerOf.get(node_id);
  power.target = power_target;
  NodePowerOf.set(node_id, power);
  Event.PowerTargetChanged(node.farm_id, node_id, power_target);
  return null;
}
