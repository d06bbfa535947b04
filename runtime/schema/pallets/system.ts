import { array, bool, bytes, compact, enumOf, str, struct, tuple, u128, u16, u32, u64, u8, vec, type PalletSpec } from '../dsl.js';
import { AccountId32, Digest, DispatchError, DispatchInfo, H256, Weight } from '../primitives.js';
import { RuntimeEvent } from '../outer.js';
import { concat, encCompact, encU16, encU32 } from '../scale.js';
import { VERSION } from '../version.js';

export const AccountData = struct(['pallet_balances', 'types', 'AccountData'], {
  free: u128,
  reserved: u128,
  frozen: u128,
  flags: u128,
});
export const AccountInfo = struct(['frame_system', 'AccountInfo'], {
  nonce: u32,
  consumers: u32,
  providers: u32,
  sufficients: u32,
  data: AccountData,
});
export const Phase = enumOf(['frame_system', 'Phase'], [
  { name: 'ApplyExtrinsic', fields: u32 },
  { name: 'Finalization' },
  { name: 'Initialization' },
]);
export const EventRecord = struct(['frame_system', 'EventRecord'], { phase: Phase, event: RuntimeEvent, topics: vec(H256) }, {
  params: [{ name: 'E', type: RuntimeEvent }, { name: 'T', type: H256 }],
});
export const PerDispatchClassWeight = struct(['frame_support', 'dispatch', 'PerDispatchClass'], {
  normal: Weight,
  operational: Weight,
  mandatory: Weight,
}, { params: [{ name: 'T', type: Weight }] });
export const LastRuntimeUpgradeInfo = struct(['frame_system', 'LastRuntimeUpgradeInfo'], {
  spec_version: compact(u32),
  spec_name: str,
});
export const RuntimeVersionTy = struct(['sp_version', 'RuntimeVersion'], {
  spec_name: str,
  impl_name: str,
  authoring_version: u32,
  spec_version: u32,
  impl_version: u32,
  apis: vec(tuple(array(8, u8), u32)),
  transaction_version: u32,
  state_version: u8,
});

/** frame_system: accounts, nonces, block bookkeeping, events, and root-only chain maintenance. */
export const System: PalletSpec = {
  name: 'System',
  index: 0,
  rustPath: 'frame_system',
  docs: 'Accounts, nonces, block bookkeeping, events and chain maintenance.',
  calls: [
    { name: 'remark', index: 0, args: { remark: bytes }, weight: 2_000_000n, docs: 'Make some on-chain remark. Any signed origin.' },
    { name: 'set_heap_pages', index: 1, args: { pages: u64 }, weight: 2_000_000n, dispatchClass: 1, docs: 'Set the number of pages in the WebAssembly environment\'s heap. Root only.' },
    { name: 'set_code', index: 2, args: { code: bytes }, weight: 500_000_000n, dispatchClass: 1, docs: 'Set the new runtime code. Root only; the new code must declare the same spec name and a higher spec version.' },
    { name: 'set_code_without_checks', index: 3, args: { code: bytes }, weight: 500_000_000n, dispatchClass: 1, docs: 'Set the new runtime code without doing any checks of the given `code`. Root only.' },
    { name: 'set_storage', index: 4, args: { items: vec(tuple(bytes, bytes)) }, weight: 10_000_000n, dispatchClass: 1, docs: 'Set some items of storage. Root only.' },
    { name: 'kill_storage', index: 5, args: { keys: vec(bytes) }, weight: 10_000_000n, dispatchClass: 1, docs: 'Kill some items from storage. Root only.' },
    { name: 'kill_prefix', index: 6, args: { prefix: bytes, subkeys: u32 }, weight: 10_000_000n, dispatchClass: 1, docs: 'Kill all storage items with a key that starts with the given prefix. Root only.' },
    { name: 'remark_with_event', index: 7, args: { remark: bytes }, weight: 5_000_000n, docs: 'Make some on-chain remark and emit an event. Any signed origin.' },
  ],
  events: [
    { name: 'ExtrinsicSuccess', fields: { dispatch_info: DispatchInfo }, docs: 'An extrinsic completed successfully.' },
    { name: 'ExtrinsicFailed', fields: { dispatch_error: DispatchError, dispatch_info: DispatchInfo }, docs: 'An extrinsic failed.' },
    { name: 'CodeUpdated', fields: {}, docs: '`:code` was updated.' },
    { name: 'NewAccount', fields: { account: [AccountId32, 'T::AccountId'] }, docs: 'A new account was created.' },
    { name: 'KilledAccount', fields: { account: [AccountId32, 'T::AccountId'] }, docs: 'An account was reaped.' },
    { name: 'Remarked', fields: { sender: [AccountId32, 'T::AccountId'], hash: [H256, 'T::Hash'] }, docs: 'On on-chain remark happened.' },
  ],
  errors: [
    { name: 'InvalidSpecName', docs: 'The name of specification does not match between the current runtime and the new runtime.' },
    { name: 'SpecVersionNeedsToIncrease', docs: 'The specification version is not allowed to decrease between the current runtime and the new runtime.' },
    { name: 'FailedToExtractRuntimeVersion', docs: 'Failed to extract the runtime version from the new runtime.' },
    { name: 'NonDefaultComposite', docs: 'Suicide called when the account has non-default composite data.' },
    { name: 'NonZeroRefCount', docs: 'There is a non-zero reference count preventing the account from being purged.' },
    { name: 'CallFiltered', docs: 'The origin filter prevent the call to be dispatched.' },
  ],
  storage: [
    { name: 'Account', keys: [[AccountId32, 'Blake2_128Concat']], value: AccountInfo, modifier: 'Default', docs: 'The full account information for a particular account ID.' },
    { name: 'ExtrinsicCount', value: u32, modifier: 'Optional', docs: 'Total extrinsics count for the current block.' },
    { name: 'BlockWeight', value: PerDispatchClassWeight, modifier: 'Default', docs: 'The current weight for the block.' },
    { name: 'AllExtrinsicsLen', value: u32, modifier: 'Optional', docs: 'Total length (in bytes) for all extrinsics put together, for the current block.' },
    { name: 'BlockHash', keys: [[u32, 'Twox64Concat']], value: H256, modifier: 'Default', docs: 'Map of block numbers to block hashes.' },
    { name: 'ExtrinsicData', keys: [[u32, 'Twox64Concat']], value: bytes, modifier: 'Default', docs: 'Extrinsics data for the current block (maps an extrinsic\'s index to its data).' },
    { name: 'Number', value: u32, modifier: 'Default', docs: 'The current block number being processed. Set by `execute_block`.' },
    { name: 'ParentHash', value: H256, modifier: 'Default', docs: 'Hash of the previous block.' },
    { name: 'Digest', value: Digest, modifier: 'Default', docs: 'Digest of the current block, also part of the block header.' },
    { name: 'Events', value: vec(EventRecord), modifier: 'Default', docs: 'Events deposited for the current block.' },
    { name: 'EventCount', value: u32, modifier: 'Default', docs: 'The number of events in the `Events<T>` list.' },
    { name: 'EventTopics', keys: [[H256, 'Blake2_128Concat']], value: vec(tuple(u32, u32)), modifier: 'Default', docs: 'Mapping between a topic and a list of events (block number, index) with that topic.' },
    { name: 'LastRuntimeUpgrade', value: LastRuntimeUpgradeInfo, modifier: 'Optional', docs: 'Stores the `spec_version` and `spec_name` of when the last runtime upgrade happened.' },
    { name: 'UpgradedToU32RefCount', value: bool, modifier: 'Default', docs: 'True if we have upgraded so that `type RefCount` is `u32`.' },
    { name: 'UpgradedToTripleRefCount', value: bool, modifier: 'Default', docs: 'True if we have upgraded so that AccountInfo contains three types of `RefCount`.' },
    { name: 'ExecutionPhase', value: Phase, modifier: 'Optional', docs: 'The execution phase of the block.' },
  ],
  constants: [
    { name: 'BlockWeights', type: struct(['frame_system', 'limits', 'BlockWeights'], { base_block: Weight, max_block: Weight }), value: concat(encCompact(VERSION.blockBaseWeight), encCompact(0n), encCompact(VERSION.maxBlockWeight), encCompact(VERSION.maxBlockProof)), docs: 'Block & extrinsics weights: base values and limits.' },
    { name: 'BlockLength', type: struct(['frame_system', 'limits', 'BlockLength'], { max: u32 }), value: encU32(VERSION.maxBlockLength), docs: 'The maximum length of a block (in bytes).' },
    { name: 'BlockHashCount', type: u32, value: encU32(VERSION.blockHashCount), docs: 'Maximum number of block number to block hash mappings to keep (oldest pruned first).' },
    { name: 'Version', type: RuntimeVersionTy, value: VERSION.encoded(), docs: 'Get the chain\'s current version.' },
    { name: 'SS58Prefix', type: u16, value: encU16(VERSION.ss58Prefix), docs: 'The designated SS58 prefix of this chain.' },
  ],
};
