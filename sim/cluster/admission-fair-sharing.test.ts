import { describe, expect, it } from 'vitest';
import { parseDuration } from '../k8s/duration.ts';
import { admissionFairSharingSettings, localQueuesOf } from './admission-fair-sharing.ts';
import { ClusterSchema } from './schema.ts';
import { gpuPolicy } from './testing/policies.ts';
import { validatePolicy } from './validate.ts';

const issuesAt = (severity: 'error' | 'warning', issues: ReturnType<typeof validatePolicy>) => issues.filter((i) => i.severity === severity).map((i) => `${i.path}: ${i.message}`);

function withAfs(settings: { usageHalfLifeTime: string; usageSamplingInterval?: string; resourceWeights?: Record<string, number> }) {
  const policy = gpuPolicy([{ team: 'research', gpus: { h100: '8' } }]);
  policy.admissionFairSharing = { usageSamplingInterval: '5m', resourceWeights: {}, ...settings };
  policy.queues[0]!.admissionScope = { admissionMode: 'UsageBasedAdmissionFairSharing' };
  return policy;
}

describe('admission fair sharing settings are refused as Kueue refuses them, naming the field', () => {
  it("the docs' example configuration (168h, 5m, cpu 2.0, memory 1.0) is accepted", () => {
    expect(issuesAt('error', validatePolicy(withAfs({ usageHalfLifeTime: '168h', usageSamplingInterval: '5m', resourceWeights: { cpu: 2, memory: 1 } })))).toEqual([]);
  });

  it('a negative half-life, a zero sampling interval and a negative resource weight are refused, never clamped', () => {
    const errors = issuesAt('error', validatePolicy(withAfs({ usageHalfLifeTime: '-1h', usageSamplingInterval: '0s', resourceWeights: { cpu: -2 } })));
    expect(errors).toEqual([
      'cluster.admissionFairSharing.usageHalfLifeTime: usageHalfLifeTime must not be negative (Kueue refuses the configuration)',
      'cluster.admissionFairSharing.usageSamplingInterval: usageSamplingInterval must be greater than 0 (Kueue refuses the configuration)',
      'cluster.admissionFairSharing.resourceWeights: the weight of "cpu" must not be negative (Kueue refuses the configuration)',
    ]);
  });

  it('a duration that is not a Go duration is refused with examples', () => {
    expect(issuesAt('error', validatePolicy(withAfs({ usageHalfLifeTime: '7 days' })))).toEqual(['cluster.admissionFairSharing.usageHalfLifeTime: "7 days" is not a duration (examples: 168h, 5m, 1h30m)']);
  });

  it('a negative LocalQueue weight is refused; weight 0 is allowed with a warning', () => {
    const policy = withAfs({ usageHalfLifeTime: '1h' });
    policy.queues[0]!.localQueueFairSharingWeight = '-1';
    policy.queues[0]!.extraLocalQueues = [{ name: 'alice', fairSharingWeight: '0' }];
    const issues = validatePolicy(policy);
    expect(issuesAt('error', issues)).toEqual(['cluster.queues[0].localQueueFairSharingWeight: a LocalQueue weight must not be negative']);
    expect(issuesAt('warning', issues)).toEqual([expect.stringMatching(/^cluster\.queues\[0\]\.extraLocalQueues\[0\]\.fairSharingWeight: weight 0/)]);
  });

  it('a LocalQueue defined twice in the namespace is refused', () => {
    const policy = withAfs({ usageHalfLifeTime: '1h' });
    policy.queues[0]!.extraLocalQueues = [{ name: policy.queues[0]!.localQueue }];
    expect(issuesAt('error', validatePolicy(policy))).toEqual([`cluster.queues[0].extraLocalQueues[0].name: LocalQueue "${policy.queues[0]!.localQueue}" is defined twice in namespace ${policy.queues[0]!.namespace}`]);
  });

  it('admissionScope without admissionFairSharing in the Kueue Configuration is a warning: Kueue ignores it', () => {
    const policy = withAfs({ usageHalfLifeTime: '1h' });
    delete policy.admissionFairSharing;
    expect(issuesAt('warning', validatePolicy(policy))).toEqual([expect.stringMatching(/^cluster\.queues\[0\]\.admissionScope: Kueue ignores admissionScope/)]);
  });

  it("the sampling interval defaults to Kueue's 5m; durations read as Go's time.ParseDuration does", () => {
    const cluster = ClusterSchema.parse({ admissionFairSharing: { usageHalfLifeTime: '168h' } });
    expect(cluster.admissionFairSharing).toEqual({ usageHalfLifeTime: '168h', usageSamplingInterval: '5m', resourceWeights: {} });
    expect(admissionFairSharingSettings(cluster)).toEqual({ halfLifeSeconds: 168 * 3600, samplingSeconds: 300, resourceWeights: {} });
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1.5s')).toBe(1.5);
    expect(parseDuration('0')).toBe(0);
  });

  it('a saved policy without it keeps its shape (no new keys, so no migration), and one with it round-trips', () => {
    const before = gpuPolicy([{ team: 'research', gpus: { h100: '8' } }]);
    const reparsed = ClusterSchema.parse(JSON.parse(JSON.stringify(before)));
    expect(JSON.stringify(reparsed)).toBe(JSON.stringify(before));
    expect('admissionFairSharing' in reparsed || 'admissionScope' in reparsed.queues[0]! || 'extraLocalQueues' in reparsed.queues[0]!).toBe(false);
    const withIt = withAfs({ usageHalfLifeTime: '24h', resourceWeights: { memory: 0 } });
    withIt.queues[0]!.extraLocalQueues = [{ name: 'vision', fairSharingWeight: '2' }];
    expect(ClusterSchema.parse(JSON.parse(JSON.stringify(withIt)))).toEqual(withIt);
  });

  it("a team's LocalQueues are its own first, then its extra ones, in its namespace", () => {
    const policy = withAfs({ usageHalfLifeTime: '1h' });
    const queue = { ...policy.queues[0]!, localQueueFairSharingWeight: '2', extraLocalQueues: [{ name: 'alice' }] };
    expect(localQueuesOf(queue)).toEqual([
      { namespace: queue.namespace, name: queue.localQueue, weight: '2' },
      { namespace: queue.namespace, name: 'alice', weight: undefined },
    ]);
  });
});
