//! Entry point: parses the command line and runs a node or a subcommand.
use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	primitives::Block,
	service,
};
use sc_cli::SubstrateCli;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"tfit node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		"Runs the tfit runtime wasm from a chain spec's genesis: Aura + Grandpa validators, or --dev with instant seal".into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/tfit/tfit/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let parts = service::new_chain_parts(&config)?;
				Ok((cmd.run(parts.client, parts.import_queue), parts.task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let parts = service::new_chain_parts(&config)?;
				Ok((cmd.run(parts.client, config.database), parts.task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let parts = service::new_chain_parts(&config)?;
				Ok((cmd.run(parts.client, config.chain_spec), parts.task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let parts = service::new_chain_parts(&config)?;
				Ok((cmd.run(parts.client, parts.import_queue), parts.task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let parts = service::new_chain_parts(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(parts.client, parts.backend, Some(aux_revert)), parts.task_manager))
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let dev = cli.run.shared_params.is_dev();
			let (sealing, peers) = (cli.sealing, cli.dev_peers);
			runner.run_node_until_exit(|config| async move {
				if dev {
					return service::new_dev(config, sealing, peers).map_err(sc_cli::Error::Service);
				}
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => {
						service::new_full::<sc_network::NetworkWorker<Block, <Block as sp_runtime::traits::Block>::Hash>>(config)
					},
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config)
					},
				}
				.map_err(sc_cli::Error::Service)
			})
		},
	}
}
