/**
 * A differential-test case run through Podplan's simulator: the case's
 * ClusterQueues and Cohorts as a `Cluster`, each step at its own instant
 * (step k at t = k s; a `finish` is the workload's end), and after each step
 * the same outcome the Go driver reads from real Kueue.
 */
import { ClusterSchema, GPU_RESOURCE, type Cluster, type ResourceGroup } from '../../sim/cluster/schema.ts';
import { GpuSimulation } from '../../sim/gpu-sim/simulator.ts';
import type { WorkloadSpec } from '../../sim/gpu-sim/workloads.ts';
import type { DiffCase, DiffStep, Outcome } from './cases.ts';

/** The driver's one ResourceFlavor (kueue.go). */
const FLAVOR = 'gpu';
const NAMESPACE = 'default';

type Quota = DiffCase['clusterQueues'][number]['quota'];

function resourceGroups(q: Quota): ResourceGroup[] {
  const entry = {
    name: GPU_RESOURCE,
    nominalQuota: String(q.nominalQuota),
    ...(q.borrowingLimit === undefined ? {} : { borrowingLimit: String(q.borrowingLimit) }),
    ...(q.lendingLimit === undefined ? {} : { lendingLimit: String(q.lendingLimit) }),
  };
  return [{ coveredResources: [GPU_RESOURCE], flavors: [{ name: FLAVOR, resources: [entry] }] }];
}

export function clusterOf(c: DiffCase): Cluster {
  return ClusterSchema.parse({
    // The references are runs of real Kueue v0.16.2: simulate with 0.16's defaults (waitForPodsReady off).
    kueueVersion: '0.16',
    flavors: [{ name: FLAVOR }],
    cohorts: c.cohorts.map((co) => ({ name: co.name, parentName: co.parent, fairSharingWeight: co.weight, resourceGroups: co.quota ? resourceGroups(co.quota) : [] })),
    queues: c.clusterQueues.map((q) => ({
      id: q.name,
      namespace: NAMESPACE,
      clusterQueue: q.name,
      localQueue: q.name,
      cohortName: q.cohort,
      queueingStrategy: q.queueingStrategy ?? 'BestEffortFIFO',
      fairSharingWeight: q.weight,
      preemption: {
        withinClusterQueue: q.preemption.withinClusterQueue ?? 'Never',
        reclaimWithinCohort: q.preemption.reclaimWithinCohort ?? 'Never',
        borrowWithinCohort: { policy: q.preemption.borrowWithinCohort ?? 'Never', maxPriorityThreshold: q.preemption.maxPriorityThreshold },
      },
      resourceGroups: resourceGroups(q.quota),
    })),
    fairSharing: c.fairSharing,
  });
}

/**
 * Step k (1-based) happens at t = k × STEP_SECONDS. The driver records a step
 * once Kueue has settled (2 s without a change), after the batched requeue of
 * inadmissible workloads (1 s); the simulator is read just before the next
 * step, when it has settled too.
 */
export const STEP_SECONDS = 10;

export function workloadsOf(c: DiffCase): WorkloadSpec[] {
  const finishedAt = new Map<string, number>();
  c.steps.forEach((s, i) => {
    if ('finish' in s) finishedAt.set(s.finish, (i + 1) * STEP_SECONDS);
  });
  const specs: WorkloadSpec[] = [];
  c.steps.forEach((s, i) => {
    if (!('create' in s)) return;
    const w = s.create;
    specs.push({
      id: w.name,
      queue: w.queue,
      submitTime: (i + 1) * STEP_SECONDS,
      priority: w.priority,
      podSets: [{ count: w.pods ?? 1, requests: { [GPU_RESOURCE]: w.gpus } }],
      // Runs until its `finish` step, or for the whole case.
      duration: Number.POSITIVE_INFINITY,
      endTime: finishedAt.get(w.name),
    });
  });
  return specs;
}

/** The driver's wording of a step (cases.go, Step.String), to tell a stale reference. */
export function actionOf(s: DiffStep): string {
  if ('finish' in s) return `finish ${s.finish}`;
  const w = s.create;
  return `create ${w.name} (queue ${w.queue}, ${w.pods ?? 1}×${w.gpus} GPUs, priority ${w.priority})`;
}

/** The simulator's outcome after each step. */
export function simulateSteps(c: DiffCase): Outcome[] {
  const sim = new GpuSimulation(clusterOf(c), workloadsOf(c), c.fairSharing ? { fairSharing: { preemptionStrategies: c.preemptionStrategies } } : {});
  const live = new Set<string>();
  return c.steps.map((s, i) => {
    const t = (i + 2) * STEP_SECONDS - 1;
    if ('create' in s) live.add(s.create.name);
    else live.delete(s.finish);
    sim.runUntil(t);
    const admitted = c.clusterQueues.flatMap((q) => sim.admittedIds(q.name)).sort();
    const pending = [...live].filter((n) => !admitted.includes(n)).sort();
    const outcome: Outcome = { admitted, pending };
    if (c.fairSharing) {
      const snap = sim.snapshotAt(t);
      outcome.weightedShares = {
        clusterQueues: Object.fromEntries(snap.clusterQueues.map((q) => [q.name, q.weightedShare])),
        cohorts: Object.fromEntries(snap.cohorts.map((co) => [co.name, co.weightedShare])),
      };
    }
    return outcome;
  });
}
