/**
 * How the GPU tab's jobs split by seed for the pool of Web Workers
 * (`renderer/workers/seed-pool.ts`) and how the seeds' results merge: the
 * main run (seed 0 the full view, seeds 1… their figures), A vs B (each seed
 * a paired comparison on its own workloads) and the sweep (each seed a sweep
 * on its own workloads). A trace has one set of jobs: one job, no spread.
 * The merges are `sim/gpu-sim/seeds.ts`, `compareOverSeeds` and
 * `sweepOverSeeds`, so the CLI and the tab take figures over seeds the same way.
 */
import { compareOverSeeds, spreadOverSeeds, sweepOverSeeds, type GpuRunSummary, type SeedPair, type SweepResult } from '../../../../sim/gpu-sim/index.ts';
import type { WorkloadSource } from '../../../../sim/gpu-sim/job.ts';
import type { SeedSplit } from '../../../workers/seed-pool.ts';
import type { ComparisonView } from './analysis-job.ts';
import type { GpuJobInput, GpuJobOutput } from './jobs.ts';
import type { GpuRunView } from './run-job.ts';

/** Seeds a source runs over: a trace is one set of jobs. */
export function seedCount(source: WorkloadSource, seeds: number | undefined): number {
  return source.kind === 'trace' ? 1 : Math.max(1, seeds ?? 1);
}

type RunInput = Extract<GpuJobInput, { kind: 'run' }>;

function sourceOf(input: GpuJobInput): WorkloadSource | null {
  return 'source' in input ? input.source : null;
}

function split(input: GpuJobInput): GpuJobInput[] {
  const source = sourceOf(input);
  if (!source) return [input];
  if (input.kind === 'run') {
    const count = seedCount(source, input.seeds);
    return [input, ...Array.from({ length: count - 1 }, (_, i): GpuJobInput => ({ ...input, kind: 'run-seed', seedIndex: i + 1 }))];
  }
  if (input.kind === 'compare' || input.kind === 'sweep') {
    const count = seedCount(source, input.seeds);
    return Array.from({ length: count }, (_, k): GpuJobInput => ({ ...input, seedIndex: k }));
  }
  return [input];
}

function mergeRun(input: RunInput, results: ReadonlyArray<GpuJobOutput | undefined>, asked: number): GpuJobOutput | null {
  const first = results[0];
  if (first?.kind !== 'run') return null;
  const summaries: GpuRunSummary[] = [];
  const seeds: number[] = [];
  results.forEach((r, k) => {
    if (r?.kind === 'run') {
      summaries.push(r.run.summary);
      if (r.run.source.kind === 'generated') seeds.push(r.run.source.seed);
    } else if (r?.kind === 'run-seed') {
      summaries.push(r.summary);
      seeds.push(r.seed ?? k);
    }
  });
  const run: GpuRunView = { ...first.run, spread: spreadOverSeeds(summaries, seeds), seedsAsked: input.source.kind === 'trace' ? 1 : asked };
  return { kind: 'run', run };
}

function mergeCompare(results: ReadonlyArray<GpuJobOutput | undefined>, asked: number): GpuJobOutput | null {
  const views = results.filter((r): r is Extract<GpuJobOutput, { kind: 'compare' }> => r?.kind === 'compare').map((r) => r.comparison);
  const first = views[0];
  if (!first) return null;
  const pairs: SeedPair[] = views.map((v) => ({ summaryA: v.summaryA, summaryB: v.summaryB }));
  const comparison: ComparisonView = { ...first, cancelled: views.some((v) => v.cancelled) || views.length < asked, overSeeds: compareOverSeeds(pairs), seedsAsked: asked };
  return { kind: 'compare', comparison };
}

function mergeSweep(results: ReadonlyArray<GpuJobOutput | undefined>, asked: number): GpuJobOutput | null {
  const sweeps = results.filter((r): r is Extract<GpuJobOutput, { kind: 'sweep' }> => r?.kind === 'sweep').map((r): SweepResult => r.sweep);
  if (sweeps.length === 0) return null;
  const merged = sweepOverSeeds(sweeps);
  return { kind: 'sweep-seeds', sweep: { ...merged, cancelled: merged.cancelled || sweeps.length < asked }, seedsAsked: asked };
}

/** The GPU tab's split and merge, for every store's pool. */
export const gpuSeedSplit: SeedSplit<GpuJobInput, GpuJobInput, GpuJobOutput, GpuJobOutput> = {
  split,
  merge(input, results, asked) {
    if (input.kind === 'run') return mergeRun(input, results, asked);
    if (input.kind === 'compare') return mergeCompare(results, asked);
    if (input.kind === 'sweep') return mergeSweep(results, asked);
    return results[0] ?? null;
  },
  preliminary(input, first) {
    return input.kind === 'run' && first.kind === 'run' ? first : null;
  },
};
