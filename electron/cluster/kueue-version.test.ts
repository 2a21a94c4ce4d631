// Detection without a cluster: what a 403 or a missing Kueue makes of it, and
// the manager image's tag. (The real API server: kueue-versions.cluster.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ClusterConnection } from './connection.ts';
import { ClusterError } from './errors.ts';
import { detectKueueVersion, releaseFromImage } from './kueue-version.ts';

/** A connection whose reads answer from `answers` by kind ("CustomResourceDefinition", "Deployment"). */
function fakeConnection(answers: Record<string, () => unknown>): ClusterConnection {
  return {
    call: (_doing: string, run: () => Promise<unknown>) => run(),
    objects: { get: async (_apiVersion: string, kind: string) => answers[kind]!() },
  } as unknown as ClusterConnection;
}
const forbidden = () => {
  throw new ClusterError('forbidden', 'forbidden', { status: 403 });
};
const notFound = () => {
  throw new ClusterError('not-found', 'not found', { status: 404 });
};
const crd = (fields: string[]) => ({ spec: { versions: [{ name: 'v1beta1', served: true }, { name: 'v1beta2', served: true, storage: true, schema: { openAPIV3Schema: { properties: { spec: { properties: Object.fromEntries(fields.map((f) => [f, {}])) } } } } }] } });

describe('which Kueue a cluster runs', () => {
  it('the manager image tag names the release; a digest or a non-version tag does not', () => {
    expect(releaseFromImage('registry.k8s.io/kueue/kueue:v0.19.4')).toBe('v0.19.4');
    expect(releaseFromImage('localhost:5000/kueue:v0.16.2@sha256:abc')).toBe('v0.16.2');
    expect(releaseFromImage('registry.k8s.io/kueue/kueue@sha256:abc')).toBeNull();
    expect(releaseFromImage('localhost:5000/kueue')).toBeNull();
    expect(releaseFromImage('kueue:main')).toBeNull();
  });

  it('no ClusterQueue CRD: Kueue is not installed, said plainly, and nothing is offered', async () => {
    const detected = await detectKueueVersion(fakeConnection({ CustomResourceDefinition: notFound, Deployment: notFound }));
    expect(detected).toMatchObject({ installed: false, target: null });
    expect(detected.notes).toEqual(['Kueue is not installed: the cluster has no ClusterQueue CRD (clusterqueues.kueue.x-k8s.io).']);
  });

  it('a 403 on the manager Deployment leaves the version to the CRDs, and says so', async () => {
    const detected = await detectKueueVersion(fakeConnection({ CustomResourceDefinition: () => crd(['cohortName', 'concurrentAdmissionPolicy']), Deployment: forbidden }));
    expect(detected).toMatchObject({ installed: true, managerRelease: null, crdsAtLeast: '0.18', target: '0.19' });
    expect(detected.notes).toContain('Not permitted to read Deployment kueue-system/kueue-controller-manager (403), so the manager\'s version is unknown.');
    expect(detected.notes.at(-1)).toMatch(/assumed from the CRDs .*check it/);
  });

  it('a 403 on the CRDs too: nothing is offered, and both refusals are named', async () => {
    const detected = await detectKueueVersion(fakeConnection({ CustomResourceDefinition: forbidden, Deployment: forbidden }));
    expect(detected).toMatchObject({ installed: null, target: null });
    expect(detected.notes.join(' ')).toMatch(/Not permitted to read CustomResourceDefinitions \(403\).*Not permitted to read Deployment/);
  });

  it('a manager between supported versions gets the older target, whose every field it serves', async () => {
    const detected = await detectKueueVersion(
      fakeConnection({
        CustomResourceDefinition: () => crd(['cohortName']),
        Deployment: () => ({ spec: { template: { spec: { containers: [{ name: 'manager', image: 'registry.k8s.io/kueue/kueue:v0.17.1' }] } } } }),
      }),
    );
    expect(detected).toMatchObject({ managerRelease: 'v0.17.1', target: '0.16' });
    expect(detected.notes.at(-1)).toMatch(/between supported versions; targeting 0\.16/);
  });
});
