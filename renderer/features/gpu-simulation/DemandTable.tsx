/**
 * Each team queue's GPU demand, the generated workloads' input: training
 * jobs, serving replicas and notebook sessions, with where each row came
 * from (the team's people, typed here, or frozen by the v8 migration from
 * the old "load × nominal quota"). Demand never follows the quota under
 * test: raising a nominalQuota changes what a team may use, not what it
 * asks for. Every change is one undoable edit of the scenario.
 */
import type { QueueDemand, TeamDemand } from '../../../sim/gpu-sim/demand.ts';
import { DEMAND_SOURCE, peopleWords } from '../../../sim/gpu-sim/demand.ts';
import { resetTeamDemand, setTeamDemand } from '../../../sim/edits/gpu-simulation.ts';
import { requestableLevels } from '../../../sim/edits/topology.ts';
import type { Cluster, TopologyRequest } from '../../../sim/cluster/schema.ts';
import { levelWord } from '../../../sim/cluster/topology.ts';
import { useEditor } from '../../stores/editor.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { discreteText, parseDiscreteText } from './model/demand-text.ts';
import { useState } from 'react';

function originBadge(d: QueueDemand, migratedFromLoad: number | undefined) {
  switch (d.origin) {
    case 'people':
      return <SourceBadge kind="assumption" subject={`${d.name}'s demand`} source={`From the team's people: ${peopleWords(d.people)}`} rationale={DEMAND_SOURCE} />;
    case 'edited':
      return <SourceBadge kind="user" subject={`${d.name}'s demand`} source="Typed in this scenario" rationale="Reset to go back to the default from the team's people." />;
    case 'migrated':
      return (
        <SourceBadge
          kind="assumption"
          subject={`${d.name}'s demand`}
          source={`Frozen from the old sizing: ${Math.round((migratedFromLoad ?? 0) * 100)}% of the queue's nominal GPUs, computed from its quota when this scenario was converted`}
          rationale="Podplan used to size each team's generated workloads from its quota, so raising a quota raised the demand. Saved scenarios keep the numbers they had, as explicit demand; edit them, or reset a team to the default from its people."
        />
      );
    case 'none':
      return <SourceBadge kind="assumption" subject={`${d.name}'s demand`} source="No demand: the queue has no team, or its team has nobody who uses GPUs" rationale={DEMAND_SOURCE} />;
  }
}

export function DemandTable({ demands, migratedFromLoad, cluster }: { demands: readonly QueueDemand[]; migratedFromLoad: number | undefined; cluster?: Cluster }) {
  const edit = (d: QueueDemand, change: (demand: TeamDemand) => TeamDemand, key: string) =>
    useEditor.getState().apply((doc) => setTeamDemand(doc, change(structuredClone(d.demand))), `gpu-demand:${d.queueId}:${key}`);
  const reset = (d: QueueDemand) => useEditor.getState().apply((doc) => resetTeamDemand(doc, d.queueId));
  const migrated = demands.some((d) => d.origin === 'migrated');
  const tas = cluster !== undefined && demands.some((d) => requestableLevels(cluster, d.clusterQueue).length > 0 || d.demand.training.topology);
  return (
    <div className="gpu-demand">
      {migrated ? (
        <p className="muted small" role="note">
          Some teams’ demand was converted from this scenario’s earlier sizing ({Math.round((migratedFromLoad ?? 0) * 100)}% of each queue’s nominal GPUs), frozen at conversion: raising a quota no longer raises it.
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table gpu-demand-table">
          <caption className="visually-hidden">Each team’s GPU demand</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" title="Training jobs submitted per day, on a working-week pattern">Jobs/day</th>
              <th scope="col" title="GPUs per pod and pods per job (all-or-nothing): value:weight pairs, e.g. 1:60 2:30 4:10; then, where the queue has a TAS flavor, the topology its jobs ask for">
                GPUs/pod, pods/job{tas ? ', topology' : ''}
              </th>
              <th scope="col" title="Training job run time, median and P90, hours (log-normal)">Run time h (median, P90)</th>
              <th scope="col" title="Serving replicas 08:00–20:00 and the rest of the day, GPUs per replica">Serving (peak, off-peak × GPUs)</th>
              <th scope="col" title="Notebook sessions per working day, 1 GPU each">Notebooks/day</th>
              <th scope="col" title="About how many GPU-hours a week this demand asks for (an average)">GPU-h/week</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {demands.map((d) => {
              const t = d.demand.training;
              const s = d.demand.serving;
              const n = d.demand.notebooks;
              const label = (what: string) => `${d.name}: ${what}`;
              return (
                <tr key={d.queueId}>
                  <th scope="row">{d.name}</th>
                  <td>
                    <NumberField className="input input-narrow gpu-demand-decimal" data-native-undo integer={false} min={0} max={100_000} value={round(t.jobsPerDay)} onValue={(v) => edit(d, (x) => ({ ...x, training: { ...x.training, jobsPerDay: v } }), 'jobs')} aria-label={label('training jobs per day')} />
                  </td>
                  <td>
                    <div className="gpu-demand-stack">
                      <DiscreteField value={t.gpusPerPod} label={label('GPUs per pod')} onValue={(v) => edit(d, (x) => ({ ...x, training: { ...x.training, gpusPerPod: v } }), 'gpus')} />
                      <DiscreteField value={t.podsPerJob} label={label('pods per job')} onValue={(v) => edit(d, (x) => ({ ...x, training: { ...x.training, podsPerJob: v } }), 'pods')} />
                      {cluster ? <TopologyField levels={requestableLevels(cluster, d.clusterQueue)} value={t.topology} label={label('training topology')} onValue={(v) => edit(d, (x) => ({ ...x, training: withTopology(x.training, v) }), 'topology')} /> : null}
                    </div>
                  </td>
                  <td className="gpu-demand-pair">
                    <NumberField className="input input-narrow" data-native-undo integer={false} min={0.01} max={t.durationHours.p90} value={t.durationHours.median} onValue={(v) => edit(d, (x) => ({ ...x, training: { ...x.training, durationHours: { ...x.training.durationHours, median: v } } }), 'median')} aria-label={label('median training run time, hours')} />
                    <NumberField className="input input-narrow" data-native-undo integer={false} min={t.durationHours.median} max={t.durationHours.max ?? 10_000} value={t.durationHours.p90} onValue={(v) => edit(d, (x) => ({ ...x, training: { ...x.training, durationHours: { ...x.training.durationHours, p90: v } } }), 'p90')} aria-label={label('P90 training run time, hours')} />
                  </td>
                  <td className="gpu-demand-pair">
                    <NumberField className="input input-narrow" data-native-undo min={0} max={10_000} value={s.replicasPeak} onValue={(v) => edit(d, (x) => ({ ...x, serving: { ...x.serving, replicasPeak: v } }), 'peak')} aria-label={label('serving replicas at peak')} />
                    <NumberField className="input input-narrow" data-native-undo min={0} max={10_000} value={s.replicasOffPeak} onValue={(v) => edit(d, (x) => ({ ...x, serving: { ...x.serving, replicasOffPeak: v } }), 'offpeak')} aria-label={label('serving replicas off-peak')} />
                    <span aria-hidden="true">×</span>
                    <NumberField className="input input-narrow" data-native-undo min={1} max={64} value={s.gpusPerReplica} onValue={(v) => edit(d, (x) => ({ ...x, serving: { ...x.serving, gpusPerReplica: v } }), 'replica-gpus')} aria-label={label('GPUs per serving replica')} />
                  </td>
                  <td>
                    <NumberField className="input input-narrow gpu-demand-decimal" data-native-undo integer={false} min={0} max={100_000} value={round(n.sessionsPerDay)} onValue={(v) => edit(d, (x) => ({ ...x, notebooks: { ...x.notebooks, sessionsPerDay: v } }), 'sessions')} aria-label={label('notebook sessions per working day')} />
                  </td>
                  <td className="num">{Math.round(d.gpuHoursPerWeek).toLocaleString('en-US')}</td>
                  <td>
                    <div className="gpu-demand-stack">
                    {originBadge(d, migratedFromLoad)}
                    {d.origin === 'edited' || d.origin === 'migrated' ? (
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => reset(d)} title="Back to the default from the team's people">
                        Reset
                      </button>
                    ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function withTopology(training: TeamDemand['training'], topology: TopologyRequest | undefined): TeamDemand['training'] {
  const { topology: _old, ...rest } = training;
  return topology ? { ...rest, topology } : rest;
}

/**
 * A training class's topology request (Kueue's podset-required-topology /
 * podset-preferred-topology): the levels of its queue's TAS flavors. Shown
 * only where there is a level to ask for, or a request to take back.
 */
function TopologyField({ levels, value, label, onValue }: { levels: readonly string[]; value: TopologyRequest | undefined; label: string; onValue(value: TopologyRequest | undefined): void }) {
  if (levels.length === 0 && !value) return null;
  const key = value ? `${value.mode}|${value.level}` : '';
  const options = levels.flatMap((level) => (['required', 'preferred'] as const).map((mode) => ({ key: `${mode}|${level}`, text: `${levelWord(level)}, ${mode}` })));
  return (
    <select
      className="input input-compact gpu-demand-topology"
      aria-label={label}
      value={key}
      title="Topology-aware scheduling: every job of this class asks to run within one domain of the level (required: waits until one has room; preferred: falls back to the level above)"
      onChange={(e) => {
        const [mode, level] = e.target.value.split('|') as ['required' | 'preferred', string];
        onValue(e.target.value ? { level, mode } : undefined);
      }}
    >
      <option value="">any nodes</option>
      {value && !levels.includes(value.level) ? <option value={key}>{`${levelWord(value.level)}, ${value.mode} — not a level of its flavors`}</option> : null}
      {options.map((o) => (
        <option key={o.key} value={o.key}>
          {o.text}
        </option>
      ))}
    </select>
  );
}

/** Shown to two decimals; a typed value is kept as typed (the field holds its own text). */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A value:weight list typed as text ("1:60 2:30 4:10"), refused with the reason when it does not parse. */
function DiscreteField({ value, label, onValue }: { value: Readonly<Record<string, number>>; label: string; onValue(value: Record<string, number>): void }) {
  const shown = discreteText(value);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="gpu-demand-discrete">
      <input
        className={`input${error ? ' is-draft-invalid' : ''}`}
        data-native-undo
        aria-label={label}
        aria-invalid={error ? true : undefined}
        value={text ?? shown}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseDiscreteText(e.target.value);
          if (!parsed.ok) return setError(parsed.reason);
          setError(null);
          onValue(parsed.value);
        }}
        onBlur={() => {
          if (!error) setText(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setText(null);
            setError(null);
          }
        }}
      />
      {error ? (
        <span className="field-error small" role="alert">
          {label}: {error}
        </span>
      ) : null}
    </span>
  );
}
