import { expect } from 'chai';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, xxhashAsHex } from '@polkadot/util-crypto';
import type { HexString } from '@polkadot/util/types';
import type { TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import type { Call, DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { devGenesisHost, type RuntimeHost } from '../support/runtime.js';
import { runtimeRegistry, blockHeader, timestampInherentData, signOffline, encodeCall, SLOT_MS } from '../../runtime/harness/offline.js';
import { VERSION } from '../../runtime/schema/version.js';

/**
 * Security (issue #6): every call of the runtime's metadata, tried from every wrong origin,
 * on the in-process host. A world is built once (twins, a farm, three nodes, node, name and
 * rent contracts, stakeholders, a solution provider, a KV entry); then each attempt is
 * applied in an open block and undone. A refused attempt must name exactly the expected
 * error and change nothing but what a failed signed extrinsic legitimately changes (the
 * signer's nonce and fee, and the block's bookkeeping); the right origin, with the same
 * arguments, must succeed (the positive control that lets each row fail). Every call is also
 * tried unsigned, and from an account that cannot pay.
 *
 * Where tfit differs from TF-Chain, a row carries a `knownBugs` entry: the test asserts what
 * tfit does today and says what TF-Chain does, so that the fix makes the row fail until the
 * entry is removed.
 */

const GENESIS: HexString = `0x${'ab'.repeat(32)}`;
const START_MS = 1_700_000_004_000;
const TFT = 10_000_000n;
const GIB = 1024n ** 3n;
const HASH = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;

// ---- who is who -------------------------------------------------------------------------

/** The signed origins, and what each one is in the world built below. */
const ROLES = {
  sudoKey: ['//Alice', 'sr25519'], //      the sudo key signing directly (a signed origin, not root); no twin
  farmer: ['//Bob', 'sr25519'], //         twin 1, owns farm 1
  node1: ['//Node1', 'ed25519'], //        twin 2, node 1: runs contracts 1, 4, 5
  node2: ['//Node2', 'sr25519'], //        twin 3, node 2: no contracts
  node3: ['//Node3', 'sr25519'], //        twin 4, node 3: rented by the consumer (contract 3)
  consumer: ['//Charlie', 'sr25519'], //   twin 5: owns contracts 1-5 and the KV entry "secret"
  stakeholder1: ['//Dave', 'sr25519'], //  twin 6, stakeholder of contract 1
  stakeholder2: ['//Eve', 'sr25519'], //   twin 7, stakeholder of contract 1
  stranger: ['//Ferdie', 'sr25519'], //    twin 8, no role anywhere; created solution provider 1
  nobody: ['//Nobody', 'sr25519'], //      funded, accepted the terms, no twin
} as const;
type Role = keyof typeof ROLES;
/** `root`: the sudo key wrapping the call in Sudo.sudo. */
type Origin = Role | 'root';
const SIGNED = Object.keys(ROLES) as Role[];
const ORIGINS: Origin[] = [...SIGNED, 'root'];
const TWINLESS: Role[] = ['sudoKey', 'nobody'];
const NODES: Role[] = ['node1', 'node2', 'node3'];
const FARM = 1;
const [CONTRACT_WITH_STAKEHOLDERS, NAME_CONTRACT, CONTRACT_4, CONTRACT_5] = [1, 2, 4, 5];
const RENTED_NODE = 3;
const KV_KEY = 'secret';
/** The farm's one public IP, held by no contract. */
const FARM_IP = '185.206.122.33/24';

// ---- the table --------------------------------------------------------------------------

/** 'ok' (the right origin: a positive control with the same arguments), or the refusal: 'Pallet.Error', 'BadOrigin', 'Invalid.X'. */
type Outcome = string;

interface World {
  /** A call by its table key, for calls that take calls. */
  call(key: string, args: Record<string, unknown>): Call;
  address(role: Role): string;
  /** `role`'s signature over `message` as TF-Chain's entity calls take it: hex, without 0x. */
  sign(role: Role, message: Uint8Array): string;
  /** The open block's time (unix seconds). */
  now: number;
  /** The council's motion 0 (Council.propose of set_zos_version, threshold 2, the consumer's aye) and the DAO's proposal 0. */
  motionHash: string;
  daoHash: string;
}

interface KnownBug {
  origins: (Origin | 'unsigned')[];
  /** What tfit does today (asserted, so that a fix makes the row fail and this entry goes). */
  actual: Outcome;
  /** Storage a refused-before-inclusion attempt writes anyway (asserted too). */
  writes?: string[];
  /** What TF-Chain (or FRAME) does, and where. */
  note: string;
}

interface Row {
  /** Arguments by the metadata's (snake_case) names. */
  args: (w: World) => Record<string, unknown>;
  /** Set when any signed account may make the call: why that is safe. Only the origins `expect` names are then tried. */
  public?: string;
  /** Who may make a privileged call, when that is not simply the origins expected to succeed. */
  right?: string;
  /**
   * The outcome per origin; `twinless` stands for sudoKey and nobody, `others` for every
   * origin not named. A privileged row (no `public`) must resolve every origin.
   */
  expect: Partial<Record<Origin | 'twinless' | 'others', Outcome>>;
  /** The pool's verdict on the call from an account that cannot pay (default Invalid.Payment). */
  pool?: Outcome;
  /** The outcome of the call as a bare (unsigned) extrinsic (default Unknown.NoUnsignedValidator). */
  unsigned?: Outcome;
  knownBugs?: KnownBug[];
}

const E = {
  tfgrid: (name: string) => `TfgridModule.${name}`,
  sc: (name: string) => `SmartContractModule.${name}`,
  price: (name: string) => `TFTPriceModule.${name}`,
  council: (name: string) => `Council.${name}`,
  dao: (name: string) => `Dao.${name}`,
};
/** The dev chain's council (genesis): Alice (the sudo key), Bob (the farmer), Charlie (the consumer). */
const COUNCIL: Role[] = ['sudoKey', 'farmer', 'consumer'];
const councilOnly = (error: string) => ({ ...Object.fromEntries(COUNCIL.map((r) => [r, 'ok'])), root: 'BadOrigin', others: error });
/** Entity 1 (stakeholder2's), and the service contracts: 1 ready for approval, 2 approved by both (stranger serves the consumer). */
const ENTITY = 1;
const [SERVICE_READY, SERVICE_APPROVED] = [1, 2];
const entityPlace = { country: 'Belgium', city: 'Ghent' };
const utf8 = (s: string) => new TextEncoder().encode(s);
/** What an entity signs for a twin: entity_id ‖ twin_id, big-endian. */
const entityForTwin = (entity: number, twin: number) => { const b = new Uint8Array(8); new DataView(b.buffer).setUint32(0, entity); new DataView(b.buffer).setUint32(4, twin); return b; };
const SERVICE_PARTIES = (ok: Role[]) => ({ ...Object.fromEntries(ok.map((r) => [r, 'ok'])), twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('TwinNotAuthorized') });
const ROOT_ONLY = { root: 'ok', others: 'BadOrigin' };
const rootOnly = (args: Row['args']): Row => ({ args, expect: ROOT_ONLY });

const location = { city: 'Ghent', country: 'Belgium', latitude: '51', longitude: '3' };
const capacity = { hru: 4096n * GIB, sru: 1024n * GIB, cru: 16, mru: 64n * GIB };
const nodeArgs = { farm_id: FARM, resources: capacity, location, interfaces: [], secure_boot: false, virtualized: false, serial_number: null };
const policy = { value: 1, unit: 'Gigabytes' };
/** A root-only call to nest in batches and sudo. */
const forceSetBalance = (w: World) => w.call('Balances.force_set_balance', { who: { Id: w.address('stranger') }, new_free: 5n * TFT });

const TABLE: Record<string, Row> = {
  // ---- System
  'System.remark': { public: 'ensure_signed_or_root; a remark has no effect', args: () => ({ remark: '0x1234' }), expect: { stranger: 'ok', root: 'ok' } },
  'System.set_heap_pages': rootOnly(() => ({ pages: 64 })),
  // root passes the origin check; "0x00" is no runtime, so root's own attempt is refused after it
  'System.set_code': { right: 'root', args: () => ({ code: '0x00' }), expect: { root: 'System.FailedToExtractRuntimeVersion', others: 'BadOrigin' } },
  'System.set_code_without_checks': rootOnly(() => ({ code: '0x00' })),
  'System.set_storage': rootOnly(() => ({ items: [['0x1234', '0x5678']] })),
  'System.kill_storage': rootOnly(() => ({ keys: ['0x1234'] })),
  'System.kill_prefix': rootOnly(() => ({ prefix: '0x1234', subkeys: 1 })),
  'System.remark_with_event': { public: 'ensure_signed; only emits an event', args: () => ({ remark: '0x1234' }), expect: { stranger: 'ok', root: 'BadOrigin' } },

  // ---- Timestamp: an inherent; only the unsigned origin (the block author, once per block) sets it
  'Timestamp.set': {
    right: 'the block author, as an unsigned inherent once per block',
    args: (w) => ({ now: (w.now + 6) * 1000 }),
    // a signed Mandatory-class call is refused before inclusion (FRAME: MandatoryValidation in
    // the pool, BadMandatory when applied); root's Sudo.sudo is Normal class, its inner call BadOrigin
    expect: { others: 'Invalid.BadMandatory', root: 'BadOrigin' },
    pool: 'Invalid.MandatoryDispatch', // polkadot-js' name for InvalidTransaction::MandatoryValidation (index 9)
    // the inherent of this block is already in: a second one is a bad mandatory, not included
    unsigned: 'Invalid.BadMandatory',
  },

  // ---- Utility: batches are public, but inner calls keep the caller's origin (no escalation)
  'Utility.batch': { public: "inner calls are dispatched with the caller's own origin", args: (w) => ({ calls: [forceSetBalance(w)] }), expect: { root: 'ok', others: 'BadOrigin' } },
  'Utility.batch_all': { public: "inner calls are dispatched with the caller's own origin", args: (w) => ({ calls: [forceSetBalance(w)] }), expect: { root: 'ok', others: 'BadOrigin' } },
  'Utility.force_batch': { public: "inner calls are dispatched with the caller's own origin", args: (w) => ({ calls: [forceSetBalance(w)] }), expect: { root: 'ok', others: 'BadOrigin' } },
  'Utility.as_derivative': {
    public: 'the inner call runs as a keyless account derived from the caller: it inherits none of its rights (not even the farmer its farm)',
    args: (w) => ({ index: 0, call: w.call('TfgridModule.update_farm', { farm_id: FARM, name: 'farm_renamed' }) }),
    expect: { root: 'BadOrigin', others: E.tfgrid('TwinNotExists') },
  },
  // root passes the origin check; tfit has no other origins to dispatch as, so root's own attempt fails with Other
  'Utility.dispatch_as': { right: 'root', args: (w) => ({ as_origin: 0, call: w.call('System.remark', { remark: '0x' }) }), expect: { root: 'Other', others: 'BadOrigin' } },
  'Utility.with_weight': rootOnly((w) => ({ call: w.call('System.remark', { remark: '0x' }), weight: { refTime: 1, proofSize: 0 } })),

  // ---- Balances
  'Balances.transfer_allow_death': { public: "moves the signer's own funds", args: (w) => ({ dest: { Id: w.address('farmer') }, value: TFT }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'Balances.set_balance_deprecated': rootOnly((w) => ({ who: { Id: w.address('stranger') }, new_free: 5n * TFT, old_reserved: 0 })),
  'Balances.force_transfer': rootOnly((w) => ({ source: { Id: w.address('consumer') }, dest: { Id: w.address('stranger') }, value: TFT })),
  'Balances.transfer_keep_alive': { public: "moves the signer's own funds", args: (w) => ({ dest: { Id: w.address('farmer') }, value: TFT }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'Balances.transfer_all': { public: "moves the signer's own funds", args: (w) => ({ dest: { Id: w.address('farmer') }, keep_alive: true }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'Balances.force_unreserve': rootOnly((w) => ({ who: { Id: w.address('consumer') }, amount: 1 })),
  'Balances.upgrade_accounts': { public: "FRAME lets anyone upgrade any account's storage format; a no-op on tfit", args: (w) => ({ who: [w.address('consumer')] }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'Balances.transfer': { public: "moves the signer's own funds", args: (w) => ({ dest: { Id: w.address('farmer') }, value: TFT }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'Balances.force_set_balance': rootOnly((w) => ({ who: { Id: w.address('stranger') }, new_free: 5n * TFT })),

  // ---- TfgridModule
  'TfgridModule.create_farm': { public: 'any twin may create a farm', args: () => ({ name: 'stranger_farm', public_ips: [] }), expect: { stranger: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin' } },
  'TfgridModule.update_farm': {
    args: () => ({ farm_id: FARM, name: 'farm_renamed' }),
    expect: { farmer: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('CannotUpdateFarmWrongTwin') },
  },
  'TfgridModule.create_node': {
    public: 'any twin without a node may register one on a farm (TF-Chain does not ask the farmer)',
    args: () => nodeArgs,
    expect: { stranger: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin' },
  },
  'TfgridModule.update_node': {
    args: () => ({ node_id: 1, ...nodeArgs }),
    // the node's own twin only: not even the farmer of its farm
    expect: { node1: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('NodeUpdateNotAuthorized') },
  },
  'TfgridModule.delete_node': {
    args: () => ({ node_id: 2 }),
    expect: { node2: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('NodeUpdateNotAuthorized') },
  },
  'TfgridModule.create_twin': {
    public: 'each account creates its own twin, once, after accepting the terms',
    args: () => ({ relay: null, pk: null }),
    expect: { nobody: 'ok', sudoKey: E.tfgrid('UserDidNotSignTermsAndConditions'), stranger: E.tfgrid('TwinWithPubkeyExists'), root: 'BadOrigin' },
  },
  'TfgridModule.update_twin': {
    public: "it updates the signer's own twin (there is no twin id argument)",
    args: () => ({ relay: 'relay.grid.tf', pk: null }),
    expect: { stranger: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin' },
  },
  'TfgridModule.create_pricing_policy': rootOnly((w) => ({
    name: 'policy_two', su: policy, cu: policy, nu: policy, ipu: policy, unique_name: policy, domain_name: policy,
    foundation_account: w.address('stakeholder2'), certified_sales_account: w.address('stranger'), discount_for_dedication_nodes: 50,
  })),
  'TfgridModule.create_farming_policy': rootOnly(() => ({
    name: 'policy_two', su: 1, cu: 1, nu: 1, ipv4: 1, minimal_uptime: 95, policy_end: 0, immutable: false, default: false,
    node_certification: 'Diy', farm_certification: 'NotCertified',
  })),
  'TfgridModule.user_accept_tc': { public: 'each account records its own acceptance', args: () => ({ document_link: 'https://example.com/tc', document_hash: 'h2' }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'TfgridModule.change_power_state': {
    // a node reports its own power state: there is no node id argument
    args: () => ({ power_state: 'Down' }),
    expect: { node1: 'ok', node2: 'ok', node3: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('NodeNotExists') },
  },
  'TfgridModule.add_stellar_payout_v2address': {
    args: () => ({ farm_id: FARM, stellar_address: 'GDHJP6TF3UXYXTNEZ2P36J5FH7W4BJJQ4AYYAXC66I2Q2AH5B6O6BCFG' }),
    expect: { farmer: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('CannotUpdateFarmWrongTwin') },
  },
  'TfgridModule.set_farm_certification': rootOnly(() => ({ farm_id: FARM, certification: 'Gold' })),
  // the farm's owner check reads the farm's twin, not the caller's: a twinless caller is just not the farmer
  'TfgridModule.add_farm_ip': {
    args: () => ({ farm_id: FARM, ip: '185.206.122.40/24', gw: '185.206.122.1' }),
    expect: { farmer: 'ok', root: 'BadOrigin', others: E.tfgrid('CannotUpdateFarmWrongTwin') },
  },
  'TfgridModule.remove_farm_ip': {
    args: () => ({ farm_id: FARM, ip: FARM_IP }),
    expect: { farmer: 'ok', root: 'BadOrigin', others: E.tfgrid('CannotUpdateFarmWrongTwin') },
  },
  'TfgridModule.force_reset_farm_ip': rootOnly(() => ({ farm_id: FARM, ip: FARM_IP })),
  'TfgridModule.set_farm_dedicated': rootOnly(() => ({ farm_id: FARM, dedicated: true })),
  'TfgridModule.add_node_public_config': {
    args: () => ({ farm_id: FARM, node_id: 2, public_config: { ip4: { ip: '185.206.122.41/24', gw: '185.206.122.1' }, ip6: null, domain: 'node2.example.com' } }),
    expect: { farmer: 'ok', root: 'BadOrigin', others: E.tfgrid('CannotUpdateFarmWrongTwin') },
  },
  'TfgridModule.set_node_certification': {
    right: 'root, or an account in AllowedNodeCertifiers (stakeholder1 in this world)',
    args: () => ({ node_id: 2, node_certification: 'Certified' }),
    expect: { root: 'ok', stakeholder1: 'ok', others: E.tfgrid('NotAllowedToCertifyNode') },
  },
  'TfgridModule.add_node_certifier': rootOnly((w) => ({ certifier: w.address('stranger') })),
  'TfgridModule.remove_node_certifier': rootOnly((w) => ({ certifier: w.address('stakeholder1') })),
  'TfgridModule.set_zos_version': rootOnly(() => ({ zos_version: 'v3.10.0' })),
  'TfgridModule.set_connection_price': rootOnly(() => ({ price: 90 })),
  'TfgridModule.change_power_target': {
    args: () => ({ node_id: 2, power_target: 'Down' }),
    // the farmer of the node's farm only: not the node itself
    expect: { farmer: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('UnauthorizedToChangePowerTarget') },
  },
  'TfgridModule.report_uptime_v2': {
    args: (w) => ({ uptime: 3600, timestamp_hint: w.now }),
    expect: { node1: 'ok', node2: 'ok', node3: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('NodeNotExists') },
  },
  'TfgridModule.set_storage_version': rootOnly(() => ({ version: 'V17Struct' })),
  'TfgridModule.report_uptime': {
    args: () => ({ uptime: 100 }),
    expect: { node1: 'ok', node2: 'ok', node3: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('NodeNotExists') },
  },
  'TfgridModule.create_entity': {
    public: "anyone may submit an entity its account signed (the signature is the check)",
    args: (w) => ({ target: w.address('stranger'), name: 'stranger_entity', ...entityPlace, signature: w.sign('stranger', utf8('stranger_entityBelgiumGhent')) }),
    expect: { consumer: 'ok', root: 'BadOrigin' },
  },
  'TfgridModule.update_entity': { args: () => ({ name: 'renamed_entity', ...entityPlace }), expect: { stakeholder2: 'ok', root: 'BadOrigin', others: E.tfgrid('EntityNotExists') } },
  'TfgridModule.delete_entity': { args: () => ({}), expect: { stakeholder2: 'ok', root: 'BadOrigin', others: E.tfgrid('EntityNotExists') } },
  'TfgridModule.add_twin_entity': {
    args: (w) => ({ twin_id: 8, entity_id: ENTITY, signature: w.sign('stakeholder2', entityForTwin(ENTITY, 8)) }),
    expect: { stranger: 'ok', root: 'BadOrigin', others: E.tfgrid('UnauthorizedToUpdateTwin') },
  },
  'TfgridModule.delete_twin_entity': { args: () => ({ twin_id: 7, entity_id: ENTITY }), expect: { stakeholder2: 'ok', root: 'BadOrigin', others: E.tfgrid('UnauthorizedToUpdateTwin') } },
  'TfgridModule.update_pricing_policy': rootOnly((w) => ({
    pricing_policy_id: 1, name: 'policy_renamed', su: policy, cu: policy, nu: policy, ipu: policy, unique_name: policy, domain_name: policy,
    foundation_account: w.address('stakeholder2'), certified_sales_account: w.address('stranger'), discount_for_dedication_nodes: 50,
  })),
  'TfgridModule.update_farming_policy': rootOnly(() => ({
    farming_policy_id: 1, name: 'policy_renamed', su: 1, cu: 1, nu: 1, ipv4: 1, minimal_uptime: 95, policy_end: 0, default: true,
    node_certification: 'Diy', farm_certification: 'NotCertified',
  })),
  'TfgridModule.attach_policy_to_farm': rootOnly(() => ({ farm_id: FARM, limits: { farming_policy_id: 1, cu: null, su: null, end: null, node_count: 10, node_certification: false } })),
  'TfgridModule.delete_node_farm': {
    args: () => ({ node_id: 2 }),
    expect: { farmer: 'ok', twinless: E.tfgrid('TwinNotExists'), root: 'BadOrigin', others: E.tfgrid('FarmerNotAuthorized') },
  },
  'TfgridModule.bond_twin_account': {
    public: "any account may bond itself to any twin (TF-Chain asks nothing of the twin's owner); it grants nothing on tfit",
    args: () => ({ twin_id: 1 }),
    expect: { stranger: 'ok', farmer: E.tfgrid('TwinCannotBoundToItself'), root: 'BadOrigin' },
  },

  // ---- SmartContractModule
  'SmartContractModule.create_node_contract': {
    public: 'any twin may deploy on a node, except on a node another twin rents',
    args: () => ({ node_id: RENTED_NODE, deployment_hash: HASH(9), deployment_data: 'x', public_ips: 0, solution_provider_id: null }),
    expect: { consumer: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('NodeNotAvailableToDeploy') },
  },
  'SmartContractModule.update_node_contract': {
    args: () => ({ contract_id: CONTRACT_4, deployment_hash: HASH(8), deployment_data: 'y' }),
    expect: { consumer: 'ok', root: 'BadOrigin', others: E.sc('TwinNotAuthorizedToUpdateContract') },
  },
  'SmartContractModule.cancel_contract': {
    args: () => ({ contract_id: CONTRACT_4 }),
    expect: { consumer: 'ok', root: 'BadOrigin', others: E.sc('TwinNotAuthorizedToCancelContract') },
  },
  'SmartContractModule.create_name_contract': { public: 'any twin may register a free name', args: () => ({ name: 'stranger_name' }), expect: { stranger: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin' } },
  'SmartContractModule.add_nru_reports': {
    args: (w) => ({ reports: [{ contractId: CONTRACT_4, timestamp: w.now, window: 3600, nru: GIB }] }),
    expect: { node1: 'ok', node2: E.sc('NodeNotAuthorizedToComputeReport'), node3: E.sc('NodeNotAuthorizedToComputeReport'), twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('NodeNotExists') },
  },
  'SmartContractModule.report_contract_resources': {
    args: () => ({ contract_resources: [{ contractId: CONTRACT_4, used: { hru: 0n, sru: 10n * GIB, cru: 1, mru: 2n * GIB } }] }),
    expect: { node1: 'ok', node2: E.sc('NodeNotAuthorizedToComputeReport'), node3: E.sc('NodeNotAuthorizedToComputeReport'), twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('NodeNotExists') },
  },
  'SmartContractModule.create_rent_contract': { public: 'any twin may rent a node nobody uses', args: () => ({ node_id: 2, solution_provider_id: null }), expect: { stranger: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin' } },
  'SmartContractModule.create_solution_provider': {
    public: 'registering is open; it only counts once root approves it',
    args: (w) => ({ description: 'sp', link: 'https://example.com', providers: [{ who: w.address('stranger'), take: 10 }] }),
    expect: { stranger: 'ok', root: 'BadOrigin' },
  },
  'SmartContractModule.approve_solution_provider': rootOnly(() => ({ solution_provider_id: 1, approve: true })),
  'SmartContractModule.bill_contract_for_block': { public: 'anyone may trigger billing; it only charges the owner what is due', args: () => ({ contract_id: NAME_CONTRACT }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'SmartContractModule.service_contract_create': {
    args: (w) => ({ service_account: w.address('stranger'), consumer_account: w.address('consumer') }),
    expect: SERVICE_PARTIES(['stranger', 'consumer']),
  },
  'SmartContractModule.service_contract_set_metadata': { args: () => ({ service_contract_id: SERVICE_READY, metadata: 'other' }), expect: SERVICE_PARTIES(['stranger', 'consumer']) },
  'SmartContractModule.service_contract_set_fees': { args: () => ({ service_contract_id: SERVICE_READY, base_fee: 2000, variable_fee: 0 }), expect: SERVICE_PARTIES(['stranger']) },
  'SmartContractModule.service_contract_approve': { args: () => ({ service_contract_id: SERVICE_READY }), expect: SERVICE_PARTIES(['stranger', 'consumer']) },
  'SmartContractModule.service_contract_reject': { args: () => ({ service_contract_id: SERVICE_READY }), expect: SERVICE_PARTIES(['stranger', 'consumer']) },
  'SmartContractModule.service_contract_cancel': { args: () => ({ service_contract_id: SERVICE_APPROVED }), expect: SERVICE_PARTIES(['stranger', 'consumer']) },
  'SmartContractModule.service_contract_bill': { args: () => ({ service_contract_id: SERVICE_APPROVED, variable_amount: 0, metadata: 'bill' }), expect: SERVICE_PARTIES(['stranger']) },
  'SmartContractModule.change_billing_frequency': rootOnly(() => ({ frequency: 700 })),
  'SmartContractModule.attach_solution_provider_id': {
    args: () => ({ contract_id: CONTRACT_5, solution_provider_id: 1 }),
    expect: { consumer: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('UnauthorizedToChangeSolutionProviderId') },
  },
  'SmartContractModule.set_dedicated_node_extra_fee': {
    args: () => ({ node_id: 2, extra_fee: 100_000 }),
    expect: { farmer: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('UnauthorizedToSetExtraFee') },
  },
  'SmartContractModule.cancel_contract_collective': rootOnly(() => ({ contract_id: CONTRACT_4 })),
  'SmartContractModule.add_stakeholders': {
    args: () => ({ contract_id: CONTRACT_4, twins: [6, 7], threshold: 1 }),
    expect: { consumer: 'ok', root: 'BadOrigin', others: E.sc('TwinNotAuthorizedToUpdateContract') },
  },
  'SmartContractModule.approve_contract': {
    args: () => ({ contract_id: CONTRACT_WITH_STAKEHOLDERS }),
    // not the owner, not the node, not the farmer: a listed stakeholder only
    expect: { stakeholder1: 'ok', stakeholder2: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('NotAStakeholder') },
  },
  'SmartContractModule.reject_contract': {
    args: () => ({ contract_id: CONTRACT_WITH_STAKEHOLDERS, reason: 'no' }),
    expect: { stakeholder1: 'ok', stakeholder2: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('NotAStakeholder') },
  },
  'SmartContractModule.report_workload_state': {
    args: () => ({ contract_id: CONTRACT_4, state: 'Deployed' }),
    expect: { node1: 'ok', node2: E.sc('NodeNotAuthorizedToComputeReport'), node3: E.sc('NodeNotAuthorizedToComputeReport'), root: 'BadOrigin', others: E.sc('NodeNotExists') },
  },
  'SmartContractModule.create_deployment': {
    args: () => ({ contract_ids: [CONTRACT_4, CONTRACT_5] }),
    expect: { consumer: 'ok', twinless: E.sc('TwinNotExists'), root: 'BadOrigin', others: E.sc('TwinNotAuthorizedToUpdateContract') },
  },
  // self-healing: the owner only (its refusals by state are in e2e/pallets/self-healing.test.ts)
  'SmartContractModule.move_contract': {
    args: () => ({ contract_id: CONTRACT_4, node_id: 2 }),
    expect: { consumer: 'ok', root: 'BadOrigin', others: E.sc('TwinNotAuthorizedToUpdateContract') },
  },

  // ---- TFKVStore: each account has its own key space
  // ---- TFTPriceModule, BurningModule, RuntimeUpgrade
  'TFTPriceModule.set_prices': {
    right: "a validator (TF-Chain: a session validator; tfit: an Aura authority, the dev chain's sudo key)",
    args: (w) => ({ price: 60, block_number: 2 }),
    expect: { sudoKey: 'ok', root: 'BadOrigin', others: E.price('AccountUnauthorizedToSetPrice') },
  },
  'TFTPriceModule.set_min_tft_price': rootOnly(() => ({ price: 20 })),
  'TFTPriceModule.set_max_tft_price': rootOnly(() => ({ price: 900 })),
  'BurningModule.burn_tft': { public: "it burns the signer's own funds", args: () => ({ amount: TFT, message: 'proof' }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  // as System.set_code: root passes the origin check, and "0x00" is no runtime
  'RuntimeUpgrade.set_code': { right: 'root', args: () => ({ code: '0x00' }), expect: { root: 'System.FailedToExtractRuntimeVersion', others: 'BadOrigin' } },

  // ---- Council, CouncilMembership, Dao (the dev council: sudoKey, farmer, consumer)
  'Council.set_members': rootOnly((w) => ({ new_members: [w.address('sudoKey'), w.address('farmer'), w.address('stranger')], prime: null, old_count: 3 })),
  'Council.execute': { args: (w) => ({ proposal: w.call('System.remark', { remark: '0x01' }), length_bound: 100 }), expect: councilOnly(E.council('NotMember')) },
  'Council.propose': {
    args: (w) => ({ threshold: 2, proposal: w.call('TfgridModule.set_zos_version', { zos_version: 'v3.11.0' }), length_bound: 100 }),
    expect: councilOnly(E.council('NotMember')),
  },
  'Council.vote': { args: (w) => ({ proposal: w.motionHash, index: 0, approve: true }), expect: { sudoKey: 'ok', farmer: 'ok', consumer: E.council('DuplicateVote'), root: 'BadOrigin', others: E.council('NotMember') } },
  'Council.disapprove_proposal': rootOnly((w) => ({ proposal_hash: w.motionHash })),
  'Council.close': {
    public: 'anyone may close a motion; only its votes decide it (here: undecided, time not up)',
    args: (w) => ({ proposal_hash: w.motionHash, index: 0, proposal_weight_bound: { refTime: 1_000_000_000, proofSize: 0 }, length_bound: 100 }),
    expect: { stranger: E.council('TooEarly'), root: 'BadOrigin' },
  },
  'CouncilMembership.add_member': rootOnly((w) => ({ who: { Id: w.address('stranger') } })),
  'CouncilMembership.remove_member': rootOnly((w) => ({ who: { Id: w.address('consumer') } })),
  'CouncilMembership.swap_member': rootOnly((w) => ({ remove: { Id: w.address('consumer') }, add: { Id: w.address('stranger') } })),
  'CouncilMembership.reset_members': rootOnly((w) => ({ members: [w.address('stranger')] })),
  'CouncilMembership.change_key': {
    args: (w) => ({ new: { Id: w.address('nobody') } }),
    // a member moves its seat; moving to the caller's own account is a no-op, accepted from anyone
    expect: { sudoKey: 'ok', farmer: 'ok', consumer: 'ok', nobody: 'ok', root: 'BadOrigin', others: 'CouncilMembership.NotMember' },
  },
  'CouncilMembership.set_prime': rootOnly((w) => ({ who: { Id: w.address('farmer') } })),
  'CouncilMembership.clear_prime': rootOnly(() => ({})),
  'Dao.propose': {
    args: (w) => ({ threshold: 5, action: w.call('TfgridModule.set_connection_price', { price: 99 }), description: 'd', link: 'l', duration: null }),
    expect: councilOnly(E.dao('NotCouncilMember')),
  },
  'Dao.vote': { args: (w) => ({ farm_id: FARM, proposal_hash: w.daoHash, approve: true }), expect: { farmer: 'ok', root: 'BadOrigin', others: E.dao('NotAuthorizedToVote') } },
  'Dao.veto': { args: (w) => ({ proposal_hash: w.daoHash }), expect: councilOnly(E.dao('NotCouncilMember')) },
  'Dao.close': {
    right: 'a council member (here the proposal is undecided: no votes, 7 days to go)',
    args: (w) => ({ proposal_hash: w.daoHash, proposal_index: 0 }),
    expect: { ...councilOnly(E.dao('NotCouncilMember')), sudoKey: E.dao('OngoingVoteAndTresholdStillNotMet'), farmer: E.dao('OngoingVoteAndTresholdStillNotMet'), consumer: E.dao('OngoingVoteAndTresholdStillNotMet') },
  },

  'TFKVStore.set': { public: "it writes the signer's own key space only", args: () => ({ key: KV_KEY, value: 'overwritten' }), expect: { stranger: 'ok', root: 'BadOrigin' } },
  'TFKVStore.delete': {
    args: () => ({ key: KV_KEY }),
    // another account addresses its own key space, where there is no such key
    expect: { consumer: 'ok', root: 'BadOrigin', others: 'TFKVStore.NoValueStored' },
  },

  // ---- Sudo: the key only (root itself is not a signed origin)
  'Sudo.sudo': { args: (w) => ({ call: forceSetBalance(w) }), expect: { sudoKey: 'ok', root: 'BadOrigin', others: 'Sudo.RequireSudo' } },
  'Sudo.sudo_unchecked_weight': { args: (w) => ({ call: forceSetBalance(w), weight: { refTime: 1, proofSize: 0 } }), expect: { sudoKey: 'ok', root: 'BadOrigin', others: 'Sudo.RequireSudo' } },
  'Sudo.set_key': { args: (w) => ({ new: { Id: w.address('stranger') } }), expect: { sudoKey: 'ok', root: 'BadOrigin', others: 'Sudo.RequireSudo' } },
  'Sudo.sudo_as': {
    args: (w) => ({ who: { Id: w.address('consumer') }, call: w.call('SmartContractModule.cancel_contract', { contract_id: CONTRACT_4 }) }),
    expect: { sudoKey: 'ok', root: 'BadOrigin', others: 'Sudo.RequireSudo' },
  },
};

/** The expected outcome of `origin` for `row`, or undefined when the row does not try it. */
function expectation(row: Row, origin: Origin): { outcome: Outcome; bug?: KnownBug } | undefined {
  const e = row.expect;
  const outcome = e[origin] ?? (TWINLESS.includes(origin as Role) ? e.twinless : undefined) ?? e.others;
  if (outcome === undefined) return undefined;
  const bug = row.knownBugs?.find((b) => b.origins.includes(origin));
  return { outcome: bug ? bug.actual : outcome, bug };
}

// ---- the bookkeeping a failed signed extrinsic may change ----------------------------------

/** Storage a failed signed extrinsic legitimately writes (besides the signer's System.Account). */
const BOOKKEEPING = new Set([
  'Balances.TotalIssuance', // the fee is burned
  'System.Events', 'System.EventCount',
  'System.BlockWeight', 'System.AllExtrinsicsLen', 'System.ExtrinsicCount', 'System.ExtrinsicData', 'System.ExecutionPhase',
  ':extrinsic_index',
]);
/** Events a refused (failed, or ok with its inner call refused) extrinsic may emit. */
const REFUSAL_EVENTS = new Set([
  'System.ExtrinsicFailed', 'System.ExtrinsicSuccess', 'Balances.Withdraw', 'TransactionPayment.TransactionFeePaid',
  'Sudo.Sudid', 'Sudo.SudoAsDone', 'Utility.BatchInterrupted', 'Utility.ItemFailed', 'Utility.BatchCompletedWithErrors',
]);

type State = Map<string, Uint8Array>;

interface Applied {
  outcome: Outcome;
  events: string[];
  /** Changed storage, by name ('Pallet.Item' or the well-known key), with the key itself. */
  changed: { name: string; key: string }[];
  fee: bigint;
  before: State;
  after: State;
}

describe('runtime security: every call from every wrong origin is refused with the named error', () => {
  let host: RuntimeHost;
  let registry: TypeRegistry;
  const keys = {} as Record<Role, KeyringPair>;
  let pauper: KeyringPair; // no funds, no terms, no twin
  let world: World;
  const version = { specVersion: VERSION.specVersion, transactionVersion: VERSION.transactionVersion };
  let block = 0;
  let parentHash = GENESIS;
  let nowMs = START_MS;
  const palletNames = new Map<number, string>();
  const storageNames = new Map<string, string>();

  // ---- host helpers
  const storageKey = (pallet: string, item: string) => xxhashAsHex(pallet, 128) + xxhashAsHex(item, 128).slice(2);
  const nameOfKey = (key: string) => (key === u8aToHex(new TextEncoder().encode(':extrinsic_index')) ? ':extrinsic_index' : storageNames.get(key.slice(0, 66)) ?? key);
  function storageValue(pallet: string, item: string): Codec {
    const entry = registry.metadata.pallets.find((p) => p.name.toString() === pallet)!.storage.unwrap().items.find((i) => i.name.toString() === item)!;
    return registry.createType(registry.createLookupType(entry.type.asPlain), host.state.get(storageKey(pallet, item)) ?? new Uint8Array(0));
  }
  const accountKey = (who: KeyringPair) => storageKey('System', 'Account') + blake2AsHex(who.publicKey, 128).slice(2) + u8aToHex(who.publicKey).slice(2);
  function accountOf(state: State, who: KeyringPair): { nonce: number; free: bigint } {
    const value = state.get(accountKey(who));
    if (value === undefined) return { nonce: 0, free: 0n };
    const info = registry.createType('AccountInfo', value);
    return { nonce: info.nonce.toNumber(), free: info.data.free.toBigInt() };
  }
  const issuance = (state: State) => registry.createType('u128', state.get(storageKey('Balances', 'TotalIssuance'))).toBigInt();

  function errorName(e: DispatchError): string {
    if (!e.isModule) return e.type;
    return `${palletNames.get(e.asModule.index.toNumber())}.${registry.findMetaError(e.asModule).method}`;
  }
  const eventName = (r: EventRecord) => `${palletNames.get(r.event.index[0])}.${r.event.method}`;
  /** The error a call nested in sudo or a batch was refused with, as its event reports it. */
  function innerError(r: EventRecord): string | undefined {
    const data = r.event.data as unknown as Codec[];
    const asResult = (c: Codec) => c as unknown as { isErr: boolean; asErr: DispatchError };
    switch (eventName(r)) {
      case 'Sudo.Sudid': case 'Sudo.SudoAsDone': return asResult(data[0]).isErr ? errorName(asResult(data[0]).asErr) : undefined;
      case 'Utility.BatchInterrupted': return errorName(data[1] as DispatchError);
      case 'Utility.ItemFailed': return errorName(data[0] as DispatchError);
      default: return undefined;
    }
  }
  const decodedEvents = new WeakMap<Uint8Array, EventRecord[]>();
  function eventsOf(state: State): EventRecord[] {
    const raw = state.get(storageKey('System', 'Events'));
    if (raw === undefined) return [];
    if (!decodedEvents.has(raw)) decodedEvents.set(raw, [...registry.createType('Vec<EventRecord>', raw)]);
    return decodedEvents.get(raw)!;
  }

  /** Applies an extrinsic in the open block, reads what it did, and undoes it unless `keep`. */
  function apply(xt: HexString, keep = false): Applied {
    const before = new Map(host.state);
    const out = registry.createType('Result<Result<(), DispatchError>, TransactionValidityError>', hexToU8a(host.call('BlockBuilder_apply_extrinsic', xt)));
    const after = new Map(host.state);
    const records = eventsOf(after).slice(eventsOf(before).length);
    let outcome: Outcome;
    if (out.isErr) outcome = out.asErr.isInvalid ? `Invalid.${out.asErr.asInvalid.type}` : `Unknown.${out.asErr.asUnknown.type}`;
    else if (out.asOk.isErr) outcome = errorName(out.asOk.asErr);
    else outcome = records.map(innerError).find((e) => e !== undefined) ?? 'ok';
    const changed = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => { const a = before.get(k); const b = after.get(k); return a !== b && (a === undefined || b === undefined || u8aToHex(a) !== u8aToHex(b)); })
      .map((key) => ({ key, name: nameOfKey(key) }));
    const paid = records.find((r) => eventName(r) === 'TransactionPayment.TransactionFeePaid');
    const fee = paid ? (paid.event.data[1] as unknown as { toBigInt(): bigint }).toBigInt() + (paid.event.data[2] as unknown as { toBigInt(): bigint }).toBigInt() : 0n;
    if (!keep) { host.state.clear(); for (const [k, v] of before) host.state.set(k, v); }
    return { outcome, events: records.map(eventName), changed, fee, before, after };
  }

  const signed = (who: KeyringPair, call: Uint8Array) => signOffline(registry, call, who, accountOf(host.state, who).nonce, GENESIS, version);
  const unsigned = (call: Uint8Array) => registry.createType('Extrinsic', registry.createType('Call', call)).toHex();
  const encode = (key: string, args: Record<string, unknown>) => { const [pallet, method] = key.split('.'); return encodeCall(registry, pallet, method, args); };
  /** The extrinsic `origin` sends: root is the sudo key wrapping the call in Sudo.sudo. */
  const fromOrigin = (origin: Origin, call: Uint8Array) =>
    origin === 'root' ? signed(keys.sudoKey, encode('Sudo.sudo', { call: registry.createType('Call', call) })) : signed(keys[origin], call);
  const signerOf = (origin: Origin) => keys[origin === 'root' ? 'sudoKey' : origin];

  /** What the transaction pool's validation says of an extrinsic: 'ok', or 'Invalid.X' / 'Unknown.X'. */
  function poolVerdict(xt: HexString): string {
    const v = registry.createType('TransactionValidity', hexToU8a(host.call('TaggedTransactionQueue_validate_transaction', u8aConcat([2], hexToU8a(xt), hexToU8a(parentHash)), true)));
    if (v.isOk) return 'ok';
    return v.asErr.isInvalid ? `Invalid.${v.asErr.asInvalid.type}` : `Unknown.${v.asErr.asUnknown.type}`;
  }

  function openBlock(): void {
    block += 1;
    nowMs += SLOT_MS;
    host.call('Core_initialize_block', blockHeader(registry, block, parentHash, nowMs).toHex());
    const inherents = registry.createType('Vec<Bytes>', hexToU8a(host.call('BlockBuilder_inherent_extrinsics', timestampInherentData(nowMs), true)));
    for (const x of inherents) expect(apply(u8aToHex(u8aConcat(compactToU8a(x.length), x)), true).outcome).to.equal('ok');
  }
  function closeBlock(): void {
    parentHash = registry.createType('Header', hexToU8a(host.call('BlockBuilder_finalize_block'))).hash.toHex();
  }
  /** World building: applies and keeps a call, which must succeed. */
  function submit(role: Role, key: string, args: Record<string, unknown>): void {
    const { outcome } = apply(signed(keys[role], encode(key, args)), true);
    expect(outcome, `${role}: ${key}`).to.equal('ok');
  }

  before(async () => {
    host = await devGenesisHost();
    registry = runtimeRegistry(host);
    for (const p of registry.metadata.pallets) {
      palletNames.set(p.index.toNumber(), p.name.toString());
      if (p.storage.isSome) {
        const prefix = p.storage.unwrap().prefix.toString();
        for (const item of p.storage.unwrap().items) storageNames.set(storageKey(prefix, item.name.toString()), `${p.name}.${item.name}`);
      }
    }
    for (const role of SIGNED) keys[role] = new Keyring({ type: ROLES[role][1] }).addFromUri(ROLES[role][0]);
    pauper = new Keyring({ type: 'sr25519' }).addFromUri('//Pauper');
    world = {
      call: (key, args) => registry.createType('Call', encode(key, args)),
      address: (role) => keys[role].address,
      sign: (role, message) => u8aToHex(keys[role].sign(message)).slice(2),
      now: 0,
      motionHash: '',
      daoHash: '',
    };

    // block 1: the world
    openBlock();
    submit('sudoKey', 'Utility.batch_all', {
      calls: [...NODES, 'nobody' as const].map((r) => world.call('Balances.transfer_keep_alive', { dest: { Id: keys[r].address }, value: 10_000n * TFT })),
    });
    const acceptTc = world.call('TfgridModule.user_accept_tc', { document_link: 'https://example.com/tc', document_hash: 'h1' });
    for (const r of ['farmer', 'node1', 'node2', 'node3', 'consumer', 'stakeholder1', 'stakeholder2', 'stranger'] as const) // twins 1-8
      submit(r, 'Utility.batch_all', { calls: [acceptTc, world.call('TfgridModule.create_twin', { relay: null, pk: null })] });
    submit('nobody', 'TfgridModule.user_accept_tc', { document_link: 'https://example.com/tc', document_hash: 'h1' });
    submit('farmer', 'TfgridModule.create_farm', { name: 'farm_one', public_ips: [{ ip: FARM_IP, gw: '185.206.122.1' }] });
    submit('sudoKey', 'Sudo.sudo', { call: world.call('TfgridModule.add_node_certifier', { certifier: keys.stakeholder1.address }) });
    for (const r of NODES) submit(r, 'TfgridModule.create_node', nodeArgs); // nodes 1-3
    const nodeContract = (node: number, hash: number) => ({ node_id: node, deployment_hash: HASH(hash), deployment_data: 'd', public_ips: 0, solution_provider_id: null });
    submit('consumer', 'SmartContractModule.create_node_contract', nodeContract(1, 1)); // 1
    submit('consumer', 'SmartContractModule.add_stakeholders', { contract_id: CONTRACT_WITH_STAKEHOLDERS, twins: [6, 7], threshold: 2 });
    submit('consumer', 'SmartContractModule.create_name_contract', { name: 'consumer_name' }); // 2
    submit('consumer', 'SmartContractModule.create_rent_contract', { node_id: RENTED_NODE, solution_provider_id: null }); // 3
    submit('consumer', 'SmartContractModule.create_node_contract', nodeContract(1, 4)); // 4
    submit('consumer', 'SmartContractModule.create_node_contract', nodeContract(1, 5)); // 5
    submit('stranger', 'SmartContractModule.create_solution_provider', { description: 'sp', link: 'https://example.com', providers: [{ who: keys.stranger.address, take: 10 }] });
    submit('consumer', 'TFKVStore.set', { key: KV_KEY, value: 'v' });
    submit('sudoKey', 'Sudo.sudo', { call: world.call('SmartContractModule.approve_solution_provider', { solution_provider_id: 1, approve: true }) });
    submit('stakeholder2', 'TfgridModule.create_entity', { // entity 1, on twin 7
      target: keys.stakeholder2.address, name: 'eve_entity', ...entityPlace, signature: world.sign('stakeholder2', utf8('eve_entityBelgiumGhent')),
    });
    submit('stakeholder2', 'TfgridModule.add_twin_entity', { twin_id: 7, entity_id: ENTITY, signature: world.sign('stakeholder2', entityForTwin(ENTITY, 7)) });
    for (const id of [SERVICE_READY, SERVICE_APPROVED]) {
      submit('stranger', 'SmartContractModule.service_contract_create', { service_account: keys.stranger.address, consumer_account: keys.consumer.address });
      submit('stranger', 'SmartContractModule.service_contract_set_fees', { service_contract_id: id, base_fee: 1000, variable_fee: 1000 });
      submit('consumer', 'SmartContractModule.service_contract_set_metadata', { service_contract_id: id, metadata: 'terms' });
    }
    submit('stranger', 'SmartContractModule.service_contract_approve', { service_contract_id: SERVICE_APPROVED });
    submit('consumer', 'SmartContractModule.service_contract_approve', { service_contract_id: SERVICE_APPROVED });
    // the council's motion 0, with the consumer's aye, and the DAO's proposal 0
    const motion = world.call('TfgridModule.set_zos_version', { zos_version: 'v3.12.0' });
    submit('consumer', 'Council.propose', { threshold: 3, proposal: motion, length_bound: 100 });
    world.motionHash = blake2AsHex(motion.toU8a());
    submit('consumer', 'Council.vote', { proposal: world.motionHash, index: 0, approve: true });
    const action = world.call('TfgridModule.set_connection_price', { price: 95 });
    submit('consumer', 'Dao.propose', { threshold: 5, action, description: 'd', link: 'l', duration: null });
    world.daoHash = blake2AsHex(action.toU8a());
    closeBlock();

    // block 2 stays open: every attempt is applied in it, then undone
    openBlock();
    world.now = Math.floor(nowMs / 1000);
  });

  it('built the world: 8 twins, farm 1, nodes 1-3, contracts 1-5, solution provider 1, service contracts 1-2, entity 1, the KV entry', () => {
    const count = (pallet: string, item: string) => Number(storageValue(pallet, item).toString());
    expect([count('TfgridModule', 'TwinID'), count('TfgridModule', 'FarmID'), count('TfgridModule', 'NodeID')]).to.deep.equal([8, 1, 3]);
    expect([count('SmartContractModule', 'ContractID'), count('SmartContractModule', 'SolutionProviderID')]).to.deep.equal([5, 1]);
    expect([count('SmartContractModule', 'ServiceContractID'), count('TfgridModule', 'EntityID')]).to.deep.equal([2, 1]);
    expect([count('Council', 'ProposalCount'), count('Dao', 'ProposalCount')]).to.deep.equal([1, 1]);
  });

  it('the table classifies every call in the runtime metadata, and names no other', () => {
    const calls: string[] = [];
    for (const p of registry.metadata.pallets) {
      if (p.calls.isNone) continue;
      for (const v of registry.lookup.getSiType(p.calls.unwrap().type).def.asVariant.variants) calls.push(`${p.name}.${v.name}`);
    }
    expect(calls.filter((c) => !(c in TABLE)), 'calls the table does not classify').to.deep.equal([]);
    expect(Object.keys(TABLE).filter((c) => !calls.includes(c)), 'table rows for calls the runtime lacks').to.deep.equal([]);
    for (const [key, row] of Object.entries(TABLE)) {
      if (row.public) continue;
      // a privileged call is tried from every origin: each must be classified
      expect(ORIGINS.filter((o) => expectation(row, o) === undefined), `${key}: unclassified origins`).to.deep.equal([]);
    }
  });

  for (const [key, row] of Object.entries(TABLE)) {
    const tried = ORIGINS.filter((o) => expectation(row, o) !== undefined);
    const right = tried.filter((o) => expectation(row, o)!.outcome === 'ok');
    const wrong = tried.length - right.length;
    const bugs = (row.knownBugs ?? []).map((b) => `${b.origins.length === SIGNED.length ? 'signed origins' : b.origins.join('/')} get ${b.actual}`);
    const title = `${key}: ${row.public ? 'public' : `${row.right ?? right.join(', ')} only`}` +
      `${right.length ? `; ok from ${right.join(', ')}` : ''}; refused from ${wrong} wrong origin(s) and unsigned` +
      `${bugs.length ? ` (known bug: ${bugs.join('; ')})` : ''}`;

    it(title, () => {
      const call = encode(key, row.args(world));
      for (const origin of tried) {
        const { outcome: expected } = expectation(row, origin)!;
        const signer = signerOf(origin);
        const label = `${key} from ${origin}`;
        const r = apply(fromOrigin(origin, call));
        expect(r.outcome, label).to.equal(expected);
        if (expected === 'ok') continue;
        if (r.outcome.startsWith('Invalid.') || r.outcome.startsWith('Unknown.')) {
          expect(r.changed, `${label}: refused before inclusion, yet changed state`).to.deep.equal([]);
          continue;
        }
        // included and failed: only the signer's nonce and fee, and the block's bookkeeping
        const ownAccount = (c: { name: string; key: string }) => c.name === 'System.Account' && c.key.endsWith(u8aToHex(signer.publicKey).slice(2));
        expect(r.changed.filter((c) => !BOOKKEEPING.has(c.name) && !ownAccount(c)).map((c) => c.name), `${label}: changed`).to.deep.equal([]);
        expect(r.events.filter((e) => !REFUSAL_EVENTS.has(e)), `${label}: events`).to.deep.equal([]);
        const [a, b] = [accountOf(r.before, signer), accountOf(r.after, signer)];
        expect(b.nonce, `${label}: nonce`).to.equal(a.nonce + 1);
        expect(a.free - b.free, `${label}: the signer pays the fee, no more`).to.equal(r.fee);
        expect(issuance(r.before) - issuance(r.after), `${label}: the fee is burned`).to.equal(r.fee);
        expect(r.fee > 0n, `${label}: a refused call pays its fee`).to.equal(true);
      }

      // unsigned: refused at validation (there is no unsigned validator) and when applied
      const bare = unsigned(call);
      expect(poolVerdict(bare), `${key} unsigned, in the pool`).to.equal('Unknown.NoUnsignedValidator');
      const r = apply(bare);
      const bug = row.knownBugs?.find((b) => b.origins.includes('unsigned'));
      // Timestamp.set is the one unsigned call (the inherent): a second one in a block is a bad mandatory
      expect(r.outcome, `${key} unsigned, applied`).to.equal(bug?.actual ?? row.unsigned ?? 'Unknown.NoUnsignedValidator');
      expect(r.changed.map((c) => c.name), `${key} unsigned: changed state`).to.deep.equal(bug?.writes ?? []);
    });
  }

  it('an account that cannot pay makes no call at all (Invalid.Payment) and leaves no trace', () => {
    for (const [key, row] of Object.entries(TABLE)) {
      const xt = signed(pauper, encode(key, row.args(world)));
      expect(poolVerdict(xt), `${key} from a pauper, in the pool`).to.equal(row.pool ?? 'Invalid.Payment');
      const r = apply(xt);
      expect(r.outcome, `${key} from a pauper`).to.equal('Invalid.Payment');
      expect(r.changed, `${key} from a pauper: changed state`).to.deep.equal([]);
    }
  });
});
