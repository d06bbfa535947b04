/** Types shared by every pallet, with the paths and layouts TF-Chain's metadata uses. */
import {
  array, bytes, compact, enumOf, newtype, struct, u128, u32, u64, u8, unitEnum, vec, type Ty,
} from './dsl.js';

export const AccountId32 = newtype(['sp_core', 'crypto', 'AccountId32'], array(32, u8), '[u8; 32]');
export const H256 = newtype(['primitive_types', 'H256'], array(32, u8), '[u8; 32]');
export const BlockNumber = u32;
export const Balance = u128;
export const Moment = u64;

export const MultiAddress = enumOf(
  ['sp_runtime', 'multiaddress', 'MultiAddress'],
  [
    { name: 'Id', fields: AccountId32 },
    { name: 'Index', fields: compact({ kind: 'tuple', of: [] }) },
    { name: 'Raw', fields: bytes },
    { name: 'Address32', fields: array(32, u8) },
    { name: 'Address20', fields: array(20, u8) },
  ],
  { params: [{ name: 'AccountId', type: AccountId32 }, { name: 'AccountIndex', type: { kind: 'tuple', of: [] } }] },
);

export const Ed25519Signature = newtype(['sp_core', 'ed25519', 'Signature'], array(64, u8), '[u8; 64]');
export const Sr25519Signature = newtype(['sp_core', 'sr25519', 'Signature'], array(64, u8), '[u8; 64]');
export const EcdsaSignature = newtype(['sp_core', 'ecdsa', 'Signature'], array(65, u8), '[u8; 65]');
export const MultiSignature = enumOf(['sp_runtime', 'MultiSignature'], [
  { name: 'Ed25519', fields: Ed25519Signature },
  { name: 'Sr25519', fields: Sr25519Signature },
  { name: 'Ecdsa', fields: EcdsaSignature },
]);

export const Weight = struct(['sp_weights', 'weight_v2', 'Weight'], {
  ref_time: compact(u64),
  proof_size: compact(u64),
});
export const DispatchClass = unitEnum(['frame_support', 'dispatch', 'DispatchClass'], ['Normal', 'Operational', 'Mandatory']);
export const Pays = unitEnum(['frame_support', 'dispatch', 'Pays'], ['Yes', 'No']);
export const DispatchInfo = struct(['frame_support', 'dispatch', 'DispatchInfo'], {
  weight: Weight,
  class: DispatchClass,
  pays_fee: Pays,
});

export const ModuleError = struct(['sp_runtime', 'ModuleError'], { index: u8, error: array(4, u8) });
export const TokenError = unitEnum(['sp_runtime', 'TokenError'], [
  'FundsUnavailable', 'OnlyProvider', 'BelowMinimum', 'CannotCreate', 'UnknownAsset',
  'Frozen', 'Unsupported', 'CannotCreateHold', 'NotExpendable', 'Blocked',
]);
export const ArithmeticError = unitEnum(['sp_arithmetic', 'ArithmeticError'], ['Underflow', 'Overflow', 'DivisionByZero']);
export const TransactionalError = unitEnum(['sp_runtime', 'TransactionalError'], ['LimitReached', 'NoLayer']);
export const DispatchError = enumOf(['sp_runtime', 'DispatchError'], [
  { name: 'Other' },
  { name: 'CannotLookup' },
  { name: 'BadOrigin' },
  { name: 'Module', fields: ModuleError },
  { name: 'ConsumerRemaining' },
  { name: 'NoProviders' },
  { name: 'TooManyConsumers' },
  { name: 'Token', fields: TokenError },
  { name: 'Arithmetic', fields: ArithmeticError },
  { name: 'Transactional', fields: TransactionalError },
  { name: 'Exhausted' },
  { name: 'Corruption' },
  { name: 'Unavailable' },
  { name: 'RootNotAllowed' },
]);

/** `Result<(), DispatchError>` as carried by events such as `Sudid`. */
export const DispatchResult: Ty = {
  kind: 'variant',
  path: ['Result'],
  params: [{ name: 'T', type: { kind: 'tuple', of: [] } }, { name: 'E', type: DispatchError }],
  variants: [
    { name: 'Ok', index: 0, fields: [{ type: { kind: 'tuple', of: [] } }] },
    { name: 'Err', index: 1, fields: [{ type: DispatchError }] },
  ],
};

export const DigestItem = enumOf(['sp_runtime', 'generic', 'digest', 'DigestItem'], [
  { name: 'Other', index: 0, fields: bytes },
  { name: 'Consensus', index: 4, fields: [array(4, u8), bytes] },
  { name: 'Seal', index: 5, fields: [array(4, u8), bytes] },
  { name: 'PreRuntime', index: 6, fields: [array(4, u8), bytes] },
  { name: 'RuntimeEnvironmentUpdated', index: 8 },
]);
export const Digest = struct(['sp_runtime', 'generic', 'digest', 'Digest'], { logs: vec(DigestItem) });

export const Header = struct(['sp_runtime', 'generic', 'header', 'Header'], {
  parent_hash: H256,
  number: compact(u32),
  state_root: H256,
  extrinsics_root: H256,
  digest: Digest,
});
