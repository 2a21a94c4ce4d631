/**
 * Cluster (M13): choose a kubeconfig and context, check what the cluster can
 * take (and import its GPU capacity), see what applying this scenario would
 * change, apply it with progress and a per-object result, resolve field
 * conflicts only with explicit consent, and import a live cluster's policy
 * as a new scenario. Diff and apply read the stored scenario; the store saves
 * pending edits first.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { ApplyStreamResult, DiffStatus, ObjectDiff, ObjectResult } from '../../../sim/api/contract.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import type { ErrorInfo } from '../../api/errors.ts';
import { clusterAdvice } from './model/cluster-errors.ts';
import { APPLY_STATUS, countsSentence, DIFF_ORDER, DIFF_STATUS, formatFieldPath, formatValue, groupDiff } from './model/diff-format.ts';
import { capacityFromGpuNodes } from './model/import-capacity.ts';
import { indexIssues, type IssueIndex } from '../../model/cluster/issues.ts';
import { replaceCapacity, undefinedFlavorReferences } from '../../../sim/edits/policy.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { PolicyIssueList } from '../../ui/PolicyIssueList.tsx';
import { useCluster, type Phase } from './store.ts';
import { useEditor } from '../../stores/editor.ts';
import type { KueueVersion } from '../../../sim/cluster/kueue-versions.ts';
import { KueueTargetOffer } from './KueueTargetOffer.tsx';
import { useNavigation } from '../../stores/navigation.ts';
import { useNotices } from '../../stores/notices.ts';
import { useSave } from '../../stores/save.ts';
import { useScenarioList } from '../../stores/scenario-list.ts';
import { plural } from '../../model/text.ts';
import './cluster.css';

export function ClusterView({ doc, issues }: { doc: Scenario; issues: IssueIndex }) {
  const forScenario = useCluster((s) => s.forScenario);
  const contextsPhase = useCluster((s) => s.contextsPhase);
  const loadContexts = useCluster((s) => s.loadContexts);
  useEffect(() => forScenario(doc.id), [doc.id, forScenario]);
  useEffect(() => {
    if (contextsPhase === 'idle') void loadContexts({ useDefault: true });
  }, [contextsPhase, loadContexts]);

  return (
    <div className="gpu-section cluster-section">
      {issues.errors > 0 ? (
        <PolicyIssueList issues={issues} cluster={doc.cluster} scenarioId={doc.id} title="Diff and apply wait until the policy has no errors" />
      ) : null}
      <ConnectionPanel doc={doc} />
      <CapabilitiesPanel current={doc.cluster.kueueVersion} />
      <DiffPanel doc={doc} />
      <ApplyPanel doc={doc} />
    </div>
  );
}

function Busy({ phase, text }: { phase: Phase; text: string }) {
  return phase === 'running' ? (
    <span className="busy" role="status">
      <span className="spinner" aria-hidden="true" /> {text}
    </span>
  ) : null;
}

/** A failed cluster call: the cause in words, the backend's message, and what to do. */
export function ClusterErrorPanel({
  error,
  doing,
  doc,
  onRetry,
  attempt,
}: {
  error: ErrorInfo;
  doing: string;
  doc?: Scenario;
  onRetry?: () => void;
  /** Which server was tried and when: a repeated failure reads as a new attempt, not as nothing happening. */
  attempt?: { server: string | null; at: number | null; count: number };
}) {
  if (error.code === 'policy-invalid' && doc) {
    return <PolicyIssueList issues={indexIssues(error.policyIssues)} cluster={doc.cluster} scenarioId={doc.id} title={`Could not ${doing}: the policy has errors`} />;
  }
  const cluster = error.code === 'cluster' || error.clusterError !== null;
  const advice = cluster ? clusterAdvice(error.clusterError) : null;
  return (
    <div className="banner banner-error cluster-error" role="alert">
      <div>
        <strong>{advice ? advice.title : `Could not ${doing}`}</strong>
        {advice ? <span className="muted"> — could not {doing}</span> : null}
        <p className="cluster-error-message">{error.message}</p>
        {attempt && (attempt.server || attempt.at) ? (
          <p className="muted small cluster-error-attempt">
            {attempt.server ? (
              <>
                Server <span className="mono">{attempt.server}</span>
              </>
            ) : null}
            {attempt.at ? `${attempt.server ? ' · ' : ''}attempt ${attempt.count} at ${new Date(attempt.at).toLocaleTimeString()}` : null}
          </p>
        ) : null}
        {error.issues.length ? (
          <ul className="issue-list">
            {error.issues.map((i, n) => (
              <li key={n}>
                {i.path ? <code className="issue-path">{i.path}</code> : null} {i.message}
              </li>
            ))}
          </ul>
        ) : null}
        {advice ? <p className="cluster-advice">{advice.advice}</p> : null}
      </div>
      {onRetry ? (
        <div className="banner-actions">
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : null}
    </div>
  );
}

function ConnectionPanel({ doc }: { doc: Scenario }) {
  const s = useCluster();
  const inputId = useId();
  const selectId = useId();
  const chosen = s.contexts.find((c) => c.name === s.context);
  const running = s.capabilitiesPhase === 'running' || s.diffPhase === 'running' || s.apply.phase === 'running' || s.importPhase === 'running';
  const noTarget = !s.context || s.contexts.length === 0;
  const [applyAsked, setApplyAsked] = useState(false);

  return (
    <section className="panel" aria-labelledby="connection-title">
      <h2 id="connection-title" className="section-title">
        Connection
      </h2>
      <form
        className="connection-form"
        onSubmit={(e) => {
          e.preventDefault();
          void s.loadContexts();
        }}
      >
        <div className="field connection-path">
          <label htmlFor={inputId} className="field-label">
            Kubeconfig file(s)
          </label>
          <div className="inline-form">
            <input
              id={inputId}
              className="input mono"
              data-native-undo
              spellCheck={false}
              value={s.kubeconfigText}
              placeholder="/home/you/.kube/config"
              onChange={(e) => s.setKubeconfigText(e.target.value)}
              aria-describedby={`${inputId}-hint`}
            />
            <button type="submit" className="btn">
              Load contexts
            </button>
          </div>
          <span id={`${inputId}-hint`} className="field-hint">
            Absolute paths on the machine running Podplan, several separated by “:” as in KUBECONFIG.
            {s.defaultPaths.length ? ` Default: ${s.defaultPaths.join(':')} ($KUBECONFIG, else ~/.kube/config).` : ''} Credentials stay in those files; Podplan never stores them.
          </span>
        </div>
        <div className="field connection-context">
          <label htmlFor={selectId} className="field-label">
            Context
          </label>
          <select id={selectId} className="input" value={s.context} disabled={s.contexts.length === 0} onChange={(e) => s.setContext(e.target.value)}>
            {s.contexts.length === 0 ? (
              <option value="">{s.contextsPhase === 'running' ? 'Loading…' : s.contextsError ? 'No contexts (see why below)' : 'No contexts'}</option>
            ) : null}
            {s.contexts.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
                {c.name === s.currentContext ? ' (current)' : ''} — {c.server} · {c.auth}
              </option>
            ))}
          </select>
          {chosen ? (
            <span className="field-hint" aria-label="Context details">
              Server <span className="mono">{chosen.server}</span> · user {chosen.user} · auth: {chosen.auth}
              {chosen.namespace ? ` · namespace ${chosen.namespace}` : ''}
            </span>
          ) : null}
        </div>
      </form>
      {s.contextsError ? <ClusterErrorPanel error={s.contextsError} doing="read the kubeconfig" onRetry={() => void s.loadContexts()} /> : null}
      <div className="toolbar cluster-actions">
        <button type="button" className="btn" disabled={running || noTarget} onClick={() => void s.check()}>
          Check cluster
        </button>
        <button type="button" className="btn" disabled={running || noTarget} onClick={() => void s.runDiff(doc.id)}>
          Diff
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={running || noTarget}
          onClick={async () => {
            const revision = useSave.getState().save?.revision;
            const diff = useCluster.getState().diff;
            const fresh = Boolean(diff && diff.scenarioId === doc.id && diff.revision === revision && useSave.getState().save?.status === 'saved');
            if (await useCluster.getState().prepareApply(doc.id, { diffIsFresh: fresh })) setApplyAsked(true);
          }}
        >
          Apply…
        </button>
        <button
          type="button"
          className="btn"
          disabled={running || noTarget}
          onClick={async () => {
            const response = await useCluster.getState().importFromCluster();
            if (!response) return;
            const id = response.record.scenario.id;
            await useScenarioList.getState().refresh();
            useScenarioList.getState().highlight(id);
            useNavigation.getState().navigate({ view: 'editor', scenarioId: id, section: 'policy' });
            useNotices.getState().push({
              kind: 'success',
              title: `Imported “${response.record.scenario.name}”`,
              message: response.notes.length ? response.notes.join(' ') : 'The live quotas, queues and GPU nodes are now a scenario of their own.',
              timeoutMs: 20_000,
            });
          }}
        >
          Import from cluster
        </button>
        <Busy phase={s.capabilitiesPhase} text="Checking the cluster…" />
        <Busy phase={s.diffPhase} text="Comparing with the live objects (server-side dry run)…" />
        <Busy phase={s.importPhase} text="Reading the live policy…" />
      </div>
      {s.importError ? <ClusterErrorPanel error={s.importError} doing="import from the cluster" /> : null}
      <ApplyConfirmDialog doc={doc} open={applyAsked} onClose={() => setApplyAsked(false)} />
    </section>
  );
}

function CapabilitiesPanel({ current }: { current: KueueVersion }) {
  const { capabilities, capabilitiesError, capabilitiesPhase, check } = useCluster();
  if (capabilitiesError) return <ClusterErrorPanel error={capabilitiesError} doing="check the cluster" onRetry={() => void check()} />;
  if (!capabilities || capabilitiesPhase === 'idle') return null;
  const c = capabilities;
  const kueueOk = c.kueue.installed && c.kueue.servesV1beta2;
  return (
    <section className="panel" aria-labelledby="caps-title">
      <h2 id="caps-title" className="section-title">
        Cluster check <span className="muted small">{c.context} · {c.server}</span>
      </h2>
      <dl className="facts" aria-label="Cluster facts">
        <div>
          <dt>Kubernetes</dt>
          <dd>{c.version.gitVersion}</dd>
        </div>
        <div>
          <dt>Kueue</dt>
          <dd className={kueueOk ? 'ok' : 'bad'}>
            {c.kueue.installed ? 'installed' : 'not installed'}
            {c.kueue.installed ? (c.kueue.servesV1beta2 ? ' · serves kueue.x-k8s.io/v1beta2' : ' · does not serve v1beta2 for every kind') : ''}
          </dd>
        </div>
        {c.kueue.missingKinds.length ? (
          <div>
            <dt>Missing kinds</dt>
            <dd className="bad">{c.kueue.missingKinds.join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>GPUs</dt>
          <dd>
            {plural(c.totalGpus, 'GPU')} on {plural(c.gpuNodes.reduce((n, g) => n + g.nodes, 0), 'node')}
          </dd>
        </div>
      </dl>
      <KueueTargetOffer detected={c.kueue.detected} current={current} />
      {!kueueOk ? (
        <p className="field-warning">
          Podplan writes Kueue objects at kueue.x-k8s.io/v1beta2 (Kueue 0.15 or later). Install or upgrade Kueue before applying; Namespaces and quotas would still apply, queues would not.
        </p>
      ) : null}
      {c.gpuNodes.length ? (
        <>
          <table className="table compact-table" aria-label="GPU nodes">
            <thead>
              <tr>
                <th scope="col">GPU product (nvidia.com/gpu.product)</th>
                <th scope="col" className="num">
                  Nodes
                </th>
                <th scope="col" className="num">
                  GPUs / node
                </th>
                <th scope="col" className="num">
                  CPU cores / node
                </th>
                <th scope="col" className="num">
                  Memory GiB / node
                </th>
              </tr>
            </thead>
            <tbody>
              {c.gpuNodes.map((g, i) => (
                <tr key={i}>
                  <td>{g.product}</td>
                  <td className="num">{g.nodes}</td>
                  <td className="num">{g.gpusPerNode}</td>
                  <td className="num">{g.cpuCoresPerNode}</td>
                  <td className="num">{g.memoryGiBPerNode}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar toolbar-spaced">
            <button
              type="button"
              className="btn"
              onClick={() => {
                const capacity = capacityFromGpuNodes(c.gpuNodes);
                useEditor.getState().apply((d) => replaceCapacity(d, capacity));
                const doc = useEditor.getState().history?.present;
                const missing = doc ? undefinedFlavorReferences(doc.cluster) : [];
                useNotices.getState().push({
                  kind: 'success',
                  title: `Imported ${plural(capacity.nodePools.length, 'node pool')} and ${plural(capacity.flavors.length, 'flavor')}`,
                  message: missing.length
                    ? `They replace the scenario’s pools and flavors. Queues still name ${missing.join(', ')}: point their quotas at the new flavors under Quota policy.`
                    : 'They replace the scenario’s node pools and flavors.',
                  action: { label: 'Undo', run: () => useEditor.getState().undo() },
                  timeoutMs: 20_000,
                });
              }}
            >
              Import capacity into this scenario
            </button>
            <span className="muted small">Replaces this scenario’s node pools and flavors (undoable); quotas stay as they are.</span>
          </div>
        </>
      ) : (
        <p className="muted">No GPU nodes: no node reports nvidia.com/gpu capacity (is the NVIDIA device plugin running?).</p>
      )}
    </section>
  );
}

function ChangeList({ object }: { object: ObjectDiff }) {
  if (object.changes.length === 0) return null;
  return (
    <table className="change-table" aria-label={`Changes to ${object.ref}`}>
      <tbody>
        {object.changes.map((c, i) => (
          <tr key={i}>
            <th scope="row" className="mono">
              {formatFieldPath(c.path)}
            </th>
            <td className="mono before">{formatValue(c.before)}</td>
            <td aria-hidden="true">→</td>
            <td className="mono after">{formatValue(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DiffObject({ object, pruneChecked, onPrune }: { object: ObjectDiff; pruneChecked: boolean; onPrune(checked: boolean): void }) {
  const [open, setOpen] = useState(object.status === 'changed');
  const tone = DIFF_STATUS[object.status].tone;
  return (
    <li className={`diff-object tone-${tone}`}>
      <div className="diff-object-head">
        {object.status === 'to-be-pruned' ? (
          <label className="prune-check">
            <input type="checkbox" className="checkbox" checked={pruneChecked} onChange={(e) => onPrune(e.target.checked)} aria-label={`Prune ${object.ref}`} />
          </label>
        ) : null}
        <span className={`status-pill tone-${tone}`}>{DIFF_STATUS[object.status].label}</span>
        <span className="mono diff-ref">{object.ref}</span>
        {object.changes.length && object.status !== 'created' ? (
          <button type="button" className="link-button small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {plural(object.changes.length, 'field')} {open ? '▴' : '▾'}
          </button>
        ) : null}
      </div>
      {object.note ? <p className="diff-note">{object.note}</p> : null}
      {open && object.status !== 'created' ? <ChangeList object={object} /> : null}
    </li>
  );
}

/** Brings a panel into view when it gets new content (results appear below the fold). */
function useRevealOnChange(value: unknown): (element: HTMLElement | null) => void {
  const [element, setElement] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (value && element) element.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [value, element]);
  return setElement;
}

function DiffPanel({ doc }: { doc: Scenario }) {
  const { diff, diffError, diffPhase, pruneConfirmed, setPruneConfirmed, runDiff } = useCluster();
  const revision = useSave((s) => s.save?.revision);
  const [showUnchanged, setShowUnchanged] = useState(false);
  const groups = useMemo(() => (diff ? groupDiff(diff.result) : []), [diff]);
  const reveal = useRevealOnChange(diff?.result);
  if (diffError) return <ClusterErrorPanel error={diffError} doing="diff" doc={doc} onRetry={() => void runDiff(doc.id)} />;
  if (!diff || diff.scenarioId !== doc.id) return null;
  const r = diff.result;
  const stale = revision !== undefined && revision !== diff.revision;
  return (
    <section className={`panel${diffPhase === 'running' ? ' is-stale' : ''}`} aria-labelledby="diff-title" ref={reveal}>
      <h2 id="diff-title" className="section-title">
        Diff <span className="muted small">{r.context} · revision {diff.revision}</span>
      </h2>
      <p className="diff-counts" aria-label="Diff counts">
        {countsSentence(r.counts, DIFF_STATUS, DIFF_ORDER)}
        {r.hasChanges ? '' : ' — the cluster already matches this scenario.'}
      </p>
      {stale ? <p className="field-warning">The scenario changed since this diff: run it again before applying.</p> : null}
      {groups.map((group) => {
        if (group.status === 'unchanged') {
          return (
            <div key={group.status} className="diff-group">
              <button type="button" className="link-button" aria-expanded={showUnchanged} onClick={() => setShowUnchanged(!showUnchanged)}>
                {plural(group.objects.length, 'unchanged object')} {showUnchanged ? '▴' : '▾'}
              </button>
              {showUnchanged ? (
                <ul className="diff-list">
                  {group.objects.map((o) => (
                    <DiffObject key={o.ref} object={o} pruneChecked={false} onPrune={() => undefined} />
                  ))}
                </ul>
              ) : null}
            </div>
          );
        }
        return (
          <div key={group.status} className="diff-group" role="group" aria-label={`${DIFF_STATUS[group.status].label} (${group.objects.length})`}>
            <h3 className="diff-group-title">
              {groupTitle(group.status)} <span className="muted">({group.objects.length})</span>
            </h3>
            {group.status === 'to-be-pruned' ? (
              <p className="muted small">
                These carry this scenario’s labels but are no longer in it. Tick every one to delete them on apply; until all are ticked, nothing is pruned.
              </p>
            ) : null}
            <ul className="diff-list">
              {group.objects.map((o) => (
                <DiffObject
                  key={o.ref}
                  object={o}
                  pruneChecked={pruneConfirmed.includes(o.ref)}
                  onPrune={(checked) => setPruneConfirmed(checked ? [...pruneConfirmed, o.ref] : pruneConfirmed.filter((ref) => ref !== o.ref))}
                />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function groupTitle(status: DiffStatus): string {
  switch (status) {
    case 'created':
      return 'To create';
    case 'changed':
      return 'To change';
    case 'to-be-pruned':
      return 'To prune (only if you tick them)';
    case 'not-managed':
      return 'Not managed by Podplan (left alone)';
    case 'other-scenario':
      return 'Managed for another scenario (left alone)';
    case 'kind-missing':
      return 'Kind not served by the cluster';
    case 'conflict':
      return 'Field conflicts';
    case 'error':
      return 'Errors';
    case 'unchanged':
      return 'Unchanged';
  }
}

function ApplyConfirmDialog({ doc, open, onClose }: { doc: Scenario; open: boolean; onClose(): void }) {
  const { diff, pruneConfirmed, runApply } = useCluster();
  const [dryRun, setDryRun] = useState(false);
  const r = diff?.result;
  const candidates = r ? r.objects.filter((o) => o.status === 'to-be-pruned').map((o) => o.ref) : [];
  const allTicked = candidates.length > 0 && candidates.every((ref) => pruneConfirmed.includes(ref));
  const c = r?.counts;
  return (
    <ConfirmDialog
      open={open && Boolean(r)}
      title={`Apply “${doc.name}” to ${r?.context ?? 'the cluster'}?`}
      confirmLabel={dryRun ? 'Dry run' : 'Apply'}
      wide
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void runApply(doc.id, { dryRun, forceConflicts: false, prune: allTicked ? candidates : [] });
      }}
    >
      <p>
        Server-side apply with field manager <code>podplan</code>, in order: namespaces and quotas first, then flavors, cohorts and queues. Server: <code>{r?.server}</code>
      </p>
      {c ? (
        <ul className="apply-counts" aria-label="What the apply will do">
          <li>
            <strong>{c.created}</strong> to create
          </li>
          <li>
            <strong>{c.changed}</strong> to change
          </li>
          <li>
            <strong>{c.unchanged}</strong> unchanged (skipped)
          </li>
          {candidates.length ? (
            <li className={allTicked ? 'tone-remove' : undefined}>
              <strong>{allTicked ? candidates.length : 0}</strong> to prune
              {allTicked ? `: ${candidates.join(', ')}` : ` (${candidates.length} candidates; tick all of them in the diff to prune)`}
            </li>
          ) : null}
          {c['not-managed'] + c['other-scenario'] ? (
            <li>
              <strong>{c['not-managed'] + c['other-scenario']}</strong> not Podplan’s for this scenario: left alone
            </li>
          ) : null}
          {c.conflict ? (
            <li className="tone-error">
              <strong>{c.conflict}</strong> with field conflicts: reported, not forced
            </li>
          ) : null}
          {c['kind-missing'] + c.error ? (
            <li className="tone-error">
              <strong>{c['kind-missing'] + c.error}</strong> that will fail (see the diff)
            </li>
          ) : null}
        </ul>
      ) : null}
      <label className="checkbox-row">
        <input type="checkbox" className="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
        Dry run only (the server checks everything, nothing is written)
      </label>
    </ConfirmDialog>
  );
}

function conflictsOf(result: ApplyStreamResult): ObjectResult[] {
  return result.results.filter((o) => o.status === 'conflict');
}

function ApplyPanel({ doc }: { doc: Scenario }) {
  const { apply, runApply, pruneConfirmed, runDiff, diff } = useCluster();
  const [forceAsked, setForceAsked] = useState(false);
  const [consent, setConsent] = useState(false);
  const [showUnchanged, setShowUnchanged] = useState(false);
  // A new failed attempt scrolls into view too, even when its message is the same as the last one's.
  const reveal = useRevealOnChange(apply.phase === 'idle' ? null : `${apply.phase}:${apply.result ? 'result' : ''}:${apply.failedAttempts}`);
  if (apply.phase === 'idle' || apply.scenarioId !== doc.id) return null;
  const p = apply.progress;
  const result = apply.result;
  const conflicts = result ? conflictsOf(result) : [];
  const managers = [...new Set(conflicts.flatMap((o) => (o.conflicts ?? []).map((c) => c.manager)))];
  const pct = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
  const prune = diff ? diff.result.objects.filter((o) => o.status === 'to-be-pruned').map((o) => o.ref) : [];
  const allTicked = prune.length > 0 && prune.every((ref) => pruneConfirmed.includes(ref));
  const unchanged = result ? result.results.filter((o) => o.status === 'unchanged').length : 0;
  // Unchanged rows are folded away when something else happened, so problems are not buried.
  const fold = unchanged > 0 && unchanged < (result?.results.length ?? 0) && !showUnchanged;
  const rows = result ? (fold ? result.results.filter((o) => o.status !== 'unchanged') : result.results) : [];

  return (
    <section className="panel" aria-labelledby="apply-title" ref={reveal}>
      <h2 id="apply-title" className="section-title">
        {apply.dryRun ? 'Dry run' : 'Apply'}
        {apply.forced ? ' (taking ownership of conflicting fields)' : ''}
      </h2>
      {apply.phase === 'running' || p ? (
        <div className="apply-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label="Apply progress"
            aria-valuemin={0}
            aria-valuemax={p?.total ?? 100}
            aria-valuenow={p?.done ?? 0}
            aria-valuetext={p ? `${p.done} of ${p.total} objects` : 'Starting'}
          >
            <div className="progress-fill" style={{ width: `${result ? 100 : pct}%` }} />
          </div>
          <span className="small muted" role="status">
            {result ? `Done: ${result.results.length} objects.` : p ? `${p.done} of ${p.total} · ${p.phase} · last: ${p.last.ref} ${APPLY_STATUS[p.last.status].label}` : 'Saving and connecting…'}
          </span>
        </div>
      ) : null}
      {apply.error ? (
        <ClusterErrorPanel
          error={apply.error}
          doing={apply.dryRun ? 'dry-run the apply' : 'apply'}
          doc={doc}
          attempt={{ server: apply.server, at: apply.failedAt, count: apply.failedAttempts }}
        />
      ) : null}
      {result ? (
        <>
          <p className={`apply-summary ${result.complete ? 'ok' : 'bad'}`} role="status">
            {result.complete
              ? apply.dryRun
                ? 'Dry run passed: the cluster would accept every object.'
                : 'Applied: the cluster now matches this scenario.'
              : 'Not complete: some objects were not applied (see below). Fix the cause and apply again; unchanged objects are skipped.'}{' '}
            <span className="muted">{countsSentence(result.counts, APPLY_STATUS)}</span>
          </p>
          {result.notPruned.length ? (
            <p className="field-warning">
              Not pruned (still on the cluster): {result.notPruned.join(', ')}.{allTicked ? '' : ' Tick every prune candidate in the diff to prune them.'}
            </p>
          ) : null}
          {conflicts.length ? (
            <div className="banner banner-warning conflict-box" role="alert">
              <div>
                <strong>
                  {plural(conflicts.length, 'object has', 'objects have')} fields owned by {managers.length ? managers.join(', ') : 'another field manager'}.
                </strong>{' '}
                Podplan did not overwrite them. Take ownership only if Podplan should manage these fields from now on; {managers.join(', ') || 'the other manager'} may set them back.
              </div>
              <div className="banner-actions">
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  onClick={() => {
                    setConsent(false);
                    setForceAsked(true);
                  }}
                >
                  Force (take ownership)…
                </button>
              </div>
            </div>
          ) : null}
          <table className="table compact-table results-table" aria-label="Apply results">
            <colgroup>
              <col className="col-result-ref" />
              <col className="col-result-status" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Object</th>
                <th scope="col">Result</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.ref} className={`tone-row-${APPLY_STATUS[o.status].tone}`}>
                  <td className="mono">{o.ref}</td>
                  <td>
                    <span className={`status-pill tone-${APPLY_STATUS[o.status].tone}`}>{APPLY_STATUS[o.status].label}</span>
                  </td>
                  <td className="small">
                    {o.message}
                    {o.conflicts?.length ? (
                      <ul className="conflict-list">
                        {o.conflicts.map((c, i) => (
                          <li key={i}>
                            <span className="mono">{c.field}</span> owned by <strong>{c.manager}</strong>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar">
            {unchanged > 0 && unchanged < result.results.length ? (
              <button type="button" className="btn btn-small btn-ghost" aria-expanded={showUnchanged} onClick={() => setShowUnchanged(!showUnchanged)}>
                {showUnchanged ? 'Hide' : 'Show'} {plural(unchanged, 'unchanged object')}
              </button>
            ) : null}
            <button type="button" className="btn btn-small" onClick={() => void runDiff(doc.id)}>
              Diff again
            </button>
          </div>
        </>
      ) : null}
      <ConfirmDialog
        open={forceAsked}
        title="Take ownership of the conflicting fields?"
        confirmLabel="Force apply"
        danger
        wide
        confirmDisabled={!consent}
        onCancel={() => setForceAsked(false)}
        onConfirm={() => {
          setForceAsked(false);
          void runApply(doc.id, { dryRun: apply.dryRun, forceConflicts: true, prune: allTicked ? prune : [] });
        }}
      >
        <p>Podplan will overwrite these fields and become their manager. The other managers lose them:</p>
        <ul className="conflict-list">
          {conflicts.flatMap((o) =>
            (o.conflicts?.length ? o.conflicts : [{ manager: 'another manager', field: '(fields not named)' }]).map((c, i) => (
              <li key={`${o.ref}-${i}`}>
                <span className="mono">{o.ref}</span>: <span className="mono">{c.field}</span> from <strong>{c.manager}</strong>
              </li>
            )),
          )}
        </ul>
        <label className="checkbox-row consent">
          <input type="checkbox" className="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />I understand that {managers.join(', ') || 'the other manager'} may change these fields back, and I want Podplan to own them.
        </label>
      </ConfirmDialog>
    </section>
  );
}
