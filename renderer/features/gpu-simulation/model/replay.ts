/**
 * The cluster replay in the GPU tab (issue #15), pure: the replay's rows as
 * the run's workloads for this scenario's policy, the sentence that says
 * where the demand came from, and observed vs simulated waits per team — so
 * the user sees how well the simulator reproduces their cluster before
 * trusting policy B.
 */
import type { Cluster } from '../../../../sim/cluster/schema.ts';
import type { ClusterWorkloadsResponse } from '../../../../sim/api/contract.ts';
import type { GpuRunSummary } from '../../../../sim/gpu-sim/index.ts';
import { observedWaitsByTeam, replayWorkloadSpecs, type ReplaySpecs } from '../../../../sim/traces/index.ts';
import { count } from './units.ts';

export const CENSORED_LABELS: Record<ClusterWorkloadsResponse['censored'], string> = {
  'as-observed': 'observed so far (a lower bound)',
  'extend-to-median': "at least their queue's median run time",
  drop: 'left out',
};
export const PENDING_LABELS: Record<ClusterWorkloadsResponse['pending'], string> = {
  'impute-median': "their queue's median observed run time",
  drop: 'left out',
};

/** "cluster replay: 1,204 workloads from context prod, since 2026-11-30 (7d), 12 censored treated as as observed…". */
export function replaySource(replay: ClusterWorkloadsResponse, specs: ReplaySpecs): string {
  const c = replay.counts;
  const since = replay.since === null ? 'all history the cluster keeps' : `since ${new Date(replay.since * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC${replay.sinceText ? ` (${replay.sinceText})` : ''}`;
  const where = replay.namespaces ? ` in ${replay.namespaces.join(', ')}` : '';
  const parts = [
    `cluster replay: ${count(specs.workloads.length, 'workload')} from context ${replay.context}${where}, ${since}`,
    replay.censored === 'drop'
      ? `${count(c.dropped['running-dropped'], 'running workload')} left out (censored)`
      : `${count(c.censored, 'censored (still running)', 'censored (still running)')} treated as ${CENSORED_LABELS[replay.censored]}`,
    replay.pending === 'drop' ? `${count(c.dropped['pending-dropped'], 'pending workload')} left out` : `${count(c.imputed, 'pending workload')} run for ${PENDING_LABELS[replay.pending]}`,
  ];
  return parts.join('; ');
}

/** Why workloads read from the cluster are not in the run, each with its count (empty when all are). */
export function replayLeftOut(replay: ClusterWorkloadsResponse, specs: ReplaySpecs, reasons: Record<string, string>): string[] {
  const out = Object.entries(replay.counts.dropped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${count(n, 'workload')}: ${reasons[reason] ?? reason}`);
  const unmapped = Object.entries(specs.unmapped);
  if (unmapped.length) {
    const total = unmapped.reduce((sum, [, n]) => sum + n, 0);
    out.push(`${count(total, 'workload')} in LocalQueues that are no team queue of this policy: ${unmapped.slice(0, 5).map(([q, n]) => `${q} (${n})`).join(', ')}${unmapped.length > 5 ? ', …' : ''}`);
  }
  if (specs.uncovered) out.push(`${count(specs.uncovered, 'workload')} requesting nothing their team's ClusterQueue has quota for`);
  return out;
}

export interface WaitComparisonRow {
  team: string;
  observed: { count: number; p50: number | null; p90: number | null; pending: number; unknown: number } | null;
  simulated: { count: number; p50: number | null; p90: number | null; neverAdmitted: number } | null;
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/** Per team: the cluster's observed waits beside the simulated ones of the current policy on the same workloads. */
export function waitComparison(replay: ClusterWorkloadsResponse, cluster: Cluster, summary: GpuRunSummary | null): WaitComparisonRow[] {
  const observed = observedWaitsByTeam(replay.rows, cluster);
  const teams = new Set([...observed.keys(), ...(summary?.teams.map((t) => t.team) ?? [])]);
  return [...teams]
    .sort()
    .map((team) => {
      const o = observed.get(team);
      const s = summary?.teams.find((t) => t.team === team);
      return {
        team,
        observed: o ? { count: o.count, p50: finite(o.p50), p90: finite(o.p90), pending: o.pending, unknown: o.unknown } : null,
        simulated: s ? { count: s.admitted, p50: s.wait.p50, p90: s.wait.p90, neverAdmitted: s.wait.neverAdmitted } : null,
      };
    })
    .filter((row) => row.observed !== null);
}

export { replayWorkloadSpecs };
