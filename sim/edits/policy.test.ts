import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../cluster/validate.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { makeClusterScenario } from '../scenario/testing/cluster-scenarios.ts';
import { makeScenario } from '../scenario/testing/scenarios.ts';
import * as E from './policy.ts';

const recs = { kind: 'queue', id: 'queue-recs' } as const;
const gpuCell = { group: 0, flavor: 0, resource: 1 };

describe('policy edits: quota grid', () => {
  it('sets a nominal quota without touching the rest of the document', () => {
    const before = makeClusterScenario();
    const after = E.setQuota(before, recs, gpuCell, 'nominalQuota', '16');
    expect(after.cluster.queues[0]?.resourceGroups[0]?.flavors[0]?.resources[1]?.nominalQuota).toBe('16');
    expect(before.cluster.queues[0]?.resourceGroups[0]?.flavors[0]?.resources[1]?.nominalQuota).toBe('8');
    // Structural sharing: untouched parts are the same objects.
    expect(after.teams).toBe(before.teams);
    expect(after.cluster.queues[1]).toBe(before.cluster.queues[1]);
    expect(after.cluster.nodePools).toBe(before.cluster.nodePools);
  });

  it('an edit that changes nothing returns the same document (no undo step)', () => {
    const doc = makeClusterScenario();
    expect(E.setQuota(doc, recs, gpuCell, 'nominalQuota', '8')).toBe(doc);
    expect(E.setQuota(doc, recs, gpuCell, 'borrowingLimit', '')).toBe(doc);
    expect(E.updateQueue(doc, 'queue-recs', { namespace: 'team-recommendations' })).toBe(doc);
    expect(E.updateQueue(doc, 'nope', { namespace: 'x' })).toBe(doc);
    expect(E.setFairSharing(doc, false)).toBe(doc);
  });

  it('an empty borrowing or lending limit unsets it (the Kueue default)', () => {
    const doc = makeClusterScenario();
    const entry = (d: typeof doc) => d.cluster.queues[0]?.resourceGroups[0]?.flavors[0]?.resources[1];
    expect(entry(doc)?.lendingLimit).toBe('4');
    const unset = E.setQuota(doc, recs, gpuCell, 'lendingLimit', ' ');
    expect(entry(unset)).not.toHaveProperty('lendingLimit');
    const set = E.setQuota(unset, recs, gpuCell, 'borrowingLimit', '4');
    expect(entry(set)?.borrowingLimit).toBe('4');
  });

  it('a borrowing limit on a queue without a cohort is what validatePolicy flags', () => {
    const doc = E.setQuota(makeClusterScenario(), { kind: 'queue', id: 'queue-solo' }, gpuCell, 'borrowingLimit', '4');
    const issues = validatePolicy(doc.cluster);
    expect(issues).toContainEqual({
      severity: 'error',
      path: 'cluster.queues[2].resourceGroups[0].flavors[0].resources[1].borrowingLimit',
      message: expect.stringMatching(/borrowingLimit must be unset when the queue has no cohort/),
    });
  });

  it('adds and removes flavors and covered resources in step, so the grid stays valid', () => {
    let doc = makeClusterScenario();
    doc = E.addCoveredResource(doc, recs, 0, 'memory');
    const group = () => doc.cluster.queues[0]?.resourceGroups[0];
    expect(group()?.coveredResources).toEqual(['cpu', 'nvidia.com/gpu', 'memory']);
    expect(group()?.flavors.map((f) => f.resources.map((r) => r.name))).toEqual([
      ['cpu', 'nvidia.com/gpu', 'memory'],
      ['cpu', 'nvidia.com/gpu', 'memory'],
    ]);
    doc = E.removeQuotaFlavor(doc, recs, 0, 1);
    doc = E.addQuotaFlavor(doc, recs, 0, 'a100');
    expect(group()?.flavors.at(-1)).toEqual({ name: 'a100', resources: [{ name: 'cpu', nominalQuota: '0' }, { name: 'nvidia.com/gpu', nominalQuota: '0' }, { name: 'memory', nominalQuota: '0' }] });
    doc = E.moveQuotaFlavor(doc, recs, 0, 1, -1);
    expect(group()?.flavors.map((f) => f.name)).toEqual(['a100', 'h100']);
    doc = E.removeCoveredResource(doc, recs, 0, 'cpu');
    expect(group()?.coveredResources).toEqual(['nvidia.com/gpu', 'memory']);
    expect(validatePolicy(doc.cluster).filter((i) => i.path.startsWith('cluster.queues[0]') && i.severity === 'error')).toEqual([]);
  });

  it('edits a cohort’s own quota through the same grid edits', () => {
    let doc = E.addResourceGroup(makeClusterScenario(), { kind: 'cohort', index: 0 }, 'h100');
    doc = E.setQuota(doc, { kind: 'cohort', index: 0 }, { group: 0, flavor: 0, resource: 2 }, 'nominalQuota', '4');
    expect(doc.cluster.cohorts[0]?.resourceGroups[0]?.flavors[0]?.resources.map((r) => [r.name, r.nominalQuota])).toEqual([
      ['cpu', '0'],
      ['memory', '0'],
      ['nvidia.com/gpu', '4'],
    ]);
  });
});

describe('policy edits: names and references', () => {
  it('renaming a flavor renames node pools and quotas that use it', () => {
    const doc = E.renameFlavor(makeClusterScenario(), 0, 'h100-sxm');
    expect(doc.cluster.flavors[0]?.name).toBe('h100-sxm');
    expect(doc.cluster.nodePools[0]?.flavor).toBe('h100-sxm');
    expect(doc.cluster.queues.every((q) => q.resourceGroups[0]?.flavors[0]?.name === 'h100-sxm')).toBe(true);
    expect(validatePolicy(doc.cluster).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('renaming a cohort moves its children and queues along; removing one moves them up', () => {
    let doc = E.renameCohort(makeClusterScenario(), 1, 'pods');
    expect(doc.cluster.queues.map((q) => q.cohortName)).toEqual(['pods', 'pods', undefined]);
    const removed = E.removeCohort(doc, 1);
    doc = removed.scenario;
    expect(removed.movedQueues).toBe(2);
    expect(doc.cluster.cohorts.map((c) => c.name)).toEqual(['ai-org']);
    expect(doc.cluster.queues.map((q) => q.cohortName)).toEqual(['ai-org', 'ai-org', undefined]);
    const root = E.removeCohort(doc, 0).scenario;
    expect(root.cluster.queues.every((q) => !('cohortName' in q))).toBe(true);
  });

  it('offers only parents that do not close a cycle', () => {
    const doc = E.addCohort(makeClusterScenario(), 'product-pods').scenario;
    // ai-org ← product-pods ← cohort: none may take one below it as its parent.
    expect(E.parentCandidates(doc.cluster, 0)).toEqual([]);
    expect(E.parentCandidates(doc.cluster, 1)).toEqual(['ai-org']);
    expect(E.parentCandidates(doc.cluster, 2)).toEqual(['ai-org', 'product-pods']);
    const cyclic = E.setCohortParent(doc, 1, 'cohort');
    expect(validatePolicy(cyclic.cluster).some((i) => /cycle/.test(i.message))).toBe(true);
    expect(E.setCohortParent(doc, 1, undefined).cluster.cohorts[1]).not.toHaveProperty('parentName');
  });

  it('a new queue is named after its team, has Kueue’s defaults and zero quota on every flavor', () => {
    const base = makeClusterScenario();
    const { scenario, queue } = E.addQueue(base, 'pod-1');
    expect(queue).toMatchObject({
      teamId: 'pod-1',
      namespace: 'team-recommendations-pod',
      clusterQueue: 'recommendations-pod',
      localQueue: 'default',
      queueingStrategy: 'BestEffortFIFO',
      preemption: { withinClusterQueue: 'Never', reclaimWithinCohort: 'Never', borrowWithinCohort: { policy: 'Never' } },
    });
    expect(queue.resourceGroups[0]?.flavors.map((f) => f.name)).toEqual(['h100', 'a100']);
    expect(scenario.cluster.queues).toHaveLength(4);
    expect(validatePolicy(scenario.cluster).filter((i) => i.path.startsWith('cluster.queues[3]'))).toEqual([]);
    // The stored document still passes the scenario schema.
    expect(() => ScenarioSchema.parse(scenario)).not.toThrow();
    expect(E.addQueue(scenario, 'pod-1').queue.clusterQueue).toBe('recommendations-pod-2');
  });

  it('switching borrowWithinCohort to Never drops the threshold that only LowerPriority uses', () => {
    let doc = E.setPreemption(makeClusterScenario(), 'queue-recs', { borrowPolicy: 'LowerPriority', maxPriorityThreshold: 100 });
    expect(doc.cluster.queues[0]?.preemption.borrowWithinCohort).toEqual({ policy: 'LowerPriority', maxPriorityThreshold: 100 });
    doc = E.setPreemption(doc, 'queue-recs', { maxPriorityThreshold: null });
    expect(doc.cluster.queues[0]?.preemption.borrowWithinCohort).toEqual({ policy: 'LowerPriority' });
    doc = E.setPreemption(doc, 'queue-recs', { maxPriorityThreshold: 5 });
    doc = E.setPreemption(doc, 'queue-recs', { borrowPolicy: 'Never' });
    expect(doc.cluster.queues[0]?.preemption.borrowWithinCohort).toEqual({ policy: 'Never' });
  });

  it('unsets optional queue fields with an empty value', () => {
    let doc = E.updateQueue(makeClusterScenario(), 'queue-recs', { fairSharingWeight: '2', cohortName: '' });
    expect(doc.cluster.queues[0]?.fairSharingWeight).toBe('2');
    expect(doc.cluster.queues[0]).not.toHaveProperty('cohortName');
    doc = E.updateQueue(doc, 'queue-recs', { fairSharingWeight: '' });
    expect(doc.cluster.queues[0]).not.toHaveProperty('fairSharingWeight');
  });
});

describe('policy edits: capacity', () => {
  it('adds a pool like the last one, or from the DGX H100 shape when there is none', () => {
    const copied = E.addNodePool(makeClusterScenario()).pool;
    expect(copied).toMatchObject({ id: 'pool-1', name: 'A100 pool (copy)', flavor: 'a100', gpusPerNode: 8, capacityChanges: [] });
    const fresh = E.addNodePool(makeScenario()).pool;
    expect(fresh).toMatchObject({ name: 'GPU pool 1', gpusPerNode: 8, cpuCoresPerNode: 112, memoryGiBPerNode: 2048, costPerGpuHour: 0, nodeCount: 1 });
  });

  it('starts a new node pool valid: its flavor exists (a new one named after the GPU model when there is none)', () => {
    const added = E.addNodePool(makeScenario());
    expect(added.pool.flavor).toBe('nvidia-h100-80gb');
    expect(added.scenario.cluster.flavors.map((f) => f.name)).toEqual(['nvidia-h100-80gb']);
    const copied = E.addNodePool(makeClusterScenario());
    expect(copied.scenario.cluster.flavors).toEqual(makeClusterScenario().cluster.flavors);
  });

  it('plans capacity changes by month', () => {
    let doc = E.addCapacityChange(makeClusterScenario(), 'pool-a100');
    expect(doc.cluster.nodePools[1]?.capacityChanges).toEqual([{ month: 7, nodeCount: 2 }]);
    doc = E.addCapacityChange(doc, 'pool-a100');
    expect(doc.cluster.nodePools[1]?.capacityChanges).toEqual([
      { month: 7, nodeCount: 2 },
      { month: 10, nodeCount: 2 },
    ]);
    doc = E.updateCapacityChange(doc, 'pool-a100', 1, { nodeCount: 6 });
    doc = E.removeCapacityChange(doc, 'pool-a100', 0);
    expect(doc.cluster.nodePools[1]?.capacityChanges).toEqual([{ month: 10, nodeCount: 6 }]);
    expect(E.updateNodePool(doc, 'pool-a100', { nodeCount: 2 })).toBe(doc);
    expect(E.updateNodePool(doc, 'pool-a100', { nodeCount: 3 }).cluster.nodePools[1]?.nodeCount).toBe(3);
  });

  it('replacing capacity keeps the queues, and says which flavors they still name', () => {
    const doc = E.replaceCapacity(makeClusterScenario(), {
      nodePools: [],
      flavors: [{ name: 'nvidia-h100', nodeLabels: {}, nodeTaints: [] }],
    });
    expect(doc.cluster.queues).toHaveLength(3);
    expect(E.undefinedFlavorReferences(doc.cluster)).toEqual(['h100', 'a100']);
  });

  it('slugs names for Kubernetes', () => {
    expect(E.slugify('Search & Relevance pod')).toBe('search-relevance-pod');
    expect(E.slugify('  ')).toBe('team');
    expect(E.slugify('Ünïcode Team')).toBe('unicode-team');
  });
});
