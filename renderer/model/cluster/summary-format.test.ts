import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../../sim/cluster/validate.ts';
import { makeClusterScenario } from '../../../sim/scenario/testing/cluster-scenarios.ts';
import { capacityFromGpuNodes, flavorNameFor } from '../../features/cluster/model/import-capacity.ts';
import { describePath, fieldId, focusCandidates, indexIssues, queueIndexOf, sectionOf } from './issues.ts';
import { setQuota, updateQueue } from '../../../sim/edits/policy.ts';
import { capacityMonths, describeCommitment, formatAmount, summaryView, type SummaryView } from './summary-format.ts';
import { countsSentence, DIFF_STATUS, formatValue, groupDiff } from '../../features/cluster/model/diff-format.ts';
import { clusterAdvice } from '../../features/cluster/model/cluster-errors.ts';
import { defaultSource } from './defaults.ts';

const GPU = 'nvidia.com/gpu';

function view(doc = makeClusterScenario(), month = 1, resource = GPU): SummaryView {
  const result = summaryView(doc.cluster, doc.teams, { month, resource });
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('amounts', () => {
  it('names the unit, singular or plural', () => {
    expect(formatAmount(GPU, 1)).toBe('1 GPU');
    expect(formatAmount(GPU, 40)).toBe('40 GPUs');
    expect(formatAmount('cpu', 0.5)).toBe('0.5 cores');
    expect(formatAmount('memory', 2 ** 40)).toBe('1 TiB');
    expect(formatAmount('memory', 1.5 * 2 ** 30)).toBe('1.5 GiB');
    expect(formatAmount('pods', 3)).toBe('3 pods');
  });
});

describe('commitment sentences', () => {
  it('over-committed: promised, existing and by how much', () => {
    expect(describeCommitment({ flavor: 'H100', nominal: 40, physical: 32, ratio: 1.25, status: 'over-committed' }, GPU, 1)).toBe(
      'H100: 40 GPUs promised, 32 exist — over-committed by 8',
    );
  });
  it('under-committed, balanced and no capacity', () => {
    expect(describeCommitment({ flavor: 'a100', nominal: 24, physical: 32, ratio: 0.75, status: 'under-committed' }, GPU, 1)).toBe(
      'a100: 24 GPUs promised, 32 exist — under-committed: 8 GPUs guaranteed to no one',
    );
    expect(describeCommitment({ flavor: 'a100', nominal: 0, physical: 32, ratio: 0, status: 'under-committed' }, GPU, 1)).toMatch(/none promised/);
    expect(describeCommitment({ flavor: 'a100', nominal: 16, physical: 16, ratio: 1, status: 'balanced' }, GPU, 1)).toBe(
      'a100: 16 GPUs promised, 16 exist — balanced: every one is guaranteed exactly once',
    );
    expect(describeCommitment({ flavor: 'l4', nominal: 8, physical: 0, ratio: Infinity, status: 'no-capacity' }, GPU, 3)).toBe(
      'l4: 8 GPUs promised, none exist in month 3 — no node pool provides this flavor',
    );
  });
});

describe('summary view', () => {
  it('per team: guaranteed, max usable and what it can borrow, with Kueue’s lending arithmetic', () => {
    const { teams, scaleMax } = view();
    expect(teams.map((t) => [t.label, t.guaranteed, t.maxUsable, t.canBorrow])).toEqual([
      // Lends 4 of its 8 per flavor, keeps 4, and can use the cohort's 12: 16 per flavor.
      ['recommendations', 16, 32, 16],
      // Lends everything; can use its 8 plus the 4 that recommendations lends: 12 per flavor.
      ['search', 16, 24, 8],
      ['solo', 0, 0, 0],
    ]);
    expect(scaleMax).toBe(32);
  });

  it('labels a queue with its team’s name when it has one', () => {
    const doc = updateQueue(makeClusterScenario(), 'queue-recs', { teamId: 'pod-1' });
    expect(view(doc).teams[0]?.label).toBe('Recommendations pod');
  });

  it('follows a nominal quota edit, and capacity by month', () => {
    expect(view().sentences.map((s) => s.text)).toEqual([
      'h100: 16 GPUs promised, 16 exist — balanced: every one is guaranteed exactly once',
      'a100: 16 GPUs promised, 16 exist — balanced: every one is guaranteed exactly once',
    ]);
    const doc = setQuota(makeClusterScenario(), { kind: 'queue', id: 'queue-recs' }, { group: 0, flavor: 0, resource: 1 }, 'nominalQuota', '16');
    expect(view(doc).sentences[0]?.text).toBe('h100: 24 GPUs promised, 16 exist — over-committed by 8');
    // The H100 pool doubles in month 7.
    expect(view(doc, 7).sentences[0]?.text).toBe('h100: 24 GPUs promised, 32 exist — under-committed: 8 GPUs guaranteed to no one');
  });

  it('summarises CPU and memory too', () => {
    expect(view(makeClusterScenario(), 1, 'cpu').sentences[0]?.text).toBe('h100: 288 cores promised, 224 exist — over-committed by 64');
    const memory = view(makeClusterScenario(), 1, 'memory');
    // No queue covers memory in the fixture: 2 nodes × 2 TiB exist, none promised.
    expect(memory.sentences[0]?.text).toBe('h100: 4 TiB exist, none promised to any queue — all unused unless a queue borrows them');
  });

  it('says why instead of throwing when a quota is not a quantity', () => {
    const doc = setQuota(makeClusterScenario(), { kind: 'queue', id: 'queue-recs' }, { group: 0, flavor: 0, resource: 1 }, 'nominalQuota', 'eight');
    const result = summaryView(doc.cluster, doc.teams, { month: 1, resource: GPU });
    expect(result).toEqual({ error: expect.stringMatching(/"eight" is not a Kubernetes quantity/) });
  });

  it('shows at least a year, and past the last planned change', () => {
    expect(capacityMonths(makeClusterScenario().cluster)).toHaveLength(12);
    expect(capacityMonths({ nodePools: [{ ...makeClusterScenario().cluster.nodePools[0]!, capacityChanges: [{ month: 18, nodeCount: 1 }] }] })).toHaveLength(21);
  });
});

describe('issues by field', () => {
  const doc = setQuota(makeClusterScenario(), { kind: 'queue', id: 'queue-solo' }, { group: 0, flavor: 1, resource: 1 }, 'borrowingLimit', '2');
  const issues = indexIssues(validatePolicy(doc.cluster));
  const path = 'cluster.queues[2].resourceGroups[0].flavors[1].resources[1].borrowingLimit';

  it('finds an issue at its field and within its queue', () => {
    expect(issues.errors).toBe(1);
    expect(issues.at(path).map((i) => i.severity)).toEqual(['error']);
    expect(issues.within('cluster.queues[2]')).toHaveLength(1);
    expect(issues.within('cluster.queues[1]')).toHaveLength(0);
    expect(issues.within('cluster.queues[2].resourceGroups[0].flavors[1]')).toHaveLength(1);
  });

  it('maps a path to an element id, its section and queue, and words', () => {
    expect(fieldId(path)).toBe('pf-cluster-queues-2-resourceGroups-0-flavors-1-resources-1-borrowingLimit');
    expect(focusCandidates('cluster.queues[2].namespaceQuota')).toEqual(['pf-cluster-queues-2-namespaceQuota', 'pf-cluster-queues-2', 'pf-cluster-queues', 'pf-cluster']);
    expect(sectionOf('cluster.nodePools[0].flavor')).toBe('capacity');
    expect(sectionOf(path)).toBe('policy');
    expect(queueIndexOf(path)).toBe(2);
    expect(describePath(path, { queues: ['a', 'b', 'solo'], pools: [] })).toBe('solo · flavor 2 resource 2 borrowingLimit');
    expect(describePath('cluster.nodePools[1].flavor', { queues: [], pools: ['x', 'A100 pool'] })).toBe('A100 pool · flavor');
    expect(describePath('cluster.cohorts[0].parentName', { queues: [], pools: [] })).toBe('cohort 1 · parentName');
  });
});

describe('defaults and their sources', () => {
  it('names Kueue as the source when a value is its default (or unset)', () => {
    expect(defaultSource('queueingStrategy', 'BestEffortFIFO')?.label).toBe('Kueue default');
    expect(defaultSource('queueingStrategy', 'StrictFIFO')).toBeNull();
    expect(defaultSource('fairSharingWeight', undefined)?.reference).toMatch(/fair_sharing/);
  });
});

describe('capacity import', () => {
  it('makes one flavor per GPU product and one pool per node shape', () => {
    const groups = [
      { product: 'NVIDIA-H100-80GB-HBM3', nodes: 3, gpusPerNode: 8, cpuCoresPerNode: 112, memoryGiBPerNode: 2048 },
      { product: 'NVIDIA-H100-80GB-HBM3', nodes: 1, gpusPerNode: 4, cpuCoresPerNode: 64, memoryGiBPerNode: 1024 },
      { product: 'unlabelled', nodes: 2, gpusPerNode: 1, cpuCoresPerNode: 8, memoryGiBPerNode: 32 },
    ];
    const { nodePools, flavors } = capacityFromGpuNodes(groups);
    expect(flavors).toEqual([
      { name: 'nvidia-h100-80gb-hbm3', nodeLabels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' }, nodeTaints: [] },
      { name: 'unlabelled', nodeLabels: {}, nodeTaints: [] },
    ]);
    expect(nodePools.map((p) => [p.flavor, p.nodeCount, p.gpusPerNode])).toEqual([
      ['nvidia-h100-80gb-hbm3', 3, 8],
      ['nvidia-h100-80gb-hbm3', 1, 4],
      ['unlabelled', 2, 1],
    ]);
    expect(flavorNameFor('Tesla T4 (PCIe)')).toBe('tesla-t4-pcie');
    expect(flavorNameFor('---')).toBe('gpu');
  });
});

describe('diff and apply in words', () => {
  it('groups objects with what needs attention first and unchanged last', () => {
    const objects = [
      { ref: 'Namespace/a', kind: 'Namespace', status: 'unchanged' as const, changes: [] },
      { ref: 'ClusterQueue/a', kind: 'ClusterQueue', status: 'changed' as const, changes: [{ path: '.spec.x', before: '1', after: '2' }] },
      { ref: 'Namespace/b', kind: 'Namespace', status: 'conflict' as const, changes: [] },
    ];
    const counts = { created: 0, changed: 1, unchanged: 1, 'to-be-pruned': 0, 'not-managed': 0, 'other-scenario': 0, 'kind-missing': 0, conflict: 1, error: 0 };
    const groups = groupDiff({ context: 'c', server: 's', objects, counts, hasChanges: true });
    expect(groups.map((g) => g.status)).toEqual(['conflict', 'changed', 'unchanged']);
    expect(countsSentence(counts, DIFF_STATUS, ['created', 'changed', 'unchanged', 'conflict'])).toBe('1 to change · 1 unchanged · 1 conflict');
    expect(countsSentence({ ...counts, conflict: 2, error: 16 }, DIFF_STATUS, ['error', 'conflict'])).toBe('16 errors · 2 conflicts');
  });

  it('formats field values', () => {
    expect(formatValue(undefined)).toBe('(unset)');
    expect(formatValue('8')).toBe('8');
    expect(formatValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(formatValue('x'.repeat(300), 10)).toHaveLength(10);
  });

  it('gives advice for each kind of cluster failure', () => {
    expect(clusterAdvice('forbidden').title).toMatch(/403/);
    expect(clusterAdvice('dns').advice).toMatch(/VPN/);
    expect(clusterAdvice(null).title).toMatch(/failed/);
  });
});
