#!/usr/bin/env node
// `tfit` in this repository: runs the TypeScript CLI through tsx, with the repository's
// tsconfig wherever it is run from (its paths map @tfit/sdk and @tfit/testing to their
// sources). The packed @tfit/cli runs the compiled dist/tfit.js instead.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('./tfit.ts');
