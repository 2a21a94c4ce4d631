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


/**
 * Kueue's TAS scheduler-performance shape (configs/tas): the baseline's
 * 5 cohorts × 6 ClusterQueues (nominal 20 CPU, borrowingLimit 100) on one
 * TAS flavor over 1 block × 10 racks × 64 nodes of 96 CPU and 256 GiB.
 */
export function kueueTasPolicy(): Cluster {
  const base = kueuePolicy({ cohorts: 5, queuesPerCohort: 6, perQueue: [0, 0, 0] });
  for (const q of base.queues) q.resourceGroups[0]!.flavors[0]!.name = 'tas-flavor';
  return ClusterSchema.parse({
    ...base,
    topologies: [{ name: 'default-topology', levels: [{ nodeLabel: TAS_BLOCK }, { nodeLabel: TAS_RACK }, { nodeLabel: 'kubernetes.io/hostname' }] }],
    flavors: [{ name: 'tas-flavor', nodeLabels: { 'tas-node-group': 'tas' }, topologyName: 'default-topology' }],
    nodePools: [
      { id: 'tas', name: 'TAS nodes', flavor: 'tas-flavor', gpusPerNode: 0, nodeCount: 640, cpuCoresPerNode: 96, memoryGiBPerNode: 256, costPerGpuHour: 0, topology: { nodesPerDomain: { [TAS_BLOCK]: 640, [TAS_RACK]: 64 } } },
    ],
  });
}

const TAS_BLOCK = 'cloud.provider.com/topology-block';
const TAS_RACK = 'cloud.provider.com/topology-rack';

/**
 * The TAS shape's workload sets per ClusterQueue, each its own stream from
 * time 0: required, preferred and balanced rack placement of the small
 * (2 pods × 500m), medium (4 × 1250m) and large (8 × 2500m) classes.
 * Balanced placement is an alpha gate (TASBalancedPlacement, off by
 * default); here it runs as preferred, which is what Kueue falls back to.
 */
const TAS_SETS = [
  { count: 120, interval: 0.1, runtime: 0.2, priority: 50, pods: 2, cpu: 500, mode: 'required' },
  { count: 120, interval: 0.1, runtime: 0.2, priority: 50, pods: 2, cpu: 500, mode: 'preferred' },
  { count: 110, interval: 0.1, runtime: 0.2, priority: 50, pods: 2, cpu: 500, mode: 'balanced' },
  { count: 34, interval: 0.5, runtime: 0.5, priority: 100, pods: 4, cpu: 1250, mode: 'required' },
  { count: 33, interval: 0.5, runtime: 0.5, priority: 100, pods: 4, cpu: 1250, mode: 'preferred' },
  { count: 33, interval: 0.5, runtime: 0.5, priority: 100, pods: 4, cpu: 1250, mode: 'balanced' },
  { count: 17, interval: 1.2, runtime: 1, priority: 200, pods: 8, cpu: 2500, mode: 'required' },
  { count: 17, interval: 1.2, runtime: 1, priority: 200, pods: 8, cpu: 2500, mode: 'preferred' },
  { count: 16, interval: 1.2, runtime: 1, priority: 200, pods: 8, cpu: 2500, mode: 'balanced' },
] as const;

export function kueueTasWorkloads(): WorkloadTable {
  const table = new WorkloadTable(15_000, false);
  const sets = TAS_SETS.map((s) => ({
    ...s,
    shape: table.internShape([{ name: 'main', count: s.pods, perPod: new Map([['cpu', s.cpu]]) }]),
    constraint: table.internConstraint(null, undefined, { level: TAS_RACK, mode: s.mode === 'required' ? 'required' : 'preferred' }),
  }));
  for (let c = 0; c < 5; c++) {
    for (let q = 0; q < 6; q++) {
      const queue = table.internQueue(`cohort-${c}-cq-${q}`);
      for (const s of sets) {
        for (let i = 0; i < s.count; i++) table.push({ queue, priority: s.priority, submit: Math.round(i * s.interval * 1000) / 1000, duration: s.runtime, shape: s.shape, constraint: s.constraint });
      }
    }
  }
  return table;
}
