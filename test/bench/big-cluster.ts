/**
 * The 10,000-GPU cluster of the 1M-job benchmark (1,250 nodes × 8 GPUs, two
 * GPU models, 50 teams in 5 cohorts) and its PAI-like generated workloads,
 * shared by the in-process growth figures (`gpu-sim.ts`) and the
 * one-process-per-run 1M-job figure (`gpu-sim-1m.ts`).
 */
import { ClusterSchema, type Cluster } from '../../sim/cluster/schema.ts';
import { generateWorkloads, type TeamWorkloadSpec } from '../../sim/gpu-sim/generators.ts';
import type { WorkloadTable } from '../../sim/gpu-sim/workloads.ts';

const TEAMS = 50;
const COHORTS = 5;

export function bigCluster(): Cluster {
  const teamsPerCohort = TEAMS / COHORTS;
  const queues = [];
  for (let t = 0; t < TEAMS; t++) {
    const name = `team-${t}`;
    queues.push({
      id: name,
      namespace: name,
      clusterQueue: name,
      localQueue: 'default',
      cohortName: `org-${Math.floor(t / teamsPerCohort)}`,
      queueingStrategy: t % 7 === 0 ? 'StrictFIFO' : 'BestEffortFIFO',
      preemption: { withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Any', borrowWithinCohort: { policy: 'Never' } },
      resourceGroups: [
        {
          coveredResources: ['nvidia.com/gpu', 'cpu', 'memory'],
          flavors: ['h100', 'a100'].map((flavor) => ({
            name: flavor,
            resources: [
              { name: 'nvidia.com/gpu', nominalQuota: '100' },
              { name: 'cpu', nominalQuota: '1600' },
              { name: 'memory', nominalQuota: '12800Gi' },
            ],
          })),
        },
      ],
    });
  }
  return ClusterSchema.parse({
    nodePools: [
      { id: 'h100', name: 'H100', flavor: 'h100', gpusPerNode: 8, nodeCount: 625, cpuCoresPerNode: 192, memoryGiBPerNode: 2048, costPerGpuHour: 4 },
      { id: 'a100', name: 'A100', flavor: 'a100', gpusPerNode: 8, nodeCount: 625, cpuCoresPerNode: 128, memoryGiBPerNode: 1024, costPerGpuHour: 2 },
    ],
    flavors: [{ name: 'h100' }, { name: 'a100' }],
    queues,
    priorityClasses: [
      { name: 'batch', value: 0 },
      { name: 'standard', value: 100 },
      { name: 'serving', value: 1000 },
    ],
  });
}

const FLAT_DAY = new Array<number>(24).fill(1);
const FLAT_WEEK = new Array<number>(7).fill(1);

/**
 * PAI-like teams: ≈ 30,000 jobs a day over the cluster (training jobs of
 * 1–8 GPUs × 1–4 pods, log-normal durations, one priority class as in the
 * PAI trace; notebooks; a serving deployment in every fifth team at a higher
 * priority), offering ≈ 70% of the GPU-hours. Arrivals are flat over the
 * day so that 10k, 100k and 1M jobs see the same regime.
 */
function bigTeams(): TeamWorkloadSpec[] {
  return Array.from({ length: TEAMS }, (_, t) => ({
    queue: `team-${t}`,
    training: [
      {
        jobsPerDay: 450,
        dailyPattern: FLAT_DAY,
        weeklyPattern: FLAT_WEEK,
        gpusPerPod: { 1: 0.4, 2: 0.25, 4: 0.2, 8: 0.15 },
        podsPerJob: { 1: 0.8, 2: 0.15, 4: 0.05 },
        durationHours: { median: 0.7, p90: 4, min: 0.05, max: 48 },
        priorityClass: 'batch',
        preference: { flavors: ['h100'], probability: 0.3 },
      },
    ],
    notebooks: { sessionsPerDay: 200, burstiness: 3, sessionHours: { median: 0.5, p90: 2, max: 8 }, priorityClass: 'batch' },
    serving: t % 5 === 0 ? [{ name: 'api', replicasByHour: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 16 : 6)), gpusPerReplica: 1, priorityClass: 'serving' }] : [],
  }));
}

/** Days of arrivals for about `jobs` jobs (the mix below generates ≈ 30,000 a day). */
export const daysFor = (jobs: number) => jobs / 30_000;

export function bigTable(days: number, seed = 7): WorkloadTable {
  return generateWorkloads(bigCluster(), bigTeams(), { seed, horizonSeconds: days * 86_400, withIds: false });
}

