// pallet_tfgrid's farm and node administration (TF-Chain's farm.rs, node.rs, pricing.rs):
// farm IPs, payout address, certification and dedication, node public configs and
// certification with its certifiers, the Zero-OS version and the connection price. Checks
// in TF-Chain's order with its errors; TF-Chain's RestrictedOrigin is root or a council
// motion approved by 3/5 of the seats (Origin.isRestricted). Each call checks before it writes.
import { DispatchError, PublicConfig, PublicIP } from "../../generated/types";
import {
  TfgridModule_Farms as Farms, TfgridModule_Nodes as Nodes, TfgridModule_Twins as Twins,
  TfgridModule_FarmPayoutV2AddressByFarmID as PayoutAddress, TfgridModule_AllowedNodeCertifiers as Certifiers,
  TfgridModule_ZosVersion as ZosVersion, TfgridModule_ConnectionPrice as ConnectionPrice,
  TfgridModule_FarmingPoliciesMap as FarmingPoliciesMap,
} from "../../generated/storage";
import { TfgridModuleErrors as Error } from "../../generated/errors";
import { TfgridModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { bytesEqual } from "../../codec";
import { containsAccount, withAccount } from "../../support/account-set";
import { validIp4, validIp6, validConfigDomain } from "./ip";
import { twinOf, assignFarmingPolicy, MAX_FARM_IPS } from "./calls";


/** The farm's owner check shared by the farmer's calls: FarmNotExists, TwinNotExists, CannotUpdateFarmWrongTwin. */
function checkFarmer(origin: Origin, farm_id: u32): DispatchError | null {
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const farm = Farms.get(farm_id);
  if (!Twins.exists(farm.twin_id)) return Error.TwinNotExists();
  if (!bytesEqual(Twins.get(farm.twin_id).account_id, origin.who)) return Error.CannotUpdateFarmWrongTwin();
  return null;
}

export function add_farm_ip(origin: Origin, farm_id: u32, ip: Uint8Array, gw: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkFarmer(origin, farm_id);
  if (refused !== null) return refused;
  if (!validIp4(ip, gw)) return Error.InvalidPublicIP();
  const farm = Farms.get(farm_id);
  for (let i = 0; i < farm.public_ips.length; i++) if (bytesEqual(farm.public_ips[i].ip, ip)) return Error.IpExists();
  if (farm.public_ips.length >= MAX_FARM_IPS) return Error.InvalidPublicIP();
  const p = new PublicIP();
  p.ip = ip;
  p.gateway = gw;
  farm.public_ips.push(p);
  Farms.set(farm_id, farm);
  Event.FarmUpdated(farm);
  return null;
}

export function remove_farm_ip(origin: Origin, farm_id: u32, ip: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkFarmer(origin, farm_id);
  if (refused !== null) return refused;
  const farm = Farms.get(farm_id);
  // an IP a contract holds cannot be removed: it reads as absent
  let at = -1;
  for (let i = 0; i < farm.public_ips.length; i++)
    if (bytesEqual(farm.public_ips[i].ip, ip) && farm.public_ips[i].contract_id == 0) { at = i; break; }
  if (at < 0) return Error.IpNotExists();
  farm.public_ips.splice(at, 1);
  Farms.set(farm_id, farm);
  Event.FarmUpdated(farm);
  return null;
}

/** Frees a farm IP whatever holds it (the contract is not told, as on TF-Chain). Root. */
export function force_reset_farm_ip(origin: Origin, farm_id: u32, ip: Uint8Array): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const farm = Farms.get(farm_id);
  let at = -1;
  for (let i = 0; i < farm.public_ips.length; i++) if (bytesEqual(farm.public_ips[i].ip, ip)) { at = i; break; }
  if (at < 0) return Error.IpNotExists();
  farm.public_ips[at].contract_id = 0;
  Farms.set(farm_id, farm);
  Event.FarmUpdated(farm);
  return null;
}

/** The farmer's Stellar payout address (not validated, as on TF-Chain; a new one replaces the old). */
export function add_stellar_payout_v2address(origin: Origin, farm_id: u32, stellar_address: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  if (Farms.get(farm_id).twin_id != twin) return Error.CannotUpdateFarmWrongTwin();
  PayoutAddress.set(farm_id, stellar_address);
  Event.FarmPayoutV2AddressRegistered(farm_id, stellar_address);
  return null;
}

export function set_farm_certification(origin: Origin, farm_id: u32, certification: u8): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const farm = Farms.get(farm_id);
  farm.certification = certification;
  Farms.set(farm_id, farm);
  Event.FarmCertificationSet(farm_id, certification);
  return null;
}

export function set_farm_dedicated(origin: Origin, farm_id: u32, dedicated: bool): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  const farm = Farms.get(farm_id);
  farm.dedicated_farm = dedicated;
  Farms.set(farm_id, farm);
  Event.FarmUpdated(farm); // TF-Chain declares FarmMarkedAsDedicated but emits this
  return null;
}

/** The farmer sets (or clears) a node's public config. */
export function add_node_public_config(origin: Origin, farm_id: u32, node_id: u32, public_config: PublicConfig | null): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkFarmer(origin, farm_id);
  if (refused !== null) return refused;
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const node = Nodes.get(node_id);
  if (node.farm_id != farm_id) return Error.NodeUpdateNotAuthorized();
  if (public_config !== null) {
    const c = public_config;
    const domain = c.domain;
    const ip6 = c.ip6;
    const valid = (domain === null || validConfigDomain(domain)) && validIp4(c.ip4.ip, c.ip4.gw) && (ip6 === null || validIp6(ip6.ip, ip6.gw));
    if (!valid) return Error.InvalidPublicConfig();
  }
  node.public_config = public_config;
  Nodes.set(node_id, node);
  Event.NodePublicConfigStored(node_id, public_config);
  return null;
}

function isCertifier(who: Uint8Array): bool {
  if (!Certifiers.exists()) return false;
  const list = Certifiers.get();
  for (let i = 0; i < list.length; i++) if (bytesEqual(list[i], who)) return true;
  return false;
}

/** Root or an allowed certifier sets a node's certification; a node on a default farming policy moves to the default one of its new certification. */
export function set_node_certification(origin: Origin, node_id: u32, node_certification: u8): DispatchError | null {
  if (!origin.isRestricted()) {
    if (!origin.isSigned()) return badOrigin();
    if (!isCertifier(origin.who)) return Error.NotAllowedToCertifyNode();
  }
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const node = Nodes.get(node_id);
  node.certification = node_certification;
  const refused = assignFarmingPolicy(node, false, false); // the policy follows; the certification given stays
  if (refused !== null) return refused;
  Nodes.set(node_id, node);
  Event.NodeUpdated(node);
  Event.NodeCertificationSet(node_id, node_certification);
  return null;
}

export function add_node_certifier(origin: Origin, certifier: Uint8Array): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  const list = Certifiers.exists() ? Certifiers.get() : new Array<Uint8Array>(0);
  if (containsAccount(list, certifier)) return Error.AlreadyCertifier();
  Certifiers.set(withAccount(list, certifier)); // sorted, as TF-Chain's
  Event.NodeCertifierAdded(certifier);
  return null;
}

/** As on TF-Chain: with no list at all this succeeds and does nothing; an emptied list stays, empty. */
export function remove_node_certifier(origin: Origin, certifier: Uint8Array): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!Certifiers.exists()) return null;
  const list = Certifiers.get();
  let at = -1;
  for (let i = 0; i < list.length; i++) if (bytesEqual(list[i], certifier)) { at = i; break; }
  if (at < 0) return Error.NotCertifier();
  list.splice(at, 1);
  Certifiers.set(list);
  Event.NodeCertifierRemoved(certifier);
  return null;
}

export function set_zos_version(origin: Origin, zos_version: Uint8Array): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (bytesEqual(ZosVersion.get(), zos_version)) return Error.InvalidZosVersion();
  ZosVersion.set(zos_version);
  Event.ZosVersionUpdated(zos_version);
  return null;
}

export function set_connection_price(origin: Origin, price: u32): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  ConnectionPrice.set(price);
  Event.ConnectionPriceSet(price);
  return null;
}
