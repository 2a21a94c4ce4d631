/**
 * "Use this cluster's workloads" (issue #15): reads the live cluster's Kueue
 * Workloads (the kubeconfig and context chosen as in the Cluster tab, shared
 * with it), makes them the run's workloads the way a trace import does, says
 * where the demand came from, and shows the cluster's observed waits per
 * team beside the simulated ones of the current policy: how well the
 * simulator reproduces this cluster, before anyone trusts policy B.
 */
import { useEffect, useState } from 'react';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import type { ClusterWorkloadsRequest } from '../../../sim/api/contract.ts';
import { CENSORED_TREATMENTS, DEFAULT_CENSORED, DEFAULT_PENDING, DROP_REASONS, PENDING_TREATMENTS, type CensoredTreatment, type PendingTreatment } from '../../../sim/traces/index.ts';
import { targetOf, useCluster } from '../cluster/store.ts';
import { CENSORED_LABELS, PENDING_LABELS, replayLeftOut, waitComparison } from './model/replay.ts';
import { count, duration } from './model/units.ts';
import { useClusterReplay } from './replay-store.ts';
import { useGpuRun, useGpuSimUi } from './store.ts';

/** The form and its outcome, next to the trace import. */
export function ClusterReplay({ cluster }: { cluster: Cluster }) {
  const c = useCluster();
  const replay = useClusterReplay();
  const loadContexts = c.loadContexts;
  const contextsPhase = c.contextsPhase;
  useEffect(() => {
    if (contextsPhase === 'idle') void loadContexts({ useDefault: true });
  }, [contextsPhase, loadContexts]);
  const [namespaces, setNamespaces] = useState('');
  const [since, setSince] = useState('7d');
  const [censored, setCensored] = useState<CensoredTreatment>(DEFAULT_CENSORED);
  const [pending, setPending] = useState<PendingTreatment>(DEFAULT_PENDING);
  const running = replay.phase === 'running';

  const start = () => {
    const list = namespaces
      .split(/[\s,]+/)
      .map((n) => n.trim())
      .filter(Boolean);
    const request: ClusterWorkloadsRequest = { ...targetOf(c), censored, pending, ...(list.length ? { namespaces: list } : {}), ...(since.trim() ? { since: since.trim() } : {}) };
    void useClusterReplay.getState().load(request, cluster);
  };
  const leftOut = replay.replay && replay.specs ? replayLeftOut(replay.replay, replay.specs, DROP_REASONS) : [];

  return (
    <div className="gpu-replay">
      <div className="gpu-form-row">
        <label>
          Context{' '}
          <select className="input" data-native-undo value={c.context} disabled={c.contexts.length === 0} onChange={(e) => c.setContext(e.currentTarget.value)} aria-label="Kubeconfig context of the cluster to replay">
            {c.contexts.length === 0 ? <option value="">{c.contextsPhase === 'running' ? 'Loading…' : 'No contexts (see the Cluster tab)'}</option> : null}
            {c.contexts.map((ctx) => (
              <option key={ctx.name} value={ctx.name}>
                {ctx.name}
                {ctx.name === c.currentContext ? ' (current)' : ''} — {ctx.server}
              </option>
            ))}
          </select>
        </label>
        <label>
          Namespaces <input className="input" data-native-undo value={namespaces} placeholder="all" onChange={(e) => setNamespaces(e.currentTarget.value)} aria-label="Namespaces to read (empty: all)" />
        </label>
        <label>
          Since <input className="input input-narrow" data-native-undo value={since} placeholder="all" onChange={(e) => setSince(e.currentTarget.value)} aria-label="Finished workloads created since (7d, 12h, a date; empty: all)" />
        </label>
      </div>
      <div className="gpu-form-row">
        <label>
          Still running (censored){' '}
          <select className="input" data-native-undo value={censored} onChange={(e) => setCensored(e.currentTarget.value as CensoredTreatment)} aria-label="Treatment of running workloads">
            {CENSORED_TREATMENTS.map((t) => (
              <option key={t} value={t}>
                {CENSORED_LABELS[t]}
                {t === DEFAULT_CENSORED ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Never admitted{' '}
          <select className="input" data-native-undo value={pending} onChange={(e) => setPending(e.currentTarget.value as PendingTreatment)} aria-label="Treatment of pending workloads">
            {PENDING_TREATMENTS.map((t) => (
              <option key={t} value={t}>
                {PENDING_LABELS[t]}
                {t === DEFAULT_PENDING ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" disabled={running} onClick={start}>
          {running ? 'Reading the cluster’s workloads…' : 'Use this cluster’s workloads'}
        </button>
      </div>
      {replay.error ? (
        <p className="error-text" role="alert">
          Could not read the cluster’s workloads: {replay.error.message}
        </p>
      ) : null}
      {replay.empty ? (
        <p role="status" aria-label="Cluster replay result">
          {replay.empty}
        </p>
      ) : null}
      {replay.source && replay.phase === 'done' && !replay.empty ? (
        <p role="status" aria-label="Cluster replay result">
          Replaying {replay.source}.
        </p>
      ) : null}
      {leftOut.length ? (
        <ul className="small muted" aria-label="Workloads not replayed">
          {leftOut.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Observed vs simulated waits per team, while the run replays the cluster. */
export function ReplayWaits({ cluster, teamName }: { cluster: Cluster; teamName(id: string): string }) {
  const replay = useClusterReplay();
  const ui = useGpuSimUi();
  const run = useGpuRun();
  const active = replay.replay && replay.traceId !== null && ui.useTrace && ui.trace?.id === replay.traceId;
  if (!active || !replay.replay) return null;
  const view = run.result?.kind === 'run' && run.result.run.source.kind === 'trace' ? run.result.run : null;
  const rows = waitComparison(replay.replay, cluster, view?.summary ?? null);
  return (
    <section className="panel" aria-labelledby="gpu-replay-waits-title">
      <h3 id="gpu-replay-waits-title">Observed vs simulated waits</h3>
      <p className="small">
        Demand: {replay.source}. Observed: creation → quota reservation on the cluster; simulated: the same workloads under this scenario’s policy. Where they differ, the model (or the policy in this scenario) is not the cluster’s yet: check that before trusting policy B.
      </p>
      <div className="table-scroll">
        <table className="table compact-table" aria-label="Observed vs simulated waits per team">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="num" title="Admitted on the cluster with a known wait">Observed admitted</th>
              <th scope="col" className="num">Observed P50</th>
              <th scope="col" className="num">Simulated P50</th>
              <th scope="col" className="num">Observed P90</th>
              <th scope="col" className="num">Simulated P90</th>
              <th scope="col" className="num" title="Still pending at the read / never admitted in the simulation">Pending: observed / simulated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.team}>
                <th scope="row">{teamName(r.team)}</th>
                <td className="num">
                  {r.observed!.count.toLocaleString('en-US')}
                  {r.observed!.unknown ? <span className="muted small" title="Evicted and admitted again: the first wait is not kept by Kueue"> (+{r.observed!.unknown} evicted)</span> : null}
                </td>
                <td className="num">{duration(r.observed!.p50)}</td>
                <td className="num">{view ? duration(r.simulated?.p50) : '…'}</td>
                <td className="num">{duration(r.observed!.p90)}</td>
                <td className="num">{view ? duration(r.simulated?.p90) : '…'}</td>
                <td className="num">
                  {r.observed!.pending} / {view ? (r.simulated?.neverAdmitted ?? 0) : '…'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="muted small">No replayed workload was admitted on the cluster yet: nothing observed to compare.</p> : null}
      <p className="muted small">{count(replay.replay.counts.kept, 'workload')} kept of {count(replay.replay.counts.read, 'Workload object')} read in {count(replay.replay.pages, 'page')}.</p>
    </section>
  );
}
