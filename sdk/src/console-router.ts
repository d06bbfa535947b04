/**
 * polkadot-js writes its own lines straight to the console (`2026-… RPC-CORE: disconnected from
 * ws://…: 1006`, `API/INIT: …`, "has multiple versions" warnings); it has no logger to inject.
 * `routePolkadotConsole(logger)` takes exactly those lines off the console and hands them to
 * tfit's logger (at debug, warnings at warn), so an app, the CLI and the demo print only their
 * own lines. Everything else passes through untouched. Installed once per process by
 * `connect()`; the latest logger wins, and it keeps receiving late lines (a socket closing
 * after its client was closed).
 */
import type { Logger } from './logger.js';

const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SOURCE = /^\s*[A-Za-z0-9/_.-]+:$/;
const MULTIPLE_VERSIONS = /has multiple versions, ensure that there is only one installed|Either remove and explicitly install matching versions or dedupe/;

let target: Logger | undefined;
let installed = false;

/** Is this console call one of polkadot-js's logger lines (timestamp, `SOURCE:`, values)? */
export function isPolkadotLine(args: unknown[]): boolean {
  if (typeof args[0] === 'string' && STAMP.test(args[0]) && typeof args[1] === 'string' && SOURCE.test(args[1])) return true;
  return typeof args[0] === 'string' && MULTIPLE_VERSIONS.test(args[0]);
}

const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');

export function routePolkadotConsole(logger: Logger): void {
  target = logger;
  if (installed) return;
  installed = true;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      if (!isPolkadotLine(args)) return original(...args);
      const line = text(typeof args[0] === 'string' && STAMP.test(args[0]) ? args.slice(1) : args).trim();
      if (method === 'warn' || method === 'error') target?.warn(`polkadot-js: ${line}`);
      else target?.debug(`polkadot-js: ${line}`);
    };
  }
}
