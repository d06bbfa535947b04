/** Entry: the endpoint and store from the URL (?endpoint=…&store=…&as=Eve), else from `tfit ui`'s config.json, else the defaults. */
import '@tfit/sdk';
import { render } from 'preact';
import { App } from './app';
import './style.css';

async function settings(): Promise<{ endpoint: string; store: string; as?: string }> {
  const q = new URLSearchParams(location.search);
  let served: { endpoint?: string; store?: string } = {};
  try { served = await (await fetch('./config.json')).json(); } catch { /* a static host without config.json */ }
  return {
    endpoint: q.get('endpoint') ?? served.endpoint ?? 'ws://127.0.0.1:8000',
    store: q.get('store') ?? served.store ?? 'http://127.0.0.1:9000',
    as: q.get('as') ?? undefined,
  };
}

settings().then((initial) => render(<App initial={initial} />, document.getElementById('app')!));
