// Reading Kueue Workloads for a replay from the real API server: objects
// created through the API with their conditions set through the status
// subresource (as Kueue does), read back page by page; a user without list on
// workloads; a namespace with none; and a cluster without Kueue's CRDs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCluster, type SharedCluster } from '../../test/cluster/shared.ts';
import { startTestCluster } from '../../test/cluster/harness.ts';
import { putWorkload, RawKube, type WorkloadFixture } from '../../test/cluster/workload-objects.ts';
import { connect } from './connection.ts';
import { ClusterError } from './errors.ts';
import { readClusterWorkloads } from './workloads.ts';

const cluster = sharedCluster();
const need = (): SharedCluster => {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
};
const run = Date.now().toString(36);
const ns = (suffix: string) => `replay-${run}-${suffix}`;

describe.skipIf(!cluster)('replaying the Workloads of a real API server', () => {
  let kube: RawKube;
  const created: Record<string, number> = {};
  beforeAll(async () => {
    kube = new RawKube(need().kubeconfigPath);
    for (const n of ['a', 'b', 'empty']) await kube.namespace(ns(n));
    const fixtures: WorkloadFixture[] = [
      { namespace: ns('a'), name: 'pending', count: 2, requests: { 'nvidia.com/gpu': '8', cpu: '16' } },
      { namespace: ns('a'), name: 'running', conditions: [{ type: 'QuotaReserved', after: 30 }, { type: 'Admitted', after: 30 }] },
      {
        namespace: ns('a'),
        name: 'finished',
        count: 4,
        requests: { 'nvidia.com/gpu': '4', memory: '128Gi' },
        priority: 1000,
        conditions: [{ type: 'QuotaReserved', after: 60 }, { type: 'Admitted', after: 61 }, { type: 'Finished', after: 3661 }],
      },
      {
        namespace: ns('b'),
        name: 'readmitted',
        queueName: 'research',
        conditions: [
          { type: 'QuotaReserved', after: 900 },
          { type: 'Admitted', after: 900 },
          { type: 'Evicted', after: 900, status: 'False' },
          { type: 'Finished', after: 2700 },
        ],
        status: { schedulingStats: { evictions: [{ reason: 'Preempted', underlyingCause: '', count: 1 }] } },
      },
      {
        namespace: ns('b'),
        name: 'evicted',
        queueName: 'research',
        conditions: [
          { type: 'QuotaReserved', after: 100, status: 'False' },
          { type: 'Admitted', after: 100, status: 'False' },
          { type: 'Evicted', after: 100 },
        ],
      },
    ];
    for (const f of fixtures) created[`${f.namespace}/${f.name}`] = await putWorkload(kube, f);
  });
  afterAll(() => kube?.close());

  const read = async (options: Partial<Parameters<typeof readClusterWorkloads>[1]> = {}, kubeconfigPath = need().kubeconfigPath) => {
    const connection = await connect({ kubeconfigPaths: [kubeconfigPath] });
    try {
      return await readClusterWorkloads(connection, { now: Date.now() / 1000, namespaces: [ns('a'), ns('b')], ...options });
    } finally {
      connection.objects.close();
    }
  };

  it('reads pending, running, finished, evicted-and-readmitted and evicted workloads into replay rows, paged', async () => {
    const pagesSeen: number[] = [];
    const replay = await read({ pageSize: 2, onPage: (n) => pagesSeen.push(n) });
    expect(replay.apiVersion).toBe('kueue.x-k8s.io/v1beta2');
    // ns a: 3 objects in pages of 2 → 2 pages; ns b: 2 objects → 1 page (its token is empty at the end).
    expect(pagesSeen).toEqual([2, 3, 5]);
    expect(replay.counts).toMatchObject({ read: 5, kept: 5, finished: 2, running: 1, pending: 2, censored: 1, imputed: 2, evicted: 2, waitUnknown: 1 });
    const row = (id: string) => replay.rows.find((r) => r.id === id)!;

    const finished = row(`${ns('a')}/finished`);
    expect(finished).toMatchObject({ state: 'finished', duration: 3600, durationSource: 'observed', observedWait: 60, priority: 1000, queue: `${ns('a')}/default`, evictions: 0 });
    expect(finished.submit).toBe(created[`${ns('a')}/finished`]);
    expect(finished.podSets).toEqual([{ name: 'main', count: 4, requests: { 'nvidia.com/gpu': 4, memory: 128 * 2 ** 30 } }]);

    const running = row(`${ns('a')}/running`);
    expect(running).toMatchObject({ state: 'running', durationSource: 'censored', observedWait: 30 });
    expect(running.duration).toBeGreaterThanOrEqual(1);

    // Pending: the queue's median observed run time (ns a's only finished one: 3,600 s).
    expect(row(`${ns('a')}/pending`)).toMatchObject({ state: 'pending', duration: 3600, durationSource: 'imputed' });
    expect(row(`${ns('a')}/pending`).podSets[0]).toEqual({ name: 'main', count: 2, requests: { 'nvidia.com/gpu': 8, cpu: 16 } });

    // Evicted and admitted again: run time from the final admission; first wait unknown.
    const readmitted = row(`${ns('b')}/readmitted`);
    expect(readmitted).toMatchObject({ state: 'finished', duration: 1800, evictions: 1, queue: `${ns('b')}/research` });
    expect(readmitted.observedWait).toBeUndefined();
    // Evicted and not admitted again: waiting in its queue, run time imputed from its queue (1,800 s).
    expect(row(`${ns('b')}/evicted`)).toMatchObject({ state: 'pending', evictions: 1, duration: 1800 });
  });

  it('censored and pending treatments, and --since, apply to what the cluster holds', async () => {
    const dropped = await read({ censored: 'drop', pending: 'drop' });
    expect(dropped.rows.map((r) => r.state).sort()).toEqual(['finished', 'finished']);
    expect(dropped.counts.dropped).toMatchObject({ 'running-dropped': 1, 'pending-dropped': 2 });
    // A window that starts after every creation drops the finished ones and keeps the running and pending.
    const later = await read({ since: Date.now() / 1000 + 60 });
    expect(later.counts.dropped['before-since']).toBe(2);
    expect(later.rows.map((r) => r.state).sort()).toEqual(['pending', 'pending', 'running']);
  });

  it('reads across all namespaces in one paged list', async () => {
    const replay = await read({ namespaces: [] });
    expect(replay.namespaces).toBeNull();
    const ids = new Set(replay.rows.map((r) => r.id));
    for (const id of Object.keys(created)) expect(ids.has(id)).toBe(true);
  });

  it('a namespace without Workloads is an empty replay, not an error', async () => {
    const replay = await read({ namespaces: [ns('empty')] });
    expect(replay.counts.read).toBe(0);
    expect(replay.rows).toEqual([]);
    expect(replay.pages).toBe(1);
  });

  it('a user without list on workloads gets a 403 naming the verb, the resource, the namespace and what to grant', async () => {
    // A ServiceAccount with no role at all, its token from the TokenRequest API.
    const saNs = ns('sa');
    await kube.namespace(saNs);
    await kube.ok('POST', `/api/v1/namespaces/${saNs}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'no-workloads' } });
    const token = (await kube.ok('POST', `/api/v1/namespaces/${saNs}/serviceaccounts/no-workloads/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } })).status as { token: string };
    const dir = mkdtempSync(join(tmpdir(), 'podplan-replay-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'test', cluster: { server: need().server, 'certificate-authority-data': Buffer.from(need().caPem).toString('base64') } }],
        users: [{ name: 'no-workloads', user: { token: token.token } }],
        contexts: [{ name: 'no-workloads', context: { cluster: 'test', user: 'no-workloads' } }],
        'current-context': 'no-workloads',
      }),
    );
    const error = await read({ namespaces: [ns('a')] }, kubeconfig).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).kind).toBe('forbidden');
    expect((error as ClusterError).message).toMatch(/may not list workloads\.kueue\.x-k8s\.io in namespace "replay-.*-a" \(verb list, resource workloads, API group kueue\.x-k8s\.io\)/);
    expect((error as ClusterError).message).toMatch(/Grant a Role in namespace .* verbs \["list"\]/);
    expect((error as ClusterError).message).toContain('system:serviceaccount');
    expect((error as ClusterError).message).not.toContain(token.token);
    const clusterWide = await read({ namespaces: [] }, kubeconfig).catch((e: unknown) => e);
    expect((clusterWide as ClusterError).message).toMatch(/across all namespaces \(cluster scope\).*ClusterRoleBinding/);
  });
});

describe.skipIf(!cluster)('a cluster without Kueue', () => {
  it('says so: workloads.kueue.x-k8s.io not found', async () => {
    const bare = await startTestCluster({ installKueueCrds: false });
    try {
      const connection = await connect({ kubeconfigPaths: [bare.kubeconfigPath] });
      try {
        const error = await readClusterWorkloads(connection, { now: Date.now() / 1000 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClusterError);
        expect((error as ClusterError).kind).toBe('not-found');
        expect((error as ClusterError).message).toMatch(/^This cluster has no Kueue \(workloads\.kueue\.x-k8s\.io not found/);
      } finally {
        connection.objects.close();
      }
    } finally {
      await bare.stop();
    }
  }, 180_000);
});
