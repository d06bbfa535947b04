/**
 * Where the built artifacts live, relative to this file: the raw chain specs
 * (chain-spec/dist/<preset>.json) and the runtime wasm (runtime/dist/tfit_runtime.wasm).
 * Its own module, free of the builders' imports, so @tfit/testing ships it beside copies
 * of those files in the same relative layout (testing/dist/chain-spec/…, …/runtime/…).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SPEC_DIR = join(here, 'dist');
/** A built raw chain spec: `dev` (the embedded chain's, one validator) or `local` (the 4-validator network's). */
export const specPath = (id: string) => join(SPEC_DIR, `${id}.json`);
/** The runtime wasm the specs carry as `:code`. */
export const WASM_PATH = join(here, '..', 'runtime', 'dist', 'tfit_runtime.wasm');
