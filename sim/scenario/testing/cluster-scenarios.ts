/** A small GPU policy for the unit tests: two flavors, a cohort tree, two team queues and a queue without a cohort. */
import { NEWEST_KUEUE_VERSION } from '../../cluster/kueue-versions.ts';
import type { Cluster, TeamQueue } from '../../cluster/schema.ts';
import type { Scenario } from '../index.ts';
import { makeScenario } from './scenarios.ts';

function queue(id: string, name: string, cohortName: string | undefined, gpus: { h100: string; a100: string }, limits: { borrowingLimit?: string; lendingLimit?: string } = {}): TeamQueue {
  return {
    id,
    ...(cohortName ? { cohortName } : {}),
    namespace: `team-${name}`,
    clusterQueue: name,
    localQueue: 'default',
    teamGroup: `${name}-engineers`,
    queueingStrategy: 'BestEffortFIFO',
    preemption: { withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Any', borrowWithinCohort: { policy: 'Never' } },
    flavorFungibility: { whenCanBorrow: 'MayStopSearch', whenCanPreempt: 'TryNextFlavor' },
    resourceGroups: [
      {
        coveredResources: ['cpu', 'nvidia.com/gpu'],
        flavors: [
          { name: 'h100', resources: [{ name: 'cpu', nominalQuota: '96' }, { name: 'nvidia.com/gpu', nominalQuota: gpus.h100, ...limits }] },
          { name: 'a100', resources: [{ name: 'cpu', nominalQuota: '64' }, { name: 'nvidia.com/gpu', nominalQuota: gpus.a100, ...limits }] },
        ],
      },
    ],
    namespaceQuota: { 'requests.nvidia.com/gpu': '32', pods: '500' },
    limitRange: { defaultRequest: { cpu: '1' }, default: { cpu: '4' } },
  };
}

export function makeCluster(): Cluster {
  return {
    nodePools: [
      { id: 'pool-h100', name: 'H100 pool', flavor: 'h100', gpuModel: 'NVIDIA H100 80GB', gpusPerNode: 8, nodeCount: 2, cpuCoresPerNode: 112, memoryGiBPerNode: 2048, costPerGpuHour: 4.5, capacityChanges: [{ month: 7, nodeCount: 4 }] },
      { id: 'pool-a100', name: 'A100 pool', flavor: 'a100', gpuModel: 'NVIDIA A100 80GB', gpusPerNode: 8, nodeCount: 2, cpuCoresPerNode: 128, memoryGiBPerNode: 1024, costPerGpuHour: 2.2, capacityChanges: [] },
    ],
    flavors: [
      { name: 'h100', nodeLabels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' }, nodeTaints: [] },
      { name: 'a100', nodeLabels: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' }, nodeTaints: [] },
    ],
    cohorts: [
      { name: 'ai-org', resourceGroups: [] },
      { name: 'product-pods', parentName: 'ai-org', resourceGroups: [] },
    ],
    queues: [
      queue('queue-recs', 'recommendations', 'product-pods', { h100: '8', a100: '8' }, { lendingLimit: '4' }),
      queue('queue-search', 'search', 'product-pods', { h100: '8', a100: '8' }),
      queue('queue-solo', 'solo', undefined, { h100: '0', a100: '0' }),
    ],
    priorityClasses: [{ name: 'training', value: 100, description: 'Training runs', preemptionPolicy: 'PreemptLowerPriority' }],
    fairSharing: false,
    kueueVersion: NEWEST_KUEUE_VERSION,
  };
}

export function makeClusterScenario(): Scenario {
  return makeScenario({ cluster: makeCluster() });
}
