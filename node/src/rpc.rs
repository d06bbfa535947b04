//! The node's own JSON-RPC methods, beside sc-service's chain/state/author/system set:
//! `system_accountNextIndex` and `system_dryRun` (substrate-frame-rpc-system), the fee
//! queries, and in `--dev` manual seal's `engine_createBlock` / `engine_finalizeBlock`.
use crate::payment::{Payment, PaymentApiServer};
use crate::primitives::{AccountId, Balance, Block, Hash, Nonce};
use futures::channel::mpsc;
use jsonrpsee::RpcModule;
use sc_consensus_manual_seal::rpc::{ManualSeal, ManualSealApiServer};
use sc_consensus_manual_seal::EngineCommand;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use std::sync::Arc;
use substrate_frame_rpc_system::{System, SystemApiServer};

pub struct FullDeps<C, P> {
	pub client: Arc<C>,
	pub pool: Arc<P>,
	/// Manual seal's command channel, in `--dev` only.
	pub seal: Option<mpsc::Sender<EngineCommand<Hash>>>,
}

pub fn create_full<C, P>(deps: FullDeps<C, P>) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError>,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: crate::runtime_api::TransactionPaymentApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	let FullDeps { client, pool, seal } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(Payment::new(client).into_rpc())?;
	if let Some(sink) = seal {
		module.merge(ManualSeal::new(sink).into_rpc())?;
	}
	Ok(module)
}
