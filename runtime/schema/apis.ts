/** Runtime API signatures as declared in metadata V15 (the wasm implements them in runtime/assembly/apis). */
import { bool, bytes, compact, enumOf, option, str, struct, tuple, u128, u32, u64, u8, vec, array, type Ty } from './dsl.js';
import { AccountId32, DispatchClass, DispatchError, H256, Header, Weight } from './primitives.js';
import { UncheckedExtrinsic } from './runtime.js';
import { RuntimeVersionTy } from './pallets/system.js';

const OpaqueMetadata = struct(['sp_core', 'OpaqueMetadata'], { 0: bytes });
(OpaqueMetadata as { fields: { name?: string }[] }).fields[0].name = undefined;
const Block = struct(['sp_runtime', 'generic', 'block', 'Block'], { header: Header, extrinsics: vec(UncheckedExtrinsic) });
const InvalidTransaction = enumOf(['sp_runtime', 'transaction_validity', 'InvalidTransaction'], [
  { name: 'Call' }, { name: 'Payment' }, { name: 'Future' }, { name: 'Stale' }, { name: 'BadProof' },
  { name: 'AncientBirthBlock' }, { name: 'ExhaustsResources' }, { name: 'Custom', fields: u8 },
  { name: 'BadMandatory' }, { name: 'MandatoryValidation' }, { name: 'BadSigner' },
]);
const UnknownTransaction = enumOf(['sp_runtime', 'transaction_validity', 'UnknownTransaction'], [
  { name: 'CannotLookup' }, { name: 'NoUnsignedValidator' }, { name: 'Custom', fields: u8 },
]);
export const TransactionValidityError = enumOf(['sp_runtime', 'transaction_validity', 'TransactionValidityError'], [
  { name: 'Invalid', fields: InvalidTransaction },
  { name: 'Unknown', fields: UnknownTransaction },
]);
const res = (ok: Ty, err: Ty): Ty => ({
  kind: 'variant', path: ['Result'], params: [{ name: 'T', type: ok }, { name: 'E', type: err }],
  variants: [{ name: 'Ok', index: 0, fields: [{ type: ok }] }, { name: 'Err', index: 1, fields: [{ type: err }] }],
});
const ApplyExtrinsicResult = res(res(tuple(), DispatchError), TransactionValidityError);
const TransactionSource = enumOf(['sp_runtime', 'transaction_validity', 'TransactionSource'], [{ name: 'InBlock' }, { name: 'Local' }, { name: 'External' }]);
const ValidTransaction = struct(['sp_runtime', 'transaction_validity', 'ValidTransaction'], {
  priority: u64, requires: vec(bytes), provides: vec(bytes), longevity: u64, propagate: bool,
});
const InherentData = struct(['sp_inherents', 'InherentData'], { data: vec(tuple(array(8, u8), bytes)) });
const CheckInherentsResult = struct(['sp_inherents', 'CheckInherentsResult'], { okay: bool, fatal_error: bool, errors: InherentData });
const RuntimeDispatchInfo = struct(['pallet_transaction_payment', 'types', 'RuntimeDispatchInfo'], { weight: Weight, class: DispatchClass, partial_fee: u128 });
const InclusionFee = struct(['pallet_transaction_payment', 'types', 'InclusionFee'], { base_fee: u128, len_fee: u128, adjusted_weight_fee: u128 });
const FeeDetails = struct(['pallet_transaction_payment', 'types', 'FeeDetails'], { inclusion_fee: option(InclusionFee), tip: u128 });
const GrandpaAuthorities = vec(tuple(array(32, u8), u64));
const KeyTypeId = array(4, u8);

type Method = { name: string; inputs: [string, Ty][]; output: Ty; docs: string };
export const RUNTIME_API_METADATA: { name: string; docs: string; methods: Method[] }[] = [
  { name: 'Core', docs: 'The `Core` runtime api that every Substrate runtime needs to implement.', methods: [
    { name: 'version', inputs: [], output: RuntimeVersionTy, docs: 'Returns the version of the runtime.' },
    { name: 'execute_block', inputs: [['block', Block]], output: tuple(), docs: 'Execute the given block.' },
    { name: 'initialize_block', inputs: [['header', Header]], output: tuple(), docs: 'Initialize a block with the given header.' },
  ] },
  { name: 'Metadata', docs: 'The `Metadata` api trait that returns metadata for the runtime.', methods: [
    { name: 'metadata', inputs: [], output: OpaqueMetadata, docs: 'Returns the metadata of a runtime.' },
    { name: 'metadata_at_version', inputs: [['version', u32]], output: option(OpaqueMetadata), docs: 'Returns the metadata at a given version.' },
    { name: 'metadata_versions', inputs: [], output: vec(u32), docs: 'Returns the supported metadata versions.' },
  ] },
  { name: 'BlockBuilder', docs: 'The `BlockBuilder` api trait that provides the required functionality for building a block.', methods: [
    { name: 'apply_extrinsic', inputs: [['extrinsic', UncheckedExtrinsic]], output: ApplyExtrinsicResult, docs: 'Apply the given extrinsic.' },
    { name: 'finalize_block', inputs: [], output: Header, docs: 'Finish the current block.' },
    { name: 'inherent_extrinsics', inputs: [['inherent', InherentData]], output: vec(UncheckedExtrinsic), docs: 'Generate inherent extrinsics.' },
    { name: 'check_inherents', inputs: [['block', Block], ['data', InherentData]], output: CheckInherentsResult, docs: 'Check that the inherents are valid.' },
  ] },
  { name: 'TaggedTransactionQueue', docs: 'The `TaggedTransactionQueue` api trait for interfering with the transaction queue.', methods: [
    { name: 'validate_transaction', inputs: [['source', TransactionSource], ['tx', UncheckedExtrinsic], ['block_hash', H256]], output: res(ValidTransaction, TransactionValidityError), docs: 'Validate the transaction.' },
  ] },
  { name: 'OffchainWorkerApi', docs: 'The offchain worker api.', methods: [
    { name: 'offchain_worker', inputs: [['header', Header]], output: tuple(), docs: 'Starts the off-chain task for given block header.' },
  ] },
  { name: 'AuraApi', docs: 'API necessary for block authorship with aura.', methods: [
    { name: 'slot_duration', inputs: [], output: u64, docs: 'Returns the slot duration for Aura.' },
    { name: 'authorities', inputs: [], output: vec(array(32, u8)), docs: 'Return the current set of authorities.' },
  ] },
  { name: 'GrandpaApi', docs: 'APIs for integrating the GRANDPA finality gadget into runtimes.', methods: [
    { name: 'grandpa_authorities', inputs: [], output: GrandpaAuthorities, docs: 'Get the current GRANDPA authorities and weights.' },
    { name: 'current_set_id', inputs: [], output: u64, docs: 'Get current GRANDPA authority set id.' },
  ] },
  { name: 'SessionKeys', docs: 'Session keys runtime api.', methods: [
    { name: 'generate_session_keys', inputs: [['seed', option(bytes)]], output: bytes, docs: 'Generate a set of session keys with optionally using the given seed.' },
    { name: 'decode_session_keys', inputs: [['encoded', bytes]], output: option(vec(tuple(bytes, KeyTypeId))), docs: 'Decode the given public session keys.' },
  ] },
  { name: 'AccountNonceApi', docs: 'The API to query account nonce.', methods: [
    { name: 'account_nonce', inputs: [['account', AccountId32]], output: u32, docs: 'Get current account nonce of given `AccountId`.' },
  ] },
  { name: 'TransactionPaymentApi', docs: 'The transaction payment API.', methods: [
    { name: 'query_info', inputs: [['uxt', UncheckedExtrinsic], ['len', u32]], output: RuntimeDispatchInfo, docs: 'Fee and weight information of an extrinsic.' },
    { name: 'query_fee_details', inputs: [['uxt', UncheckedExtrinsic], ['len', u32]], output: FeeDetails, docs: 'Fee breakdown of an extrinsic.' },
  ] },
  { name: 'GenesisBuilder', docs: 'API to interact with the genesis config of the runtime (version 2).', methods: [
    { name: 'build_state', inputs: [['json', bytes]], output: res(tuple(), str), docs: 'Build `RuntimeGenesisConfig` from a JSON blob not using any defaults and store it in the storage.' },
    { name: 'get_preset', inputs: [['id', option(bytes)]], output: option(bytes), docs: 'Returns a JSON blob representation of the built-in `RuntimeGenesisConfig` identified by `id`.' },
    { name: 'preset_names', inputs: [], output: vec(bytes), docs: 'Returns a list of identifiers for available builtin `RuntimeGenesisConfig` presets.' },
  ] },
];
void compact;
