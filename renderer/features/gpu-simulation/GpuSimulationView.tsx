/**
 * The GPU scheduling simulation: this scenario's quota policy and workloads
 * through Kueue's admission (sim/gpu-sim), run in a Web Worker and re-run
 * (debounced) on every policy change while the previous figures stay shown.
 * Per team: waits, GPU-hours, borrowing, lending, preemptions, SLOs; charts
 * of usage, nodes and the cohort tree; why each waiting workload waited;
 * policy A vs a variant B; a nominalQuota sweep and the recommender; trace
 * import; and the simulated GPU-hours handed to the cost model.
 */
import { useEffect, useMemo } from 'react';
import { GPU_SIMULATION_BOUNDS } from '../../../sim/gpu-sim/section.ts';
import { spreadOverSeeds } from '../../../sim/gpu-sim/seeds.ts';
import { seedsText } from './model/units.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import type { IssueIndex } from '../../model/cluster/issues.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { LocalQueueUsageTable } from './LocalQueueUsageTable.tsx';
import { PendingWorkloads } from './PendingWorkloads.tsx';
import { ComparisonTable, VariantEditor } from './PolicyCompare.tsx';
import { RecommendationTable, RecommendForm, SweepForm, SweepView, type SweepRequest } from './QuotaAnalyses.tsx';
import { GpuCostsPanel } from './GpuCostsPanel.tsx';
import { TeamWaitTable } from './TeamWaitTable.tsx';
import { TraceImport } from './TraceImport.tsx';
import { DemandTable } from './DemandTable.tsx';
import { TopologyFragmentation } from './TopologyFragmentation.tsx';
import { ClusterReplay, ReplayWaits } from './ClusterReplay.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { RunProgress } from '../../ui/RunProgress.tsx';
import { cohortChart, waitHistogram, type WaitHistogramInput } from './model/figure-charts.ts';
import type { GpuJobInput } from './model/jobs.ts';
import type { GpuRunView } from './model/run-job.ts';
import { nodeHeatmap, usageChart } from './model/usage-charts.ts';
import { useMainGpuRun } from './main-run.ts';
import { adoptPolicyB, setGpuSimulation } from '../../../sim/edits/gpu-simulation.ts';
import { applyVariant, gpuQuotaRows, setVariantEdit } from '../../../sim/gpu-sim/variant.ts';
import { useGpuCompare, useGpuRecommend, useGpuRun, useGpuSimUi, useGpuSweep } from './store.ts';
import { applyEdit, useEditor } from '../../stores/editor.ts';
import { useNotices } from '../../stores/notices.ts';
import { useDebouncedRun } from '../../stores/simulation.ts';
import { plural } from '../../model/text.ts';
import './gpu-simulation.css';

const drawUsage = (v: GpuRunView, width: number) => usageChart(v.series, width);
const drawHeatmap = (v: GpuRunView, width: number) => nodeHeatmap(v.series, width, v.nodeGpus);
const drawCohorts = (v: GpuRunView, width: number) => cohortChart(v.cohorts, width);
const drawHistogram = (v: WaitHistogramInput, width: number) => waitHistogram(v, Math.min(width, 900));

export function GpuSimulationView({ doc, issues }: { doc: Scenario; issues: IssueIndex }) {
  const ui = useGpuSimUi();
  const forScenario = ui.forScenario;
  useEffect(() => forScenario(doc.id), [doc.id, forScenario]);
  const cluster = doc.cluster;
  const teamNames = useMemo(() => new Map(doc.teams.map((t) => [t.id, t.name])), [doc.teams]);
  const teamName = (id: string) => teamNames.get(id) ?? id;
  // The analyses label queues by these names (legends, progress, rows), falling back to the ClusterQueue's name.
  const names = useMemo(() => Object.fromEntries(teamNames), [teamNames]);
  const { runnable, inputs, source, policyKey, workloadKey, runKey, runInput } = useMainGpuRun(doc);
  // Workload settings and policy B are saved in the scenario: each change is an undoable edit (typing in one field is one step).
  const setInputs = (patch: Parameters<typeof setGpuSimulation>[1], coalesceKey: string) => useEditor.getState().apply((d) => setGpuSimulation(d, patch), coalesceKey);
  useDebouncedRun(useGpuRun, runnable ? runInput : null, runKey, 400);
  const run = useGpuRun();
  const view = run.result?.kind === 'run' ? run.result.run : null;
  // Seed 0's first look (or a run stopped before any other seed) has no spread yet: its own figures stand alone.
  const spread = useMemo(() => (view ? (view.spread ?? spreadOverSeeds([view.summary], view.source.kind === 'generated' ? [view.source.seed] : [])) : null), [view]);
  const seedsNote = view && spread ? (view.spread === null && view.seedsAsked > 1 ? `seed ${spread.seedValues[0] ?? ''} only, the other seeds still running` : seedsText(view.source.kind, spread.seeds, spread.seedValues)) : '';

  const variantKey = JSON.stringify(inputs.variant);
  const compareKey = `${policyKey}|${workloadKey}|${variantKey}`;
  const compareInput = useMemo<GpuJobInput>(() => ({ kind: 'compare', a: cluster, b: applyVariant(cluster, inputs.variant), source, seeds: inputs.seeds }), [compareKey]);
  useDebouncedRun(useGpuCompare, runnable && inputs.variant.length > 0 ? compareInput : null, compareKey, 500);
  const compare = useGpuCompare();
  const comparison = compare.result?.kind === 'compare' && inputs.variant.length > 0 ? compare.result.comparison : null;

  const sweep = useGpuSweep();
  const recommend = useGpuRecommend();
  const rows = useMemo(() => gpuQuotaRows(cluster), [cluster]);
  const runSweep = (s: SweepRequest) =>
    void sweep.run({ kind: 'sweep', cluster, source, seeds: inputs.seeds, spec: { queue: s.queue, flavor: s.flavor, from: s.from, to: s.to, step: s.step, names } }, `sweep:${policyKey}|${workloadKey}|${JSON.stringify(s)}`, { force: true });
  const runRecommend = (targets: Record<string, number>) =>
    void recommend.run({ kind: 'recommend', cluster, source, seeds: inputs.seeds, spec: { targets, names } }, `recommend:${policyKey}|${workloadKey}|${JSON.stringify(targets)}`, { force: true });

  const useAsB = (quotas: Array<{ clusterQueue: string; flavor: string; nominalQuota: number }>) => {
    let edits = inputs.variant;
    for (const q of quotas) edits = setVariantEdit(edits, { clusterQueue: q.clusterQueue, flavor: q.flavor, field: 'nominalQuota', value: String(q.nominalQuota) }, cluster);
    setInputs({ variant: edits }, 'gpu-sim:recommendation-as-b');
    document.getElementById('gpu-compare-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
  // B becomes the scenario's policy in one undoable edit (then A = B, so the variant starts afresh).
  const adoptB = () => {
    const done = applyEdit(adoptPolicyB);
    if (!done || done.adopted === 0) return;
    useNotices.getState().push({
      kind: 'success',
      title: 'Policy B adopted',
      message: `${plural(done.adopted, 'GPU quota change')} ${done.adopted === 1 ? 'is' : 'are'} now this scenario’s policy (Quota policy, Manifests and Cluster use it). Undo with Ctrl+Z.`,
    });
  };
  const openTeam = ui.openTeam && view?.summary.teams.some((t) => t.team === ui.openTeam) ? ui.openTeam : null;
  const openSummary = view && openTeam ? view.summary.teams.find((t) => t.team === openTeam)! : null;
  const histogramInput = useMemo<WaitHistogramInput | null>(
    () => (view && openSummary ? { team: teamName(openSummary.team), waits: view.waits[openSummary.team] ?? [], p50: openSummary.wait.p50, p90: openSummary.wait.p90, p99: openSummary.wait.p99 } : null),
    [view, openSummary],
  );

  if (!runnable) {
    return (
      <section className="gpu-sim-view" aria-label="GPU simulation">
        <h2 className="section-title">GPU simulation</h2>
        <p className="empty">Nothing to simulate yet: add node pools in GPU capacity and team ClusterQueues in the quota policy.</p>
      </section>
    );
  }

  return (
    <section className="gpu-sim-view" aria-label="GPU simulation">
      <div className="section-header">
        <h2 className="section-title">
          GPU simulation <span className="muted small">Kueue admission of this scenario’s quota policy, in simulated time</span>
        </h2>
      </div>
      {issues.errors > 0 ? (
        <p className="warning-text small" role="note">
          The quota policy has {plural(issues.errors, 'problem')} (see Quota policy); the simulation runs on the policy as it is.
        </p>
      ) : null}

      <section className="panel" aria-labelledby="gpu-workloads-title">
        <h3 id="gpu-workloads-title">Workloads</h3>
        <div className="gpu-form-row">
          {ui.useTrace && ui.trace ? (
            <span>
              Imported trace <strong>{ui.trace.name}</strong> ({ui.trace.format}, {ui.trace.workloads.length.toLocaleString('en-US')} workloads).{' '}
              <button type="button" className="btn btn-small" onClick={() => ui.set({ useTrace: false })}>
                Use generated workloads
              </button>
            </span>
          ) : (
            <>
              <span className="muted">Generated from each team’s demand below (training jobs, serving replicas, notebooks), never from its quota:</span>
              <label>
                Days <NumberField className="input input-narrow" data-native-undo min={GPU_SIMULATION_BOUNDS.days.min} max={GPU_SIMULATION_BOUNDS.days.max} value={inputs.days} onValue={(days) => setInputs({ days }, 'gpu-sim:days')} aria-label="Days of generated workloads" />
              </label>
              <label>
                Seed <NumberField className="input input-narrow" data-native-undo min={GPU_SIMULATION_BOUNDS.seed.min} max={GPU_SIMULATION_BOUNDS.seed.max} value={inputs.seed} onValue={(seed) => setInputs({ seed }, 'gpu-sim:seed')} aria-label="Seed" />
              </label>
              <label title="Every figure runs over this many seeds (seed, seed + 1, …) and shows its median with the range over seeds">
                Seeds <NumberField className="input input-narrow" data-native-undo min={GPU_SIMULATION_BOUNDS.seeds.min} max={GPU_SIMULATION_BOUNDS.seeds.max} value={inputs.seeds} onValue={(seeds) => setInputs({ seeds }, 'gpu-sim:seeds')} aria-label="Seeds every figure runs over" />
              </label>
            </>
          )}
        </div>
        {ui.useTrace && ui.trace ? null : <DemandTable demands={inputs.demands} migratedFromLoad={inputs.migratedFromLoad} cluster={doc.cluster} />}
        <RunProgress label="GPU simulation progress" running={run.status === 'running'} progress={run.progress} showing={view !== null ? 'previous' : null} onCancel={() => run.cancel()} unit="simulated seconds" />
        {run.error ? (
          <p className="error-text" role="alert">
            The simulation failed: {run.error}
          </p>
        ) : null}
        {view ? (
          <p className="small muted" role="status" aria-label="Run summary">
            {view.source.kind === 'trace' ? `${view.source.workloads.toLocaleString('en-US')} workloads of ${view.source.name}` : `${view.source.workloads.toLocaleString('en-US')} generated workloads over ${view.source.days} days (seed ${view.source.seed})`}:{' '}
            {view.simulation.events.toLocaleString('en-US')} events, {view.simulation.admissions.toLocaleString('en-US')} admissions, {view.simulation.preemptions.toLocaleString('en-US')} preemptions
            {view.simulation.cancelled ? ' — cancelled: figures up to where it stopped' : ''}; computed in {Math.round(view.computeMs).toLocaleString('en-US')} ms in a Web Worker. Figures: {seedsNote}
            {spread && view.seedsAsked > spread.seeds && view.spread !== null ? ` (${spread.seeds} of ${view.seedsAsked} seeds finished before the cancel)` : ''}.
          </p>
        ) : null}
      </section>

      {view ? (
        <>
          <section className="panel" aria-labelledby="gpu-teams-title">
            <h3 id="gpu-teams-title">Per team</h3>
            <TeamWaitTable spread={spread!} seedsNote={seedsNote} teamName={teamName} openTeam={openTeam} onOpenTeam={(t) => ui.set({ openTeam: openTeam === t ? null : t })} />
            {histogramInput ? (
              <section aria-label={`Wait-time distribution of ${histogramInput.team}`} className="gpu-histogram">
                <h4>
                  Wait-time distribution: {histogramInput.team}
                  {view.source.kind === 'generated' && spread && spread.seeds > 1 ? <span className="muted small"> (seed {view.source.seed}’s run; the table’s figures are over {spread.seeds} seeds)</span> : null}
                </h4>
                <ChartPanel data={histogramInput} draw={drawHistogram} name={`wait-${openTeam}`} scenarioName={doc.name} label="wait-time distribution" />
              </section>
            ) : null}
          </section>
          <ReplayWaits cluster={cluster} teamName={teamName} />

          <section className="panel" aria-labelledby="gpu-usage-title">
            <h3 id="gpu-usage-title">GPU usage per ClusterQueue over time</h3>
            <ChartPanel data={view} draw={drawUsage} name="gpu-usage" scenarioName={doc.name} label="GPU usage chart" />
          </section>
          <section className="panel" aria-labelledby="gpu-heatmap-title">
            <h3 id="gpu-heatmap-title">Nodes over time</h3>
            <ChartPanel data={view} draw={drawHeatmap} name="node-heatmap" scenarioName={doc.name} label="node heatmap" />
          </section>
          <section className="panel" aria-labelledby="gpu-cohort-title">
            <h3 id="gpu-cohort-title">Cohort tree: nominal, borrowed and lent GPUs</h3>
            <ChartPanel data={view} draw={drawCohorts} name="cohort-tree" scenarioName={doc.name} label="cohort tree chart" />
          </section>

          {view.localQueues.length > 0 ? (
            <section className="panel" aria-labelledby="gpu-afs-title">
              <h3 id="gpu-afs-title">Admission fair sharing: LocalQueue usage</h3>
              <p className="small">
                At the end of the first seed's run{spread?.seedValues[0] !== undefined ? ` (seed ${spread.seedValues[0]})` : ''}. In a ClusterQueue with an admission scope the LocalQueue with the lowest usage has its workloads admitted first; usage decays with the half-life set in Kueue settings.
              </p>
              <LocalQueueUsageTable localQueues={view.localQueues} />
            </section>
          ) : null}
          <TopologyFragmentation entries={view.topology ?? []} />

          <section className="panel" aria-labelledby="gpu-pending-title">
            <h3 id="gpu-pending-title">Why workloads waited</h3>
            <PendingWorkloads workloads={view.waiting} total={view.waitingTotal} endTime={view.simulation.endTime} teamName={teamName} open={ui.openWorkload} onOpen={(id) => ui.set({ openWorkload: id })} />
          </section>
        </>
      ) : null}

      <section className="panel" aria-labelledby="gpu-compare-title">
        <h3 id="gpu-compare-title">Policy A vs B</h3>
        <p className="muted small">A is this scenario’s policy. B changes GPU quotas for this comparison only (saved with the scenario, not applied to its policy) until you adopt it; both replay the same workloads.</p>
        <VariantEditor base={cluster} edits={inputs.variant} onChange={(variant, cell) => setInputs({ variant }, `gpu-sim:variant:${cell}`)} />
        {inputs.variant.length > 0 ? (
          <p>
            <button type="button" className="btn btn-small" onClick={adoptB}>
              Make B this scenario’s policy
            </button>
          </p>
        ) : null}
        <RunProgress label="Policy comparison progress" running={compare.status === 'running'} progress={compare.progress} showing={comparison !== null ? 'previous' : null} onCancel={() => compare.cancel()} unit="‰" />
        {compare.error ? (
          <p className="error-text" role="alert">
            The comparison failed: {compare.error}
          </p>
        ) : null}
        {comparison ? <ComparisonTable comparison={comparison} teamName={teamName} trace={source.kind === 'trace'} /> : null}
      </section>

      <section className="panel" aria-labelledby="gpu-analyses-title">
        <h3 id="gpu-analyses-title">Sweep and recommender</h3>
        <h4>nominalQuota sweep</h4>
        <SweepForm rows={rows} busy={sweep.status === 'running'} onRun={runSweep} />
        <RunProgress label="Sweep progress" running={sweep.status === 'running'} progress={sweep.progress} showing={sweep.result !== null ? 'previous' : null} onCancel={() => sweep.cancel()} unit="‰" />
        {sweep.error ? (
          <p className="error-text" role="alert">
            The sweep failed: {sweep.error}
          </p>
        ) : null}
        {sweep.result?.kind === 'sweep-seeds' ? <SweepView sweep={sweep.result.sweep} seedsAsked={sweep.result.seedsAsked} trace={source.kind === 'trace'} scenarioName={doc.name} /> : null}
        <h4>Smallest nominal quotas meeting each team’s P90 wait</h4>
        <RecommendForm teams={[...new Set(rows.map((r) => r.team))]} teamName={teamName} busy={recommend.status === 'running'} onRun={runRecommend} />
        <RunProgress label="Recommender progress" running={recommend.status === 'running'} progress={recommend.progress} showing={recommend.result !== null ? 'previous' : null} onCancel={() => recommend.cancel()} unit="‰" />
        {recommend.error ? (
          <p className="error-text" role="alert">
            The recommender failed: {recommend.error}
          </p>
        ) : null}
        {recommend.result?.kind === 'recommend' ? <RecommendationTable recommendation={recommend.result.recommendation} trace={source.kind === 'trace'} onUseAsB={useAsB} /> : null}
      </section>

      <section className="panel" aria-labelledby="gpu-trace-title">
        <h3 id="gpu-trace-title">Import a trace</h3>
        <p className="muted small">Philly (JSON), Helios, PAI 2020, openb or the generic CSV. The imported jobs replace the generated workloads for the run; they stay in this tab and are not saved in the scenario.</p>
        <TraceImport cluster={cluster} teamName={teamName} />
        <h4>Replay the live cluster</h4>
        <p className="muted small">This cluster’s own Kueue Workloads (submit, admission, finish) as the run’s workloads, under this policy and policy B, with its observed waits beside the simulated ones.</p>
        <ClusterReplay cluster={cluster} />
      </section>

      {view ? <GpuCostsPanel doc={doc} teams={view.gpuHoursForCosts} teamName={teamName} /> : null}
    </section>
  );
}
