/** The candidate policies of a sweep: the file validated with every problem's path, changes made with the policy editor's edits, a policy Kueue would refuse named. */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { BASELINE, parsePolicyCandidates, sweepCandidates, type PolicyCandidates } from './policy-candidates.ts';

const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;

const parse = (value: unknown): PolicyCandidates => {
  const parsed = parsePolicyCandidates(value);
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
  return parsed.candidates;
};
const gpu = (cluster: typeof pods.cluster, cq: string, flavor: string) => cluster.queues.find((q) => q.clusterQueue === cq)!.resourceGroups[0]!.flavors.find((f) => f.name === flavor)!.resources.find((r) => r.name === 'nvidia.com/gpu')!;

describe('policy candidates', () => {
  it('adds the scenario\'s own policy first, as "baseline", then makes each candidate\'s changes', () => {
    const file = parse({
      candidates: [
        { name: 'more-h100', changes: [{ clusterQueue: 'ai-platform', flavor: 'h100', nominalQuota: 12 }, { clusterQueue: 'recommendations', flavor: 'h100', lendingLimit: null, borrowingLimit: '2' }] },
        { name: 'strict', fairSharing: true, changes: [{ clusterQueue: 'search-relevance', queueingStrategy: 'StrictFIFO', preemption: { withinClusterQueue: 'Never' } }] },
      ],
    });
    const made = sweepCandidates(pods, file);
    if ('problems' in made) throw new Error(JSON.stringify(made.problems));
    expect(made.candidates.map((c) => c.name)).toEqual([BASELINE, 'more-h100', 'strict']);
    expect(made.candidates[0]!.cluster).toBe(pods.cluster);
    const more = made.candidates[1]!.cluster;
    expect(gpu(more, 'ai-platform', 'h100').nominalQuota).toBe('12');
    expect(gpu(more, 'recommendations', 'h100')).toEqual({ name: 'nvidia.com/gpu', nominalQuota: '8', borrowingLimit: '2' });
    expect(gpu(more, 'recommendations', 'a100').lendingLimit).toBe('4');
    const strict = made.candidates[2]!.cluster;
    expect(strict.fairSharing).toBe(true);
    const sr = strict.queues.find((q) => q.clusterQueue === 'search-relevance')!;
    expect(sr.queueingStrategy).toBe('StrictFIFO');
    expect(sr.preemption.withinClusterQueue).toBe('Never');
    expect(sr.preemption.reclaimWithinCohort).toBe('Any');
    // The scenario itself is untouched.
    expect(gpu(pods.cluster, 'ai-platform', 'h100').nominalQuota).toBe('8');
  });

  it('names every problem of the file by its path', () => {
    const parsed = parsePolicyCandidates({
      candidates: [
        { name: 'baseline', changes: [] },
        { name: 'a', changes: [{ clusterQueue: 'ai-platform', nominalQuota: 4 }, { clusterQueue: 'ai-platform' }, { clusterQueue: 'ai-platform', flavor: 'h100', nominalQuota: 'lots' }] },
        { name: 'a', changes: [{ clusterQueue: 'x', flavor: 'h100', nominalQota: 4 }] },
      ],
    });
    expect('problems' in parsed && parsed.problems).toEqual(
      expect.arrayContaining([
        { path: 'candidates[0].name', message: expect.stringContaining('"baseline" is the scenario\'s own policy') },
        { path: 'candidates[1].changes[0].flavor', message: 'nominalQuota need the flavor whose quota they change' },
        { path: 'candidates[1].changes[1]', message: expect.stringContaining('changes nothing') },
        { path: 'candidates[1].changes[2].nominalQuota', message: expect.stringContaining('Kubernetes quantity') },
        { path: 'candidates[2].changes[0]', message: expect.stringContaining('nominalQota') },
        { path: 'candidates[2].name', message: expect.stringContaining('also the name of candidates[1]') },
      ]),
    );
    expect(parsePolicyCandidates({ candidates: [] })).toEqual({ problems: [{ path: 'candidates', message: expect.stringContaining('at least one candidate') }] });
  });

  it('refuses a change the scenario cannot take, and a policy Kueue would refuse, naming the candidate', () => {
    const unknown = sweepCandidates(pods, parse({ candidates: [{ name: 'x', changes: [{ clusterQueue: 'nope', flavor: 'h100', nominalQuota: 1 }] }] }));
    expect(unknown).toEqual({ problems: [{ path: 'candidates[0].changes[0].clusterQueue', message: expect.stringContaining('"nope" is not a ClusterQueue of the scenario (it has recommendations, ') }] });
    const noFlavor = sweepCandidates(pods, parse({ candidates: [{ name: 'x', changes: [{ clusterQueue: 'ai-platform', flavor: 'b200', nominalQuota: 1 }] }] }));
    expect(noFlavor).toEqual({ problems: [{ path: 'candidates[0].changes[0].flavor', message: 'ClusterQueue "ai-platform" has no nvidia.com/gpu quota on flavor "b200"' }] });
    const refused = sweepCandidates(pods, parse({ candidates: [{ name: 'lend-more', changes: [{ clusterQueue: 'recommendations', flavor: 'h100', lendingLimit: 16 }] }] }));
    expect(refused).toEqual({ problems: [{ path: 'candidates[0]', message: expect.stringMatching(/candidate "lend-more" makes a policy Kueue would refuse: .*lendingLimit \(16\) must not exceed nominalQuota \(8\)/) }] });
  });
});
