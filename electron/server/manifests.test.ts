// Manifests preview and downloads through the real backend and SQLite store.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { readZip } from '../../sim/formats/zip.ts';
import { generateManifests, renderKustomizeDirectory } from '../../sim/manifests/index.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import type { ApiErrorBody, ManifestsResponse } from '../../sim/api/contract.ts';
import { startTestBackend, type TestBackend } from './test-support.ts';

const golden = readFileSync(new URL('../../sim/manifests/testdata/sample-three-pilot-pods.golden.yaml', import.meta.url), 'utf8');
const pods = (): Scenario => {
  const sample = loadSamples().find((s) => s.id === 'sample-three-pilot-pods');
  if (!sample) throw new Error('sample missing');
  return sample;
};

describe('manifest routes', () => {
  let t: TestBackend;
  let invalidId: string;
  const get = (path: string) => fetch(`${t.backend.origin}${path}`, { headers: { Authorization: `Bearer ${t.backend.token}` } });

  beforeAll(async () => {
    t = await startTestBackend();
    t.store.createScenario(pods());
    const broken = structuredClone(pods());
    broken.id = 'broken-policy';
    broken.name = 'Broken policy';
    broken.cluster.queues[0]!.namespace = 'Not_A_Namespace';
    broken.cluster.queues[1]!.resourceGroups[0]!.flavors[0]!.resources[0]!.nominalQuota = 'lots';
    invalidId = t.store.createScenario(broken).scenario.id;
    const fair = structuredClone(pods());
    fair.id = 'admission-fair-sharing';
    fair.name = 'Admission fair sharing';
    fair.cluster.admissionFairSharing = { usageHalfLifeTime: '168h', usageSamplingInterval: '5m', resourceWeights: {} };
    fair.cluster.queues[0]!.admissionScope = { admissionMode: 'UsageBasedAdmissionFairSharing' };
    t.store.createScenario(fair);
  });
  afterAll(() => t.stop());

  it('previews every object with its YAML, and the whole file exactly as exported', async () => {
    const response = await get('/api/scenarios/sample-three-pilot-pods/manifests');
    expect(response.status).toBe(200);
    const body = (await response.json()) as ManifestsResponse;
    expect(body.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(body.yaml).toBe(golden);
    expect(body.objects.length).toBe(generateManifests('sample-three-pilot-pods', pods().cluster).length);
    expect(body.objects[0]).toMatchObject({ ref: 'Namespace/ai-platform', kind: 'Namespace', name: 'ai-platform', namespace: null });
    expect(body.objects[0]!.yaml).toMatch(/^apiVersion: v1\nkind: Namespace\n/);
    const quota = body.objects.find((o) => o.kind === 'ResourceQuota')!;
    expect(quota.ref).toBe(`ResourceQuota/${quota.namespace}/${quota.name}`);
  });

  it('with admission fair sharing, the preview and the zip carry the Kueue Configuration fragment to set', async () => {
    const body = (await (await get('/api/scenarios/admission-fair-sharing/manifests')).json()) as ManifestsResponse;
    expect(body.yaml).toContain('#   admissionFairSharing:\n#     usageHalfLifeTime: 168h\n#     usageSamplingInterval: 5m\n');
    const zip = readZip(new Uint8Array(await (await get('/api/scenarios/admission-fair-sharing/manifests.zip')).arrayBuffer()));
    expect(zip.some((entry) => entry.path.endsWith('/kueue-configuration.yaml'))).toBe(true);
  });

  it('downloads one YAML file named after the scenario', async () => {
    const response = await get('/api/scenarios/sample-three-pilot-pods/manifests.yaml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="three-pilot-pods-with-an-ai-platform-team.yaml"');
    expect(await response.text()).toBe(golden);
  });

  it('downloads the kustomize directory as a byte-stable zip under one folder', async () => {
    const first = new Uint8Array(await (await get('/api/scenarios/sample-three-pilot-pods/manifests.zip')).arrayBuffer());
    const response = await get('/api/scenarios/sample-three-pilot-pods/manifests.zip');
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="three-pilot-pods-with-an-ai-platform-team.zip"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes).toEqual(first);
    const entries = readZip(bytes);
    const expected = renderKustomizeDirectory(generateManifests('sample-three-pilot-pods', pods().cluster));
    expect(entries.map((e) => e.path)).toEqual([...expected.keys()].map((p) => `three-pilot-pods-with-an-ai-platform-team/${p}`));
    const kustomization = entries.find((e) => e.path === 'three-pilot-pods-with-an-ai-platform-team/kustomization.yaml')!;
    expect(new TextDecoder().decode(kustomization.data)).toBe(expected.get('kustomization.yaml'));
  });

  it('a policy with errors: the preview lists the issues and no objects; downloads answer 422 policy-invalid naming the fields', async () => {
    const preview = (await (await get(`/api/scenarios/${invalidId}/manifests`)).json()) as ManifestsResponse;
    expect(preview.objects).toEqual([]);
    expect(preview.yaml).toBe('');
    const paths = preview.issues.filter((i) => i.severity === 'error').map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['cluster.queues[0].namespace', 'cluster.queues[1].resourceGroups[0].flavors[0].resources[0].nominalQuota']));

    for (const download of ['manifests.yaml', 'manifests.zip']) {
      const response = await get(`/api/scenarios/${invalidId}/${download}`);
      expect(response.status, download).toBe(422);
      const body = (await response.json()) as ApiErrorBody;
      expect(body.error.code).toBe('policy-invalid');
      expect(body.error.message).toMatch(/quota policy has \d+ errors?, so nothing was exported: cluster\.queues\[0\]\.namespace/);
      expect(body.error.policyIssues?.map((i) => i.path)).toEqual(expect.arrayContaining(paths));
    }
  });

  it('an unknown scenario is 404', async () => {
    for (const path of ['manifests', 'manifests.yaml', 'manifests.zip']) {
      expect((await get(`/api/scenarios/nope/${path}`)).status).toBe(404);
    }
  });
});
