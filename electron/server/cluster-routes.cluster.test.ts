// The backend's cluster routes against the real kube-apiserver that
// test/cluster starts: a ServiceAccount token kubeconfig end to end (and the
// token found nowhere afterwards), the NDJSON apply stream, the prune
// confirmation rule, and a stream that outlives the API server.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CoreV1Api, KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { generateManifests } from '../../sim/manifests/index.ts';
import { sharedCluster, type SharedCluster } from '../../test/cluster/shared.ts';
import type { ApplyProgress, ApplyStreamEvent, ApplyStreamResult } from '../../sim/api/contract.ts';
import { apiError, kubeconfigYaml, makeTempDir, startTestBackend, type TestBackend, uniqueScenario } from './test-support.ts';

const cluster = sharedCluster();
const need = (): SharedCluster => {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
};
const sample = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;

function adminKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(need().kubeconfigPath);
  return kc;
}

describe.skipIf(!cluster)('backend cluster routes against a real API server', () => {
  let t: TestBackend;
  let temp: ReturnType<typeof makeTempDir>;
  const logLines: string[] = [];
  const admin = () => ({ kubeconfigPaths: [need().kubeconfigPath] });

  /** POSTs an apply and reads the NDJSON answer chunk by chunk, as the browser would. */
  async function streamApply(id: string, body: unknown, onLine?: (event: ApplyStreamEvent) => void): Promise<{ contentType: string; chunks: number; events: ApplyStreamEvent[]; raw: string }> {
    const response = await fetch(`${t.backend.origin}/api/scenarios/${encodeURIComponent(id)}/cluster/apply`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.backend.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let raw = '';
    let chunks = 0;
    let seen = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      raw += decoder.decode(value, { stream: true });
      const lines = raw.split('\n').slice(0, -1);
      for (; seen < lines.length; seen++) onLine?.(JSON.parse(lines[seen]!) as ApplyStreamEvent);
    }
    const events = raw.trim().split('\n').map((line) => JSON.parse(line) as ApplyStreamEvent);
    return { contentType: response.headers.get('content-type') ?? '', chunks, events, raw };
  }

  beforeAll(async () => {
    temp = makeTempDir('podplan-api-cluster-');
    t = await startTestBackend({ log: (message, error) => logLines.push(message, String(error), error instanceof Error ? (error.stack ?? '') : '') });
  });
  afterAll(async () => {
    await t.stop();
    temp.remove();
    // Leave the API server running for the next file even if a test failed half-way.
    await cluster?.restartApiServer().catch(() => undefined);
  });

  it('with a ServiceAccount token: contexts, capabilities, diff, a streamed apply and an import; the token ends up nowhere', async () => {
    // A real bearer token: a ServiceAccount bound to cluster-admin, and a TokenRequest.
    const kc = adminKubeConfig();
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const account = `podplan-token-${randomBytes(3).toString('hex')}`;
    await objects.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace: 'default' } } as KubernetesObject);
    await objects.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: account },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'default' }],
    } as KubernetesObject);
    const request = await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({ name: account, namespace: 'default', body: { spec: { audiences: [], expirationSeconds: 3600 } } });
    const token = request.status?.token ?? '';
    expect(token.length).toBeGreaterThan(100);
    const kubeconfig = path.join(temp.dir, 'token-kubeconfig.yaml');
    writeFileSync(kubeconfig, kubeconfigYaml(need().server, { token, caPem: need().caPem }));
    const target = { kubeconfigPaths: [kubeconfig] };

    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((level) => vi.spyOn(console, level));
    const answers: string[] = [];
    const scenario = uniqueScenario(sample, 'api-token');
    t.store.createScenario(scenario);
    const planned = generateManifests(scenario.id, scenario.cluster);

    const contexts = await t.client.clusterContexts([kubeconfig]);
    answers.push(JSON.stringify(contexts));
    expect(contexts.contexts[0]).toMatchObject({ name: 'fake', server: need().server, auth: 'token' });

    const capabilities = await t.client.clusterCapabilities(target);
    answers.push(JSON.stringify(capabilities));
    expect(capabilities.kueue).toMatchObject({ installed: true, servesV1beta2: true });
    expect(capabilities.version.gitVersion).toBe(need().k8sVersion);

    const diff = await t.client.diffScenario(scenario.id, target);
    answers.push(JSON.stringify(diff));
    // Before the first apply everything reads "created", including objects in namespaces the apply creates first.
    expect(diff.objects.filter((o) => o.status !== 'created')).toEqual([]);
    expect(diff.counts.created).toBe(planned.length);
    expect(diff.hasChanges).toBe(true);

    const stream = await streamApply(scenario.id, target);
    answers.push(stream.raw);
    expect(stream.contentType).toBe('application/x-ndjson; charset=utf-8');
    const progress = stream.events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.done)).toEqual(planned.map((_, i) => i + 1));
    expect(progress.every((e) => e.total === planned.length && e.last.status === 'created')).toBe(true);
    expect(stream.events.at(-1)).toMatchObject({ type: 'result', complete: true, dryRun: false, notPruned: [], counts: { created: planned.length } });
    expect(stream.events.filter((e) => e.type === 'result')).toHaveLength(1);
    // Written as it happens: the lines came in more than one piece.
    expect(stream.chunks).toBeGreaterThan(1);

    const seen: ApplyProgress[] = [];
    const again = await t.client.applyScenario(scenario.id, target, (p) => seen.push(p));
    answers.push(JSON.stringify(again));
    expect(again.complete).toBe(true);
    expect(seen).toHaveLength(planned.length);
    expect(again.counts.created + again.counts.failed + again.counts.conflict).toBe(0);

    const imported = await t.client.importFromCluster(target);
    answers.push(JSON.stringify(imported));
    expect(imported.record.scenario.name).toBe('Imported from fake');
    expect(imported.record.scenario.teams).toEqual([]);
    expect(imported.record.scenario.description).toContain(`context "fake" (${need().server})`);
    const live = imported.record.scenario.cluster.queues.find((q) => q.clusterQueue === scenario.cluster.queues[0]!.clusterQueue);
    expect(live?.resourceGroups).toEqual(scenario.cluster.queues[0]!.resourceGroups);
    expect((await t.client.listSnapshots(imported.record.scenario.id)).map((s) => s.reason)).toEqual(['import']);
    answers.push(await t.client.exportScenarioFile(imported.record.scenario.id));
    answers.push(await t.client.exportScenarioFile(scenario.id));

    const consoleOutput = spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(' ')));
    for (const spy of spies) spy.mockRestore();
    for (const text of [...answers, ...logLines, ...consoleOutput]) expect(text).not.toContain(token);
    t.store.setSetting('after-token-test', true);
    for (const file of readdirSync(t.dataDir)) {
      expect(readFileSync(path.join(t.dataDir, file)).includes(Buffer.from(token)), file).toBe(false);
    }
  });

  it('prune: a partial confirmation prunes nothing and says what stays; a stale ref is refused; the full list prunes', async () => {
    const scenario = uniqueScenario(sample, 'api-prune');
    const { revision } = t.store.createScenario(scenario);
    expect((await t.client.applyScenario(scenario.id, admin())).complete).toBe(true);
    const dropped = scenario.cluster.queues.pop()!;
    t.store.saveScenario(scenario.id, scenario, revision);

    const candidates = (await t.client.diffScenario(scenario.id, admin())).objects.filter((o) => o.status === 'to-be-pruned').map((o) => o.ref);
    expect(candidates).toContain(`ClusterQueue/${dropped.clusterQueue}`);
    expect(candidates.length).toBeGreaterThan(1);

    const partial = await t.client.applyScenario(scenario.id, { ...admin(), prune: [candidates[0]!] });
    expect(partial.counts.pruned).toBe(0);
    expect([...partial.notPruned].sort()).toEqual([...candidates].sort());

    const stale = await apiError(t.client.applyScenario(scenario.id, { ...admin(), prune: [...candidates, 'ClusterQueue/not-a-candidate'] }));
    expect(stale).toMatchObject({ status: 400, code: 'bad-request' });
    expect(stale.message).toMatch(/ClusterQueue\/not-a-candidate.*run the diff again.*Nothing was applied/);

    const dry = await t.client.applyScenario(scenario.id, { ...admin(), prune: candidates, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.counts.pruned).toBe(candidates.length);

    const full = await t.client.applyScenario(scenario.id, { ...admin(), prune: candidates });
    expect(full.counts.pruned).toBe(candidates.length);
    expect(full.notPruned).toEqual([]);
    // The test cluster runs no namespace controller, so a deleted namespace stays Terminating
    // (and, still labelled, stays a candidate); everything else is gone.
    const after = await t.client.diffScenario(scenario.id, admin());
    expect(after.objects.filter((o) => o.status === 'to-be-pruned').map((o) => o.ref).filter((ref) => ref !== `Namespace/${dropped.namespace}`)).toEqual([]);
    expect(after.counts.created + after.counts.changed + after.counts.conflict).toBe(0);
  });

  it('the restricted user: the stream ends with a result whose failures name the 403', async () => {
    const scenario = uniqueScenario(sample, 'api-rbac');
    t.store.createScenario(scenario);
    const { events } = await streamApply(scenario.id, { kubeconfigPaths: [need().restrictedKubeconfigPath] });
    const result = events.at(-1) as { type: 'result' } & ApplyStreamResult;
    expect(result.type).toBe('result');
    expect(result.complete).toBe(false);
    const namespace = result.results.find((r) => r.kind === 'Namespace')!;
    expect(namespace.status).toBe('failed');
    expect(namespace.message).toMatch(/Forbidden \(403\).*cannot patch resource "namespaces"/);
  });

  it('when the API server dies mid-apply the stream still ends with a result saying what was not applied', async () => {
    const base = uniqueScenario(sample, 'api-kill');
    // Enough objects that the apply is still going when the server goes.
    const extra = Array.from({ length: 20 }, (_, i) => ({ ...structuredClone(base.cluster.queues[0]!), id: `extra-${i}`, namespace: `${base.id}-x${i}`, clusterQueue: `${base.id}-x${i}` }));
    base.cluster.queues.push(...extra);
    t.store.createScenario(base);
    let killed: Promise<void> | undefined;
    try {
      const { events } = await streamApply(base.id, admin(), (event) => {
        if (event.type === 'progress' && event.done === 3) killed ??= need().killApiServer();
      });
      await killed;
      const result = events.at(-1) as { type: 'result' } & ApplyStreamResult;
      expect(result.type).toBe('result');
      expect(result.complete).toBe(false);
      expect(result.counts['not-applied'] + result.counts.failed).toBeGreaterThan(0);
      expect(events.filter((e) => e.type === 'progress')).toHaveLength(result.results.length);
    } finally {
      await killed;
      await need().restartApiServer();
    }
    expect((await t.client.applyScenario(base.id, admin())).complete).toBe(true);
  });
});
