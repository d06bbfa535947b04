//! Chain specs come from files: tfit-node has no built-in chain. `--chain` takes a path, or a
//! preset name (`dev`, `local`) looked up as `<dir>/<name>.json` in `$TFIT_CHAIN_SPEC_DIR`,
//! then `./chain-spec/dist` (where `npm run build:spec` writes them). Before the node starts,
//! the spec's genesis must carry a wasm runtime in `:code`.
use sc_service::ChainSpec;
use std::path::{Path, PathBuf};

pub type TfitChainSpec = sc_service::GenericChainSpec;

/// wasm's magic number, and sp-maybe-compressed-blob's zstd prefix for compressed code.
const WASM_MAGIC: &[u8] = b"\0asm";
const ZSTD_PREFIX: &[u8] = &[82, 188, 83, 118, 70, 219, 142, 5];

fn preset_path(name: &str) -> Option<PathBuf> {
	let dirs = std::env::var_os("TFIT_CHAIN_SPEC_DIR")
		.map(PathBuf::from)
		.into_iter()
		.chain(std::iter::once(PathBuf::from("chain-spec/dist")));
	dirs.map(|d| d.join(format!("{name}.json"))).find(|p| p.is_file())
}

pub fn load(id: &str) -> Result<Box<dyn ChainSpec>, String> {
	let id = if id.is_empty() { "local" } else { id };
	let path = if Path::new(id).is_file() {
		PathBuf::from(id)
	} else if let Some(p) = preset_path(id) {
		p
	} else {
		return Err(format!(
			"no chain spec {id:?}: pass --chain <raw spec file>, or build the presets with `npm run build:spec` \
			 and run from the repository root (or set TFIT_CHAIN_SPEC_DIR to the folder holding {id}.json)"
		));
	};
	let spec = TfitChainSpec::from_json_file(path.clone())
		.map_err(|e| format!("chain spec {}: not a chain spec: {e}", path.display()))?;
	check_code(&spec).map_err(|e| format!("chain spec {}: {e}", path.display()))?;
	Ok(Box::new(spec))
}

/// A missing or non-wasm `:code` would otherwise surface as an executor error deep in start-up.
fn check_code(spec: &TfitChainSpec) -> Result<(), String> {
	let storage = spec.as_storage_builder().build_storage()?;
	let code = storage
		.top
		.get(sp_core::storage::well_known_keys::CODE)
		.ok_or("its genesis has no runtime: `:code` (0x3a636f6465) is missing from genesis.raw.top")?;
	if !(code.starts_with(WASM_MAGIC) || code.starts_with(ZSTD_PREFIX)) {
		let head: String = code.iter().take(8).map(|b| format!("{b:02x}")).collect();
		return Err(format!(
			"its genesis `:code` is not a wasm runtime ({} bytes starting 0x{head}; a runtime starts 0x0061736d)",
			code.len()
		));
	}
	Ok(())
}
