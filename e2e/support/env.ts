/**
 * Loaded by .mocharc before any test file: Chopsticks reads LOG_LEVEL once, when it is first
 * imported (some suites import chopsticks-core directly), so set the tests' level first.
 */
process.env.LOG_LEVEL ??= 'error';
