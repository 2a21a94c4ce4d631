/**
 * Each team's GPU demand (M10): the work the team brings to the cluster —
 * training jobs, serving replicas, notebook sessions — as its own input,
 * never derived from the quota under evaluation. Raising a ClusterQueue's
 * nominalQuota changes what the team may use, not what it asks for.
 *
 * A team queue's demand is, in order:
 * - what the scenario saves for it (`gpuSimulation.demand`): typed by the
 *   user, or written by the v7 → v8 migration from the old
 *   "load × nominal quota" sizing, frozen at that moment;
 * - otherwise a default derived from the team's people (the role
 *   assumptions below), so a scenario made from scratch has demand that
 *   grows with its ML engineers, not with its quota;
 * - nothing, for a queue without a team or a team without GPU users.
 *
 * The generators (`generators.ts`) turn this into workloads, seeded.
 */
import { z } from 'zod';
import type { Cluster } from '../cluster/schema.ts';
import { GPU_RESOURCE, TopologyRequestSchema } from '../cluster/schema.ts';
import { resourceValue } from '../kueue/resource-value.ts';
import { ROLE_LABELS, type RoleId } from '../org/roles.ts';
import type { TeamType } from '../org/team-types.ts';
import type { Duration, ServingSpec, TeamWorkloadSpec, TrainingSpec } from './generators.ts';
import type { Discrete } from './prng.ts';

const hours = (what: string) => z.number().positive(`${what} must be more than 0 hours`).max(10_000, `${what} must be at most 10,000 hours`);

export const DemandDurationSchema = z
  .object({
    median: hours('the median'),
    p90: hours('the P90'),
    /** Shortest and longest a job may run (hours); the log-normal's tails are cut here. */
    min: hours('the shortest').optional(),
    max: hours('the longest').optional(),
  })
  .refine((d) => d.p90 >= d.median, { message: 'P90 must be at least the median', path: ['p90'] })
  .refine((d) => d.max === undefined || d.max >= d.median, { message: 'the longest must be at least the median', path: ['max'] })
  .refine((d) => d.min === undefined || d.min <= d.median, { message: 'the shortest must be at most the median', path: ['min'] });

/** Value → weight, e.g. { "1": 0.6, "2": 0.3, "4": 0.1 }: whole values from 1, weights ≥ 0, some weight > 0. */
export const DemandDiscreteSchema = z
  .record(z.string().max(8), z.number().min(0, 'a weight must be ≥ 0').max(1_000_000))
  .superRefine((d, ctx) => {
    for (const key of Object.keys(d)) if (!/^[1-9][0-9]{0,3}$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" must be a whole number from 1 to 9999` });
    if (!Object.values(d).some((w) => w > 0)) ctx.addIssue({ code: 'custom', message: 'needs at least one value with a weight above 0' });
  });

export const TeamDemandSchema = z.object({
  /** The team queue (`cluster.queues[].id`) whose workloads these are. */
  queue: z.string().min(1, 'must not be empty').max(200),
  training: z.object({
    /** Jobs submitted per day on average (arrivals follow a working-week pattern). */
    jobsPerDay: z.number().min(0, 'must be ≥ 0').max(100_000, 'must be at most 100,000 a day'),
    gpusPerPod: DemandDiscreteSchema,
    /** Pods per job, all-or-nothing (a gang). */
    podsPerJob: DemandDiscreteSchema,
    durationHours: DemandDurationSchema,
    /** Topology-aware scheduling for every training job (Kueue's podset-required / podset-preferred-topology); unset: none. */
    topology: TopologyRequestSchema.optional(),
  }),
  serving: z.object({
    /** Replicas 08:00–20:00 and the rest of the day. */
    replicasPeak: z.number().int('must be a whole number').min(0).max(10_000),
    replicasOffPeak: z.number().int('must be a whole number').min(0).max(10_000),
    gpusPerReplica: z.number().int('must be a whole number').min(1, 'must be at least 1').max(64),
  }),
  notebooks: z.object({
    /** Sessions per working day (weekdays, 09:00–18:00). */
    sessionsPerDay: z.number().min(0, 'must be ≥ 0').max(100_000),
    sessionHours: DemandDurationSchema,
  }),
  /** Where the numbers came from: the user, or the v8 migration from the old load × nominal quota. */
  origin: z.enum(['edited', 'migrated']),
});

export type TeamDemand = z.infer<typeof TeamDemandSchema>;
export type DemandOrigin = TeamDemand['origin'] | 'people' | 'none';

/**
 * Weekly GPU demand per person by role. Podplan's planning assumption: no
 * public survey gives GPU-hours per engineer, so these are round numbers a
 * platform lead replaces with their own history (import a trace, or replay
 * the cluster's workloads). An AI/ML engineer trains about a GPU through the
 * working week; a data scientist a third of that; platform and MLOps
 * engineers run test jobs. Everyone who trains also opens notebooks.
 */
export const DEMAND_PER_PERSON: Readonly<Partial<Record<RoleId, { trainingGpuHoursPerWeek: number; notebookSessionsPerDay: number }>>> = {
  'ai-ml-engineer': { trainingGpuHoursPerWeek: 40, notebookSessionsPerDay: 1 },
  'data-scientist': { trainingGpuHoursPerWeek: 12, notebookSessionsPerDay: 1 },
  'mlops-engineer': { trainingGpuHoursPerWeek: 4, notebookSessionsPerDay: 0.25 },
  'ai-platform-engineer': { trainingGpuHoursPerWeek: 4, notebookSessionsPerDay: 0.25 },
};

/** Serving replicas (peak, off-peak, 1 GPU each) by team type: teams that ship AI features serve them. */
export const SERVING_BY_TEAM_TYPE: Readonly<Partial<Record<TeamType, { peak: number; offPeak: number }>>> = {
  'stream-aligned-pod': { peak: 2, offPeak: 1 },
  'central-ai': { peak: 4, offPeak: 2 },
};

export const DEMAND_SOURCE =
  "Podplan's planning assumption (no public figure gives GPU-hours per engineer): per week, 40 training GPU-hours per AI/ML engineer, 12 per data scientist, 4 per MLOps or AI platform engineer; one notebook session a day per AI/ML engineer and data scientist; 2 serving replicas at peak per stream-aligned pod, 4 per central AI team. Replace them with your own: edit a team's demand, import a trace, or replay your cluster's workloads.";

/** The training job shape of every default: mostly small jobs, a long tail. */
const DEFAULT_TRAINING_SHAPE = {
  gpusPerPod: { 1: 0.6, 2: 0.3, 4: 0.1 } as Discrete,
  podsPerJob: { 1: 1 } as Discrete,
  durationHours: { median: 3, p90: 12, min: 0.1, max: 72 },
};
const DEFAULT_SESSION_HOURS = { median: 1, p90: 3, max: 8 };

/** The people of a team, as the demand default reads them. */
export interface DemandTeam {
  id: string;
  name: string;
  type: TeamType;
  positions: ReadonlyArray<{ role: RoleId }>;
}

/** Mean of a log-normal given by median and P90 (hours). */
export function meanDurationHours(d: Duration): number {
  const sigma = d.p90 > d.median ? Math.log(d.p90 / d.median) / 1.2815515655446004 : 0;
  return d.median * Math.exp((sigma * sigma) / 2);
}

export function discreteMean(dist: Discrete): number {
  let total = 0;
  let sum = 0;
  for (const [k, w] of Object.entries(dist)) {
    total += w;
    sum += Number(k) * w;
  }
  return total > 0 ? sum / total : 0;
}

function noDemand(queue: string, origin: TeamDemand['origin']): TeamDemand {
  return {
    queue,
    training: { jobsPerDay: 0, ...structuredClone(DEFAULT_TRAINING_SHAPE) },
    serving: { replicasPeak: 0, replicasOffPeak: 0, gpusPerReplica: 1 },
    notebooks: { sessionsPerDay: 0, sessionHours: { ...DEFAULT_SESSION_HOURS } },
    origin,
  };
}

/** What the team's people imply (the DEMAND_PER_PERSON assumptions), and the count of each role that contributed. */
export function demandFromPeople(queue: string, team: DemandTeam): { demand: TeamDemand; people: Array<{ role: RoleId; count: number }> } {
  const counts = new Map<RoleId, number>();
  for (const p of team.positions) if (DEMAND_PER_PERSON[p.role]) counts.set(p.role, (counts.get(p.role) ?? 0) + 1);
  let trainingGpuHours = 0;
  let sessions = 0;
  for (const [role, n] of counts) {
    trainingGpuHours += n * DEMAND_PER_PERSON[role]!.trainingGpuHoursPerWeek;
    sessions += n * DEMAND_PER_PERSON[role]!.notebookSessionsPerDay;
  }
  const demand = noDemand(queue, 'edited');
  const perJob = discreteMean(demand.training.gpusPerPod) * discreteMean(demand.training.podsPerJob) * meanDurationHours(demand.training.durationHours);
  demand.training.jobsPerDay = trainingGpuHours / 7 / perJob;
  demand.notebooks.sessionsPerDay = sessions;
  const serving = counts.size > 0 ? SERVING_BY_TEAM_TYPE[team.type] : undefined;
  if (serving) demand.serving = { replicasPeak: serving.peak, replicasOffPeak: serving.offPeak, gpusPerReplica: 1 };
  return { demand, people: [...counts].map(([role, count]) => ({ role, count })) };
}

/** The GPUs a queue's nominal quota holds over all its flavors (what the old sizing used). */
export function nominalGpus(queue: Cluster['queues'][number]): number {
  let gpus = 0;
  for (const group of queue.resourceGroups) for (const flavor of group.flavors) for (const r of flavor.resources) if (r.name === GPU_RESOURCE) gpus += resourceValue(r.name, r.nominalQuota);
  return gpus;
}

/**
 * The demand the old generators gave a queue of `gpus` nominal GPUs at
 * `load` (Podplan ≤ v7): used once, by the v7 → v8 migration, so a saved
 * scenario keeps the workloads (and every figure) it had, frozen.
 */
export function demandFromOldLoad(queue: string, gpus: number, load: number): TeamDemand {
  const demand = noDemand(queue, 'migrated');
  if (!(gpus > 0)) return demand;
  const gpusPerPod: Discrete = gpus >= 8 ? { 1: 0.3, 2: 0.2, 4: 0.25, 8: 0.25 } : { 1: 0.6, 2: 0.3, 4: 0.1 };
  const podsPerJob: Discrete = gpus >= 16 ? { 1: 0.75, 2: 0.2, 4: 0.05 } : { 1: 1 };
  const durationHours = { median: 3, p90: 12, min: 0.1, max: 72 };
  const perJob = discreteMean(gpusPerPod) * discreteMean(podsPerJob) * meanDurationHours(durationHours);
  const replicas = Math.floor(gpus * 0.1);
  demand.training = { jobsPerDay: (gpus * 24 * load * 0.75) / perJob, gpusPerPod, podsPerJob, durationHours };
  if (replicas > 0) demand.serving = { replicasPeak: Math.max(1, Math.round(replicas)), replicasOffPeak: Math.max(1, Math.round(replicas * 0.5)), gpusPerReplica: 1 };
  demand.notebooks = { sessionsPerDay: Math.max(1, Math.round(gpus / 4)), sessionHours: { median: 1, p90: 3, max: 8 } };
  return demand;
}

/** One team queue's demand and where it came from, as the GPU simulation tab shows it. */
export interface QueueDemand {
  queueId: string;
  clusterQueue: string;
  /** The team's name, else the ClusterQueue's. */
  name: string;
  demand: TeamDemand;
  origin: DemandOrigin;
  /** For a people default: the roles that count. */
  people: Array<{ role: RoleId; count: number }>;
  /** Average GPU-hours a week the demand asks for (training + serving + notebooks). */
  gpuHoursPerWeek: number;
}

/** Average GPU-hours a week of a demand (serving at peak 08–20 every day, notebooks on weekdays; the mean ignores the duration's cut tails, an estimate). */
export function weeklyGpuHours(d: TeamDemand): number {
  const t = d.training;
  const training = t.jobsPerDay * 7 * discreteMean(t.gpusPerPod) * discreteMean(t.podsPerJob) * meanDurationHours(t.durationHours);
  const serving = d.serving.gpusPerReplica * 7 * (12 * d.serving.replicasPeak + 12 * d.serving.replicasOffPeak);
  const notebooks = d.notebooks.sessionsPerDay * 5 * meanDurationHours(d.notebooks.sessionHours);
  return training + serving + notebooks;
}

/**
 * Every team queue's demand, in policy order: saved, else from the team's
 * people (a team's people count once, for its first queue), else none.
 */
export function queueDemands(cluster: Cluster, teams: readonly DemandTeam[], saved: readonly TeamDemand[]): QueueDemand[] {
  const savedByQueue = new Map(saved.map((d) => [d.queue, d]));
  const teamsById = new Map(teams.map((t) => [t.id, t]));
  const counted = new Set<string>();
  return cluster.queues.map((q) => {
    const team = q.teamId !== undefined ? teamsById.get(q.teamId) : undefined;
    const name = team?.name ?? q.clusterQueue;
    const own = savedByQueue.get(q.id);
    let demand: TeamDemand;
    let origin: DemandOrigin;
    let people: QueueDemand['people'] = [];
    if (own) {
      demand = own;
      origin = own.origin;
    } else if (team && !counted.has(team.id)) {
      ({ demand, people } = demandFromPeople(q.id, team));
      origin = people.length > 0 ? 'people' : 'none';
    } else {
      demand = noDemand(q.id, 'edited');
      origin = 'none';
    }
    if (team) counted.add(team.id);
    return { queueId: q.id, clusterQueue: q.clusterQueue, name, demand, origin, people, gpuHoursPerWeek: weeklyGpuHours(demand) };
  });
}

/** The people behind a default, in words ("3 AI/ML engineers, 1 data scientist"). */
export function peopleWords(people: QueueDemand['people']): string {
  return people.map(({ role, count }) => `${count} ${ROLE_LABELS[role]}${count === 1 ? '' : 's'}`).join(', ');
}

/** Hour-of-day replicas of a serving demand: peak 08:00–20:00. */
function replicasByHour(d: TeamDemand['serving']): number[] {
  return Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? d.replicasPeak : d.replicasOffPeak));
}

/**
 * The generators' input for every queue: training at the policy's lowest
 * priority class, serving and notebooks at its highest (they are what people
 * wait on). Zero rates give no spec, so no random draws are spent on them.
 */
export function workloadSpecs(cluster: Cluster, demands: readonly QueueDemand[]): TeamWorkloadSpec[] {
  const byPriority = [...cluster.priorityClasses].sort((a, b) => a.value - b.value);
  const low = byPriority[0]?.name;
  const high = byPriority[byPriority.length - 1]?.name;
  return demands.map(({ clusterQueue, demand }) => {
    const t = demand.training;
    const training: TrainingSpec[] =
      t.jobsPerDay > 0 ? [{ jobsPerDay: t.jobsPerDay, gpusPerPod: t.gpusPerPod, podsPerJob: t.podsPerJob, durationHours: t.durationHours, priorityClass: low, ...(t.topology ? { topology: t.topology } : {}) }] : [];
    const s = demand.serving;
    const serving: ServingSpec[] = s.replicasPeak > 0 || s.replicasOffPeak > 0 ? [{ name: 'inference', replicasByHour: replicasByHour(s), gpusPerReplica: s.gpusPerReplica, priorityClass: high }] : [];
    const n = demand.notebooks;
    return {
      queue: clusterQueue,
      training,
      serving,
      notebooks: n.sessionsPerDay > 0 ? { sessionsPerDay: n.sessionsPerDay, sessionHours: n.sessionHours, priorityClass: high } : undefined,
    };
  });
}

/** A stable key of the demand a run generates from (the tab re-runs only when it changes). */
export function demandKey(specs: readonly TeamWorkloadSpec[]): string {
  return JSON.stringify(specs);
}
