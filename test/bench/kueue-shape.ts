/**
 * Kueue's scheduler-performance shapes (test/performance/scheduler/configs):
 * the policy and the workload table, shared by the GPU simulator benchmarks
 * and their worker threads (`gpu-sim-seed-worker.ts`).
 */
import { ClusterSchema, type Cluster } from '../../sim/cluster/schema.ts';
import { Prng } from '../../sim/gpu-sim/prng.ts';
import { WorkloadTable } from '../../sim/gpu-sim/workloads.ts';

export interface KueueShape {
  cohorts: number;
  queuesPerCohort: number;
  /** Workloads per queue for each class: small, medium, large. */
  perQueue: [number, number, number];
}

export function kueuePolicy(shape: KueueShape): Cluster {
  const queues = [];
  for (let c = 0; c < shape.cohorts; c++) {
    for (let q = 0; q < shape.queuesPerCohort; q++) {
      const name = `cohort-${c}-cq-${q}`;
      queues.push({
        id: name,
        namespace: name,
        clusterQueue: name,
        localQueue: 'lq',
        cohortName: `cohort-${c}`,
        queueingStrategy: 'BestEffortFIFO',
        preemption: { withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Any', borrowWithinCohort: { policy: 'Never' } },
        resourceGroups: [{ coveredResources: ['cpu'], flavors: [{ name: 'rf', resources: [{ name: 'cpu', nominalQuota: '20', borrowingLimit: '100' }] }] }],
      });
    }
  }
  return ClusterSchema.parse({ flavors: [{ name: 'rf' }], queues });
}

const CLASSES = [
  { name: 'small', runtime: 0.2, priority: 50, request: 1, interval: 0.1 },
  { name: 'medium', runtime: 0.5, priority: 100, request: 5, interval: 0.5 },
  { name: 'large', runtime: 1, priority: 200, request: 20, interval: 1.2 },
] as const;

export function kueueWorkloads(shape: KueueShape, seed = 0): WorkloadTable {
  const total = shape.cohorts * shape.queuesPerCohort * shape.perQueue.reduce((a, b) => a + b, 0);
  const table = new WorkloadTable(total, false);
  // Seed 0 is Kueue's baseline as is; seed k > 0 starts each ClusterQueue's streams at a drawn offset under 100 ms
  // (the small class's interval), so each queue's stream keeps its shape and only the queues' phases differ.
  const prng = seed > 0 ? new Prng(seed) : null;
  const shapes = CLASSES.map((c) => table.internShape([{ name: 'main', count: 1, perPod: new Map([['cpu', c.request * 1000]]) }]));
  for (let c = 0; c < shape.cohorts; c++) {
    for (let q = 0; q < shape.queuesPerCohort; q++) {
      const queue = table.internQueue(`cohort-${c}-cq-${q}`);
      const offset = prng ? Math.floor(prng.next() * 100) / 1000 : 0;
      CLASSES.forEach((cls, k) => {
        for (let i = 0; i < shape.perQueue[k]!; i++) {
          table.push({ queue, priority: cls.priority, submit: Math.round((i * cls.interval + offset) * 1000) / 1000, duration: cls.runtime, shape: shapes[k]! });
        }
      });
    }
  }
  return table;
}

