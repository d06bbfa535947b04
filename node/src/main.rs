//! tfit-node: a Substrate node for the tfit runtime, with no runtime of its own.
mod chain_spec;
mod cli;
mod command;
mod payment;
mod primitives;
mod rpc;
mod runtime_api;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
