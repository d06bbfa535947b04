/**
 * Loaded by .mocharc before any test file: Chopsticks reads LOG_LEVEL once, when it is first
 * imported (some suites import chopsticks-core directly), so set the tests' level first.
 */
process.env.LOG_LEVEL ??= 'error';
// Chopsticks loads polkadot-js's CommonJS build beside the ESM one the tests use: the same
// version twice, which polkadot-js reports on the console at load time (not a real conflict)
process.env.POLKADOTJS_DISABLE_ESM_CJS_WARNING ??= '1';
