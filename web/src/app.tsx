/**
 * The tfit web app: connect to any tfit or TF-Chain endpoint and, live (a look at every new
 * block): review and sign off the deployments waiting for my approval, follow a deployment,
 * see the grid. Every failure is shown in the page, with what to do.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { connect, grid, stakeholders, type TfitClient } from '@tfit/sdk';
import { deploymentView, gridView, type DeploymentView, type NodeRow } from './data';
import { accounts, type Account } from './signers';
import { DefinitionDetails, FollowDetails } from './deployment';
import { bytes } from './format';

type Tab = 'review' | 'follow' | 'grid';
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Loads `load` now and at every new block (one load at a time); its result or error. */
function useLive<T>(load: (() => Promise<T>) | null, deps: unknown[]): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const again = useRef<(() => Promise<T>) | null>(null);
  const run = (f: () => Promise<T>) => {
    busy.current = true;
    f().then((v) => { setValue(v); setError(null); }, (e) => setError(errorText(e))).finally(() => {
      busy.current = false;
      // a block came while loading: look once more, with the latest inputs
      const next = again.current;
      again.current = null;
      if (next) run(next);
    });
  };
  useEffect(() => {
    if (!load) return;
    if (busy.current) again.current = load;
    else run(load);
  }, deps);
  return { value, error };
}

export function App({ initial }: { initial: { endpoint: string; store: string; as?: string } }) {
  const [endpoint, setEndpoint] = useState(initial.endpoint);
  const [store, setStore] = useState(initial.store);
  const [client, setClient] = useState<TfitClient | null>(null);
  const [status, setStatus] = useState<string>('');
  const [fatal, setFatal] = useState<string | null>(null);
  const [list, setList] = useState<Account[]>([]);
  const [account, setAccount] = useState<Account | null>(null);
  const [tab, setTab] = useState<Tab>('review');
  const [block, setBlock] = useState(0);

  async function open(e?: Event) {
    e?.preventDefault();
    setFatal(null);
    setStatus(`connecting to ${endpoint}…`);
    await client?.close().catch(() => {});
    setClient(null);
    try {
      const c = await connect({ endpoint, reconnect: false, connectTimeoutMs: 8_000 });
      const chainName = (await c.api.rpc.system.chain()).toString();
      const found = await accounts(/dev|local/i.test(chainName));
      setList(found);
      setAccount(found.find((a) => a.name.startsWith(`${initial.as ?? ''} `) || a.name === initial.as) ?? found[0] ?? null);
      await c.api.rpc.chain.subscribeNewHeads((h) => setBlock(h.number.toNumber()));
      setClient(c);
      setStatus(`connected to ${chainName} at ${endpoint}`);
    } catch (err) {
      setStatus('');
      setFatal(`Cannot reach the chain at ${endpoint}: ${errorText(err)}. Check the endpoint (a ws:// URL of a tfit or TF-Chain node) and that the chain runs.`);
    }
  }
  useEffect(() => { void open(); }, []);

  return (
    <main>
      <h1>tfit</h1>
      <form class="connect" onSubmit={open} aria-label="connection">
        <label>Chain endpoint <input name="endpoint" value={endpoint} onInput={(e) => setEndpoint((e.target as HTMLInputElement).value)} /></label>
        <label>Content store <input name="store" value={store} onInput={(e) => setStore((e.target as HTMLInputElement).value)} /></label>
        <button type="submit">Connect</button>
      </form>
      <p role="status">{status}{client ? `, block ${block}` : ''}</p>
      {fatal && <p role="alert" class="bad">{fatal}</p>}
      {client && (
        <>
          <label>Sign as{' '}
            <select value={account?.address ?? ''} onChange={(e) => setAccount(list.find((a) => a.address === (e.target as HTMLSelectElement).value) ?? null)}>
              {list.map((a) => <option key={a.address} value={a.address}>{a.name} — {a.address.slice(0, 8)}…</option>)}
            </select>
          </label>
          {list.length === 0 && <p role="alert" class="bad">No account to sign with: install a polkadot browser extension, or connect to a development chain.</p>}
          <nav role="tablist" aria-label="views">
            {(['review', 'follow', 'grid'] as Tab[]).map((t) => (
              <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>{t === 'review' ? 'Review and sign off' : t === 'follow' ? 'Follow a deployment' : 'The grid'}</button>
            ))}
          </nav>
          <section role="tabpanel" aria-label={tab}>
            {tab === 'review' && <Review client={client} store={store} account={account} block={block} />}
            {tab === 'follow' && <Follow client={client} store={store} block={block} />}
            {tab === 'grid' && <Grid client={client} block={block} />}
          </section>
        </>
      )}
    </main>
  );
}

function Review({ client, store, account, block }: { client: TfitClient; store: string; account: Account | null; block: number }) {
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const { value, error } = useLive(account ? async () => {
    const twin = await grid.twinIdOf(client, account.address);
    if (twin === null) return { twin, views: [] as DeploymentView[] };
    const waiting = await stakeholders.awaitingVoteOf(client, twin);
    return { twin, views: await Promise.all(waiting.map((w) => deploymentView(client, store, w.deploymentId))) };
  } : null, [block, account?.address, store]);
  if (!account) return <p>Choose an account to sign with.</p>;
  if (error) return <p role="alert" class="bad">{error}</p>;
  if (!value) return <p>Loading…</p>;
  if (value.twin === null) return <p role="alert" class="bad">{account.name} has no twin on this chain: it cannot be a stakeholder (create one with `tfit twin create`).</p>;
  return (
    <div>
      <h2>Waiting for my approval (twin {value.twin})</h2>
      {said && <p role={said.ok ? 'status' : 'alert'} class={said.ok ? 'ok' : 'bad'}>{said.text}</p>}
      {value.views.length === 0 && <p>Nothing waits for your approval.</p>}
      {value.views.map((v) => <Vote key={v.deploymentId} view={v} client={client} account={account} onDone={setSaid} />)}
    </div>
  );
}

function Vote({ view, client, account, onDone }: { view: DeploymentView; client: TfitClient; account: Account; onDone: (s: { ok: boolean; text: string }) => void }) {
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const id = view.deploymentId;
  async function act(kind: 'approve' | 'reject', e: Event) {
    e.preventDefault();
    if (kind === 'reject' && !reason.trim()) return onDone({ ok: false, text: `Give a reason to reject deployment ${id}.` });
    setBusy(true);
    try {
      if (kind === 'approve') await stakeholders.approve(client, { signer: account.signer, contractId: id, note: note.trim() || undefined });
      else await stakeholders.reject(client, { signer: account.signer, contractId: id, reason: reason.trim() });
      onDone({ ok: true, text: `${kind === 'approve' ? 'Approved' : 'Rejected'} deployment ${id}.` });
    } catch (err) {
      onDone({ ok: false, text: `Deployment ${id} was not ${kind === 'approve' ? 'approved' : 'rejected'}: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  }
  return (
    <article aria-label={`deployment ${id}`}>
      <h2>Deployment {id}</h2>
      <DefinitionDetails view={view} />
      <form onSubmit={(e) => act('approve', e)} aria-label={`approve deployment ${id}`}>
        <label>Note (optional) <input value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" disabled={busy || !view.deployment}>Approve deployment {id}</button>
      </form>
      <form onSubmit={(e) => act('reject', e)} aria-label={`reject deployment ${id}`}>
        <label>Reason <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" disabled={busy}>Reject deployment {id}</button>
      </form>
    </article>
  );
}

function Follow({ client, store, block }: { client: TfitClient; store: string; block: number }) {
  const [id, setId] = useState(new URLSearchParams(location.search).get('deployment') ?? '1');
  const n = Number(id);
  const valid = Number.isSafeInteger(n) && n > 0;
  const { value, error } = useLive(valid ? () => deploymentView(client, store, n) : null, [block, id, store]);
  return (
    <div>
      <label>Deployment id <input inputMode="numeric" value={id} onInput={(e) => setId((e.target as HTMLInputElement).value)} /></label>
      {!valid && <p role="alert" class="bad">A deployment id is a positive whole number.</p>}
      {valid && error && <p role="alert" class="bad">{error}</p>}
      {valid && value && value.deploymentId === n && (
        <article aria-label={`deployment ${n}`}>
          <h2>Deployment {n}</h2>
          <FollowDetails view={value} />
          <DefinitionDetails view={value} />
        </article>
      )}
    </div>
  );
}

function Grid({ client, block }: { client: TfitClient; block: number }) {
  const { value, error } = useLive<NodeRow[]>(() => gridView(client), [block]);
  if (error) return <p role="alert" class="bad">{error}</p>;
  if (!value) return <p>Loading…</p>;
  return (
    <table aria-label="nodes">
      <caption>Nodes</caption>
      <thead><tr><th scope="col">Node</th><th scope="col">Farm</th><th scope="col">Power</th><th scope="col">Cores used / total</th><th scope="col">Memory used / free</th><th scope="col">SSD used / free</th><th scope="col">Contracts</th></tr></thead>
      <tbody>
        {value.map((r) => (
          <tr key={r.node.id}>
            <td>{r.node.id}</td><td>{r.node.farmId}</td><td>{r.power.state === 'Up' && r.power.target === 'Up' ? 'up' : 'down'}</td>
            <td>{String(r.used.cru)} / {String(r.node.resources.cru)}</td>
            <td>{bytes(r.used.mru)} / {bytes(r.node.resources.mru - r.used.mru)}</td>
            <td>{bytes(r.used.sru)} / {bytes(r.node.resources.sru - r.used.sru)}</td>
            <td>{r.contracts.length ? r.contracts.join(', ') : 'none'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
