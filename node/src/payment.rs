//! `payment_queryInfo` / `payment_queryFeeDetails`: TF-Chain's fee RPCs, answered by the wasm's
//! `TransactionPaymentApi`. The types mirror pallet-transaction-payment's SCALE layouts so the
//! node needs no FRAME pallet.
use crate::primitives::{Balance, Block};
use crate::runtime_api::TransactionPaymentApi as _;
use codec::{Decode, Encode};
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use serde_json::{json, Value};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::Bytes;
use sp_runtime::traits::Block as BlockT;
use sp_weights::Weight;
use std::sync::Arc;

/// frame_support's `DispatchClass`.
#[derive(Encode, Decode, Clone, Copy, Debug, PartialEq, Eq, scale_info::TypeInfo)]
pub enum DispatchClass {
	Normal,
	Operational,
	Mandatory,
}

/// pallet-transaction-payment's `RuntimeDispatchInfo` (Weight v2).
#[derive(Encode, Decode, Clone, Debug, PartialEq, Eq, scale_info::TypeInfo)]
pub struct RuntimeDispatchInfo<Balance> {
	pub weight: Weight,
	pub class: DispatchClass,
	pub partial_fee: Balance,
}

#[derive(Encode, Decode, Clone, Debug, PartialEq, Eq, scale_info::TypeInfo)]
pub struct InclusionFee<Balance> {
	pub base_fee: Balance,
	pub len_fee: Balance,
	pub adjusted_weight_fee: Balance,
}

#[derive(Encode, Decode, Clone, Debug, PartialEq, Eq, scale_info::TypeInfo)]
pub struct FeeDetails<Balance> {
	pub inclusion_fee: Option<InclusionFee<Balance>>,
	pub tip: Balance,
}

#[rpc(server)]
pub trait PaymentApi<BlockHash> {
	#[method(name = "payment_queryInfo")]
	fn query_info(&self, encoded_xt: Bytes, at: Option<BlockHash>) -> RpcResult<Value>;

	#[method(name = "payment_queryFeeDetails")]
	fn query_fee_details(&self, encoded_xt: Bytes, at: Option<BlockHash>) -> RpcResult<Value>;
}

pub struct Payment<C> {
	client: Arc<C>,
}

impl<C> Payment<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// Balances as the pallet's RPC writes them (`NumberOrHex`): a number while it fits in u64.
fn amount(v: Balance) -> Value {
	if v <= u64::MAX as u128 { json!(v as u64) } else { json!(format!("0x{:x}", v)) }
}

fn rpc_error(code: i32, message: &str, cause: impl std::fmt::Debug) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message.to_string(), Some(format!("{:?}", cause)))
}

impl<C> Payment<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: crate::runtime_api::TransactionPaymentApi<Block, Balance>,
{
	fn decode(&self, encoded_xt: &Bytes, at: Option<<Block as BlockT>::Hash>) -> RpcResult<(<Block as BlockT>::Hash, <Block as BlockT>::Extrinsic, u32)> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let uxt = <Block as BlockT>::Extrinsic::decode(&mut &**encoded_xt)
			.map_err(|e| rpc_error(1001, "Unable to decode the extrinsic", e))?;
		Ok((at, uxt, encoded_xt.len() as u32))
	}
}

impl<C> PaymentApiServer<<Block as BlockT>::Hash> for Payment<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: crate::runtime_api::TransactionPaymentApi<Block, Balance>,
{
	fn query_info(&self, encoded_xt: Bytes, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Value> {
		let (at, uxt, len) = self.decode(&encoded_xt, at)?;
		let info = self
			.client
			.runtime_api()
			.query_info(at, uxt, len)
			.map_err(|e| rpc_error(1002, "Unable to query dispatch info", e))?;
		let class = match info.class {
			DispatchClass::Normal => "normal",
			DispatchClass::Operational => "operational",
			DispatchClass::Mandatory => "mandatory",
		};
		Ok(json!({
			"weight": { "ref_time": info.weight.ref_time(), "proof_size": info.weight.proof_size() },
			"class": class,
			"partialFee": amount(info.partial_fee),
		}))
	}

	fn query_fee_details(&self, encoded_xt: Bytes, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Value> {
		let (at, uxt, len) = self.decode(&encoded_xt, at)?;
		let details = self
			.client
			.runtime_api()
			.query_fee_details(at, uxt, len)
			.map_err(|e| rpc_error(1002, "Unable to query fee details", e))?;
		Ok(json!({
			"inclusionFee": details.inclusion_fee.map(|f| json!({
				"baseFee": amount(f.base_fee),
				"lenFee": amount(f.len_fee),
				"adjustedWeightFee": amount(f.adjusted_weight_fee),
			})),
		}))
	}
}
