/**
 * The cohort tree with, per ClusterQueue, its nominal GPUs and the GPUs it
 * borrowed and lent on average over the run (GPU-hours ÷ hours simulated):
 * rows in tree order (a cohort, then its child cohorts, then its queues),
 * each with its depth, for the bar chart.
 */
import { GPU_RESOURCE, type Cluster } from '../../../../sim/cluster/schema.ts';
import type { GpuRunSummary } from '../../../../sim/gpu-sim/index.ts';
import { parseQuantity } from '../../../../sim/k8s/quantity.ts';

export interface CohortBarRow {
  kind: 'cohort' | 'queue';
  name: string;
  depth: number;
  team?: string;
  nominal: number;
  borrowed: number;
  lent: number;
}

export interface CohortBars {
  rows: CohortBarRow[];
  hours: number;
}

function quantity(text: string | undefined): number {
  if (text === undefined) return 0;
  try {
    return parseQuantity(text);
  } catch {
    return 0;
  }
}

export function nominalGpus(cluster: Cluster, clusterQueue: string): number {
  const q = cluster.queues.find((x) => x.clusterQueue === clusterQueue);
  let sum = 0;
  for (const g of q?.resourceGroups ?? []) for (const f of g.flavors) for (const r of f.resources) if (r.name === GPU_RESOURCE) sum += quantity(r.nominalQuota);
  return sum;
}

export function cohortBars(cluster: Cluster, summary: GpuRunSummary, endTime: number): CohortBars {
  const hours = endTime / 3600;
  const avg = (gpuHours: number) => (hours > 0 ? gpuHours / hours : 0);
  const queueRow = (q: GpuRunSummary['queues'][number], depth: number): CohortBarRow => ({
    kind: 'queue',
    name: q.clusterQueue,
    depth,
    team: q.team,
    nominal: nominalGpus(cluster, q.clusterQueue),
    borrowed: avg(q.borrowedGpuHours),
    lent: avg(q.lentGpuHours),
  });
  const parentOf = new Map<string, string | undefined>(cluster.cohorts.map((c) => [c.name, c.parentName]));
  for (const q of summary.queues) if (q.cohort && !parentOf.has(q.cohort)) parentOf.set(q.cohort, undefined);
  const children = (parent: string | undefined) => [...parentOf.entries()].filter(([, p]) => p === parent).map(([name]) => name);
  const rows: CohortBarRow[] = [];
  const seen = new Set<string>();
  const visit = (name: string, depth: number): CohortBarRow => {
    seen.add(name);
    const row: CohortBarRow = { kind: 'cohort', name, depth, nominal: 0, borrowed: 0, lent: 0 };
    rows.push(row);
    for (const child of children(name)) {
      if (seen.has(child)) continue;
      const c = visit(child, depth + 1);
      row.nominal += c.nominal;
      row.borrowed += c.borrowed;
      row.lent += c.lent;
    }
    for (const q of summary.queues.filter((x) => x.cohort === name)) {
      const r = queueRow(q, depth + 1);
      rows.push(r);
      row.nominal += r.nominal;
      row.borrowed += r.borrowed;
      row.lent += r.lent;
    }
    return row;
  };
  for (const root of children(undefined)) visit(root, 0);
  // Cohorts in a cycle never reach a root: shown as roots so that they are not lost.
  for (const name of parentOf.keys()) if (!seen.has(name)) visit(name, 0);
  for (const q of summary.queues.filter((x) => x.cohort === null)) rows.push(queueRow(q, 0));
  return { rows, hours };
}
