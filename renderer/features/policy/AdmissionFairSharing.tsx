/**
 * Admission fair sharing in the policy editor: the Kueue Configuration's
 * settings (in "Kueue settings") and, per team queue, the ClusterQueue's
 * admissionScope and the team's LocalQueues with their weights. Every value
 * says where its default comes from; edits go through the editor store.
 */
import { ADMISSION_FAIR_SHARING_SOURCES as SOURCES, ADMISSION_MODES } from '../../model/cluster/defaults.ts';
import { fieldAttrs, fieldId, type IssueIndex } from '../../model/cluster/issues.ts';
import {
  addExtraLocalQueue,
  removeExtraLocalQueue,
  renameExtraLocalQueue,
  setAdmissionFairSharing,
  setAdmissionFairSharingField,
  setAdmissionScope,
  setLocalQueueWeight,
  setResourceWeight,
} from '../../../sim/edits/admission-fair-sharing.ts';
import type { Cluster, TeamQueue } from '../../../sim/cluster/schema.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { useEditor } from '../../stores/editor.ts';
import { FieldMessages, SourceTag } from '../../ui/FieldMessages.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { PolicySelectField, PolicyTextField } from './PolicyFields.tsx';

const apply = (edit: (d: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
const seal = () => useEditor.getState().seal();

/** Resources whose weight the user may set: those the policy's queues cover, and any already weighted. */
function weightedResources(cluster: Cluster): string[] {
  const names = new Set<string>();
  for (const q of cluster.queues) for (const g of q.resourceGroups) for (const r of g.coveredResources) names.add(r);
  for (const r of Object.keys(cluster.admissionFairSharing?.resourceWeights ?? {})) names.add(r);
  return [...names].sort();
}

const UNIT: Record<string, string> = { cpu: 'cores', memory: 'bytes', 'nvidia.com/gpu': 'GPUs' };

export function AdmissionFairSharingSettings({ cluster, issues }: { cluster: Cluster; issues: IssueIndex }) {
  const afs = cluster.admissionFairSharing;
  const base = 'cluster.admissionFairSharing';
  return (
    <div className="afs-settings">
      <label className="checkbox-row">
        <input type="checkbox" className="checkbox" checked={afs !== undefined} onChange={(e) => apply((d) => setAdmissionFairSharing(d, e.target.checked))} />
        Admission fair sharing (a ClusterQueue with an admission scope admits first from the LocalQueue that used least lately)
        {!afs ? <SourceTag label={SOURCES.feature.label} reference={SOURCES.feature.reference} /> : null}
      </label>
      {afs ? (
        <>
          <div className="form-grid form-grid-3">
            <PolicyTextField
              label="Usage half-life"
              path={`${base}.usageHalfLifeTime`}
              issues={issues}
              value={afs.usageHalfLifeTime}
              maxLength={64}
              source={afs.usageHalfLifeTime === '168h' ? SOURCES.usageHalfLifeTime : null}
              hint="After this long a LocalQueue's past usage counts half (Go duration: 168h, 30m; 0 forgets at once)."
              onChange={(v) => apply((d) => setAdmissionFairSharingField(d, 'usageHalfLifeTime', v), 'afs:halfLife')}
              onBlur={seal}
            />
            <PolicyTextField
              label="Usage sampling interval"
              path={`${base}.usageSamplingInterval`}
              issues={issues}
              value={afs.usageSamplingInterval}
              maxLength={64}
              source={afs.usageSamplingInterval === '5m' ? SOURCES.usageSamplingInterval : null}
              hint="How often Kueue samples each LocalQueue's usage; an admission adds its share of one interval at once (the entry penalty)."
              onChange={(v) => apply((d) => setAdmissionFairSharingField(d, 'usageSamplingInterval', v), 'afs:sampling')}
              onBlur={seal}
            />
          </div>
          <fieldset className="afs-weights" id={fieldId(`${base}.resourceWeights`)}>
            <legend className="field-label">Resource weights in a LocalQueue’s usage</legend>
            <div className="form-grid form-grid-3">
              {weightedResources(cluster).map((resource) => (
                <div className="field" key={resource}>
                  <label className="field-label" htmlFor={`afs-weight-${resource}`}>
                    {resource} <span className="muted small">({UNIT[resource] ?? 'units'})</span>
                  </label>
                  <NumberField
                    id={`afs-weight-${resource}`}
                    label={`Weight of ${resource}`}
                    aria-label={`Weight of ${resource}`}
                    className="input"
                    nullable
                    integer={false}
                    min={0}
                    max={1_000_000}
                    step={0.1}
                    placeholder="1"
                    value={afs.resourceWeights[resource] ?? null}
                    onValue={(v) => apply((d) => setResourceWeight(d, resource, v), `afs:weight:${resource}`)}
                    onBlur={seal}
                  />
                  {afs.resourceWeights[resource] === undefined ? (
                    <span className="field-hint">
                      <SourceTag label={SOURCES.resourceWeight.label} reference={SOURCES.resourceWeight.reference} />
                    </span>
                  ) : null}
                </div>
              ))}
            </div>
            <FieldMessages path={`${base}.resourceWeights`} issues={issues} />
          </fieldset>
          <p className="muted small">
            Usage = Σ weight × consumed ÷ the LocalQueue’s weight, consumed decaying with the half-life. Memory counts in bytes, so at weight 1 it outweighs GPUs by far; 0 leaves a resource out. Set a
            ClusterQueue’s admission scope in its card. Kueue reads these from its Configuration: the manifests show the fields to set.
          </p>
        </>
      ) : null}
    </div>
  );
}

/** The ClusterQueue's admission scope and the team's LocalQueues with their weights, in a queue card. */
export function QueueAdmissionFairSharing({ queue, base, issues, enabled }: { queue: TeamQueue; base: string; issues: IssueIndex; enabled: boolean }) {
  const id = queue.id;
  const extras = queue.extraLocalQueues ?? [];
  return (
    <>
      <h4 className="subsection-title">
        Admission fair sharing{' '}
        <span className="muted small">{enabled ? '(orders by each LocalQueue’s recent usage)' : '(off in Kueue settings: the simulator ignores the scope)'}</span>
      </h4>
      <div className="form-grid form-grid-3">
        <PolicySelectField
          label="Admission scope"
          path={`${base}.admissionScope`}
          issues={issues}
          value={queue.admissionScope?.admissionMode ?? ''}
          options={ADMISSION_MODES}
          source={queue.admissionScope ? null : SOURCES.admissionScope}
          onChange={(v) => apply((d) => setAdmissionScope(d, id, v === '' ? null : v))}
        />
      </div>
      <table className="afs-local-queues" aria-label={`LocalQueues of ${queue.clusterQueue}`}>
        <thead>
          <tr>
            <th scope="col">LocalQueue in {queue.namespace || '(no namespace)'}</th>
            <th scope="col">Weight</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              {queue.localQueue} <span className="muted small">(the team’s)</span>
            </td>
            <td>
              <WeightInput path={`${base}.localQueueFairSharingWeight`} issues={issues} label={`Weight of LocalQueue ${queue.localQueue}`} value={queue.localQueueFairSharingWeight} onChange={(v) => apply((d) => setLocalQueueWeight(d, id, null, v), `queue:${id}:lqWeight`)} />
            </td>
            <td />
          </tr>
          {extras.map((lq, j) => (
            <tr key={j}>
              <td>
                <input
                  className="input input-compact"
                  {...fieldAttrs(`${base}.extraLocalQueues[${j}].name`, issues)}
                  aria-label={`Name of LocalQueue ${j + 2}`}
                  value={lq.name}
                  maxLength={253}
                  spellCheck={false}
                  onChange={(e) => apply((d) => renameExtraLocalQueue(d, id, j, e.target.value), `queue:${id}:lq:${j}:name`)}
                  onBlur={seal}
                />
                <FieldMessages path={`${base}.extraLocalQueues[${j}].name`} issues={issues} />
              </td>
              <td>
                <WeightInput path={`${base}.extraLocalQueues[${j}].fairSharingWeight`} issues={issues} label={`Weight of LocalQueue ${lq.name}`} value={lq.fairSharingWeight} onChange={(v) => apply((d) => setLocalQueueWeight(d, id, j, v), `queue:${id}:lq:${j}:weight`)} />
              </td>
              <td>
                <button type="button" className="btn btn-small btn-ghost btn-danger-text" aria-label={`Remove LocalQueue ${lq.name}`} onClick={() => apply((d) => removeExtraLocalQueue(d, id, j))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        <button type="button" className="btn btn-small" onClick={() => apply((d) => addExtraLocalQueue(d, id))}>
          Add LocalQueue
        </button>{' '}
        More LocalQueues in the namespace submit to this ClusterQueue (one per project or person); the team’s simulated demand goes through them in turn. A weight of 2 counts the LocalQueue’s usage as half.
      </p>
    </>
  );
}

function WeightInput({ path, issues, label, value, onChange }: { path: string; issues: IssueIndex; label: string; value: string | undefined; onChange(value: string): void }) {
  return (
    <>
      <input className="input input-compact" {...fieldAttrs(path, issues)} aria-label={label} value={value ?? ''} placeholder="1" maxLength={64} spellCheck={false} onChange={(e) => onChange(e.target.value.trim())} onBlur={seal} />
      {value === undefined ? <SourceTag label={SOURCES.localQueueWeight.label} reference={SOURCES.localQueueWeight.reference} /> : null}
      <FieldMessages path={path} issues={issues} />
    </>
  );
}
