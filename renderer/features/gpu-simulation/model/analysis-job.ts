/**
 * The analyses of the tab in the Web Worker: policy A vs B, a nominalQuota
 * sweep and the quota recommender. Each replays the workloads generated from
 * policy A (or the imported trace) and steps the engine's analysis in slices
 * with progress and cancel. Full results are trimmed to the figures shown.
 */
import type { Cluster } from '../../../../sim/cluster/schema.ts';
import {
  GpuPolicyComparison,
  GpuQuotaRecommender,
  GpuQuotaSweep,
  type GpuRunSummary,
  type QuotaRecommendation,
  type RecommendSpec,
  type SweepResult,
  type SweepSpec,
  type TeamComparison,
} from '../../../../sim/gpu-sim/index.ts';
import type { AnalysisProgress } from '../../../../sim/gpu-sim/analysis.ts';
import { resolveWorkloads, type WorkloadSource } from '../../../../sim/gpu-sim/job.ts';
import type { JobContext } from '../../../../sim/kernel/job.ts';

export type AnalysisInput =
  | { kind: 'compare'; a: Cluster; b: Cluster; source: WorkloadSource }
  | { kind: 'sweep'; cluster: Cluster; source: WorkloadSource; spec: SweepSpec }
  | { kind: 'recommend'; cluster: Cluster; source: WorkloadSource; spec: RecommendSpec };

export interface ComparisonView {
  summaryA: GpuRunSummary;
  summaryB: GpuRunSummary;
  teams: TeamComparison[];
  cluster: { idleGpuHours: number; fragmentedGpuHours: number; gpuHoursAllocated: number };
  cancelled: boolean;
}

export type AnalysisOutput =
  | { kind: 'compare'; comparison: ComparisonView }
  | { kind: 'sweep'; sweep: SweepResult }
  | { kind: 'recommend'; recommendation: Omit<QuotaRecommendation, 'cluster'> };

interface Stepped<R> {
  step(maxInstants: number): boolean;
  result(): R;
}

async function drive<R>(make: (hooks: { onProgress(p: AnalysisProgress): void; shouldCancel(): boolean }) => Stepped<R>, context: JobContext): Promise<R> {
  const analysis = make({
    onProgress: (p) => context.progress(Math.round(p.fraction * 1000), 1000, `Run ${Math.min(p.runs + 1, p.maxRuns)} of at most ${p.maxRuns}: ${p.label}`),
    shouldCancel: () => context.cancelled,
  });
  while (analysis.step(400)) await context.breathe();
  return analysis.result();
}

export async function analysisJob(input: AnalysisInput, context: JobContext): Promise<AnalysisOutput> {
  const base = input.kind === 'compare' ? input.a : input.cluster;
  const { workloads, until, seed } = resolveWorkloads(base, input.source);
  const options = { ...(seed !== undefined ? { seed } : {}), ...(until !== undefined ? { until } : {}) };
  if (input.kind === 'compare') {
    const c = await drive((hooks) => new GpuPolicyComparison(input.a, input.b, workloads, options, hooks), context);
    return { kind: 'compare', comparison: { summaryA: c.summaryA, summaryB: c.summaryB, teams: c.teams, cluster: c.cluster, cancelled: c.cancelled } };
  }
  if (input.kind === 'sweep') {
    const spec = input.spec;
    return { kind: 'sweep', sweep: await drive((hooks) => new GpuQuotaSweep(input.cluster, workloads, spec, options, hooks), context) };
  }
  const spec = input.spec;
  const r = await drive((hooks) => new GpuQuotaRecommender(input.cluster, workloads, spec, options, hooks), context);
  // The recommended policy itself stays here: the UI shows the quotas, and a variant can take them.
  const { cluster: _policy, ...recommendation } = r;
  return { kind: 'recommend', recommendation };
}
