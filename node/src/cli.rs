//! Command line: sc-cli's standard `run` flags (what Zombienet drives) and subcommands, plus
//! how `--dev` seals blocks.
use std::str::FromStr;

/// How a `--dev` node produces blocks (there are no validators in dev mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
	/// A block as soon as transactions reach the pool, finalized at once.
	Instant,
	/// Only on `engine_createBlock` (and `engine_finalizeBlock`).
	Manual,
	/// A block every this many milliseconds, empty or not, and on `engine_createBlock`.
	Interval(u64),
}

impl FromStr for Sealing {
	type Err = String;
	fn from_str(s: &str) -> Result<Self, String> {
		match s {
			"instant" => Ok(Sealing::Instant),
			"manual" => Ok(Sealing::Manual),
			ms => match ms.parse::<u64>() {
				Ok(ms) if ms > 0 => Ok(Sealing::Interval(ms)),
				_ => Err(format!("--sealing takes instant, manual or a block time in milliseconds (got {s:?})")),
			},
		}
	}
}

#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// With --dev: instant (a block as soon as a transaction arrives), manual (only on
	/// engine_createBlock) or a block time in milliseconds.
	#[arg(long, value_name = "instant|manual|MS", default_value = "instant")]
	pub sealing: Sealing,

	/// With --dev: take part in the network (accept and dial peers), so that other nodes can
	/// follow this chain. Off by default: a dev node is alone unless given --bootnodes.
	#[arg(long)]
	pub dev_peers: bool,
}

#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management (generate, inspect, insert, node keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Print a chain spec (use --raw for the raw form).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}
