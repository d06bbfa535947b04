//! TF-Chain's opaque primitives, which the tfit runtime shares: the node never looks inside an
//! extrinsic, only at headers (u32 block numbers, BlakeTwo256).
use sp_runtime::{generic, traits::BlakeTwo256, OpaqueExtrinsic};

pub type BlockNumber = u32;
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
pub type Block = generic::Block<Header, OpaqueExtrinsic>;
pub type Hash = sp_core::H256;
pub type AccountId = sp_runtime::AccountId32;
/// TFT, 7 decimals, in u128 as on TF-Chain.
pub type Balance = u128;
pub type Nonce = u32;
