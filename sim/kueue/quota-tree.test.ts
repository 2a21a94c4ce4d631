import { describe, expect, it } from 'vitest';
import { ClusterSchema, type Cluster } from '../cluster/schema.ts';
import { buildQuotaTree } from './quota-tree.ts';

interface QueueSpec {
  name: string;
  cohort?: string;
  cpu: string;
  borrowingLimit?: string;
  lendingLimit?: string;
}

/** A cohort of CPU-only ClusterQueues on one flavor, as in Kueue's documentation examples. */
function cohortOf(queues: QueueSpec[], cohorts: Cluster['cohorts'] = []): Cluster {
  return ClusterSchema.parse({
    flavors: [{ name: 'default-flavor' }],
    cohorts,
    queues: queues.map((q) => ({
      id: q.name,
      namespace: q.name,
      clusterQueue: q.name,
      localQueue: q.name,
      cohortName: q.cohort,
      resourceGroups: [
        {
          coveredResources: ['cpu'],
          flavors: [
            {
              name: 'default-flavor',
              resources: [{ name: 'cpu', nominalQuota: q.cpu, borrowingLimit: q.borrowingLimit, lendingLimit: q.lendingLimit }],
            },
          ],
        },
      ],
    })),
  });
}

/** Maximum CPU (cores) a queue can hold when it alone asks. */
function maxUsable(cluster: Cluster, queue: string, othersUsing: Record<string, number> = {}): number {
  const tree = buildQuotaTree(cluster);
  const fr = tree.fr('default-flavor', 'cpu');
  for (const [other, cores] of Object.entries(othersUsing)) tree.addUsage(tree.node('clusterQueue', other), fr, cores * 1000);
  return tree.available(tree.node('clusterQueue', queue), fr) / 1000;
}

describe('Kueue quota arithmetic (the worked examples of the product spec and the Kueue docs)', () => {
  const a = { name: 'team-a', cohort: 'research', cpu: '9' };
  const b = { name: 'team-b', cohort: 'research', cpu: '12' };

  it('queue A (nominal 9) and B (nominal 12) in one cohort: A can use up to 21', () => {
    expect(maxUsable(cohortOf([a, b]), 'team-a')).toBe(21);
  });

  it('with borrowingLimit 1 on A, A is capped at 10', () => {
    expect(maxUsable(cohortOf([{ ...a, borrowingLimit: '1' }, b]), 'team-a')).toBe(10);
  });

  it('with lendingLimit 1 on B, A can use at most 10 while B keeps 11 for itself', () => {
    const cluster = cohortOf([a, { ...b, lendingLimit: '1' }]);
    expect(maxUsable(cluster, 'team-a')).toBe(10);
    // A takes everything it can; B still has its 11 unlent cores.
    expect(maxUsable(cluster, 'team-b', { 'team-a': 10 })).toBe(11);
  });

  it('a queue without a cohort has exactly its nominal quota', () => {
    expect(maxUsable(cohortOf([{ name: 'solo', cpu: '4' }]), 'solo')).toBe(4);
  });

  it('what a borrower uses is no longer available to its lender until returned', () => {
    const cluster = cohortOf([a, b]);
    expect(maxUsable(cluster, 'team-b', { 'team-a': 15 })).toBe(6);
    const tree = buildQuotaTree(cluster);
    const fr = tree.fr('default-flavor', 'cpu');
    const teamA = tree.node('clusterQueue', 'team-a');
    tree.addUsage(teamA, fr, 15_000);
    expect(tree.borrowed(teamA, fr)).toBe(6_000);
    tree.removeUsage(teamA, fr, 15_000);
    expect(tree.available(tree.node('clusterQueue', 'team-b'), fr)).toBe(21_000);
    expect(tree.usage.every((u) => u === 0)).toBe(true);
  });

  it('a cohort with quota of its own lends it to the queues under it, and a parent cohort links two subtrees', () => {
    const cluster = cohortOf(
      [
        { name: 'nlp', cohort: 'ml', cpu: '4' },
        { name: 'vision', cohort: 'ml', cpu: '4' },
        { name: 'ads', cohort: 'product', cpu: '2' },
      ],
      [
        { name: 'org', resourceGroups: [] },
        {
          name: 'ml',
          parentName: 'org',
          resourceGroups: [{ coveredResources: ['cpu'], flavors: [{ name: 'default-flavor', resources: [{ name: 'cpu', nominalQuota: '10', lendingLimit: '0' }] }] }],
        },
        { name: 'product', parentName: 'org', resourceGroups: [] },
      ],
    );
    // nlp: 4 + vision's 4 + ml's own 10 (kept within ml) + ads' 2 through org.
    expect(maxUsable(cluster, 'nlp')).toBe(20);
    // ml's lendingLimit 0 applies to its whole subtree (its 10 and the queues' 8): ads keeps only its own 2.
    expect(maxUsable(cluster, 'ads')).toBe(2);
  });

  it('potentialAvailable is the most a queue can ever hold under the policy', () => {
    const tree = buildQuotaTree(cohortOf([{ ...a, borrowingLimit: '3' }, { ...b, lendingLimit: '5' }]));
    const fr = tree.fr('default-flavor', 'cpu');
    expect(tree.potentialAvailable(tree.node('clusterQueue', 'team-a'), fr)).toBe(12_000);
    expect(tree.potentialAvailable(tree.node('clusterQueue', 'team-b'), fr)).toBe(21_000);
  });
});
