/**
 * Quota policy (M9): ResourceFlavors, the cohort tree, one card per team
 * queue, priority classes and Kueue settings, with validation inline and
 * listed at the top, and the policy summary alongside. Every edit goes
 * through the editor store (undoable, autosaved).
 */
import { Fragment, useMemo, useState } from 'react';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { FAIR_SHARING_FLAG_SOURCE, PRIORITY_POLICIES, priorityPolicySource, TAINT_EFFECTS } from '../../model/cluster/defaults.ts';
import { fieldAttrs, fieldId, type IssueIndex } from '../../model/cluster/issues.ts';
import {
  addCohort,
  addFlavor,
  addPriorityClass,
  addQueue,
  addResourceGroup,
  parentCandidates,
  removeCohort,
  removeFlavor,
  removePriorityClass,
  renameCohort,
  renameFlavor,
  setCohortParent,
  setCohortWeight,
  setFairSharing,
  setFlavorLabels,
  setFlavorTaints,
  updatePriorityClass,
} from '../../../sim/edits/policy.ts';
import { formatNumber, summaryView } from '../../model/cluster/summary-format.ts';
import { GPU_RESOURCE, type Cluster, type Taint } from '../../../sim/cluster/schema.ts';
import { AdmissionFairSharingSettings } from './AdmissionFairSharing.tsx';
import { CohortTree } from './CohortTree.tsx';
import { FieldMessages, SourceTag } from '../../ui/FieldMessages.tsx';
import { KeyValueEditor } from './KeyValueEditor.tsx';
import { KueueVersionField } from './KueueVersionField.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { PolicyIssueList } from '../../ui/PolicyIssueList.tsx';
import { PolicySummaryPanel } from './PolicySummaryPanel.tsx';
import { QueueCard } from './QueueCard.tsx';
import { QuotaGrid } from './QuotaGrid.tsx';
import { useFocusRequest } from '../../hooks/useFocusRequest.ts';
import { applyEdit, useEditor } from '../../stores/editor.ts';
import { useNotices } from '../../stores/notices.ts';
import { usePolicyUi } from '../../stores/policy-ui.ts';
import './policy.css';

const apply = (edit: (d: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
const seal = () => useEditor.getState().seal();

export function PolicyView({ doc, issues }: { doc: Scenario; issues: IssueIndex }) {
  useFocusRequest();
  const cluster = doc.cluster;
  return (
    <div className="gpu-section">
      <PolicyIssueList issues={issues} cluster={cluster} scenarioId={doc.id} />
      <div className="policy-layout">
        <div className="policy-main">
          <FlavorsSection cluster={cluster} issues={issues} />
          <CohortsSection cluster={cluster} issues={issues} />
          <QueuesSection doc={doc} issues={issues} />
          <PriorityClassesSection cluster={cluster} issues={issues} />
          <section className="panel" aria-labelledby="kueue-settings-title">
            <h2 id="kueue-settings-title" className="section-title">
              Kueue settings
            </h2>
            <KueueVersionField cluster={cluster} />
            <label className="checkbox-row">
              <input type="checkbox" className="checkbox" checked={cluster.fairSharing} onChange={(e) => apply((d) => setFairSharing(d, e.target.checked))} />
              Fair sharing (admission prefers the queue with the lowest weighted share; preemption targets the highest)
              {!cluster.fairSharing ? <SourceTag label={FAIR_SHARING_FLAG_SOURCE.label} reference={FAIR_SHARING_FLAG_SOURCE.reference} /> : null}
            </label>
            <p className="muted small">A setting of Kueue’s own configuration, not a manifest: the simulator uses it; set it in Kueue’s Configuration to match.</p>
            <AdmissionFairSharingSettings cluster={cluster} issues={issues} />
          </section>
        </div>
        <PolicySummaryPanel cluster={cluster} teams={doc.teams} />
      </div>
    </div>
  );
}

function QueuesSection({ doc, issues }: { doc: Scenario; issues: IssueIndex }) {
  const cluster = doc.cluster;
  const expanded = usePolicyUi((s) => s.expanded);
  const setExpanded = usePolicyUi((s) => s.setExpanded);
  const setAllExpanded = usePolicyUi((s) => s.setAllExpanded);
  const month = usePolicyUi((s) => s.summaryMonth);
  const teamsWithoutQueue = doc.teams.filter((t) => !cluster.queues.some((q) => q.teamId === t.id));
  const [teamForNew, setTeamForNew] = useState('');
  const chosenTeam = teamsWithoutQueue.some((t) => t.id === teamForNew) ? teamForNew : (teamsWithoutQueue[0]?.id ?? '');
  const cohortNames = useMemo(() => [...new Set(cluster.cohorts.map((c) => c.name))], [cluster.cohorts]);
  const flavorNames = useMemo(() => [...new Set(cluster.flavors.map((f) => f.name))], [cluster.flavors]);
  const gpuLines = useMemo(() => {
    const view = summaryView(cluster, doc.teams, { month, resource: GPU_RESOURCE });
    if ('error' in view) return new Map<string, string>();
    return new Map(view.teams.map((t) => [t.queueId, `${formatNumber(GPU_RESOURCE, t.guaranteed)} GPUs, up to ${formatNumber(GPU_RESOURCE, t.maxUsable)}`]));
  }, [cluster, doc.teams, month]);
  const allOpen = cluster.queues.length > 0 && cluster.queues.every((q) => expanded[q.id]);

  return (
    <section aria-labelledby="queues-title">
      <div className="section-header">
        <h2 id="queues-title" className="section-title">
          Team queues <span className="muted small">namespace · ClusterQueue · LocalQueue per team</span>
        </h2>
        <div className="toolbar">
          {cluster.queues.length > 1 ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setAllExpanded(cluster.queues.map((q) => q.id), !allOpen)}>
              {allOpen ? 'Collapse all' : 'Expand all'}
            </button>
          ) : null}
          {teamsWithoutQueue.length > 0 ? (
            <select className="input input-compact select-inline" aria-label="Team for the new queue" value={chosenTeam} onChange={(e) => setTeamForNew(e.target.value)}>
              {teamsWithoutQueue.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
              <option value="">(no team)</option>
            </select>
          ) : null}
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => {
              const added = applyEdit((doc) => addQueue(doc, teamsWithoutQueue.length ? chosenTeam || undefined : undefined));
              if (!added) return;
              usePolicyUi.getState().setExpanded(added.queue.id, true);
              usePolicyUi.getState().requestFocus(`cluster.queues[${added.scenario.cluster.queues.length - 1}].namespace`);
            }}
          >
            + Add queue
          </button>
        </div>
      </div>
      {cluster.queues.length === 0 ? <p className="empty">No team queues yet. Add one per team: it gets a namespace, a ClusterQueue and a LocalQueue.</p> : null}
      <div className="queue-list">
        {cluster.queues.map((queue, index) => (
          <QueueCard
            key={queue.id}
            queue={queue}
            index={index}
            issues={issues}
            teams={doc.teams}
            cohortNames={cohortNames}
            flavorNames={flavorNames}
            expanded={Boolean(expanded[queue.id])}
            gpuLine={gpuLines.get(queue.id) ?? null}
            admissionFairSharing={cluster.admissionFairSharing !== undefined}
            onToggle={(open) => setExpanded(queue.id, open)}
          />
        ))}
      </div>
    </section>
  );
}

function CohortsSection({ cluster, issues }: { cluster: Cluster; issues: IssueIndex }) {
  const [openQuota, setOpenQuota] = useState<Record<number, boolean>>({});
  const flavorNames = [...new Set(cluster.flavors.map((f) => f.name))];
  return (
    <section aria-labelledby="cohorts-title" className="panel">
      <div className="section-header">
        <h2 id="cohorts-title" className="section-title">
          Cohorts <span className="muted small">queues in a cohort lend and borrow unused quota</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={() => apply((d) => addCohort(d).scenario)}>
          + Add cohort
        </button>
      </div>
      <div className="cohorts-layout">
        <div>
          {cluster.cohorts.length === 0 ? (
            <p className="muted small">No Cohort objects. Queues that name a cohort still share it (Kueue creates it implicitly).</p>
          ) : (
            <table className="table compact-table" aria-label="Cohorts">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Parent</th>
                  <th scope="col">
                    Weight <SourceTag label="default 1" reference="kueue.sigs.k8s.io/docs/concepts/fair_sharing" />
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cluster.cohorts.map((cohort, i) => {
                  const base = `cluster.cohorts[${i}]`;
                  const candidates = parentCandidates(cluster, i);
                  const hasQuota = cohort.resourceGroups.length > 0;
                  return (
                    <Fragment key={i}>
                      <tr>
                        <td>
                          <input
                            className="input input-compact"
                            aria-label={`Cohort ${i + 1} name`}
                            value={cohort.name}
                            spellCheck={false}
                            {...fieldAttrs(`${base}.name`, issues)}
                            onChange={(e) => apply((d) => renameCohort(d, i, e.target.value), `cohort:${i}:name`)}
                            onBlur={seal}
                          />
                          <FieldMessages path={`${base}.name`} issues={issues} />
                        </td>
                        <td>
                          <select
                            className="input input-compact"
                            aria-label={`Parent of cohort ${cohort.name}`}
                            value={cohort.parentName ?? ''}
                            {...fieldAttrs(`${base}.parentName`, issues)}
                            onChange={(e) => apply((d) => setCohortParent(d, i, e.target.value || undefined))}
                          >
                            <option value="">(root)</option>
                            {candidates.map((name) => (
                              <option key={name} value={name}>
                                {name}
                              </option>
                            ))}
                            {cohort.parentName && !candidates.includes(cohort.parentName) ? <option value={cohort.parentName}>{cohort.parentName} (invalid)</option> : null}
                          </select>
                          <FieldMessages path={`${base}.parentName`} issues={issues} />
                        </td>
                        <td className="col-weight">
                          <input
                            className="input input-compact"
                            aria-label={`Fair-sharing weight of cohort ${cohort.name}`}
                            placeholder="1"
                            value={cohort.fairSharingWeight ?? ''}
                            {...fieldAttrs(`${base}.fairSharingWeight`, issues)}
                            onChange={(e) => apply((d) => setCohortWeight(d, i, e.target.value), `cohort:${i}:weight`)}
                            onBlur={seal}
                          />
                          <FieldMessages path={`${base}.fairSharingWeight`} issues={issues} />
                        </td>
                        <td className="row-actions">
                          <button
                            type="button"
                            className="btn btn-small btn-ghost"
                            aria-expanded={Boolean(openQuota[i])}
                            aria-label={`Quota held by cohort ${cohort.name}`}
                            onClick={() => setOpenQuota({ ...openQuota, [i]: !openQuota[i] })}
                          >
                            {hasQuota ? 'Own quota ▾' : 'Own quota'}
                          </button>
                          <button
                            type="button"
                            className="btn btn-icon btn-ghost"
                            aria-label={`Remove cohort ${cohort.name}`}
                            title="Remove cohort (its queues and child cohorts move up to its parent)"
                            onClick={() => {
                              const result = applyEdit((doc) => removeCohort(doc, i));
                              if (!result) return;
                              const moved = result.movedQueues + result.movedCohorts;
                              useNotices.getState().push({
                                kind: 'info',
                                title: `Removed cohort “${cohort.name}”`,
                                ...(moved ? { message: `${moved} ${moved === 1 ? 'member moved' : 'members moved'} up to ${cohort.parentName ?? 'no cohort'}.` } : {}),
                                action: { label: 'Undo', run: () => useEditor.getState().undo() },
                              });
                            }}
                          >
                            ✕
                          </button>
                        </td>
                      </tr>
                      {openQuota[i] ? (
                        <tr>
                          <td colSpan={4}>
                            <p className="muted small">Quota the cohort holds itself and lends to its subtree (optional).</p>
                            {hasQuota ? (
                              <QuotaGrid
                                owner={{ kind: 'cohort', index: i }}
                                ownerName={cohort.name}
                                groups={cohort.resourceGroups}
                                basePath={base}
                                issues={issues}
                                flavorNames={flavorNames}
                                hasCohort={cohort.parentName !== undefined}
                              />
                            ) : (
                              <button type="button" className="btn btn-small" onClick={() => apply((d) => addResourceGroup(d, { kind: 'cohort', index: i }))}>
                                + Give this cohort quota
                              </button>
                            )}
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        <CohortTree cluster={cluster} />
      </div>
    </section>
  );
}

function TaintsEditor({ taints, index, flavorName }: { taints: readonly Taint[]; index: number; flavorName: string }) {
  const set = (next: Taint[], key?: string) => apply((d) => setFlavorTaints(d, index, next), key);
  return (
    <div className="taints" role="group" aria-label={`Node taints of ${flavorName}`}>
      {taints.map((t, i) => (
        <div key={i} className="taint-row">
          <input className="input input-compact" aria-label={`Taint ${i + 1} key`} placeholder="key" value={t.key} onChange={(e) => set(taints.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)), `flavor:${index}:taint:${i}:key`)} onBlur={seal} />
          <input className="input input-compact" aria-label={`Taint ${i + 1} value`} placeholder="value" value={t.value} onChange={(e) => set(taints.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)), `flavor:${index}:taint:${i}:value`)} onBlur={seal} />
          <select
            className="input input-compact"
            aria-label={`Taint ${i + 1} effect`}
            value={t.effect}
            onChange={(e) => {
              const effect = TAINT_EFFECTS.find((x) => x === e.target.value);
              if (effect) set(taints.map((x, j) => (j === i ? { ...x, effect } : x)));
            }}
          >
            {TAINT_EFFECTS.map((effect) => (
              <option key={effect} value={effect}>
                {effect}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-icon btn-ghost" aria-label={`Remove taint ${i + 1} of ${flavorName}`} onClick={() => set(taints.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small btn-ghost" aria-label={`Add taint to ${flavorName}`} onClick={() => set([...taints, { key: 'nvidia.com/gpu', value: '', effect: 'NoSchedule' }])}>
        + Taint
      </button>
    </div>
  );
}

function FlavorsSection({ cluster, issues }: { cluster: Cluster; issues: IssueIndex }) {
  return (
    <section aria-labelledby="flavors-title" className="panel">
      <div className="section-header">
        <h2 id="flavors-title" className="section-title">
          ResourceFlavors <span className="muted small">one per GPU model; node labels select its nodes</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={() => apply((d) => addFlavor(d).scenario)}>
          + Add flavor
        </button>
      </div>
      {cluster.flavors.length === 0 ? (
        <p className="muted small">No flavors yet.</p>
      ) : (
        <table className="table compact-table flavors-table" aria-label="ResourceFlavors">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Node labels</th>
              <th scope="col">Node taints</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cluster.flavors.map((flavor, i) => {
              const base = `cluster.flavors[${i}]`;
              const pools = cluster.nodePools.filter((p) => p.flavor === flavor.name).length;
              return (
                <tr key={i}>
                  <td className="col-name">
                    <input
                      className="input input-compact"
                      aria-label={`Flavor ${i + 1} name`}
                      value={flavor.name}
                      spellCheck={false}
                      {...fieldAttrs(`${base}.name`, issues)}
                      onChange={(e) => apply((d) => renameFlavor(d, i, e.target.value), `flavor:${i}:name`)}
                      onBlur={seal}
                    />
                    <FieldMessages path={`${base}.name`} issues={issues} />
                    <span className="muted small">{pools === 0 ? 'no node pool' : pools === 1 ? '1 node pool' : `${pools} node pools`}</span>
                  </td>
                  <td>
                    <KeyValueEditor
                      label={`Node labels of ${flavor.name}`}
                      keyLabel="Label key"
                      valueLabel="Label value"
                      entries={flavor.nodeLabels}
                      path={`${base}.nodeLabels`}
                      issues={issues}
                      keySuggestions={['nvidia.com/gpu.product', 'cloud.google.com/gke-accelerator', 'node.kubernetes.io/instance-type']}
                      newValue=""
                      emptyText="Any node"
                      onChange={(next, key) => apply((d) => setFlavorLabels(d, i, next), key)}
                      onBlur={seal}
                    />
                  </td>
                  <td>
                    <TaintsEditor taints={flavor.nodeTaints} index={i} flavorName={flavor.name} />
                  </td>
                  <td className="center">
                    <button
                      type="button"
                      className="btn btn-icon btn-ghost"
                      aria-label={`Remove flavor ${flavor.name}`}
                      onClick={() => {
                        apply((d) => removeFlavor(d, i));
                        useNotices.getState().push({ kind: 'info', title: `Removed flavor “${flavor.name}”`, action: { label: 'Undo', run: () => useEditor.getState().undo() } });
                      }}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PriorityClassesSection({ cluster, issues }: { cluster: Cluster; issues: IssueIndex }) {
  return (
    <section aria-labelledby="priority-title" className="panel">
      <div className="section-header">
        <h2 id="priority-title" className="section-title">
          Priority classes <span className="muted small">PriorityClass + Kueue WorkloadPriorityClass</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={() => apply((d) => addPriorityClass(d).scenario)}>
          + Add priority class
        </button>
      </div>
      {cluster.priorityClasses.length === 0 ? (
        <p className="muted small">No priority classes: every workload has priority 0.</p>
      ) : (
        <table className="table compact-table" aria-label="Priority classes">
          <colgroup>
            <col className="col-pc-name" />
            <col className="col-pc-value" />
            <col />
            <col className="col-pc-policy" />
            <col className="col-remove" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Description</th>
              <th scope="col">Preemption policy</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...cluster.priorityClasses.entries()].map(([i, pc]) => {
              const base = `cluster.priorityClasses[${i}]`;
              const source = priorityPolicySource(pc.preemptionPolicy);
              return (
                <tr key={i}>
                  <td>
                    <input
                      className="input input-compact"
                      aria-label={`Priority class ${i + 1} name`}
                      value={pc.name}
                      spellCheck={false}
                      {...fieldAttrs(`${base}.name`, issues)}
                      onChange={(e) => apply((d) => updatePriorityClass(d, i, { name: e.target.value }), `pc:${i}:name`)}
                      onBlur={seal}
                    />
                    <FieldMessages path={`${base}.name`} issues={issues} />
                  </td>
                  <td>
                    <NumberField
                      className="input input-compact"
                      aria-label={`Value of ${pc.name}`}
                      id={fieldId(`${base}.value`)}
                      value={pc.value}
                      min={-2_147_483_648}
                      max={1_000_000_000}
                      onValue={(value) => apply((d) => updatePriorityClass(d, i, { value }), `pc:${i}:value`)}
                      onBlur={seal}
                    />
                  </td>
                  <td>
                    <input
                      className="input input-compact"
                      aria-label={`Description of ${pc.name}`}
                      value={pc.description}
                      maxLength={2048}
                      onChange={(e) => apply((d) => updatePriorityClass(d, i, { description: e.target.value }), `pc:${i}:description`)}
                      onBlur={seal}
                    />
                  </td>
                  <td>
                    <select
                      className="input input-compact"
                      aria-label={`Preemption policy of ${pc.name}`}
                      value={pc.preemptionPolicy}
                      title={PRIORITY_POLICIES.find((o) => o.value === pc.preemptionPolicy)?.help}
                      onChange={(e) => {
                        const next = PRIORITY_POLICIES.find((o) => o.value === e.target.value);
                        if (next) apply((d) => updatePriorityClass(d, i, { preemptionPolicy: next.value }));
                      }}
                    >
                      {PRIORITY_POLICIES.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {source ? <SourceTag label={source.label} reference={source.reference} /> : null}
                  </td>
                  <td className="center">
                    <button type="button" className="btn btn-icon btn-ghost" aria-label={`Remove priority class ${pc.name}`} onClick={() => apply((d) => removePriorityClass(d, i))}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
