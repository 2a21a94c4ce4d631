/**
 * One team's slice of the cluster: its namespace, ClusterQueue and
 * LocalQueue, cohort, queueing and preemption, the quota grid, and the
 * namespace's ResourceQuota and LimitRange defaults. Collapsed, it shows a
 * one-line summary and its problem counts.
 */
import { memo } from 'react';
import {
  BORROW_WITHIN_COHORT,
  defaultSource,
  FUNGIBILITY,
  NAMESPACE_QUOTA_SUGGESTIONS,
  QUEUEING_STRATEGIES,
  RECLAIM_WITHIN_COHORT,
  WITHIN_CLUSTER_QUEUE,
} from '../../model/cluster/defaults.ts';
import { fieldId, type IssueIndex } from '../../model/cluster/issues.ts';
import { removeQueue, setFungibility, setPreemption, setQueueMap, updateQueue, type MapField, type QueuePatch } from '../../../sim/edits/policy.ts';
import type { TeamQueue } from '../../../sim/cluster/schema.ts';
import type { Team } from '../../../sim/scenario/index.ts';
import { useEditor } from '../../stores/editor.ts';
import { useNotices } from '../../stores/notices.ts';
import { FieldMessages } from '../../ui/FieldMessages.tsx';
import { QueueAdmissionFairSharing } from './AdmissionFairSharing.tsx';
import { KeyValueEditor } from './KeyValueEditor.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { PolicySelectField, PolicyTextField } from './PolicyFields.tsx';
import { QuotaGrid } from './QuotaGrid.tsx';

export interface QueueCardProps {
  queue: TeamQueue;
  index: number;
  issues: IssueIndex;
  teams: readonly Team[];
  cohortNames: readonly string[];
  flavorNames: readonly string[];
  expanded: boolean;
  /** e.g. "16 GPUs guaranteed · up to 32" from the summary. */
  gpuLine: string | null;
  /** The Kueue Configuration has admissionFairSharing (the queue's admission scope then counts). */
  admissionFairSharing?: boolean;
  onToggle(open: boolean): void;
}

export const QueueCard = memo(function QueueCard(props: QueueCardProps) {
  const { queue, index, issues, teams, cohortNames, flavorNames, expanded, gpuLine, admissionFairSharing = false, onToggle } = props;
  const id = queue.id;
  const base = `cluster.queues[${index}]`;
  const apply = useEditor.getState().apply;
  const seal = () => useEditor.getState().seal();
  const update = (patch: QueuePatch, field?: string) => apply((d) => updateQueue(d, id, patch), field ? `queue:${id}:${field}` : undefined);
  const setMap = (field: MapField) => (map: Record<string, string>, key?: string) => apply((d) => setQueueMap(d, id, field, map), key);
  const mine = issues.within(base);
  const errors = mine.filter((i) => i.severity === 'error').length;
  const warnings = mine.length - errors;
  const team = queue.teamId ? teams.find((t) => t.id === queue.teamId) : undefined;
  const title = queue.clusterQueue || '(unnamed queue)';
  const bodyId = `queue-body-${id}`;
  const p = queue.preemption;

  return (
    <section className={`queue-card${errors ? ' has-errors' : warnings ? ' has-warnings' : ''}`} role="group" aria-label={`Queue ${index + 1}: ${title}`} id={fieldId(base)} tabIndex={-1}>
      <div className="queue-header">
        <button type="button" className="queue-toggle" aria-expanded={expanded} aria-controls={bodyId} onClick={() => onToggle(!expanded)}>
          <span className="chevron" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          <span className="queue-title">{title}</span>
          {team ? <span className="muted queue-team">· {team.name}</span> : null}
        </button>
        <span className="queue-facts muted small">
          <span title="Namespace">{queue.namespace || '(no namespace)'}</span>
          <span title="Cohort">{queue.cohortName ? `in ${queue.cohortName}` : 'no cohort'}</span>
          {gpuLine ? <span>{gpuLine}</span> : null}
        </span>
        <span className="queue-badges">
          {errors ? <span className="badge badge-error">{errors === 1 ? '1 error' : `${errors} errors`}</span> : null}
          {warnings ? <span className="badge badge-warning">{warnings === 1 ? '1 warning' : `${warnings} warnings`}</span> : null}
        </span>
        <button
          type="button"
          className="btn btn-small btn-ghost btn-danger-text"
          aria-label={`Remove queue ${title}`}
          onClick={() => {
            apply((d) => removeQueue(d, id));
            useNotices.getState().push({ kind: 'info', title: `Removed queue “${title}”`, action: { label: 'Undo', run: () => useEditor.getState().undo() } });
          }}
        >
          Remove
        </button>
      </div>

      {expanded ? (
        <div className="queue-body" id={bodyId}>
          <div className="form-grid form-grid-4">
            <div className="field">
              <label htmlFor={`queue-${id}-team`} className="field-label">
                Team
              </label>
              <select
                id={`queue-${id}-team`}
                className="input"
                value={queue.teamId ?? ''}
                onChange={(e) => update({ teamId: e.target.value })}
              >
                <option value="">(none)</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <PolicyTextField label="Namespace" path={`${base}.namespace`} issues={issues} value={queue.namespace} maxLength={63} onChange={(v) => update({ namespace: v }, 'namespace')} onBlur={seal} />
            <PolicyTextField label="ClusterQueue" path={`${base}.clusterQueue`} issues={issues} value={queue.clusterQueue} onChange={(v) => update({ clusterQueue: v }, 'clusterQueue')} onBlur={seal} />
            <PolicyTextField label="LocalQueue" path={`${base}.localQueue`} issues={issues} value={queue.localQueue} onChange={(v) => update({ localQueue: v }, 'localQueue')} onBlur={seal} />
            <PolicyTextField
              label="Team group (RBAC edit)"
              path={`${base}.teamGroup`}
              issues={issues}
              value={queue.teamGroup}
              placeholder="none: no RoleBinding"
              onChange={(v) => update({ teamGroup: v }, 'teamGroup')}
              onBlur={seal}
            />
            <PolicySelectField
              label="Cohort"
              path={`${base}.cohortName`}
              issues={issues}
              value={queue.cohortName ?? ''}
              options={[
                { value: '', label: '(no cohort: never borrows or lends)' },
                ...cohortNames.map((name) => ({ value: name, label: name })),
                ...(queue.cohortName && !cohortNames.includes(queue.cohortName) ? [{ value: queue.cohortName, label: `${queue.cohortName} (no Cohort object)` }] : []),
              ]}
              onChange={(v) => update({ cohortName: v })}
            />
            <PolicySelectField
              label="Queueing strategy"
              path={`${base}.queueingStrategy`}
              issues={issues}
              value={queue.queueingStrategy}
              options={QUEUEING_STRATEGIES}
              source={defaultSource('queueingStrategy', queue.queueingStrategy)}
              onChange={(v) => update({ queueingStrategy: v })}
            />
            <PolicyTextField
              label="Fair-sharing weight"
              path={`${base}.fairSharingWeight`}
              issues={issues}
              value={queue.fairSharingWeight ?? ''}
              placeholder="1"
              source={defaultSource('fairSharingWeight', queue.fairSharingWeight)}
              onChange={(v) => update({ fairSharingWeight: v }, 'fairSharingWeight')}
              onBlur={seal}
            />
          </div>

          <QueueAdmissionFairSharing queue={queue} base={base} issues={issues} enabled={admissionFairSharing} />

          <h4 className="subsection-title">Preemption and flavor fungibility</h4>
          <div className="form-grid form-grid-4">
            <PolicySelectField
              label="Within ClusterQueue"
              path={`${base}.preemption.withinClusterQueue`}
              issues={issues}
              value={p.withinClusterQueue}
              options={WITHIN_CLUSTER_QUEUE}
              source={defaultSource('withinClusterQueue', p.withinClusterQueue)}
              onChange={(v) => apply((d) => setPreemption(d, id, { withinClusterQueue: v }))}
            />
            <PolicySelectField
              label="Reclaim within cohort"
              path={`${base}.preemption.reclaimWithinCohort`}
              issues={issues}
              value={p.reclaimWithinCohort}
              options={RECLAIM_WITHIN_COHORT}
              source={defaultSource('reclaimWithinCohort', p.reclaimWithinCohort)}
              onChange={(v) => apply((d) => setPreemption(d, id, { reclaimWithinCohort: v }))}
            />
            <PolicySelectField
              label="Borrow within cohort"
              path={`${base}.preemption.borrowWithinCohort.policy`}
              issues={issues}
              value={p.borrowWithinCohort.policy}
              options={BORROW_WITHIN_COHORT}
              source={defaultSource('borrowWithinCohort', p.borrowWithinCohort.policy)}
              onChange={(v) => apply((d) => setPreemption(d, id, { borrowPolicy: v }))}
            />
            <div className="field">
              <label htmlFor={`queue-${id}-threshold`} className="field-label">
                Max priority to preempt
              </label>
              <NumberField
                id={`queue-${id}-threshold`}
                label="Max priority to preempt"
                className="input"
                nullable
                value={p.borrowWithinCohort.maxPriorityThreshold ?? null}
                min={-2_147_483_648}
                max={1_000_000_000}
                placeholder={p.borrowWithinCohort.policy === 'Never' ? '—' : 'no limit'}
                disabled={p.borrowWithinCohort.policy === 'Never'}
                onValue={(v) => apply((d) => setPreemption(d, id, { maxPriorityThreshold: v }), `queue:${id}:threshold`)}
                onBlur={seal}
              />
              <span className="field-hint">
                {p.borrowWithinCohort.policy === 'Never' ? 'Only with LowerPriority.' : 'Preempts only up to this priority; empty: any lower.'}
              </span>
            </div>
            <PolicySelectField
              label="When it can borrow"
              path={`${base}.flavorFungibility.whenCanBorrow`}
              issues={issues}
              value={queue.flavorFungibility.whenCanBorrow}
              options={FUNGIBILITY}
              source={defaultSource('whenCanBorrow', queue.flavorFungibility.whenCanBorrow)}
              onChange={(v) => apply((d) => setFungibility(d, id, { whenCanBorrow: v }))}
            />
            <PolicySelectField
              label="When it can preempt"
              path={`${base}.flavorFungibility.whenCanPreempt`}
              issues={issues}
              value={queue.flavorFungibility.whenCanPreempt}
              options={FUNGIBILITY}
              source={defaultSource('whenCanPreempt', queue.flavorFungibility.whenCanPreempt)}
              onChange={(v) => apply((d) => setFungibility(d, id, { whenCanPreempt: v }))}
            />
          </div>

          <h4 className="subsection-title">
            Quota per flavor <span className="muted small">(flavors are tried in this order; empty limits are Kueue’s defaults)</span>
          </h4>
          <QuotaGrid
            owner={{ kind: 'queue', id }}
            ownerName={title}
            groups={queue.resourceGroups}
            basePath={base}
            issues={issues}
            flavorNames={flavorNames}
            hasCohort={queue.cohortName !== undefined}
          />

          <h4 className="subsection-title">Namespace limits</h4>
          <div className="form-grid form-grid-3">
            <div className="field">
              <span className="field-label">ResourceQuota (hard)</span>
              <KeyValueEditor
                label={`ResourceQuota of ${queue.namespace || title}`}
                keyLabel="Quota resource"
                valueLabel="Hard limit"
                entries={queue.namespaceQuota}
                path={`${base}.namespaceQuota`}
                issues={issues}
                keySuggestions={NAMESPACE_QUOTA_SUGGESTIONS}
                emptyText="No ResourceQuota"
                onChange={setMap('namespaceQuota')}
                onBlur={seal}
              />
            </div>
            <div className="field">
              <span className="field-label">LimitRange default request</span>
              <KeyValueEditor
                label={`LimitRange default request of ${queue.namespace || title}`}
                keyLabel="Request resource"
                valueLabel="Default request"
                entries={queue.limitRange.defaultRequest}
                path={`${base}.limitRange.defaultRequest`}
                issues={issues}
                keySuggestions={['cpu', 'memory', 'ephemeral-storage']}
                emptyText="None (containers must set requests)"
                onChange={setMap('limitRange.defaultRequest')}
                onBlur={seal}
              />
            </div>
            <div className="field">
              <span className="field-label">LimitRange default limit</span>
              <KeyValueEditor
                label={`LimitRange default limit of ${queue.namespace || title}`}
                keyLabel="Limit resource"
                valueLabel="Default limit"
                entries={queue.limitRange.default}
                path={`${base}.limitRange.default`}
                issues={issues}
                keySuggestions={['cpu', 'memory', 'ephemeral-storage']}
                emptyText="None"
                onChange={setMap('limitRange.default')}
                onBlur={seal}
              />
            </div>
          </div>
          <FieldMessages path={base} issues={issues} />
        </div>
      ) : null}
    </section>
  );
});
