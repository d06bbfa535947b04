/**
 * TF-Chain's TfgridModule (pallet_tfgrid): terms and conditions, twins, farms, nodes,
 * uptime and power, pricing and farming policies. Names, call indices, argument order
 * and SCALE layouts follow TF-Chain (checked by e2e/pallets/fidelity.test.ts against
 * @threefold/tfchain_client's type definitions). Calls not listed here are not emulated
 * (see the README).
 */
import { bool, bytes, enumOf, option, struct, u16, u32, u64, u8, unitEnum, vec, type PalletSpec, type Ty } from '../dsl.js';
import { AccountId32 } from '../primitives.js';

const ts = (...p: string[]) => ['tfchain_support', 'types', ...p];
const tg = (...p: string[]) => ['pallet_tfgrid', ...p];

export const Resources = struct(['tfchain_support', 'resources', 'Resources'], { hru: u64, sru: u64, cru: u64, mru: u64 });
export const NodeCertification = unitEnum(ts('NodeCertification'), ['Diy', 'Certified']);
export const FarmCertification = unitEnum(ts('FarmCertification'), ['NotCertified', 'Gold']);
export const PublicIP = struct(ts('PublicIP'), { ip: bytes, gateway: bytes, contract_id: u64 });
export const IP4 = struct(ts('IP4'), { ip: bytes, gw: bytes });
const IP6 = struct(ts('IP6'), { ip: bytes, gw: bytes });
export const PublicConfig = struct(ts('PublicConfig'), { ip4: IP4, ip6: option(IP6), domain: option(bytes) });
export const FarmingPolicyLimit = struct(ts('FarmingPolicyLimit'), {
  farming_policy_id: u32, cu: option(u64), su: option(u64), end: option(u64), node_count: option(u32), node_certification: bool,
});
export const Farm = struct(ts('Farm'), {
  version: u32, id: u32, name: bytes, twin_id: u32, pricing_policy_id: u32, certification: FarmCertification,
  public_ips: vec(PublicIP), dedicated_farm: bool, farming_policy_limits: option(FarmingPolicyLimit),
});
export const Location = struct(tg('node', 'Location'), { city: bytes, country: bytes, latitude: bytes, longitude: bytes });
const LocationInput = struct(tg('types', 'LocationInput'), { city: bytes, country: bytes, latitude: bytes, longitude: bytes });
export const Interface = struct(ts('Interface'), { name: bytes, mac: bytes, ips: vec(bytes) });
export const Node = struct(ts('Node'), {
  version: u32, id: u32, farm_id: u32, twin_id: u32, resources: Resources, location: Location,
  public_config: option(PublicConfig), created: u64, farming_policy_id: u32, interfaces: vec(Interface),
  certification: NodeCertification, secure_boot: bool, virtualized: bool, serial_number: option(bytes), connection_price: u32,
});
export const Entity = struct(tg('types', 'Entity'), { version: u32, id: u32, name: bytes, account_id: AccountId32, country: bytes, city: bytes });
const EntityProof = struct(tg('types', 'EntityProof'), { entity_id: u32, signature: bytes });
export const Twin = struct(tg('types', 'Twin'), { id: u32, account_id: AccountId32, relay: option(bytes), entities: vec(EntityProof), pk: option(bytes) });
const Unit = unitEnum(tg('types', 'Unit'), ['Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terrabytes']);
export const Policy = struct(tg('types', 'Policy'), { value: u32, unit: Unit });
export const PricingPolicy = struct(tg('types', 'PricingPolicy'), {
  version: u32, id: u32, name: bytes, su: Policy, cu: Policy, nu: Policy, ipu: Policy, unique_name: Policy, domain_name: Policy,
  foundation_account: AccountId32, certified_sales_account: AccountId32, discount_for_dedication_nodes: u8,
});
export const FarmingPolicy = struct(tg('types', 'FarmingPolicy'), {
  version: u32, id: u32, name: bytes, cu: u32, su: u32, nu: u32, ipv4: u32, minimal_uptime: u16, policy_created: u32,
  policy_end: u32, immutable: bool, default: bool, node_certification: NodeCertification, farm_certification: FarmCertification,
});
export const TfgridStorageVersion = unitEnum(tg('types', 'StorageVersion'), Array.from({ length: 17 }, (_, i) => `V${i + 1}Struct`));
export const Power = unitEnum(ts('Power'), ['Up', 'Down']);
export const PowerState = enumOf(ts('PowerState'), [{ name: 'Up' }, { name: 'Down', fields: u32 }]);
export const NodePower = struct(ts('NodePower'), { state: PowerState, target: Power });
export const TermsAndConditions = struct(tg('terms_cond', 'TermsAndConditions'), {
  account_id: AccountId32, timestamp: u64, document_link: bytes, document_hash: bytes,
});

/** Bounds and tolerances, as TF-Chain's runtime configures them. */
export const TFGRID_LIMITS = {
  maxFarmNameLength: 40,
  maxRelayLength: 1024,
  maxPkLength: 128,
  maxInterfaces: 10,
  maxInterfaceIps: 10,
  /** `report_uptime_v2`: the node's timestamp hint may differ from the chain's clock by this many seconds. */
  timestampHintDriftSeconds: 60,
  maxDocumentLinkLength: 2048,
  maxDocumentHashLength: 50,
  /** Entities: TF-Chain's CountryNameInput and CityNameInput bounds, and shortest names. */
  maxEntityCountryLength: 56,
  maxEntityCityLength: 58,
  minEntityCountryLength: 2,
  minEntityCityLength: 1,
  /** An entity's signature is the hex of 64 bytes, without 0x. */
  entitySignatureHexLength: 128,
};

const a = (t: Ty, rust: string): [Ty, string] => [t, rust];

/** TF-Chain's TfgridModule errors, in TF-Chain's order (the index is the error code). */
const ERRORS = [
  'NoneValue', 'StorageOverflow', 'CannotCreateNode', 'NodeNotExists', 'NodeWithTwinIdExists', 'CannotDeleteNode',
  'NodeDeleteNotAuthorized', 'NodeUpdateNotAuthorized', 'FarmExists', 'FarmNotExists', 'CannotCreateFarmWrongTwin',
  'CannotUpdateFarmWrongTwin', 'CannotDeleteFarm', 'CannotDeleteFarmWithPublicIPs', 'CannotDeleteFarmWithNodesAssigned',
  'CannotDeleteFarmWrongTwin', 'IpExists', 'IpNotExists', 'EntityWithNameExists', 'EntityWithPubkeyExists', 'EntityNotExists',
  'EntitySignatureDoesNotMatch', 'EntityWithSignatureAlreadyExists', 'CannotUpdateEntity', 'CannotDeleteEntity',
  'SignatureLengthIsIncorrect', 'TwinExists', 'TwinNotExists', 'TwinWithPubkeyExists', 'CannotCreateTwin',
  'UnauthorizedToUpdateTwin', 'TwinCannotBoundToItself', 'PricingPolicyExists', 'PricingPolicyNotExists',
  'PricingPolicyWithDifferentIdExists', 'CertificationCodeExists', 'FarmingPolicyAlreadyExists',
  'FarmPayoutAdressAlreadyRegistered', 'FarmerDoesNotHaveEnoughFunds', 'UserDidNotSignTermsAndConditions',
  'FarmerDidNotSignTermsAndConditions', 'FarmerNotAuthorized', 'InvalidFarmName', 'AlreadyCertifier', 'NotCertifier',
  'NotAllowedToCertifyNode', 'FarmingPolicyNotExists', 'RelayTooShort', 'RelayTooLong', 'InvalidRelay', 'FarmNameTooShort',
  'FarmNameTooLong', 'InvalidPublicIP', 'PublicIPTooShort', 'PublicIPTooLong', 'GatewayIPTooShort', 'GatewayIPTooLong',
  'IP4TooShort', 'IP4TooLong', 'InvalidIP4', 'GW4TooShort', 'GW4TooLong', 'InvalidGW4', 'IP6TooShort', 'IP6TooLong',
  'InvalidIP6', 'GW6TooShort', 'GW6TooLong', 'InvalidGW6', 'DomainTooShort', 'DomainTooLong', 'InvalidDomain',
  'MethodIsDeprecated', 'InterfaceNameTooShort', 'InterfaceNameTooLong', 'InvalidInterfaceName', 'InterfaceMacTooShort',
  'InterfaceMacTooLong', 'InvalidMacAddress', 'InterfaceIpTooShort', 'InterfaceIpTooLong', 'InvalidInterfaceIP',
  'InvalidZosVersion', 'FarmingPolicyExpired', 'InvalidHRUInput', 'InvalidSRUInput', 'InvalidCRUInput', 'InvalidMRUInput',
  'LatitudeInputTooShort', 'LatitudeInputTooLong', 'InvalidLatitudeInput', 'LongitudeInputTooShort', 'LongitudeInputTooLong',
  'InvalidLongitudeInput', 'CountryNameTooShort', 'CountryNameTooLong', 'InvalidCountryName', 'CityNameTooShort',
  'CityNameTooLong', 'InvalidCityName', 'InvalidCountryCityPair', 'SerialNumberTooShort', 'SerialNumberTooLong',
  'InvalidSerialNumber', 'DocumentLinkInputTooShort', 'DocumentLinkInputTooLong', 'InvalidDocumentLinkInput',
  'DocumentHashInputTooShort', 'DocumentHashInputTooLong', 'InvalidDocumentHashInput', 'InvalidPublicConfig',
  'UnauthorizedToChangePowerTarget', 'NodeHasActiveContracts', 'InvalidRelayAddress', 'InvalidTimestampHint',
  'InvalidStorageInput',
];

const ERROR_DOCS: Record<string, string> = {
  NodeNotExists: 'No node with this id (or the caller has no node).',
  NodeWithTwinIdExists: 'The twin already has a node: one node per twin.',
  NodeUpdateNotAuthorized: 'Only the node itself (its twin) may change this node.',
  FarmExists: 'A farm with this name exists.',
  FarmNotExists: 'No farm with this id.',
  CannotUpdateFarmWrongTwin: "The caller's twin does not own the farm.",
  TwinNotExists: 'The account has no twin.',
  TwinWithPubkeyExists: 'The account already has a twin.',
  UnauthorizedToUpdateTwin: "Only the twin's account may change it.",
  UserDidNotSignTermsAndConditions: 'Accept the terms and conditions (`user_accept_tc`) first.',
  InvalidFarmName: 'Farm names use letters, digits, `-` and `_`.',
  FarmNameTooShort: 'Farm names are at least 3 bytes.',
  FarmNameTooLong: `Farm names are at most ${TFGRID_LIMITS.maxFarmNameLength} bytes.`,
  InvalidRelayAddress: 'Relays use letters, digits, `-`, `_` and single inner dots (TF-Chain refuses a one-character first label).',
  RelayTooLong: `Relays are at most ${TFGRID_LIMITS.maxRelayLength} bytes.`,
  InvalidTimestampHint: `The timestamp hint is more than ${TFGRID_LIMITS.timestampHintDriftSeconds} s away from the chain's clock.`,
  UnauthorizedToChangePowerTarget: "Only the farmer (the farm's twin) may set a node's power target.",
  NodeHasActiveContracts: 'A node with active contracts cannot be powered down.',
  DocumentLinkInputTooShort: 'The document link is empty.',
  DocumentLinkInputTooLong: `Document links are at most ${TFGRID_LIMITS.maxDocumentLinkLength} bytes.`,
  InvalidDocumentLinkInput: 'The document link has characters a URL cannot have.',
  DocumentHashInputTooShort: 'The document hash is empty.',
  DocumentHashInputTooLong: `Document hashes are at most ${TFGRID_LIMITS.maxDocumentHashLength} bytes.`,
  InvalidDocumentHashInput: 'Document hashes use letters, digits, `-` and `_`.',
  InterfaceNameTooLong: 'Too many interfaces, or an interface with too many IPs.',
  InvalidPublicIP: 'An IPv4 in CIDR form (a.b.c.d/n) is expected.',
  InvalidGW4: 'An IPv4 gateway (a.b.c.d) is expected.',
  PricingPolicyExists: 'A pricing policy with this name exists.',
  FarmingPolicyNotExists: 'No farming policy applies.',
  MethodIsDeprecated: 'This call is deprecated on TF-Chain.',
};

export const TfgridModule: PalletSpec = {
  name: 'TfgridModule',
  index: 25,
  rustPath: 'pallet_tfgrid',
  docs: 'The TF-Grid registry: twins, farms, nodes, policies.',
  calls: [
    { name: 'set_storage_version', index: 0, args: { version: TfgridStorageVersion }, weight: 104_047_000n, docs: "Set the pallet's storage version. Root or a 3/5 council motion." },
    { name: 'create_farm', index: 1, args: { name: a(bytes, 'FarmNameInput<T>'), public_ips: a(vec(IP4), 'PublicIpListInput<T>') }, weight: 432_712_000n, docs: "Create a farm owned by the caller's twin." },
    { name: 'update_farm', index: 2, args: { farm_id: u32, name: a(bytes, 'FarmNameInput<T>') }, weight: 410_327_000n, docs: 'Rename a farm (its owner only).' },
    { name: 'add_stellar_payout_v2address', index: 3, args: { farm_id: u32, stellar_address: bytes }, weight: 175_378_000n, docs: "Set the farm's Stellar payout address (the farmer only)." },
    { name: 'set_farm_certification', index: 4, args: { farm_id: u32, certification: FarmCertification }, weight: 138_406_000n, docs: "Set a farm's certification. Root or a 3/5 council motion." },
    { name: 'add_farm_ip', index: 5, args: { farm_id: u32, ip: a(bytes, 'Ip4Input'), gw: a(bytes, 'Gw4Input') }, weight: 168_165_000n, docs: 'Add a public IP (a.b.c.d/m, public unicast) with its gateway to a farm (the farmer only).' },
    { name: 'remove_farm_ip', index: 6, args: { farm_id: u32, ip: a(bytes, 'Ip4Input') }, weight: 167_473_000n, docs: 'Remove a public IP no contract holds from a farm (the farmer only).' },
    { name: 'create_node', index: 8, args: {
      farm_id: u32, resources: a(Resources, 'ResourcesInput'), location: a(LocationInput, 'LocationInput'),
      interfaces: a(vec(Interface), 'InterfaceInput<T>'), secure_boot: bool, virtualized: bool, serial_number: a(option(bytes), 'Option<SerialNumberInput>'),
    }, weight: 848_562_000n, docs: "Register the caller's twin as a node of `farm_id`; one node per twin." },
    { name: 'update_node', index: 9, args: {
      node_id: u32, farm_id: u32, resources: a(Resources, 'ResourcesInput'), location: a(LocationInput, 'LocationInput'),
      interfaces: a(vec(Interface), 'InterfaceInput<T>'), secure_boot: bool, virtualized: bool, serial_number: a(option(bytes), 'Option<SerialNumberInput>'),
    }, weight: 327_723_000n, paysFee: 'unlessSucceeds', docs: 'Update a node (the node itself only). Free when accepted.' },
    { name: 'set_node_certification', index: 10, args: { node_id: u32, node_certification: NodeCertification }, weight: 285_096_000n, docs: "Set a node's certification. Root, a 3/5 council motion or an allowed node certifier." },
    { name: 'report_uptime', index: 11, args: { uptime: u64 }, weight: 119_006_000n, paysFee: 'unlessSucceeds', docs: "A node reports its uptime (seconds) at the chain's clock: report_uptime_v2 without the hint. Free when accepted." },
    { name: 'add_node_public_config', index: 12, args: { farm_id: u32, node_id: u32, public_config: option(PublicConfig) }, weight: 200_277_000n, docs: "Set or clear a node's public config (the farmer only)." },
    { name: 'delete_node', index: 13, args: { node_id: u32 }, weight: 477_943_000n, docs: 'Remove a node (the node itself only).' },
    { name: 'create_entity', index: 14, args: { target: AccountId32, name: bytes, country: a(bytes, 'CountryNameInput'), city: a(bytes, 'CityNameInput'), signature: bytes }, weight: 575_000_000n, docs: "Register an entity for `target`, signed by target's key (ed25519 or sr25519) over name ‖ country ‖ city; `signature` is its hex, without 0x. Anyone may submit it." },
    { name: 'update_entity', index: 15, args: { name: bytes, country: a(bytes, 'CountryNameInput'), city: a(bytes, 'CityNameInput') }, weight: 475_000_000n, docs: "Rename and relocate the caller's entity (the new name must be free, even of the entity's own)." },
    { name: 'delete_entity', index: 16, args: {}, weight: 450_000_000n, docs: "Delete the caller's entity." },
    { name: 'create_twin', index: 17, args: { relay: a(option(bytes), 'RelayInput'), pk: a(option(bytes), 'PkInput') }, weight: 389_808_000n, docs: 'Create a twin for the caller (after `user_accept_tc`).' },
    { name: 'update_twin', index: 18, args: { relay: a(option(bytes), 'RelayInput'), pk: a(option(bytes), 'PkInput') }, weight: 165_479_000n, docs: "Update the caller's twin relay and public key." },
    { name: 'add_twin_entity', index: 19, args: { twin_id: u32, entity_id: u32, signature: bytes }, weight: 250_000_000n, docs: "The twin's owner adds an entity to it, with the entity's signature (hex) over entity_id ‖ twin_id (big-endian u32s)." },
    { name: 'delete_twin_entity', index: 20, args: { twin_id: u32, entity_id: u32 }, weight: 225_000_000n, docs: "The twin's owner removes an entity from it." },
    { name: 'create_pricing_policy', index: 22, args: {
      name: bytes, su: Policy, cu: Policy, nu: Policy, ipu: Policy, unique_name: Policy, domain_name: Policy,
      foundation_account: AccountId32, certified_sales_account: AccountId32, discount_for_dedication_nodes: u8,
    }, weight: 362_624_000n, docs: 'Create a pricing policy. Root or a 3/5 council motion.' },
    { name: 'update_pricing_policy', index: 23, args: {
      pricing_policy_id: u32, name: bytes, su: Policy, cu: Policy, nu: Policy, ipu: Policy, unique_name: Policy, domain_name: Policy,
      foundation_account: AccountId32, certified_sales_account: AccountId32, discount_for_dedication_nodes: u8,
    }, weight: 367_143_000n, docs: 'Update a pricing policy (its name must not be another policy\'s). Root or a 3/5 council motion.' },
    { name: 'create_farming_policy', index: 24, args: {
      name: bytes, su: u32, cu: u32, nu: u32, ipv4: u32, minimal_uptime: u16, policy_end: a(u32, 'BlockNumberFor<T>'),
      immutable: bool, default: bool, node_certification: NodeCertification, farm_certification: FarmCertification,
    }, weight: 235_610_000n, docs: 'Create a farming policy. Root or a 3/5 council motion.' },
    { name: 'user_accept_tc', index: 25, args: { document_link: a(bytes, 'DocumentLinkInput'), document_hash: a(bytes, 'DocumentHashInput') }, weight: 157_644_000n, docs: 'Record that the caller accepts the terms and conditions at `document_link`.' },
    { name: 'delete_node_farm', index: 26, args: { node_id: u32 }, weight: 608_443_000n, docs: "The farmer removes a node of the farm: its contracts are canceled and billed." },
    { name: 'set_farm_dedicated', index: 27, args: { farm_id: u32, dedicated: bool }, weight: 139_277_000n, docs: 'Mark a farm dedicated (its nodes rented whole) or not. Root or a 3/5 council motion.' },
    { name: 'force_reset_farm_ip', index: 28, args: { farm_id: u32, ip: a(bytes, 'Ip4Input') }, weight: 139_117_000n, docs: "Free a farm IP whatever holds it. Root or a 3/5 council motion." },
    { name: 'set_connection_price', index: 29, args: { price: u32 }, weight: 105_861_000n, docs: 'Set the connection price new nodes get. Root or a 3/5 council motion.' },
    { name: 'add_node_certifier', index: 30, args: { certifier: AccountId32 }, weight: 135_039_000n, docs: 'Allow an account to certify nodes. Root or a 3/5 council motion.' },
    { name: 'remove_node_certifier', index: 31, args: { certifier: AccountId32 }, weight: 137_323_000n, docs: 'Stop an account certifying nodes. Root or a 3/5 council motion.' },
    { name: 'update_farming_policy', index: 32, args: {
      farming_policy_id: u32, name: bytes, su: u32, cu: u32, nu: u32, ipv4: u32, minimal_uptime: u16, policy_end: a(u32, 'BlockNumberFor<T>'),
      default: bool, node_certification: NodeCertification, farm_certification: FarmCertification,
    }, weight: 138_675_000n, docs: 'Update a farming policy (immutable ones too, as on TF-Chain). Root or a 3/5 council motion.' },
    { name: 'attach_policy_to_farm', index: 33, args: { farm_id: u32, limits: option(FarmingPolicyLimit) }, weight: 197_693_000n, docs: "Attach a farming policy with limits to a farm: its nodes on default policies move to it while the limits last. Root or a 3/5 council motion." },
    { name: 'set_zos_version', index: 34, args: { zos_version: bytes }, weight: 133_216_000n, docs: 'Set the Zero-OS version nodes should run (must change). Root or a 3/5 council motion.' },
    { name: 'change_power_state', index: 35, args: { power_state: Power }, weight: 223_154_000n, paysFee: 'unlessSucceeds', docs: "A node reports its power state (free when accepted: the fee is refunded)." },
    { name: 'change_power_target', index: 36, args: { node_id: u32, power_target: Power }, weight: 277_042_000n, docs: 'The farmer sets the power target of a node of the farm.' },
    { name: 'bond_twin_account', index: 37, args: { twin_id: u32 }, weight: 137_083_000n, docs: "Bond the caller's account to a twin (not its own)." },
    { name: 'report_uptime_v2', index: 38, args: { uptime: u64, timestamp_hint: u64 }, weight: 118_385_000n, paysFee: 'unlessSucceeds', docs: 'A node reports its uptime (seconds); `timestamp_hint` (unix seconds) must be within 60 s of the chain clock. Free when accepted: the fee is refunded.' },
  ],
  events: [
    { name: 'FarmStored', fields: { _0: Farm }, docs: 'A farm was created.' },
    { name: 'FarmUpdated', fields: { _0: Farm }, docs: 'A farm was updated.' },
    { name: 'FarmDeleted', fields: { _0: u32 }, docs: 'A farm was deleted.' },
    { name: 'NodeStored', fields: { _0: Node }, docs: 'A node was registered.' },
    { name: 'NodeUpdated', fields: { _0: Node }, docs: 'A node was updated.' },
    { name: 'NodeDeleted', fields: { _0: u32 }, docs: 'A node was deleted.' },
    { name: 'NodeUptimeReported', fields: { _0: u32, _1: u64, _2: u64 }, docs: '(node id, chain time in seconds, uptime in seconds)' },
    { name: 'NodePublicConfigStored', fields: { _0: u32, _1: option(PublicConfig) }, docs: "A node's public config was set." },
    { name: 'EntityStored', fields: { _0: Entity }, docs: 'An entity was created.' },
    { name: 'EntityUpdated', fields: { _0: Entity }, docs: 'An entity was updated.' },
    { name: 'EntityDeleted', fields: { _0: u32 }, docs: 'An entity was deleted.' },
    { name: 'TwinStored', fields: { _0: Twin }, docs: 'A twin was created.' },
    { name: 'TwinUpdated', fields: { _0: Twin }, docs: 'A twin was updated.' },
    { name: 'TwinEntityStored', fields: { _0: u32, _1: u32, _2: bytes }, docs: 'An entity was added to a twin.' },
    { name: 'TwinEntityRemoved', fields: { _0: u32, _1: u32 }, docs: 'An entity was removed from a twin.' },
    { name: 'TwinDeleted', fields: { _0: u32 }, docs: 'A twin was deleted.' },
    { name: 'TwinAccountBounded', fields: { _0: u32, _1: AccountId32 }, docs: 'An account was bound to a twin.' },
    { name: 'PricingPolicyStored', fields: { _0: PricingPolicy }, docs: 'A pricing policy was stored.' },
    { name: 'FarmingPolicyStored', fields: { _0: FarmingPolicy }, docs: 'A farming policy was stored.' },
    { name: 'FarmPayoutV2AddressRegistered', fields: { _0: u32, _1: bytes }, docs: 'A farm payout address was registered.' },
    { name: 'FarmMarkedAsDedicated', fields: { _0: u32 }, docs: 'A farm was marked dedicated.' },
    { name: 'ConnectionPriceSet', fields: { _0: u32 }, docs: 'The connection price was set.' },
    { name: 'NodeCertificationSet', fields: { _0: u32, _1: NodeCertification }, docs: "A node's certification was set." },
    { name: 'NodeCertifierAdded', fields: { _0: AccountId32 }, docs: 'A node certifier was added.' },
    { name: 'NodeCertifierRemoved', fields: { _0: AccountId32 }, docs: 'A node certifier was removed.' },
    { name: 'FarmingPolicyUpdated', fields: { _0: FarmingPolicy }, docs: 'A farming policy was updated.' },
    { name: 'FarmingPolicySet', fields: { _0: u32, _1: option(FarmingPolicyLimit) }, docs: 'A farming policy was attached to a farm.' },
    { name: 'FarmCertificationSet', fields: { _0: u32, _1: FarmCertification }, docs: "A farm's certification was set." },
    { name: 'ZosVersionUpdated', fields: { _0: bytes }, docs: 'The Zero-OS version was set.' },
    { name: 'PowerTargetChanged', fields: { farm_id: u32, node_id: u32, power_target: Power }, docs: "A farmer changed a node's power target." },
    { name: 'PowerStateChanged', fields: { farm_id: u32, node_id: u32, power_state: PowerState }, docs: 'A node reported a new power state.' },
  ],
  errors: ERRORS.map((name) => ({ name, docs: ERROR_DOCS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() })),
  storage: [
    { name: 'Farms', keys: [[u32, 'Blake2_128Concat']], value: Farm, modifier: 'Optional', docs: 'Farms by id.' },
    { name: 'NodesByFarmID', keys: [[u32, 'Blake2_128Concat']], value: vec(u32), modifier: 'Default', docs: "Each farm's node ids, ascending." },
    { name: 'FarmIdByName', keys: [[bytes, 'Blake2_128Concat']], value: u32, modifier: 'Default', docs: 'Farm id by farm name.' },
    { name: 'Nodes', keys: [[u32, 'Blake2_128Concat']], value: Node, modifier: 'Optional', docs: 'Nodes by id.' },
    { name: 'NodeIdByTwinID', keys: [[u32, 'Blake2_128Concat']], value: u32, modifier: 'Default', docs: "A node's id by its twin id." },
    { name: 'Twins', keys: [[u32, 'Blake2_128Concat']], value: Twin, modifier: 'Optional', docs: 'Twins by id.' },
    { name: 'TwinIdByAccountID', keys: [[AccountId32, 'Blake2_128Concat']], value: u32, modifier: 'Optional', docs: "An account's twin id." },
    { name: 'PricingPolicies', keys: [[u32, 'Blake2_128Concat']], value: PricingPolicy, modifier: 'Optional', docs: 'Pricing policies by id.' },
    { name: 'PricingPolicyIdByName', keys: [[bytes, 'Blake2_128Concat']], value: u32, modifier: 'Default', docs: 'Pricing policy id by name.' },
    { name: 'FarmingPoliciesMap', keys: [[u32, 'Blake2_128Concat']], value: FarmingPolicy, modifier: 'Default', docs: 'Farming policies by id.' },
    { name: 'UsersTermsAndConditions', keys: [[AccountId32, 'Blake2_128Concat']], value: vec(TermsAndConditions), modifier: 'Optional', docs: 'The terms and conditions each account accepted.' },
    { name: 'ConnectionPrice', value: u32, modifier: 'Default', docs: 'Price of a connection (stored on new nodes).' },
    { name: 'FarmID', value: u32, modifier: 'Default', docs: 'The last farm id.' },
    { name: 'NodeID', value: u32, modifier: 'Default', docs: 'The last node id.' },
    { name: 'TwinID', value: u32, modifier: 'Default', docs: 'The last twin id.' },
    { name: 'PricingPolicyID', value: u32, modifier: 'Default', docs: 'The last pricing policy id.' },
    { name: 'FarmingPolicyID', value: u32, modifier: 'Default', docs: 'The last farming policy id.' },
    { name: 'ZosVersion', value: bytes, modifier: 'Default', docs: 'The Zero-OS version nodes should run.' },
    { name: 'FarmPayoutV2AddressByFarmID', keys: [[u32, 'Blake2_128Concat']], value: bytes, modifier: 'Default', docs: "Each farm's Stellar payout address." },
    { name: 'AllowedNodeCertifiers', value: vec(AccountId32), modifier: 'Optional', docs: 'Accounts allowed to certify nodes (sorted).' },
    { name: 'NodePower', keys: [[u32, 'Blake2_128Concat']], value: NodePower, modifier: 'Default', docs: "Each node's power state and target (default: up, up)." },
    { name: 'Entities', keys: [[u32, 'Blake2_128Concat']], value: Entity, modifier: 'Optional', docs: 'Entities by id.' },
    { name: 'EntityIdByAccountID', keys: [[AccountId32, 'Blake2_128Concat']], value: u32, modifier: 'Optional', docs: "An account's entity id." },
    { name: 'EntityIdByName', keys: [[bytes, 'Blake2_128Concat']], value: u32, modifier: 'Default', docs: 'Entity id by name.' },
    { name: 'EntityID', value: u32, modifier: 'Default', docs: 'The last entity id.' },
    { name: 'TwinBoundedAccountID', keys: [[u32, 'Blake2_128Concat']], value: AccountId32, modifier: 'Optional', docs: 'The account bonded to each twin.' },
    { name: 'PalletVersion', value: TfgridStorageVersion, modifier: 'Default', docs: "The pallet's storage version (V17Struct at genesis)." },
  ],
};
