/** One deployment, readably: expert and signature, files (checked here), processes, capacity, nodes, cost, consensus, contracts, timeline. */
import type { DeploymentView } from './data';
import { bytes, money, short, when } from './format';

export function DefinitionDetails({ view }: { view: DeploymentView }) {
  const d = view.deployment;
  if (!d) return view.deploymentHash ? <p role="alert" class="bad">{view.problem}</p> : <p>{view.problem}</p>;
  const def = d.signed.definition;
  return (
    <div class="details">
      <h3>{def.name}@{def.version}</h3>
      {def.description && <p>{def.description}</p>}
      <p>
        Expert: twin {view.expert!.twinId}, signed by <code title={view.expert!.signer}>{short(view.expert!.signer)}</code>{' '}
        {view.expert!.isExpertKey
          ? <span class="ok">✔ the expert twin's key on chain</span>
          : <span class="bad" role="alert">✘ not the expert twin's key on chain</span>}
      </p>
      <table aria-label={`files of deployment ${view.deploymentId}`}>
        <caption>Files</caption>
        <thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">blake2-256</th><th scope="col">In the store</th></tr></thead>
        <tbody>
          {view.files.map((f) => (
            <tr key={f.name}>
              <td>{f.name}</td><td>{bytes(f.size)}</td><td><code title={f.hash}>{short(f.hash)}</code></td>
              <td>{f.ok ? <span class="ok">✔ matches</span> : <span class="bad" role="alert">✘ {f.problem}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label={`processes of deployment ${view.deploymentId}`}>
        <caption>Processes</caption>
        <thead><tr><th scope="col">Process</th><th scope="col">Command</th><th scope="col">Arguments</th><th scope="col">Environment</th><th scope="col">Limits</th></tr></thead>
        <tbody>
          {d.processes.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td><td><code>{p.command}</code></td><td><code>{p.args.join(' ')}</code></td>
              <td>{Object.entries(p.env).map(([k, v]) => <div key={k}><code>{k}={/\{\{\w+\}\}/.test(v) ? `${v} (sealed secret)` : v}</code></div>)}</td>
              <td>{p.limits.memoryMb} MB{p.limits.cpuSeconds ? `, ${p.limits.cpuSeconds} s CPU` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Capacity per node: {def.capacity.cru} core(s), {bytes(def.capacity.mru)} memory, {bytes(def.capacity.sru)} SSD, {bytes(def.capacity.hru)} HDD, {def.capacity.publicIps} public IP(s).
        {' '}Parameters: {Object.keys(d.parameters).length ? Object.entries(d.parameters).map(([k, v]) => `${k}=${v}`).join(', ') : 'none'}
        {d.secrets && Object.keys(d.secrets).length ? `; sealed secrets: ${Object.keys(d.secrets).join(', ')}` : ''}.
      </p>
      <p>Nodes: {view.contracts.map((c) => `node ${c.nodeId} (farm ${c.farmId ?? '?'})`).join(', ')}</p>
      {view.cost && (
        <p aria-label="estimated cost">
          Estimated cost: {money(view.cost.tftPerHour)} TFT per hour ({money(view.cost.usdPerHour)} USD), {money(view.cost.tftPerMonth, 2)} TFT per month ({money(view.cost.usdPerMonth, 2)} USD)
          {' '}— {view.contracts.length} node(s), pricing policy {view.cost.pricingPolicyId}, {view.cost.tftPriceMusd} mUSD per TFT.
        </p>
      )}
    </div>
  );
}

export function FollowDetails({ view }: { view: DeploymentView }) {
  const c = view.consensus;
  return (
    <div class="details">
      <h3>Consensus</h3>
      {c ? (
        <>
          <p>Status: <strong>{c.status}</strong>, {c.approvals.length} of {c.threshold} approval(s) needed.</p>
          <ul aria-label="stakeholders">
            {view.signoffs.map((s) => <li key={s.twinId}>twin {s.twinId}{s.role ? ` (${s.role})` : ''}: {s.vote}{s.note ? ` — ${s.note}` : ''}</li>)}
          </ul>
        </>
      ) : <p>No stakeholders: the nodes run it without approval.</p>}
      <table aria-label={`contracts of deployment ${view.deploymentId}`}>
        <caption>Contracts</caption>
        <thead><tr><th scope="col">Contract</th><th scope="col">Node</th><th scope="col">Workload</th><th scope="col">Billed until</th><th scope="col">Unbilled</th></tr></thead>
        <tbody>
          {view.contracts.map((x) => (
            <tr key={x.contractId}>
              <td>{x.contractId}</td><td>{x.nodeId}</td>
              <td>{!x.active ? 'canceled' : x.state ? (x.state.state === 'Failed' ? `Failed: ${x.state.reason}` : x.state.state) : 'not deployed'}</td>
              <td>{when(x.billedUntil)}</td><td>{(Number(x.unbilled) / 1e7).toFixed(7)} TFT</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Timeline (notary)</h3>
      <ol aria-label="timeline">
        {view.record ? <li>phase {view.record.phase}{view.record.reason ? `: ${view.record.reason}` : ''}</li> : <li>no notary record (the owner's orchestrator did not write one)</li>}
        {view.moves.map((m) => <li key={m.n}>{m.at}: moved contract {m.from.contractId} (node {m.from.nodeId}) → {m.to.contractId} (node {m.to.nodeId}): {m.reason}</li>)}
      </ol>
    </div>
  );
}
