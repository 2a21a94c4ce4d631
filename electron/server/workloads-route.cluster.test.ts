// POST /api/cluster/workloads through the UI's client, against the real API
// server: the replay rows, counts and observed waits the GPU tab loads, and
// bad requests named before the cluster is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCluster, type SharedCluster } from '../../test/cluster/shared.ts';
import { putWorkload, RawKube } from '../../test/cluster/workload-objects.ts';
import { apiError, startTestBackend, type TestBackend } from './test-support.ts';

const cluster = sharedCluster();
const need = (): SharedCluster => {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
};

describe.skipIf(!cluster)('POST /api/cluster/workloads', () => {
  let t: TestBackend;
  let kube: RawKube;
  const namespace = `route-replay-${Date.now().toString(36)}`;
  beforeAll(async () => {
    t = await startTestBackend();
    kube = new RawKube(need().kubeconfigPath);
    await kube.namespace(namespace);
    await putWorkload(kube, { namespace, name: 'done', conditions: [{ type: 'QuotaReserved', after: 40 }, { type: 'Admitted', after: 40 }, { type: 'Finished', after: 640 }] });
    await putWorkload(kube, { namespace, name: 'waiting' });
  });
  afterAll(async () => {
    kube?.close();
    await t?.stop();
  });

  it('answers the rows, the counts and the observed waits per namespace/LocalQueue', async () => {
    const replay = await t.client.clusterWorkloads({ kubeconfigPaths: [need().kubeconfigPath], namespaces: [namespace], since: '7d', censored: 'extend-to-median' });
    expect(replay).toMatchObject({ namespaces: [namespace], sinceText: '7d', censored: 'extend-to-median', pending: 'impute-median', apiVersion: 'kueue.x-k8s.io/v1beta2' });
    expect(replay.since).toBeCloseTo(replay.now - 7 * 86_400, 3);
    expect(replay.counts).toMatchObject({ read: 2, kept: 2, finished: 1, pending: 1, imputed: 1 });
    expect(replay.rows.map((r) => [r.id, r.state, r.duration])).toEqual([
      [`${namespace}/done`, 'finished', 600],
      [`${namespace}/waiting`, 'pending', 600],
    ]);
    expect(replay.observedWaits[`${namespace}/default`]).toEqual({ count: 1, p50: 40, p90: 40, pending: 1, unknown: 0 });
  });

  it('a namespace without Workloads answers an empty replay', async () => {
    const replay = await t.client.clusterWorkloads({ kubeconfigPaths: [need().kubeconfigPath], namespaces: [`${namespace}-none`] });
    expect(replay.counts.read).toBe(0);
    expect(replay.observedWaits).toEqual({});
  });

  it('a bad window or treatment is a 400 naming it', async () => {
    const since = await apiError(t.client.clusterWorkloads({ kubeconfigPaths: [need().kubeconfigPath], since: 'a while' }));
    expect(since.status).toBe(400);
    expect(since.message).toMatch(/since "a while" must be a window \(90m, 12h, 7d, 2w\) or a date/);
    const censored = await apiError(t.client.clusterWorkloads({ kubeconfigPaths: [need().kubeconfigPath], censored: 'guess' as never }));
    expect(censored.status).toBe(400);
    expect(censored.message).toMatch(/censored.*must be one of as-observed, extend-to-median, drop/);
  });
});
