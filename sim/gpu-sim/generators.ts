/**
 * Synthetic workloads per team (M10), from a seeded PRNG:
 *
 * - Training jobs: a non-homogeneous Poisson arrival process (thinning)
 *   with an hour-of-day and a day-of-week pattern; GPUs per pod and pods
 *   per job (a gang) drawn from discrete distributions; log-normal
 *   durations given by median and P90; a priority class; an optional GPU
 *   model requirement or preference.
 * - Serving deployments: replicas following "replicas needed by hour"
 *   (a daily demand curve, optionally damped at weekends). Each replica is
 *   a workload that lives from its scale-up to its scale-down (LIFO).
 * - Interactive notebooks: short, bursty, one GPU, in working hours.
 *
 * Time 0 is Monday 00:00. Output is the compact `WorkloadTable`, so a
 * million jobs stay cheap. What each team asks for is its demand
 * (`demand.ts`), never its quota.
 */
import type { Cluster, TopologyRequest } from '../cluster/schema.ts';
import { GPU_RESOURCE } from '../cluster/schema.ts';
import { drawDiscrete, Prng, type Discrete } from './prng.ts';
import { WorkloadTable, type ShapePodSet } from './workloads.ts';

const HOUR = 3600;
const DAY = 86_400;
const WEEK = 7 * DAY;

/** Relative arrival rate by hour of day: a working-day shape peaking mid-morning and mid-afternoon. */
export const WORKDAY_PATTERN: readonly number[] = [0.3, 0.25, 0.2, 0.2, 0.2, 0.25, 0.4, 0.7, 1.1, 1.5, 1.7, 1.6, 1.3, 1.5, 1.7, 1.6, 1.4, 1.2, 0.9, 0.7, 0.6, 0.5, 0.4, 0.35];
/** Monday..Sunday. */
export const WEEK_PATTERN: readonly number[] = [1, 1.05, 1.05, 1, 0.9, 0.35, 0.3];

export interface Duration {
  /** Median in hours. */
  median: number;
  /** 90th percentile in hours (≥ median). */
  p90: number;
  /** Clamp, in hours. */
  min?: number;
  max?: number;
}

export interface TrainingSpec {
  jobsPerDay: number;
  dailyPattern?: readonly number[];
  weeklyPattern?: readonly number[];
  /** GPUs per pod, e.g. { 1: 0.3, 2: 0.2, 4: 0.2, 8: 0.3 }. */
  gpusPerPod: Discrete;
  /** Pods per job (the gang size), e.g. { 1: 0.7, 2: 0.2, 4: 0.1 }. Default 1. */
  podsPerJob?: Discrete;
  durationHours: Duration;
  priorityClass?: string;
  priority?: number;
  /** Hard requirement: only these GPU models (ResourceFlavors). */
  flavors?: readonly string[];
  /** With this probability a job requires the preferred flavors; otherwise it takes any. */
  preference?: { flavors: readonly string[]; probability: number };
  cpuPerGpu?: number;
  memoryGiBPerGpu?: number;
  /** All-or-nothing pod placement (default true). */
  gang?: boolean;
  /** Topology-aware scheduling: every job asks to run within one domain of this level (required) or preferably so. */
  topology?: TopologyRequest;
}

export interface ServingSpec {
  name: string;
  /** Replicas needed in each hour of the day (24 values). */
  replicasByHour: readonly number[];
  gpusPerReplica: number;
  /** Multiplier on Saturdays and Sundays (default 1). */
  weekendFactor?: number;
  priorityClass?: string;
  priority?: number;
  flavors?: readonly string[];
  cpuPerGpu?: number;
  memoryGiBPerGpu?: number;
}

export interface NotebookSpec {
  /** Sessions per working day. */
  sessionsPerDay: number;
  /** Mean sessions per burst (default 3): people open notebooks together. */
  burstiness?: number;
  sessionHours: Duration;
  /** Working hours [start, end) on weekdays (default [9, 18]). */
  workHours?: readonly [number, number];
  gpus?: number;
  priorityClass?: string;
  priority?: number;
  flavors?: readonly string[];
  cpuPerGpu?: number;
  memoryGiBPerGpu?: number;
}

export interface TeamWorkloadSpec {
  /** ClusterQueue, "namespace/localQueue", queue id or team id. */
  queue: string;
  training?: readonly TrainingSpec[];
  serving?: readonly ServingSpec[];
  notebooks?: NotebookSpec;
}

export interface GenerateOptions {
  seed: number;
  horizonSeconds: number;
  /** Keep readable ids ("<queue>/train-12") — off saves a string per workload for very large runs. Default on. */
  withIds?: boolean;
}

function durationSeconds(rng: Prng, d: Duration): number {
  let hours = rng.lognormal(d.median, Math.max(d.p90, d.median));
  if (d.min !== undefined) hours = Math.max(d.min, hours);
  if (d.max !== undefined) hours = Math.min(d.max, hours);
  return Math.max(1, Math.round(hours * HOUR));
}

/**
 * The queue each generated workload of a team is submitted to. A team with
 * extra LocalQueues (admission fair sharing) submits through all of them in
 * turn, its own first: the demand is the team's, split evenly (a planning
 * assumption; a replay of the cluster's Workloads keeps each one's own).
 */
function localQueueRotation(cluster: Cluster, table: WorkloadTable, queue: string): () => number {
  const q = cluster.queues.find((x) => x.clusterQueue === queue || x.id === queue || `${x.namespace}/${x.localQueue}` === queue || x.teamId === queue);
  const extra = q?.extraLocalQueues ?? [];
  if (!q || extra.length === 0) {
    const only = table.internQueue(queue);
    return () => only;
  }
  const all = [q.localQueue, ...extra.map((lq) => lq.name)].map((name) => table.internQueue(`${q.namespace}/${name}`));
  let next = 0;
  return () => all[next++ % all.length]!;
}

/** Resources the team's ClusterQueue covers: CPU and memory are requested only when the queue accounts for them (Kueue refuses requests for resources a queue does not cover). */
function coveredResources(cluster: Cluster, queue: string): Set<string> {
  const q = cluster.queues.find((x) => x.clusterQueue === queue || x.id === queue || `${x.namespace}/${x.localQueue}` === queue || x.teamId === queue);
  return new Set(q ? q.resourceGroups.flatMap((g) => g.coveredResources) : [GPU_RESOURCE]);
}

function podSet(count: number, gpus: number, cpuPerGpu: number, memGiBPerGpu: number, covered: ReadonlySet<string>): ShapePodSet {
  const perPod = new Map<string, number>();
  if (gpus > 0) perPod.set(GPU_RESOURCE, gpus);
  const g = Math.max(gpus, 1);
  if (covered.has('cpu')) perPod.set('cpu', Math.ceil(cpuPerGpu * g * 1000));
  if (covered.has('memory')) perPod.set('memory', Math.ceil(memGiBPerGpu * g) * 2 ** 30);
  return { name: 'main', count, perPod };
}

/** Arrival times of a non-homogeneous Poisson process (thinning) with hour-of-day and day-of-week modulation. */
export function arrivals(rng: Prng, perDay: number, horizon: number, daily: readonly number[], weekly: readonly number[]): number[] {
  if (perDay <= 0) return [];
  const d = daily.length === 24 ? daily : new Array<number>(24).fill(1);
  const wk = weekly.length === 7 ? weekly : new Array<number>(7).fill(1);
  let norm = 0;
  for (let day = 0; day < 7; day++) for (let h = 0; h < 24; h++) norm += d[h]! * wk[day]!;
  norm /= 168;
  if (norm <= 0) return [];
  const base = perDay / DAY / norm;
  const peak = base * Math.max(...d) * Math.max(...wk);
  const out: number[] = [];
  let t = 0;
  for (;;) {
    t += rng.exponential(1 / peak);
    if (t >= horizon) break;
    const hour = Math.floor((t % DAY) / HOUR);
    const day = Math.floor((t % WEEK) / DAY);
    if (rng.next() * peak <= base * d[hour]! * wk[day]!) out.push(t);
  }
  return out;
}

export function generateWorkloads(cluster: Cluster, teams: readonly TeamWorkloadSpec[], options: GenerateOptions): WorkloadTable {
  const withIds = options.withIds ?? true;
  const table = new WorkloadTable(1024, withIds);
  const root = new Prng(options.seed);
  const horizon = options.horizonSeconds;
  const priorityOf = (cls: string | undefined, value: number | undefined) => {
    if (cls !== undefined) {
      if (!cluster.priorityClasses.some((p) => p.name === cls)) throw new Error(`priority class "${cls}" is not defined in the policy`);
      return { priority: 0, priorityClass: table.internPriorityClass(cls) };
    }
    return { priority: value ?? 0, priorityClass: -1 };
  };

  teams.forEach((team, t) => {
    const queueOf = localQueueRotation(cluster, table, team.queue);
    const covered = coveredResources(cluster, team.queue);
    const rng = root.fork(t);
    (team.training ?? []).forEach((spec, s) => {
      const r = rng.fork(100 + s);
      const times = arrivals(r, spec.jobsPerDay, horizon, spec.dailyPattern ?? WORKDAY_PATTERN, spec.weeklyPattern ?? WEEK_PATTERN);
      const prio = priorityOf(spec.priorityClass, spec.priority);
      const required = spec.flavors || spec.topology ? table.internConstraint(spec.flavors, undefined, spec.topology) : -1;
      const preferred = spec.preference ? table.internConstraint(spec.preference.flavors, undefined, spec.topology) : -1;
      // Shapes by (pods, GPUs per pod): interning builds a string key, too slow to do per job of a million.
      const shapes = new Map<number, number>();
      times.forEach((time, k) => {
        const gpus = drawDiscrete(r, spec.gpusPerPod);
        const pods = spec.podsPerJob ? drawDiscrete(r, spec.podsPerJob) : 1;
        const shapeKey = pods * 1_000_000 + gpus;
        let shape = shapes.get(shapeKey);
        if (shape === undefined) {
          shape = table.internShape([podSet(pods, gpus, spec.cpuPerGpu ?? 8, spec.memoryGiBPerGpu ?? 64, covered)]);
          shapes.set(shapeKey, shape);
        }
        let constraint = required;
        if (constraint < 0 && spec.preference && r.next() < spec.preference.probability) constraint = preferred;
        table.push({
          id: withIds ? `${team.queue}/train${s ? `${s}-` : '-'}${k}` : undefined,
          queue: queueOf(),
          ...prio,
          submit: Math.round(time),
          duration: durationSeconds(r, spec.durationHours),
          shape,
          constraint,
          gang: spec.gang ?? true,
          kind: 'training',
        });
      });
    });
    (team.serving ?? []).forEach((spec) => {
      const prio = priorityOf(spec.priorityClass, spec.priority);
      const constraint = spec.flavors ? table.internConstraint(spec.flavors, undefined) : -1;
      const shape = table.internShape([podSet(1, spec.gpusPerReplica, spec.cpuPerGpu ?? 8, spec.memoryGiBPerGpu ?? 64, covered)]);
      const group = table.internGroup(`${team.queue}/${spec.name}`);
      const open: number[] = [];
      const lives: Array<[number, number]> = [];
      for (let h = 0; h * HOUR < horizon; h++) {
        const at = h * HOUR;
        const day = Math.floor((at % WEEK) / DAY);
        const factor = day >= 5 ? (spec.weekendFactor ?? 1) : 1;
        const desired = Math.max(0, Math.round((spec.replicasByHour[h % 24] ?? 0) * factor));
        while (open.length < desired) open.push(at);
        while (open.length > desired) lives.push([open.pop()!, at]);
      }
      while (open.length) lives.push([open.pop()!, horizon]);
      lives.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      lives.forEach(([start, end], k) => {
        table.push({
          id: withIds ? `${team.queue}/${spec.name}-${k}` : undefined,
          queue: queueOf(),
          ...prio,
          submit: start,
          duration: Number.POSITIVE_INFINITY,
          endTime: end,
          shape,
          constraint,
          gang: true,
          kind: 'serving',
          group,
        });
      });
    });
    if (team.notebooks) {
      const spec = team.notebooks;
      const r = rng.fork(300);
      const [from, to] = spec.workHours ?? [9, 18];
      const daily = Array.from({ length: 24 }, (_, h) => (h >= from && h < to ? 1 : 0));
      const weekly = [1, 1, 1, 1, 1, 0, 0];
      const burst = Math.max(1, spec.burstiness ?? 3);
      // Bursts arrive so that sessions per weekday match: the process is normalised over the week.
      const burstsPerDay = (spec.sessionsPerDay / burst) * (5 / 7);
      const times = arrivals(r, burstsPerDay, horizon, daily, weekly);
      const prio = priorityOf(spec.priorityClass, spec.priority);
      const constraint = spec.flavors ? table.internConstraint(spec.flavors, undefined) : -1;
      const shape = table.internShape([podSet(1, spec.gpus ?? 1, spec.cpuPerGpu ?? 4, spec.memoryGiBPerGpu ?? 32, covered)]);
      let k = 0;
      for (const time of times) {
        const size = r.geometric(burst);
        for (let j = 0; j < size; j++) {
          const at = Math.round(time + r.exponential(300));
          if (at >= horizon) continue;
          table.push({
            id: withIds ? `${team.queue}/notebook-${k}` : undefined,
            queue: queueOf(),
            ...prio,
            submit: at,
            duration: durationSeconds(r, spec.sessionHours),
            shape,
            constraint,
            gang: true,
            kind: 'notebook',
          });
          k++;
        }
      }
    }
  });
  return table;
}
