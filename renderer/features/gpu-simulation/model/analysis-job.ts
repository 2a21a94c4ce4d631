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
  type PolicyComparisonOverSeeds,
  type QuotaRecommendation,
  type SweepOverSeeds,
  type RecommendSpec,
  type SweepResult,
  type SweepSpec,
  type TeamComparison,
} from '../../../../sim/gpu-sim/index.ts';
import type { AnalysisProgress } from '../../../../sim/gpu-sim/analysis.ts';
import { resolveWorkloads, type WorkloadSource } from '../../../../sim/gpu-sim/job.ts';
import type { JobContext } from '../../../../sim/kernel/job.ts';

/**
 * `seeds`: how many seeds the figures run over (the pool splits compare and sweep into one job per
 * seed, `seedIndex`; the recommender runs every seed of each quota vector in its own worker).
 */
export type AnalysisInput =
  | { kind: 'compare'; a: Cluster; b: Cluster; source: WorkloadSource; seeds?: number; seedIndex?: number }
  | { kind: 'sweep'; cluster: Cluster; source: WorkloadSource; spec: SweepSpec; seeds?: number; seedIndex?: number }
  | { kind: 'recommend'; cluster: Cluster; source: WorkloadSource; spec: RecommendSpec; seeds?: number };

export interface ComparisonView {
  /** Seed 0's (or the one seed's) run of each side. */
  summaryA: GpuRunSummary;
  summaryB: GpuRunSummary;
  teams: TeamComparison[];
  cluster: { idleGpuHours: number; fragmentedGpuHours: number; gpuHoursAllocated: number };
  cancelled: boolean;
  /** Over the seeds that finished, paired per seed; null in one seed's job (the pool merges them). */
  overSeeds: PolicyComparisonOverSeeds | null;
  /** Seeds asked for (a trace: 1). */
  seedsAsked: number;
}

export type AnalysisOutput =
  | { kind: 'compare'; comparison: ComparisonView }
  | { kind: 'sweep'; sweep: SweepResult }
  /** The seeds' sweeps, merged by the pool. */
  | { kind: 'sweep-seeds'; sweep: SweepOverSeeds; seedsAsked: number }
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
  if (input.kind === 'recommend') {
    // Every quota vector runs every seed: the tables are resolved once, the same for every vector.
    const count = input.source.kind === 'trace' ? 1 : (input.seeds ?? 1);
    const resolved = Array.from({ length: count }, (_, k) => resolveWorkloads(base, input.source, k));
    const until = resolved[0]!.until;
    const spec: RecommendSpec = { ...input.spec, seedValues: resolved.map((r, k) => r.seed ?? k) };
    const options = until !== undefined ? { until } : {};
    const r = await drive((hooks) => new GpuQuotaRecommender(input.cluster, resolved.map((x) => x.workloads), spec, options, hooks), context);
    // The recommended policy itself stays here: the UI shows the quotas, and a variant can take them.
    const { cluster: _policy, ...recommendation } = r;
    return { kind: 'recommend', recommendation };
  }
  const { workloads, until, seed } = resolveWorkloads(base, input.source, input.seedIndex ?? 0);
  const options = { ...(seed !== undefined ? { seed } : {}), ...(until !== undefined ? { until } : {}) };
  if (input.kind === 'compare') {
    const c = await drive((hooks) => new GpuPolicyComparison(input.a, input.b, workloads, options, hooks), context);
    return { kind: 'compare', comparison: { summaryA: c.summaryA, summaryB: c.summaryB, teams: c.teams, cluster: c.cluster, cancelled: c.cancelled, overSeeds: null, seedsAsked: 1 } };
  }
  const spec = input.spec;
  return { kind: 'sweep', sweep: await drive((hooks) => new GpuQuotaSweep(input.cluster, workloads, spec, options, hooks), context) };
}

