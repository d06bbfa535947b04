//! The node's services: the client over the chain spec's wasm, the pool, the network, Aura
//! authoring with Grandpa finality (validators) or manual seal (`--dev`), and the RPCs.
use crate::{
	cli::Sealing,
	primitives::{Block, Hash},
	runtime_api::RuntimeApi,
};
use futures::{channel::mpsc, FutureExt, Stream, StreamExt};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_consensus_manual_seal::{consensus::aura::AuraConsensusDataProvider, EngineCommand};
use sc_network::config::FullNetworkConfiguration;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::{OffchainTransactionPoolFactory, TransactionPool};
use sp_consensus_aura::sr25519::{AuthorityId as AuraId, AuthorityPair as AuraPair, AuthoritySignature};
use sp_core::crypto::KeyTypeId;
use std::{pin::Pin, sync::Arc, time::Duration};

pub type Executor = sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>;
pub type FullClient = sc_service::TFullClient<Block, RuntimeApi, Executor>;
pub type FullBackend = sc_service::TFullBackend<Block>;
pub type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
pub type FullPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;
type GrandpaBlockImport = sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;

/// Justifications are generated (and imported) at least every this many blocks.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// What every mode shares: client, database, keystore, tasks, pool.
struct Core {
	client: Arc<FullClient>,
	backend: Arc<FullBackend>,
	keystore_container: sc_service::KeystoreContainer,
	task_manager: TaskManager,
	select_chain: FullSelectChain,
	transaction_pool: Arc<FullPool>,
	telemetry: Option<Telemetry>,
}

fn new_core(config: &Configuration) -> Result<Core, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<sp_io::SubstrateHostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) = sc_service::new_full_parts::<Block, RuntimeApi, _>(
		config,
		telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
		executor,
		Vec::new(),
	)
	.map_err(|e| {
		ServiceError::Other(format!(
			"cannot open the chain of spec {:?}: {e} (is the spec's genesis `:code` a runnable tfit runtime?)",
			config.chain_spec.id()
		))
	})?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());
	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(task_manager.spawn_essential_handle(), client.clone(), config.role.is_authority().into())
			.with_options(config.transaction_pool.clone())
			.with_prometheus(config.prometheus_registry())
			.build(),
	);

	Ok(Core { client, backend, keystore_container, task_manager, select_chain, transaction_pool, telemetry })
}

/// Aura's inherent data: wall-clock time and the slot it falls in.
fn aura_inherents(
	slot_duration: sp_consensus_aura::SlotDuration,
) -> (sp_consensus_aura::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider) {
	let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
	let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(*timestamp, slot_duration);
	(slot, timestamp)
}

struct ValidatorParts {
	core: Core,
	import_queue: sc_consensus::DefaultImportQueue<Block>,
	block_import: GrandpaBlockImport,
	grandpa_link: sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>,
}

fn new_validator_parts(config: &Configuration) -> Result<ValidatorParts, ServiceError> {
	let core = new_core(config)?;
	let (block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		core.client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&core.client,
		core.select_chain.clone(),
		core.telemetry.as_ref().map(|x| x.handle()),
	)?;

	let cidp_client = core.client.clone();
	let import_queue = sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
		block_import: block_import.clone(),
		justification_import: Some(Box::new(block_import.clone())),
		client: core.client.clone(),
		create_inherent_data_providers: move |parent_hash, _| {
			let cidp_client = cidp_client.clone();
			async move {
				let slot_duration = sc_consensus_aura::standalone::slot_duration_at(&*cidp_client, parent_hash)?;
				Ok(aura_inherents(slot_duration))
			}
		},
		spawner: &core.task_manager.spawn_essential_handle(),
		registry: config.prometheus_registry(),
		check_for_equivocation: Default::default(),
		telemetry: core.telemetry.as_ref().map(|x| x.handle()),
		compatibility_mode: Default::default(),
	})?;

	Ok(ValidatorParts { core, import_queue, block_import, grandpa_link })
}

/// What the chain subcommands (check-block, export/import-blocks, export-state, revert) need.
pub struct ChainParts {
	pub client: Arc<FullClient>,
	pub backend: Arc<FullBackend>,
	pub import_queue: sc_consensus::DefaultImportQueue<Block>,
	pub task_manager: TaskManager,
}

pub fn new_chain_parts(config: &Configuration) -> Result<ChainParts, ServiceError> {
	let parts = new_validator_parts(config)?;
	Ok(ChainParts {
		client: parts.core.client,
		backend: parts.core.backend,
		import_queue: parts.import_queue,
		task_manager: parts.core.task_manager,
	})
}

/// The tfit runtime generates no session keys (its `SessionKeys_generate_session_keys` returns
/// none), so for `--alice`… the node puts the seed's Aura (sr25519) and Grandpa (ed25519) keys
/// in the keystore itself, which is what a FRAME runtime's session keys would do.
fn insert_dev_keys(keystore: &sp_keystore::KeystorePtr, seed: &str) -> Result<(), ServiceError> {
	let err = |e: sp_keystore::Error| ServiceError::Other(format!("cannot put the dev keys of {seed} in the keystore: {e}"));
	keystore.sr25519_generate_new(KeyTypeId(*b"aura"), Some(seed)).map_err(err)?;
	keystore.ed25519_generate_new(KeyTypeId(*b"gran"), Some(seed)).map_err(err)?;
	Ok(())
}

fn rpc_builder(
	client: Arc<FullClient>,
	pool: Arc<FullPool>,
	seal: Option<mpsc::Sender<EngineCommand<Hash>>>,
) -> Box<dyn Fn(sc_rpc::SubscriptionTaskExecutor) -> Result<jsonrpsee::RpcModule<()>, ServiceError>> {
	Box::new(move |_| {
		crate::rpc::create_full(crate::rpc::FullDeps { client: client.clone(), pool: pool.clone(), seal: seal.clone() })
			.map_err(|e| ServiceError::Application(e))
	})
}

/// What both modes give sc-service's network builder; only the backend and warp sync differ.
#[allow(clippy::too_many_arguments)]
fn network_params<'a, N: sc_network::NetworkBackend<Block, Hash>>(
	config: &'a Configuration,
	net_config: FullNetworkConfiguration<Block, Hash, N>,
	metrics: sc_network::NotificationMetrics,
	client: &Arc<FullClient>,
	transaction_pool: &Arc<FullPool>,
	task_manager: &TaskManager,
	import_queue: sc_consensus::DefaultImportQueue<Block>,
	warp_sync_config: Option<WarpSyncConfig<Block>>,
) -> sc_service::BuildNetworkParams<'a, Block, N, FullPool, sc_consensus::DefaultImportQueue<Block>, FullClient> {
	sc_service::BuildNetworkParams {
		config,
		net_config,
		client: client.clone(),
		transaction_pool: transaction_pool.clone(),
		spawn_handle: task_manager.spawn_handle(),
		spawn_essential_handle: task_manager.spawn_essential_handle(),
		import_queue,
		block_announce_validator_builder: None,
		warp_sync_config,
		block_relay: None,
		metrics,
		gap_sync_body_policy: None,
	}
}

/// A validator or full node: Aura authoring (when the keystore holds an authority's key) and
/// Grandpa finality, syncing with peers.
pub fn new_full<N: sc_network::NetworkBackend<Block, Hash>>(config: Configuration) -> Result<TaskManager, ServiceError> {
	let ValidatorParts { core, import_queue, block_import, grandpa_link } = new_validator_parts(&config)?;
	let Core { client, backend, keystore_container, mut task_manager, select_chain, transaction_pool, mut telemetry } = core;

	if let Some(seed) = &config.dev_key_seed {
		insert_dev_keys(&keystore_container.keystore(), seed)?;
	}

	let mut net_config = FullNetworkConfiguration::<Block, Hash, N>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let peer_store_handle = net_config.peer_store_handle();
	let genesis_hash = client.block_hash(0).ok().flatten().expect("the genesis block exists; qed");
	let grandpa_protocol_name = sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(grandpa_protocol_name.clone(), metrics.clone(), peer_store_handle);
	net_config.add_notification_protocol(grandpa_protocol_config);

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) = sc_service::build_network(network_params(
		&config,
		net_config,
		metrics,
		&client,
		&transaction_pool,
		&task_manager,
		import_queue,
		Some(WarpSyncConfig::WithProvider(warp_sync)),
	))?;

	if config.offchain_worker.enabled {
		let offchain_workers = sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
			runtime_api_provider: client.clone(),
			is_validator: config.role.is_authority(),
			keystore: Some(keystore_container.keystore()),
			offchain_db: backend.offchain_storage(),
			transaction_pool: Some(OffchainTransactionPoolFactory::new(transaction_pool.clone())),
			network_provider: Arc::new(network.clone()),
			enable_http_requests: false,
			custom_extensions: |_| vec![],
		})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_builder(client.clone(), transaction_pool.clone(), None),
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);
		let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?;
		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(StartAuraParams {
			slot_duration,
			client,
			select_chain,
			block_import,
			proposer_factory,
			create_inherent_data_providers: move |_, ()| async move { Ok(aura_inherents(slot_duration)) },
			force_authoring,
			backoff_authoring_blocks: Option::<()>::None,
			keystore: keystore_container.keystore(),
			sync_oracle: sync_service.clone(),
			justification_sync_link: sync_service.clone(),
			block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
			max_block_proposal_slot_portion: None,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			compatibility_mode: Default::default(),
		})?;
		// Authoring is essential: if it fails, the node stops rather than idling as a validator.
		task_manager.spawn_essential_handle().spawn_blocking("aura", Some("block-authoring"), aura);
	}

	if enable_grandpa {
		let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };
		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};
		let grandpa = sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: sync_service,
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state: SharedVoterState::empty(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};
		task_manager
			.spawn_essential_handle()
			.spawn_blocking("grandpa-voter", None, sc_consensus_grandpa::run_grandpa_voter(grandpa)?);
	}

	Ok(task_manager)
}

/// The next block's time in `--dev`: the start of the first slot after the parent's that is not
/// in the future of the wall clock, or the parent's next slot when blocks come faster than
/// slots. Each block thus gets its own Aura slot (the runtime wants the timestamp to move by
/// at least MinimumPeriod), and an idle chain's time follows the wall clock.
fn dev_timestamp(client: &FullClient, parent: Hash, slot_duration: u64) -> Result<u64, String> {
	let header = client.header(parent).map_err(|e| e.to_string())?.ok_or("parent header missing")?;
	let parent_slot = sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(&header).map(|s| *s).unwrap_or(0);
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| e.to_string())?.as_millis() as u64;
	let slot = std::cmp::max(parent_slot + 1, now / slot_duration);
	Ok(slot * slot_duration)
}

/// `--dev`: one node, no keys, no peers unless given bootnodes; manual seal builds and finalizes
/// blocks when transactions arrive (instant), on a timer, or on `engine_createBlock`.
pub fn new_dev(mut config: Configuration, sealing: Sealing, peers: bool) -> Result<TaskManager, ServiceError> {
	let Core { client, backend, keystore_container, mut task_manager, select_chain, transaction_pool, mut telemetry } =
		new_core(&config)?;
	let import_queue = sc_consensus_manual_seal::import_queue(
		Box::new(client.clone()),
		&task_manager.spawn_essential_handle(),
		config.prometheus_registry(),
	);

	// Alone unless told otherwise: a dev node that finds another of the same chain (mDNS) would
	// import its competing blocks. `--dev-peers` opens it, and a `--dev --sealing manual
	// --bootnodes <dev node>` node follows another dev chain, re-executing its blocks.
	if !peers && config.network.boot_nodes.is_empty() {
		config.network.default_peers_set.in_peers = 0;
		config.network.default_peers_set.out_peers = 0;
	}
	let net_config = FullNetworkConfiguration::<Block, Hash, sc_network::Litep2pNetworkBackend>::new(
		&config.network,
		config.prometheus_registry().cloned(),
	);
	let metrics = sc_network::NotificationMetrics::new(config.prometheus_registry());
	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) = sc_service::build_network(
		network_params(&config, net_config, metrics, &client, &transaction_pool, &task_manager, import_queue, None),
	)?;

	let (seal_sink, seal_rpc) = mpsc::channel::<EngineCommand<Hash>>(1024);
	let seal = |create_empty| EngineCommand::SealNewBlock { create_empty, finalize: true, parent_hash: None, sender: None };
	let mut commands: Vec<Pin<Box<dyn Stream<Item = EngineCommand<Hash>> + Send>>> = vec![Box::pin(seal_rpc)];
	match sealing {
		Sealing::Manual => {},
		Sealing::Instant => {
			// Transactions that arrived together make one block, not a block each.
			commands.push(Box::pin(
				transaction_pool.import_notification_stream().ready_chunks(4096).map(move |_| seal(false)),
			));
			// A transaction that became ready later (its nonce was future when it arrived) sends
			// no import notification: a block is also sealed whenever some are ready.
			let pool = transaction_pool.clone();
			commands.push(Box::pin(futures::stream::unfold((), move |()| {
				let pool = pool.clone();
				async move {
					loop {
						futures_timer::Delay::new(Duration::from_millis(50)).await;
						if pool.status().ready > 0 {
							return Some((seal(false), ()));
						}
					}
				}
			})));
		},
		Sealing::Interval(ms) => commands.push(Box::pin(futures::stream::unfold((), move |()| async move {
			futures_timer::Delay::new(Duration::from_millis(ms)).await;
			Some((seal(true), ()))
		}))),
	}

	let proposer = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		config.prometheus_registry(),
		telemetry.as_ref().map(|x| x.handle()),
	);
	let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?;
	let idp_client = client.clone();
	let authorship = sc_consensus_manual_seal::run_manual_seal(sc_consensus_manual_seal::ManualSealParams {
		block_import: client.clone(),
		env: proposer,
		client: client.clone(),
		pool: transaction_pool.clone(),
		commands_stream: futures::stream::select_all(commands),
		select_chain,
		consensus_data_provider: Some(Box::new(AuraConsensusDataProvider::new_with_slot_duration(slot_duration))),
		create_inherent_data_providers: move |parent: Hash, ()| {
			let client = idp_client.clone();
			async move {
				let ms = dev_timestamp(&client, parent, slot_duration.as_millis())?;
				Ok(sp_timestamp::InherentDataProvider::new(ms.into()))
			}
		},
	});
	task_manager.spawn_essential_handle().spawn_blocking("manual-seal", Some("block-authoring"), authorship);

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network,
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_builder(client, transaction_pool, Some(seal_sink)),
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service,
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	Ok(task_manager)
}
