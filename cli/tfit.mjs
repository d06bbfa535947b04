#!/usr/bin/env node
// `tfit` entry point: runs the TypeScript CLI through tsx (a dependency of this repo).
import { register } from 'tsx/esm/api';
register();
await import('./tfit.ts');
