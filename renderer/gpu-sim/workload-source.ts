/**
 * Where a GPU run's workloads come from: generated per team queue (seeded,
 * exactly as `podplan simulate gpu` generates them) or jobs imported from a
 * trace. Analyses take the workloads generated from the base policy: the
 * generators size jobs by nominal quota, so a variant must replay them, not
 * regenerate its own.
 */
import type { Cluster } from '../../sim/cluster/schema.ts';
import { defaultTeamWorkloads, generateWorkloads, type WorkloadSpec, type WorkloadTable } from '../../sim/gpu-sim/index.ts';

export const DAY = 86_400;

export type WorkloadSource =
  | { kind: 'generated'; seed: number; days: number; load: number }
  | { kind: 'trace'; name: string; workloads: WorkloadSpec[] };

export interface ResolvedWorkloads {
  workloads: WorkloadSpec[] | WorkloadTable;
  count: number;
  /** The run stops here (generated workloads have a horizon; a trace runs until its last job is done). */
  until: number | undefined;
  seed: number;
}

export function resolveWorkloads(base: Cluster, source: WorkloadSource): ResolvedWorkloads {
  if (source.kind === 'trace') return { workloads: source.workloads, count: source.workloads.length, until: undefined, seed: 1 };
  const until = source.days * DAY;
  const table = generateWorkloads(base, defaultTeamWorkloads(base, source.load), { seed: source.seed, horizonSeconds: until });
  return { workloads: table, count: table.n, until, seed: source.seed };
}

/** A short key for a source, so an unchanged source does not re-run (a trace is named by its import id). */
export function sourceKey(source: WorkloadSource, traceId: number): string {
  return source.kind === 'trace' ? `trace:${traceId}:${source.name}` : `gen:${source.seed}:${source.days}:${source.load}`;
}
