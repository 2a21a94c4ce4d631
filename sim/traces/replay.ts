/**
 * A cluster replay's rows (kueue-workloads.ts) as the simulator's input:
 * `WorkloadSpec`s for a scenario's policy (the GPU tab's path, so the main
 * run, A vs B, the sweep and the recommender all replay them), the generic
 * trace CSV (`podplan import workloads --out`, read back by `simulate gpu
 * --trace`), and the observed waits per team of that policy.
 */
import type { Cluster, TeamQueue } from '../cluster/schema.ts';
import type { PodSetSpec, WorkloadSpec } from '../gpu-sim/workloads.ts';
import { observedWaits, type ObservedWaits, type ReplayPodSet, type ReplayRow } from './kueue-workloads.ts';

const GIB = 2 ** 30;

/**
 * The policy's team queue for a Workload's namespace and LocalQueue: the
 * queue with that namespace and LocalQueue; else, when the policy has one
 * queue in that namespace, that one (a team with several LocalQueues in its
 * namespace, all on its ClusterQueue); else none.
 */
export function replayQueueResolver(cluster: Cluster): (row: Pick<ReplayRow, 'namespace' | 'localQueue'>) => TeamQueue | undefined {
  const exact = new Map<string, TeamQueue>();
  const byNamespace = new Map<string, TeamQueue[]>();
  for (const q of cluster.queues) {
    exact.set(`${q.namespace}/${q.localQueue}`, q);
    for (const lq of q.extraLocalQueues ?? []) exact.set(`${q.namespace}/${lq.name}`, q);
    byNamespace.set(q.namespace, [...(byNamespace.get(q.namespace) ?? []), q]);
  }
  return (row) => {
    const found = exact.get(`${row.namespace}/${row.localQueue}`);
    if (found) return found;
    const inNamespace = byNamespace.get(row.namespace);
    return inNamespace?.length === 1 ? inNamespace[0] : undefined;
  };
}

export interface ReplaySpecs {
  workloads: WorkloadSpec[];
  /** Seconds of the first kept submit (epoch): time 0 of the run. */
  origin?: number;
  /** Rows whose namespace/LocalQueue is not a team queue of the policy, per queue. */
  unmapped: Record<string, number>;
  /** Rows whose requests the team's ClusterQueue has no quota for at all. */
  uncovered: number;
}

/**
 * Rows → the simulator's workloads for this policy. Requests of resources the
 * team's ClusterQueue does not cover are left out, as the trace importer does
 * (Kueue would never admit them otherwise); a priority value wins over a
 * priority class name (the class may not exist in the scenario).
 */
export function replayWorkloadSpecs(rows: readonly ReplayRow[], cluster: Cluster): ReplaySpecs {
  const queueOf = replayQueueResolver(cluster);
  const covered = new Map<TeamQueue, Set<string>>();
  const classes = new Set(cluster.priorityClasses.map((p) => p.name));
  const unmapped: Record<string, number> = {};
  let uncovered = 0;
  let origin = Infinity;
  for (const row of rows) if (row.submit < origin) origin = row.submit;
  const workloads: WorkloadSpec[] = [];
  for (const row of rows) {
    const queue = queueOf(row);
    if (!queue) {
      unmapped[row.queue] = (unmapped[row.queue] ?? 0) + 1;
      continue;
    }
    let resources = covered.get(queue);
    if (!resources) covered.set(queue, (resources = new Set(queue.resourceGroups.flatMap((g) => g.coveredResources))));
    const podSets: PodSetSpec[] = [];
    for (const ps of row.podSets) {
      const requests = Object.fromEntries(Object.entries(ps.requests).filter(([r]) => resources.has(r)));
      if (ps.count > 0 && Object.keys(requests).length > 0) podSets.push({ name: ps.name, count: ps.count, requests });
    }
    if (podSets.length === 0) {
      uncovered++;
      continue;
    }
    // Through its own LocalQueue when it is one of the team's extra ones: admission fair sharing orders by it.
    const viaExtra = row.namespace === queue.namespace && (queue.extraLocalQueues ?? []).some((lq) => lq.name === row.localQueue);
    const spec: WorkloadSpec = { id: row.id, queue: viaExtra ? `${row.namespace}/${row.localQueue}` : queue.clusterQueue, submitTime: row.submit - origin, podSets, duration: row.duration, kind: 'training' };
    if (row.priority !== undefined) spec.priority = row.priority;
    else if (row.priorityClass !== undefined && classes.has(row.priorityClass)) spec.priority = row.priorityClass;
    workloads.push(spec);
  }
  return { workloads, ...(workloads.length ? { origin } : {}), unmapped, uncovered };
}

/** Observed waits per team of the policy (a queue's teamId, else its id); rows of no team queue are left out. */
export function observedWaitsByTeam(rows: readonly ReplayRow[], cluster: Cluster): Map<string, ObservedWaits> {
  const queueOf = replayQueueResolver(cluster);
  return observedWaits(rows, (row) => {
    const q = queueOf(row);
    return q ? (q.teamId ?? q.id) : undefined;
  });
}

// ------------------------------------------------------------ the generic trace CSV

/**
 * The generic layout (sim/traces/README.md) plus the replay's own columns,
 * which the importer ignores: `user` is the namespace and `vc` the
 * "namespace/localQueue" (map by vc). A workload with several pod-set shapes
 * also gets `pod_sets` ("count:gpus:cores:GiB" joined by "|"), which the
 * generic reader takes over pods / gpus_per_pod.
 */
export const REPLAY_CSV_COLUMNS = [
  'id',
  'submit_time',
  'duration',
  'pods',
  'gpus_per_pod',
  'cpu_per_pod',
  'memory_gib_per_pod',
  'pod_sets',
  'user',
  'vc',
  'priority',
  'state',
  'duration_source',
  'evictions',
  'observed_wait',
] as const;

export function replayCsvHeader(): string {
  return `${REPLAY_CSV_COLUMNS.join(',')}\n`;
}

const shapeKey = (ps: ReplayPodSet) => JSON.stringify(Object.entries(ps.requests).sort(([a], [b]) => (a < b ? -1 : 1)));
const gpusOf = (ps: ReplayPodSet) => Math.ceil(ps.requests['nvidia.com/gpu'] ?? 0);
const num = (value: number | undefined) => (value === undefined || value === 0 ? '' : String(Math.round(value * 1000) / 1000));
const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Pod sets of the same per-pod requests merged (a launcher and its workers alike count as one gang shape). */
function mergedShapes(podSets: readonly ReplayPodSet[]): ReplayPodSet[] {
  const byShape = new Map<string, ReplayPodSet>();
  for (const ps of podSets) {
    if (ps.count === 0) continue;
    const key = shapeKey(ps);
    const seen = byShape.get(key);
    if (seen) seen.count += ps.count;
    else byShape.set(key, { ...ps });
  }
  return [...byShape.values()];
}

export function replayCsvLine(row: ReplayRow): string {
  const shapes = mergedShapes(row.podSets);
  // The main columns hold the shape with the most GPUs; pod_sets holds them all when there are several.
  const main = [...shapes].sort((a, b) => gpusOf(b) * b.count - gpusOf(a) * a.count)[0]!;
  const memory = (ps: ReplayPodSet) => (ps.requests.memory ? ps.requests.memory / GIB : undefined);
  const podSets = shapes.length > 1 ? shapes.map((ps) => `${ps.count}:${gpusOf(ps)}:${num(ps.requests.cpu) || 0}:${num(memory(ps)) || 0}`).join('|') : '';
  const priority = row.priority !== undefined ? String(row.priority) : (row.priorityClass ?? '');
  return (
    [
      cell(row.id),
      String(row.submit),
      String(Math.round(row.duration * 1000) / 1000),
      String(main.count),
      String(gpusOf(main)),
      num(main.requests.cpu),
      num(memory(main)),
      podSets,
      cell(row.namespace),
      cell(row.queue),
      cell(priority),
      row.state,
      row.durationSource,
      String(row.evictions),
      row.observedWait === undefined ? '' : String(row.observedWait),
    ].join(',') + '\n'
  );
}
