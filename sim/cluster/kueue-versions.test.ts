import { describe, expect, it } from 'vitest';
import { hasKueueFeature, KUEUE_FEATURES, kueueVersionInfo, KUEUE_VERSIONS, matchKueueRelease, missingFeatureMessage } from './kueue-versions.ts';
import { makeCluster } from '../scenario/testing/cluster-scenarios.ts';
import { hasErrors, validatePolicy } from './validate.ts';
import type { Cluster } from './schema.ts';

function withConcurrentAdmission(version: Cluster['kueueVersion']): Cluster {
  const cluster = { ...makeCluster(), kueueVersion: version };
  cluster.queues[0] = { ...cluster.queues[0]!, concurrentAdmission: { migrationMode: 'TryPreferredFlavors', lastAcceptableFlavorName: 'a100' } };
  return cluster;
}

describe('the Kueue versions a scenario can target', () => {
  it('are 0.16 and 0.19, each tested against a named release, both written as v1beta2', () => {
    expect(KUEUE_VERSIONS).toEqual(['0.16', '0.19']);
    expect(kueueVersionInfo('0.16').testedRelease).toBe('v0.16.2');
    expect(kueueVersionInfo('0.19').testedRelease).toMatch(/^v0\.19\.\d+$/);
    for (const v of KUEUE_VERSIONS) expect(kueueVersionInfo(v).apiVersion).toBe('kueue.x-k8s.io/v1beta2');
  });

  it('0.19 turns waitForPodsReady on by default and names its pending reasons; 0.16 does neither', () => {
    expect(kueueVersionInfo('0.16')).toMatchObject({ defaults: { waitForPodsReady: false }, pendingReasons: 'Pending' });
    expect(kueueVersionInfo('0.19')).toMatchObject({ defaults: { waitForPodsReady: true }, pendingReasons: 'named' });
  });

  it('know which version brought each feature', () => {
    expect(hasKueueFeature('0.16', 'concurrentAdmissionPolicy')).toBe(false);
    expect(hasKueueFeature('0.19', 'concurrentAdmissionPolicy')).toBe(true);
    expect(hasKueueFeature('0.16', 'hierarchicalCohorts')).toBe(true);
    expect(missingFeatureMessage('0.16', 'concurrentAdmissionPolicy')).toBe(
      'ClusterQueue.spec.concurrentAdmissionPolicy needs Kueue 0.18 or newer; this scenario targets Kueue 0.16. Target a newer Kueue version or remove it.',
    );
    expect(new Set(KUEUE_FEATURES.map((f) => f.id)).size).toBe(KUEUE_FEATURES.length);
  });

  it('match a release read from a cluster to the newest target not newer than it', () => {
    expect(matchKueueRelease('v0.19.4')).toMatchObject({ target: '0.19', minor: '0.19', exact: true });
    expect(matchKueueRelease('v0.16.2')).toMatchObject({ target: '0.16', exact: true });
    expect(matchKueueRelease('v0.17.1')).toMatchObject({ target: '0.16', exact: false });
    expect(matchKueueRelease('v0.20.0-rc.1')).toMatchObject({ target: '0.19', exact: false, message: expect.stringContaining('newer than Podplan knows') });
    expect(matchKueueRelease('v0.12.0')).toMatchObject({ target: null });
    expect(matchKueueRelease('latest')).toBeNull();
  });
});

describe('a policy checked against its target Kueue version', () => {
  it('a 0.19-only field (concurrentAdmissionPolicy) is refused for a 0.16 target, naming the field and the version that brought it', () => {
    const issues = validatePolicy(withConcurrentAdmission('0.16'));
    expect(hasErrors(issues)).toBe(true);
    expect(issues).toContainEqual({
      severity: 'error',
      path: 'cluster.queues[0].concurrentAdmission',
      message: expect.stringMatching(/concurrentAdmissionPolicy needs Kueue 0\.18 or newer; this scenario targets Kueue 0\.16/),
    });
  });

  it('the same field is accepted for a 0.19 target, with a warning that it is alpha and not simulated', () => {
    const issues = validatePolicy(withConcurrentAdmission('0.19'));
    expect(hasErrors(issues)).toBe(false);
    expect(issues.find((i) => i.path === 'cluster.queues[0].concurrentAdmission')?.message).toMatch(/alpha .*the simulator does not model it/);
  });

  it('lastAcceptableFlavorName with RetainFirstAdmission is refused, as Kueue documents', () => {
    const cluster = withConcurrentAdmission('0.19');
    cluster.queues[0]!.concurrentAdmission = { migrationMode: 'RetainFirstAdmission', lastAcceptableFlavorName: 'a100' };
    expect(validatePolicy(cluster)).toContainEqual(expect.objectContaining({ severity: 'error', path: 'cluster.queues[0].concurrentAdmission.lastAcceptableFlavorName' }));
  });
});
