//! The runtime API set the node's services are typed against.
//!
//! tfit-node has no Rust runtime: the client's executor is a plain `WasmExecutor`, so every
//! runtime call goes to the wasm in the chain's `:code` by its exported name
//! (`Core_version`, `BlockBuilder_apply_extrinsic`, …). The `impl_runtime_apis!` below only
//! gives the client the trait bounds Aura, Grandpa, the pool and the RPCs ask for; none of
//! its bodies ever runs (polkadot-omni-node uses the same pattern).
#![allow(dead_code, clippy::all)]

use crate::primitives::{AccountId, Balance, Block, Nonce};
use crate::payment::{FeeDetails, RuntimeDispatchInfo};
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_weights::Weight;

sp_api::decl_runtime_apis! {
	/// TF-Chain's `TransactionPaymentApi` (pallet-transaction-payment-rpc-runtime-api),
	/// declared here so the node does not pull in the pallet. A runtime API is identified by
	/// `blake2_64` of the trait's name, so this declaration calls the wasm's
	/// `TransactionPaymentApi_*` exports exactly as the pallet's own would.
	#[api_version(4)]
	pub trait TransactionPaymentApi<Balance> where Balance: codec::Codec {
		fn query_info(uxt: Block::Extrinsic, len: u32) -> RuntimeDispatchInfo<Balance>;
		fn query_fee_details(uxt: Block::Extrinsic, len: u32) -> FeeDetails<Balance>;
		fn query_weight_to_fee(weight: Weight) -> Balance;
		fn query_length_to_fee(length: u32) -> Balance;
	}
}

/// Never instantiated: only its `RuntimeApi` type is used.
pub struct NoNativeRuntime;

sp_api::impl_runtime_apis! {
	impl sp_api::Core<Block> for NoNativeRuntime {
		fn version() -> sp_version::RuntimeVersion { unreachable!() }
		fn execute_block(_: <Block as BlockT>::LazyBlock) { unreachable!() }
		fn initialize_block(_: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode { unreachable!() }
	}

	impl sp_api::Metadata<Block> for NoNativeRuntime {
		fn metadata() -> OpaqueMetadata { unreachable!() }
		fn metadata_at_version(_: u32) -> Option<OpaqueMetadata> { unreachable!() }
		fn metadata_versions() -> Vec<u32> { unreachable!() }
	}

	impl sp_block_builder::BlockBuilder<Block> for NoNativeRuntime {
		fn apply_extrinsic(_: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult { unreachable!() }
		fn finalize_block() -> <Block as BlockT>::Header { unreachable!() }
		fn inherent_extrinsics(_: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> { unreachable!() }
		fn check_inherents(_: <Block as BlockT>::LazyBlock, _: sp_inherents::InherentData) -> sp_inherents::CheckInherentsResult { unreachable!() }
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for NoNativeRuntime {
		fn validate_transaction(_: TransactionSource, _: <Block as BlockT>::Extrinsic, _: <Block as BlockT>::Hash) -> TransactionValidity { unreachable!() }
	}

	impl sp_offchain::OffchainWorkerApi<Block> for NoNativeRuntime {
		fn offchain_worker(_: &<Block as BlockT>::Header) { unreachable!() }
	}

	impl sp_consensus_aura::AuraApi<Block, sp_consensus_aura::sr25519::AuthorityId> for NoNativeRuntime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration { unreachable!() }
		fn authorities() -> Vec<sp_consensus_aura::sr25519::AuthorityId> { unreachable!() }
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for NoNativeRuntime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList { unreachable!() }
		fn current_set_id() -> sp_consensus_grandpa::SetId { unreachable!() }
		fn submit_report_equivocation_unsigned_extrinsic(
			_: sp_consensus_grandpa::EquivocationProof<<Block as BlockT>::Hash, sp_runtime::traits::NumberFor<Block>>,
			_: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> { unreachable!() }
		fn generate_key_ownership_proof(_: sp_consensus_grandpa::SetId, _: sp_consensus_grandpa::AuthorityId) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> { unreachable!() }
	}

	impl sp_session::SessionKeys<Block> for NoNativeRuntime {
		fn generate_session_keys(_: Vec<u8>, _: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys { unreachable!() }
		fn decode_session_keys(_: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> { unreachable!() }
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for NoNativeRuntime {
		fn account_nonce(_: AccountId) -> Nonce { unreachable!() }
	}

	impl self::TransactionPaymentApi<Block, Balance> for NoNativeRuntime {
		fn query_info(_: <Block as BlockT>::Extrinsic, _: u32) -> RuntimeDispatchInfo<Balance> { unreachable!() }
		fn query_fee_details(_: <Block as BlockT>::Extrinsic, _: u32) -> FeeDetails<Balance> { unreachable!() }
		fn query_weight_to_fee(_: Weight) -> Balance { unreachable!() }
		fn query_length_to_fee(_: u32) -> Balance { unreachable!() }
	}
}
