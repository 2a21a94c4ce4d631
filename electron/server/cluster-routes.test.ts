// Cluster routes without a cluster: kubeconfig handling, error mapping, and
// the promise that credentials never leave the backend. A tiny fake API
// server (plain HTTP on loopback) answers 401 to everything and records what
// it received, so the test can tell the token was used, and then look for it
// everywhere else: responses, the server log, the SQLite files, exports.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { ApiErrorBody, ContextsResponse } from '../../sim/api/contract.ts';
import { closedPort, kubeconfigYaml, makeTempDir, SECRET_TOKEN as SECRET, startTestBackend, type TestBackend } from './test-support.ts';

describe('cluster routes without a cluster', () => {
  let t: TestBackend;
  let temp: ReturnType<typeof makeTempDir>;
  let fake: Server;
  let fakeUrl: string;
  const authorizations: string[] = [];
  const logLines: string[] = [];
  let kubeconfig: string;
  let scenarioId: string;

  const post = (route: string, body: unknown) =>
    fetch(`${t.backend.origin}${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.backend.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (route: string) => fetch(`${t.backend.origin}${route}`, { headers: { Authorization: `Bearer ${t.backend.token}` } });
  const responses: string[] = [];
  async function errorOf(response: Response): Promise<{ status: number; error: ApiErrorBody['error'] }> {
    const text = await response.text();
    responses.push(text);
    return { status: response.status, error: (JSON.parse(text) as ApiErrorBody).error };
  }

  beforeAll(async () => {
    temp = makeTempDir('podplan-kc-');
    fake = createServer((req, res) => {
      authorizations.push(req.headers.authorization ?? '');
      req.resume();
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    kubeconfig = path.join(temp.dir, 'token.yaml');
    writeFileSync(kubeconfig, kubeconfigYaml(fakeUrl));
    t = await startTestBackend({ log: (message, error) => logLines.push(message, String(error), error instanceof Error ? (error.stack ?? '') : JSON.stringify(error) ?? '') });
    const sample = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
    scenarioId = t.store.createScenario(sample).scenario.id;
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => fake.close(resolve));
    temp.remove();
  });

  it('lists contexts with server, user, namespace and auth kind, and no credentials', async () => {
    const response = await get(`/api/cluster/contexts?kubeconfig=${encodeURIComponent(kubeconfig)}`);
    const text = await response.text();
    responses.push(text);
    expect(response.status).toBe(200);
    const body = JSON.parse(text) as ContextsResponse;
    expect(body).toEqual({
      kubeconfigPaths: [kubeconfig],
      currentContext: 'fake',
      contexts: [
        { name: 'fake', cluster: 'fake-cluster', server: fakeUrl, user: 'token-user', namespace: 'team-a', auth: 'token' },
        { name: 'other', cluster: 'fake-cluster', server: fakeUrl, user: 'token-user', namespace: null, auth: 'token' },
      ],
    });
    expect(text).not.toContain(SECRET);
  });

  it('lists the contexts of a kubeconfig that sets no current context', async () => {
    const file = path.join(temp.dir, 'no-current.yaml');
    writeFileSync(file, kubeconfigYaml(fakeUrl, { currentContext: false }));
    const body = (await (await get(`/api/cluster/contexts?kubeconfig=${encodeURIComponent(file)}`)).json()) as ContextsResponse;
    expect(body.currentContext).toBeNull();
    expect(body.contexts.map((c) => c.name)).toEqual(['fake', 'other']);
  });

  it('kubeconfig problems are 400 cluster/kubeconfig; a relative path is a bad request', async () => {
    const missing = await errorOf(await get(`/api/cluster/contexts?kubeconfig=${encodeURIComponent(path.join(temp.dir, 'nope.yaml'))}`));
    expect(missing).toMatchObject({ status: 400, error: { code: 'cluster', clusterError: 'kubeconfig' } });
    expect(missing.error.message).toMatch(/No kubeconfig file found/);

    const relative = await errorOf(await get('/api/cluster/contexts?kubeconfig=kube%2Fconfig'));
    expect(relative).toMatchObject({ status: 400, error: { code: 'bad-request' } });
    expect(relative.error.message).toMatch(/absolute path/);

    const badContext = await errorOf(await post('/api/cluster/capabilities', { kubeconfigPaths: [kubeconfig], context: 'prod' }));
    expect(badContext).toMatchObject({ status: 400, error: { code: 'cluster', clusterError: 'kubeconfig' } });
    expect(badContext.error.message).toMatch(/Context "prod" is not in the kubeconfig \(known: fake, other\)/);
  });

  it('a kubeconfig that does not parse is named by its first line only: the YAML error would quote the token', async () => {
    const file = path.join(temp.dir, 'broken.yaml');
    writeFileSync(file, kubeconfigYaml(fakeUrl).replace(`    token: ${SECRET}`, `    token: ${SECRET}\n   oops: [unclosed`));
    for (const request of [get(`/api/cluster/contexts?kubeconfig=${encodeURIComponent(file)}`), post('/api/cluster/capabilities', { kubeconfigPaths: [file] })]) {
      const { status, error } = await errorOf(await request);
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'cluster', clusterError: 'kubeconfig' });
      expect(error.message).toContain(file);
      expect(error.message).not.toContain('\n');
    }
  });

  it('401 from the API server is a 502 cluster/unauthorized naming the server', async () => {
    const { status, error } = await errorOf(await post('/api/cluster/capabilities', { kubeconfigPaths: [kubeconfig] }));
    expect(status).toBe(502);
    expect(error).toMatchObject({ code: 'cluster', clusterError: 'unauthorized' });
    expect(error.message).toContain(fakeUrl);
    expect(authorizations).toContain(`Bearer ${SECRET}`);
  });

  it('a server that refuses connections fails fast with cluster/refused', async () => {
    const file = path.join(temp.dir, 'refused.yaml');
    writeFileSync(file, kubeconfigYaml(`http://127.0.0.1:${await closedPort()}`));
    const started = Date.now();
    const { status, error } = await errorOf(await post(`/api/scenarios/${scenarioId}/cluster/diff`, { kubeconfigPaths: [file] }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(status).toBe(502);
    expect(error).toMatchObject({ code: 'cluster', clusterError: 'refused' });
  });

  it('apply fails before streaming when the policy is invalid or the cluster refuses: a plain JSON error', async () => {
    const broken = structuredClone(t.store.getScenario(scenarioId).scenario);
    broken.id = 'broken-for-apply';
    broken.cluster.queues[0]!.clusterQueue = 'UPPER';
    t.store.createScenario(broken);
    const invalid = await errorOf(await post('/api/scenarios/broken-for-apply/cluster/apply', { kubeconfigPaths: [kubeconfig] }));
    expect(invalid).toMatchObject({ status: 422, error: { code: 'policy-invalid' } });
    expect(invalid.error.policyIssues?.some((i) => i.path === 'cluster.queues[0].clusterQueue')).toBe(true);

    const response = await post(`/api/scenarios/${scenarioId}/cluster/apply`, { kubeconfigPaths: [kubeconfig], prune: [] });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await errorOf(response)).toMatchObject({ status: 502, error: { code: 'cluster', clusterError: 'unauthorized' } });

    const badBody = await errorOf(await post(`/api/scenarios/${scenarioId}/cluster/apply`, { dryRun: 'yes', prune: 'all' }));
    expect(badBody).toMatchObject({ status: 400, error: { code: 'bad-request' } });
  });

  it('no attempt leaves the token anywhere: responses, log, database files, exports', async () => {
    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((level) => vi.spyOn(console, level));
    const attempts = [
      get(`/api/cluster/contexts?kubeconfig=${encodeURIComponent(kubeconfig)}`),
      post('/api/cluster/capabilities', { kubeconfigPaths: [kubeconfig] }),
      post(`/api/scenarios/${scenarioId}/cluster/diff`, { kubeconfigPaths: [kubeconfig], adopt: true }),
      post(`/api/scenarios/${scenarioId}/cluster/apply`, { kubeconfigPaths: [kubeconfig], dryRun: true }),
      post(`/api/scenarios/${scenarioId}/cluster/apply`, { kubeconfigPaths: [kubeconfig], forceConflicts: true }),
      post('/api/cluster/import', { kubeconfigPaths: [kubeconfig], context: 'other' }),
      post('/api/cluster/import', { kubeconfigPaths: [kubeconfig], name: 'Should not exist' }),
    ];
    for (const attempt of attempts) responses.push(await (await attempt).text());
    for (const route of ['file', 'manifests', 'manifests.yaml', 'manifests.zip']) {
      responses.push(Buffer.from(await (await get(`/api/scenarios/${scenarioId}/${route}`)).arrayBuffer()).toString('latin1'));
    }
    const consoleOutput = spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(' ')));
    for (const spy of spies) spy.mockRestore();

    expect(authorizations.filter((a) => a === `Bearer ${SECRET}`).length).toBeGreaterThan(5);
    expect(responses.length).toBeGreaterThan(15);
    for (const text of [...responses, ...logLines, ...consoleOutput]) expect(text).not.toContain(SECRET);
    // A failed import stores nothing.
    expect(t.store.listScenarios().map((s) => s.name)).not.toContain('Should not exist');

    t.store.setSetting('checkpoint-nudge', Date.now());
    const files = readdirSync(t.dataDir);
    expect(files).toEqual(expect.arrayContaining(['podplan.db']));
    for (const file of files) {
      expect(readFileSync(path.join(t.dataDir, file)).includes(Buffer.from(SECRET)), file).toBe(false);
    }
  });
});
