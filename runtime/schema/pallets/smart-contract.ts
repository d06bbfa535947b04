/**
 * TF-Chain's SmartContractModule (pallet_smart_contract): node, name and rent contracts,
 * resource and NRU reports, solution providers and billing, with TF-Chain's names,
 * indices and layouts; plus tfit's Smart-Contract-for-IT extension (stakeholders,
 * approvals, deployments of several contracts, workload state reports), whose calls sit
 * at indices 100+ and whose errors follow TF-Chain's, so they never collide.
 */
import { array, bool, bytes, enumOf, option, struct, u128, u16, u32, u64, u8, unitEnum, vec, type ErrorSpec, type PalletSpec, type Ty } from '../dsl.js';
import { AccountId32 } from '../primitives.js';
import { encU32, encU64 } from '../scale.js';
import { PublicIP, Resources } from './tfgrid.js';

const sc = (...p: string[]) => ['pallet_smart_contract', 'types', ...p];
const HexHash = array(32, u8);

export const Cause = unitEnum(sc('Cause'), ['CanceledByUser', 'OutOfFunds', 'CanceledByCollective']);
export const ContractState = enumOf(sc('ContractState'), [{ name: 'Created' }, { name: 'Deleted', fields: Cause }, { name: 'GracePeriod', fields: u64 }]);
export const NodeContract = struct(sc('NodeContract'), { node_id: u32, deployment_hash: [HexHash, 'HexHash'], deployment_data: bytes, public_ips: u32, public_ips_list: vec(PublicIP) });
export const NameContract = struct(sc('NameContract'), { name: bytes });
export const RentContract = struct(sc('RentContract'), { node_id: u32 });
export const ContractData = enumOf(sc('ContractData'), [
  { name: 'NodeContract', fields: NodeContract }, { name: 'NameContract', fields: NameContract }, { name: 'RentContract', fields: RentContract },
]);
export const Contract = struct(sc('Contract'), { version: u32, state: ContractState, contract_id: u64, twin_id: u32, contract_type: ContractData, solution_provider_id: option(u64) });
const Consumption = struct(sc('Consumption'), { contract_id: u64, timestamp: u64, cru: u64, sru: u64, hru: u64, mru: u64, nru: u64 });
const DiscountLevel = unitEnum(sc('DiscountLevel'), ['None', 'Default', 'Bronze', 'Silver', 'Gold']);
export const ContractBill = struct(sc('ContractBill'), { contract_id: u64, timestamp: u64, discount_level: DiscountLevel, amount_billed: u128 });
export const ContractResources = struct(sc('ContractResources'), { contract_id: u64, used: Resources });
export const NruConsumption = struct(sc('NruConsumption'), { contract_id: u64, timestamp: u64, window: u64, nru: u64 });
const Provider = struct(sc('Provider'), { who: AccountId32, take: u8 });
export const SolutionProvider = struct(sc('SolutionProvider'), { solution_provider_id: u64, providers: vec(Provider), description: bytes, link: bytes, approved: bool });
export const ServiceContractState = unitEnum(sc('ServiceContractState'), ['Created', 'AgreementReady', 'ApprovedByBoth']);
export const ServiceContract = struct(sc('ServiceContract'), {
  service_contract_id: u64, service_twin_id: u32, consumer_twin_id: u32, base_fee: u64, variable_fee: u64, metadata: bytes,
  accepted_by_service: bool, accepted_by_consumer: bool, last_bill: u64, state: ServiceContractState,
});
export const ServiceContractBill = struct(sc('ServiceContractBill'), { variable_amount: u64, window: u64, metadata: bytes });
export const SmartContractStorageVersion = unitEnum(sc('StorageVersion'), ['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8', 'V9', 'V10', 'V11', 'V12']);
export const ContractBillingInformation = struct(sc('ContractBillingInformation'), { previous_nu_reported: u64, last_updated: u64, amount_unbilled: u64 });
export const ContractLock = struct(sc('ContractLock'), { amount_locked: u128, extra_amount_locked: u128, lock_updated: u64, cycles: u16 });
/** TF-Chain 2.9's billing state of a contract: what is reserved on the owner's account and not yet distributed, what is owed, and since when. */
export const ContractPaymentState = struct(sc('ContractPaymentState'), {
  standard_reserve: u128, additional_reserve: u128, standard_overdraft: u128, additional_overdraft: u128, last_updated_seconds: u64, cycles: u16,
});

// ---- the Smart-Contract-for-IT extension ---------------------------------------------
export const ConsensusStatus = unitEnum(sc('ConsensusStatus'), ['Pending', 'Approved', 'Rejected'], {
  Pending: 'Waiting for stakeholders.', Approved: 'The threshold of approvals was reached: nodes may deploy.', Rejected: 'Enough stakeholders rejected that the threshold is unreachable.',
});
export const Rejection = struct(sc('Rejection'), { twin_id: u32, reason: bytes });
export const Consensus = struct(sc('Consensus'), {
  stakeholders: vec(u32), threshold: u32, approvals: vec(u32), rejections: vec(Rejection), status: ConsensusStatus,
});
export const WorkloadState = enumOf(sc('WorkloadState'), [
  { name: 'Deployed', docs: 'The node verified and started the workload.' },
  { name: 'Running', docs: 'The workload runs.' },
  { name: 'Failed', fields: bytes, docs: 'The workload failed, or the node refused it; the reason in UTF-8.' },
]);

/** Bounds, TF-Chain's where it has them. */
export const CONTRACT_LIMITS = {
  billingFrequencyBlocks: 600,
  gracePeriodBlocks: 14 * 24 * 600,
  maxDeploymentDataLength: 512,
  maxNameContractNameLength: 64,
  minNameContractNameLength: 3,
  maxStakeholders: 16,
  maxDeploymentContracts: 32,
  maxReasonLength: 256,
  /** TF-Chain's bounds on a service contract's metadata and a service bill's metadata. */
  maxServiceMetadataLength: 64,
  maxServiceBillMetadataLength: 50,
  /** A service bill covers at most this many seconds since the last (TF-Chain's BillingReferencePeriod). */
  serviceBillingWindowSeconds: 3600,
};

const ERRORS = [
  'TwinNotExists', 'NodeNotExists', 'FarmNotExists', 'FarmHasNotEnoughPublicIPs', 'FarmHasNotEnoughPublicIPsFree', 'FailedToReserveIP',
  'FailedToFreeIPs', 'ContractNotExists', 'TwinNotAuthorizedToUpdateContract', 'TwinNotAuthorizedToCancelContract',
  'NodeNotAuthorizedToDeployContract', 'NodeNotAuthorizedToComputeReport', 'PricingPolicyNotExists', 'ContractIsNotUnique',
  'ContractWrongBillingLoopIndex', 'NameExists', 'NameNotValid', 'InvalidContractType', 'TFTPriceValueError', 'NotEnoughResourcesOnNode',
  'NodeNotAuthorizedToReportResources', 'MethodIsDeprecated', 'NodeHasActiveContracts', 'NodeHasRentContract', 'FarmIsNotDedicated',
  'NodeNotAvailableToDeploy', 'CannotUpdateContractInGraceState', 'NumOverflow', 'OffchainSignedTxCannotSign',
  'OffchainSignedTxAlreadySent', 'OffchainSignedTxNoLocalAccountAvailable', 'NameContractNameTooShort', 'NameContractNameTooLong',
  'InvalidProviderConfiguration', 'NoSuchSolutionProvider', 'SolutionProviderNotApproved', 'TwinNotAuthorized', 'ServiceContractNotExists',
  'ServiceContractCreationNotAllowed', 'ServiceContractModificationNotAllowed', 'ServiceContractApprovalNotAllowed',
  'ServiceContractRejectionNotAllowed', 'ServiceContractBillingNotApprovedByBoth', 'ServiceContractBillingVariableAmountTooHigh',
  'ServiceContractBillMetadataTooLong', 'ServiceContractMetadataTooLong', 'ServiceContractNotEnoughFundsToPayBill', 'CanOnlyIncreaseFrequency',
  'IsNotAnAuthority', 'WrongAuthority', 'UnauthorizedToChangeSolutionProviderId', 'UnauthorizedToSetExtraFee', 'RewardDistributionError',
  'ContractPaymentStateNotExists',
];
const ERROR_DOCS: Record<string, string> = {
  TwinNotExists: 'The account (or a listed stakeholder) has no twin.',
  NodeNotExists: 'No node with this id.',
  ContractNotExists: 'No active contract with this id.',
  TwinNotAuthorizedToUpdateContract: "Only the contract's owner may do this.",
  TwinNotAuthorizedToCancelContract: "Only the contract's owner may cancel it.",
  NodeNotAuthorizedToComputeReport: "Only the contract's node may report for it.",
  NodeNotAuthorizedToReportResources: "Only the contract's node may report its resources.",
  ContractIsNotUnique: 'The node already has a contract with this deployment hash.',
  NameExists: 'The name is taken.',
  NameNotValid: 'Names use lowercase letters, digits, `-` and `_`.',
  NameContractNameTooShort: 'Names are at least 3 bytes.',
  NameContractNameTooLong: 'Names are at most 64 bytes.',
  NodeNotAvailableToDeploy: 'The node is on standby (powered down, or its target is down) or rented by someone else.',
  NodeHasActiveContracts: 'The node has active contracts.',
  NodeHasRentContract: 'The node is already rented.',
  FarmHasNotEnoughPublicIPs: "The node's farm has fewer public IPs than requested.",
  FarmHasNotEnoughPublicIPsFree: "The node's farm has too few free public IPs.",
  InvalidProviderConfiguration: 'Providers take at most 50 % in total.',
  NoSuchSolutionProvider: 'No solution provider with this id.',
  SolutionProviderNotApproved: 'The solution provider is not approved yet.',
  InvalidContractType: 'The call does not apply to this kind of contract.',
};
const EXTENSION_ERRORS: ErrorSpec[] = [
  { name: 'ApprovalAlreadyStarted', docs: 'Stakeholders cannot change once a stakeholder approved or rejected.' },
  { name: 'DuplicateStakeholder', docs: 'A twin is listed twice.' },
  { name: 'InvalidThreshold', docs: 'The threshold must be between 1 and the number of stakeholders.' },
  { name: 'TooManyStakeholders', docs: `At most ${CONTRACT_LIMITS.maxStakeholders} stakeholders.` },
  { name: 'NotAStakeholder', docs: "The caller's twin is not a stakeholder of this contract." },
  { name: 'AlreadyVoted', docs: 'This stakeholder already approved or rejected.' },
  { name: 'ConsensusAlreadyReached', docs: 'The contract is already approved.' },
  { name: 'ContractRejected', docs: 'The contract was rejected by its stakeholders: it is terminal.' },
  { name: 'AwaitingApproval', docs: 'The stakeholders have not approved the contract yet.' },
  { name: 'IllegalWorkloadTransition', docs: 'Workload states go deployed → running, and deployed or running → failed.' },
  { name: 'ReasonTooLong', docs: `Reasons are at most ${CONTRACT_LIMITS.maxReasonLength} bytes.` },
  { name: 'InvalidDeployment', docs: "A deployment groups 2 to 32 of the caller's own node contracts, not yet grouped and with no stakeholders." },
  { name: 'NoStakeholders', docs: 'The contract has no stakeholders to approve it.' },
  { name: 'AlreadyDeployed', docs: 'A node already reported this workload: stakeholders can no longer be added.' },
  { name: 'DeploymentDataTooLong', docs: `Deployment data is at most ${CONTRACT_LIMITS.maxDeploymentDataLength} bytes.` },
  { name: 'MoveToSameNode', docs: 'A contract moves to another node than its own.' },
]; 

const C: [Ty, string] = [u64, 'u64'];

export const SmartContractModule: PalletSpec = {
  name: 'SmartContractModule',
  index: 26,
  rustPath: 'pallet_smart_contract',
  docs: 'Contracts between twins and nodes, their billing, and their stakeholder consensus.',
  calls: [
    { name: 'create_node_contract', index: 0, args: { node_id: u32, deployment_hash: [HexHash, 'HexHash'], deployment_data: [bytes, 'DeploymentDataInput<T>'], public_ips: u32, solution_provider_id: option(u64) }, weight: 1_204_197_000n, docs: 'Create a contract for a deployment on a node.' },
    { name: 'update_node_contract', index: 1, args: { contract_id: C, deployment_hash: [HexHash, 'HexHash'], deployment_data: [bytes, 'DeploymentDataInput<T>'] }, weight: 502_472_000n, docs: "Replace a node contract's deployment (owner only, not while awaiting approval)." },
    { name: 'cancel_contract', index: 2, args: { contract_id: C }, weight: 986_346_000n, docs: 'Cancel a contract (owner only): bills what is due, frees IPs, tells the node.' },
    { name: 'create_name_contract', index: 4, args: { name: [bytes, 'T::NameContractName'] }, weight: 675_658_000n, docs: 'Reserve a unique name.' },
    { name: 'add_nru_reports', index: 5, args: { reports: vec(NruConsumption) }, weight: 313_763_000n, paysFee: 'unlessSucceeds', docs: "A node reports its contracts' public traffic (only its own contracts). Free when accepted." },
    { name: 'report_contract_resources', index: 6, args: { contract_resources: vec(ContractResources) }, weight: 198_485_000n, paysFee: 'unlessSucceeds', docs: "A node reports the resources its contracts use (only its own contracts). Free when accepted." },
    { name: 'create_rent_contract', index: 7, args: { node_id: u32, solution_provider_id: option(u64) }, weight: 760_417_000n, docs: 'Rent a whole node.' },
    { name: 'create_solution_provider', index: 8, args: { description: bytes, link: bytes, providers: vec(Provider) }, weight: 235_560_000n, docs: 'Register a solution provider (approved by root).' },
    { name: 'approve_solution_provider', index: 9, args: { solution_provider_id: u64, approve: bool }, weight: 138_535_000n, docs: 'Approve or disapprove a solution provider. Root or a 3/5 council motion.' },
    { name: 'bill_contract_for_block', index: 10, args: { contract_id: C }, weight: 881_735_000n, docs: 'Bill a contract for the time since its last bill (anyone may call; tfit also bills every BillingFrequency blocks).' },
    // service contracts between a service (a solution provider's twin) and a consumer (service-contracts.ts)
    { name: 'service_contract_create', index: 11, args: { service_account: AccountId32, consumer_account: AccountId32 }, weight: 294_386_000n, docs: 'The service or the consumer opens a service contract between their two twins.' },
    { name: 'service_contract_set_metadata', index: 12, args: { service_contract_id: u64, metadata: bytes }, weight: 167_293_000n, docs: `Either party sets the metadata (at most ${CONTRACT_LIMITS.maxServiceMetadataLength} bytes) until both approved.` },
    { name: 'service_contract_set_fees', index: 13, args: { service_contract_id: u64, base_fee: u64, variable_fee: u64 }, weight: 166_732_000n, docs: 'The service sets its base fee and its most variable fee (mUSD per hour) until both approved.' },
    { name: 'service_contract_approve', index: 14, args: { service_contract_id: u64 }, weight: 167_292_000n, docs: 'Either party approves a contract whose metadata and fees are set; when both have, billing starts.' },
    { name: 'service_contract_reject', index: 15, args: { service_contract_id: u64 }, weight: 168_014_000n, docs: 'Either party rejects an agreement that is ready: the contract is removed.' },
    { name: 'service_contract_cancel', index: 16, args: { service_contract_id: u64 }, weight: 166_662_000n, docs: 'Either party cancels the contract, in any state.' },
    { name: 'service_contract_bill', index: 17, args: { service_contract_id: u64, variable_amount: u64, metadata: bytes }, weight: 281_189_000n, docs: 'The service bills the consumer for the time since the last bill (at most one hour): the base fee pro rata plus a variable amount up to the variable fee pro rata, at the TFT price.' },
    { name: 'change_billing_frequency', index: 18, args: { frequency: u64 }, weight: 133_076_000n, docs: 'Raise BillingFrequency (it can only increase). Root or a 3/5 council motion.' },
    { name: 'attach_solution_provider_id', index: 19, args: { contract_id: C, solution_provider_id: u64 }, weight: 197_462_000n, docs: "The owner attaches an approved solution provider to a contract that has none." },
    { name: 'set_dedicated_node_extra_fee', index: 20, args: { node_id: u32, extra_fee: u64 }, weight: 248_775_000n, docs: "The farmer sets a node's extra fee (mUSD per month) while the node has no contracts: a node with a fee is rented whole, and its renter pays the fee to the farmer." },
    { name: 'cancel_contract_collective', index: 21, args: { contract_id: C }, weight: 984_413_000n, docs: 'Cancel any contract, billing what is due (CanceledByCollective). Root or a 3/5 council motion.' },
    // tfit's Smart-Contract-for-IT extension
    { name: 'add_stakeholders', index: 100, args: { contract_id: C, twins: vec(u32), threshold: u32 }, weight: 50_000_000n, docs: 'Owner only, before any approval: the twins whose approvals (at least `threshold`) a node needs before it deploys the contract (or its whole deployment).' },
    { name: 'approve_contract', index: 101, args: { contract_id: C }, weight: 50_000_000n, docs: 'A stakeholder approves the contract (and its whole deployment); at the threshold it is approved.' },
    { name: 'reject_contract', index: 102, args: { contract_id: C, reason: bytes }, weight: 60_000_000n, docs: 'A stakeholder rejects; when the threshold becomes unreachable the contract (or deployment) is rejected and canceled, unbilled.' },
    { name: 'report_workload_state', index: 103, args: { contract_id: C, state: WorkloadState }, weight: 40_000_000n, docs: "The contract's node reports its workload: deployed, running or failed (with a reason). Only after approval; deployed starts billing." },
    { name: 'create_deployment', index: 104, args: { contract_ids: vec(u64) }, weight: 60_000_000n, docs: "Group the caller's node contracts (on several nodes) into one deployment that stakeholders approve as one unit. Its id is its first contract's id." },
    { name: 'move_contract', index: 105, args: { contract_id: C, node_id: u32 }, weight: 1_900_000_000n, docs: "Owner only (self-healing): the node contract's deployment moves to `node_id` as a new contract in the same approval unit (same deployment hash, data and public IP count, so the stakeholders' approval carries over); the old contract is billed to now and canceled. Refused while the unit awaits approval or once it is rejected." },
  ],
  events: [
    { name: 'ContractCreated', fields: { _0: Contract }, docs: 'A contract got created.' },
    { name: 'ContractUpdated', fields: { _0: Contract }, docs: 'A contract was updated.' },
    { name: 'NodeContractCanceled', fields: { contract_id: u64, node_id: u32, twin_id: u32 }, docs: 'A node contract was canceled.' },
    { name: 'NameContractCanceled', fields: { contract_id: u64 }, docs: 'A name contract was canceled.' },
    { name: 'IPsReserved', fields: { contract_id: u64, public_ips: vec(PublicIP) }, docs: 'Public IPs were reserved for a contract.' },
    { name: 'IPsFreed', fields: { contract_id: u64, public_ips: vec(PublicIP) }, docs: "A contract's public IPs were freed." },
    { name: 'ContractDeployed', fields: { _0: u64, _1: AccountId32 }, docs: 'A contract was deployed.' },
    { name: 'ConsumptionReportReceived', fields: { _0: Consumption }, docs: 'Deprecated.' },
    { name: 'ContractBilled', fields: { _0: ContractBill }, docs: 'A contract was billed.' },
    { name: 'TokensBurned', fields: { contract_id: u64, amount: u128 }, docs: 'Tokens were burned.' },
    { name: 'UpdatedUsedResources', fields: { _0: ContractResources }, docs: "A contract's used resources were reported." },
    { name: 'NruConsumptionReportReceived', fields: { _0: NruConsumption }, docs: "A contract's NRU consumption was reported." },
    { name: 'RentContractCanceled', fields: { contract_id: u64 }, docs: 'A rent contract was canceled.' },
    { name: 'ContractGracePeriodStarted', fields: { contract_id: u64, node_id: u32, twin_id: u32, block_number: u64 }, docs: "The owner cannot pay: the contract's grace period started." },
    { name: 'ContractGracePeriodEnded', fields: { contract_id: u64, node_id: u32, twin_id: u32 }, docs: 'The owner paid again: the grace period ended.' },
    { name: 'SolutionProviderCreated', fields: { _0: SolutionProvider }, docs: 'A solution provider was registered.' },
    { name: 'SolutionProviderApproved', fields: { _0: u64, _1: bool }, docs: 'A solution provider was approved or disapproved.' },
    { name: 'ServiceContractCreated', fields: { _0: ServiceContract }, docs: 'A service contract was created.' },
    { name: 'ServiceContractMetadataSet', fields: { _0: ServiceContract }, docs: "A service contract's metadata was set." },
    { name: 'ServiceContractFeesSet', fields: { _0: ServiceContract }, docs: "A service contract's fees were set." },
    { name: 'ServiceContractApproved', fields: { _0: ServiceContract }, docs: 'A party approved a service contract.' },
    { name: 'ServiceContractCanceled', fields: { service_contract_id: u64, cause: Cause }, docs: 'A service contract was canceled or rejected.' },
    { name: 'ServiceContractBilled', fields: { service_contract: ServiceContract, bill: ServiceContractBill, amount: u128 }, docs: 'The service billed the consumer (amount in TFT units).' },
    { name: 'BillingFrequencyChanged', fields: { _0: u64 }, docs: 'BillingFrequency was raised.' },
    { name: 'NodeExtraFeeSet', fields: { node_id: u32, extra_fee: u64 }, docs: "A node's extra fee was set." },
    { name: 'RentWaived', fields: { contract_id: u64 }, docs: 'A rent contract was not billed: its node is on standby.' },
    { name: 'ContractGracePeriodElapsed', fields: { contract_id: u64, grace_period: u64 }, docs: 'The grace period elapsed: the contract was deleted.' },
    { name: 'ContractPaymentOverdrawn', fields: { contract_id: u64, timestamp: u64, partially_billed_amount: u128, overdraft: u128 }, docs: 'The owner could not pay a bill: what could be reserved was, the rest is owed.' },
    { name: 'RewardDistributed', fields: { contract_id: u64, standard_rewards: u128, additional_rewards: u128 }, docs: "What a contract's bills reserved was paid out: staking pool 10 %, farmer 50 % and foundation 40 % (a name contract's: foundation 90 %)." },
    // tfit's extension: appended after TF-Chain's events
    { name: 'StakeholdersSet', fields: { contract_id: u64, twins: vec(u32), threshold: u32 }, docs: 'The stakeholders of a contract (or deployment) were set.' },
    { name: 'ContractApprovedBy', fields: { contract_id: u64, twin_id: u32, approvals: u32, threshold: u32 }, docs: 'A stakeholder approved.' },
    { name: 'ContractRejectedBy', fields: { contract_id: u64, twin_id: u32, reason: bytes }, docs: 'A stakeholder rejected.' },
    { name: 'ContractApproved', fields: { contract_id: u64 }, docs: 'The threshold was reached: the contract (or deployment) is approved.' },
    { name: 'ContractRejected', fields: { contract_id: u64 }, docs: 'The threshold became unreachable: the contract (or deployment) is rejected and canceled.' },
    { name: 'WorkloadStateReported', fields: { contract_id: u64, node_id: u32, state: WorkloadState }, docs: "A node reported a contract's workload state." },
    { name: 'DeploymentCreated', fields: { deployment_id: u64, contract_ids: vec(u64) }, docs: 'Contracts were grouped into one deployment (id: its first contract).' },
    { name: 'ContractMoved', fields: { deployment_id: u64, old_contract_id: u64, new_contract_id: u64, from_node: u32, to_node: u32 }, docs: "A deployment's contract moved to another node (move_contract): the new contract joined the approval unit, the old one was canceled." },
  ],
  errors: [...ERRORS.map((name) => ({ name, docs: ERROR_DOCS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() })), ...EXTENSION_ERRORS],
  storage: [
    { name: 'Contracts', keys: [[u64, 'Blake2_128Concat']], value: Contract, modifier: 'Optional', docs: 'Active contracts by id.' },
    { name: 'ContractBillingInformationByID', keys: [[u64, 'Blake2_128Concat']], value: ContractBillingInformation, modifier: 'Default', docs: 'When each contract was last billed.' },
    { name: 'NodeContractResources', keys: [[u64, 'Blake2_128Concat']], value: ContractResources, modifier: 'Default', docs: 'Resources each node contract uses, as its node reported.' },
    { name: 'ContractIDByNodeIDAndHash', keys: [[u32, 'Blake2_128Concat'], [HexHash, 'Blake2_128Concat']], value: u64, modifier: 'Default', docs: 'Node contract id by node and deployment hash.' },
    { name: 'ActiveNodeContracts', keys: [[u32, 'Blake2_128Concat']], value: vec(u64), modifier: 'Default', docs: "Each node's active node contracts." },
    { name: 'ContractsToBillAt', keys: [[u64, 'Blake2_128Concat']], value: vec(u64), modifier: 'Default', docs: 'Contracts billed at each index of the billing loop (block number modulo BillingFrequency).' },
    { name: 'ContractLock', keys: [[u64, 'Blake2_128Concat']], value: ContractLock, modifier: 'Default', docs: "TF-Chain's billing state before 2.9 (locks); kept for its layout, no longer written." },
    { name: 'ContractPaymentState', keys: [[u64, 'Blake2_128Concat']], value: ContractPaymentState, modifier: 'Optional', docs: 'Billing state per contract: reserved on the owner and not yet distributed, overdraft, last billed (seconds), cycles since the last distribution.' },
    { name: 'ContractIDByNameRegistration', keys: [[bytes, 'Blake2_128Concat']], value: u64, modifier: 'Default', docs: 'Name contract id by name.' },
    { name: 'ActiveRentContractForNode', keys: [[u32, 'Blake2_128Concat']], value: u64, modifier: 'Optional', docs: "A node's rent contract." },
    { name: 'ContractID', value: u64, modifier: 'Default', docs: 'The last contract id.' },
    { name: 'SolutionProviders', keys: [[u64, 'Blake2_128Concat']], value: SolutionProvider, modifier: 'Optional', docs: 'Solution providers by id.' },
    { name: 'SolutionProviderID', value: u64, modifier: 'Default', docs: 'The last solution provider id.' },
    { name: 'BillingFrequency', value: u64, modifier: 'Default', docs: 'Blocks between two bills of a contract (600 if unset).' },
    { name: 'ServiceContracts', keys: [[u64, 'Blake2_128Concat']], value: ServiceContract, modifier: 'Optional', docs: 'Service contracts by id.' },
    { name: 'ServiceContractID', value: u64, modifier: 'Default', docs: 'The last service contract id.' },
    { name: 'DedicatedNodesExtraFee', keys: [[u32, 'Blake2_128Concat']], value: u64, modifier: 'Default', docs: "Each node's extra fee, mUSD per month (a node with one is rented whole)." },
    { name: 'CurrentMigrationStage', value: u8, modifier: 'Optional', docs: "TF-Chain's multi-block migration stage (none: no migration runs)." },
    { name: 'PalletVersion', value: SmartContractStorageVersion, modifier: 'Default', docs: "The pallet's storage version (V12 at genesis)." },
    // tfit's extension
    { name: 'ContractConsensus', keys: [[u64, 'Blake2_128Concat']], value: Consensus, modifier: 'Optional', docs: "Stakeholders, approvals and status of a contract or deployment (keyed by its id; a deployment's id is its first contract)." },
    { name: 'DeploymentOf', keys: [[u64, 'Blake2_128Concat']], value: u64, modifier: 'Optional', docs: "The deployment a node contract belongs to (absent: it stands alone)." },
    { name: 'DeploymentContracts', keys: [[u64, 'Blake2_128Concat']], value: vec(u64), modifier: 'Default', docs: "A deployment's contracts." },
    { name: 'ContractWorkloadState', keys: [[u64, 'Blake2_128Concat']], value: WorkloadState, modifier: 'Optional', docs: "A node contract's workload state, as its node reported (absent: not deployed yet)." },
  ],
  constants: [
    { name: 'BillingFrequency', type: u64, value: encU64(BigInt(CONTRACT_LIMITS.billingFrequencyBlocks)), docs: 'Blocks between two bills of a contract.' },
    { name: 'GracePeriod', type: u64, value: encU64(BigInt(CONTRACT_LIMITS.gracePeriodBlocks)), docs: 'Blocks a contract may stay unpaid before it is deleted.' },
    { name: 'MaxDeploymentDataLength', type: u32, value: encU32(CONTRACT_LIMITS.maxDeploymentDataLength), docs: 'Longest deployment data, in bytes.' },
    { name: 'MaxNameContractNameLength', type: u32, value: encU32(CONTRACT_LIMITS.maxNameContractNameLength), docs: 'Longest name, in bytes.' },
    { name: 'MaxStakeholders', type: u32, value: encU32(CONTRACT_LIMITS.maxStakeholders), docs: 'tfit: most stakeholders a contract may have.' },
  ],
};
