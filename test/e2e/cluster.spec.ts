/**
 * The Cluster tab against a REAL kube-apiserver with Kueue's CRDs (started
 * by cluster-setup.ts): connect, check the cluster, import its GPU capacity
 * (and undo), diff (everything to create), apply with progress and a
 * per-object result, diff again (everything unchanged); then a field owned by
 * another manager: the conflict names it, and forcing needs explicit consent.
 *
 * Every run uses a copy of the pods sample whose object names carry a fresh
 * suffix, so a retry (or another spec) never finds its objects already there.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import YAML from 'yaml';
import type { Scenario } from '../../sim/api/contract.ts';
import type { Page } from '@playwright/test';
import { expect, expectSaved, requireTestCluster, SAMPLE_PODS, test, type PodplanServer } from './fixtures.ts';

/** The pods sample with every cluster object renamed `<name>-<suffix>`, stored as a new scenario. */
async function uniqueCopyOfPodsSample(server: PodplanServer, suffix: string): Promise<Scenario> {
  const summaries = await server.api.listScenarios();
  const sample = summaries.find((s) => s.name === SAMPLE_PODS);
  if (!sample) throw new Error('the pods sample is missing');
  const { scenario } = await server.api.getScenario(sample.id);
  const c = scenario.cluster;
  const rename = (name: string) => `${name}-${suffix}`;
  const groups = (list: Scenario['cluster']['queues'][number]['resourceGroups']) => list.map((g) => ({ ...g, flavors: g.flavors.map((f) => ({ ...f, name: rename(f.name) })) }));
  const cluster: Scenario['cluster'] = {
    ...c,
    nodePools: c.nodePools.map((p) => ({ ...p, flavor: rename(p.flavor) })),
    flavors: c.flavors.map((f) => ({ ...f, name: rename(f.name) })),
    cohorts: c.cohorts.map((co) => ({ ...co, name: rename(co.name), ...(co.parentName ? { parentName: rename(co.parentName) } : {}), resourceGroups: groups(co.resourceGroups) })),
    queues: c.queues.map((q) => ({
      ...q,
      namespace: rename(q.namespace),
      clusterQueue: rename(q.clusterQueue),
      ...(q.cohortName ? { cohortName: rename(q.cohortName) } : {}),
      resourceGroups: groups(q.resourceGroups),
    })),
    priorityClasses: c.priorityClasses.map((p) => ({ ...p, name: rename(p.name) })),
  };
  const record = await server.api.createScenario({ scenario: { ...scenario, name: `Cluster run ${suffix}`, cluster } });
  return record.scenario;
}

async function openCluster(page: Page, name: string): Promise<void> {
  await page.reload();
  await page.getByRole('link', { name }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(name);
  await page.getByRole('tab', { name: 'Cluster' }).click();
}

/** Server-side apply as another field manager (what a teammate's kubectl or a GitOps tool would do). */
async function applyAsOtherManager(kubeconfigPath: string, path: string, object: unknown, manager: string): Promise<void> {
  const kc = YAML.parse(await readFile(kubeconfigPath, 'utf8')) as {
    clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
    users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  };
  const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');
  const url = new URL(`${path}?fieldManager=${manager}&force=true`, kc.clusters[0]?.cluster.server);
  const body = JSON.stringify(object);
  await new Promise<void>((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'PATCH',
        ca: b64(kc.clusters[0]?.cluster['certificate-authority-data']),
        cert: b64(kc.users[0]?.user['client-certificate-data']),
        key: b64(kc.users[0]?.user['client-key-data']),
        headers: { 'Content-Type': 'application/apply-patch+yaml', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test.describe.configure({ timeout: 120_000 });

test('connect, check, diff (all created), apply (created), diff again (all unchanged)', async ({ page, server }, testInfo) => {
  const kubeconfig = requireTestCluster();
  const suffix = randomBytes(3).toString('hex');
  const scenario = await uniqueCopyOfPodsSample(server, suffix);
  const objects = (await server.api.manifests(scenario.id)).objects.length;
  await openCluster(page, scenario.name);

  // The backend's default kubeconfig and its contexts, with server and auth kind.
  await expect(page.getByLabel('Kubeconfig file(s)')).toHaveValue(kubeconfig);
  const context = page.getByLabel('Context', { exact: true });
  await expect(context).toHaveValue('podplan-test-admin');
  await expect(context.locator('option', { hasText: 'podplan-test-admin (current)' })).toHaveText(/https:\/\/127\.0\.0\.1:\d+ · client certificate/);
  await expect(page.getByLabel('Context details')).toContainText('auth: client certificate');

  // Check cluster: version, Kueue, GPU nodes.
  await page.getByRole('button', { name: 'Check cluster' }).click();
  const facts = page.getByRole('definition');
  await expect(page.getByLabel('Cluster facts')).toContainText('v1.35');
  await expect(page.getByLabel('Cluster facts')).toContainText('installed · serves kueue.x-k8s.io/v1beta2');
  await expect(page.getByLabel('Cluster facts')).toContainText('16 GPUs on 2 nodes');
  // The test server has 0.16's CRDs and no Kueue manager: the version comes from the CRDs, and the sample already targets it.
  const kueueVersion = page.getByLabel('Kueue version on the cluster');
  await expect(kueueVersion).toContainText('Kueue version: not readable · the scenario targets it (Kueue 0.16 (tested with v0.16.2))');
  await expect(kueueVersion).toContainText('No Deployment kueue-system/kueue-controller-manager');
  await expect(page.getByRole('table', { name: 'GPU nodes' }).getByRole('row', { name: /NVIDIA-H100-80GB-HBM3/ })).toContainText('2');
  expect(await facts.count()).toBeGreaterThan(2);
  await page.screenshot({ path: testInfo.outputPath('cluster-check.png') });

  // Import capacity replaces the pools (undoably); then take it back so the policy's flavors match again.
  await page.getByRole('button', { name: 'Import capacity into this scenario' }).click();
  await expect(page.getByText('Imported 1 node pool and 1 flavor')).toBeVisible();
  await page.getByRole('tab', { name: 'GPU capacity' }).click();
  const pools = page.getByRole('table', { name: 'Node pools' });
  await expect(pools.getByRole('row', { name: /^Node pool \d+:/ })).toHaveCount(1);
  await expect(pools.getByLabel('Pool name')).toHaveValue('NVIDIA-H100-80GB-HBM3 × 8');
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect(pools.getByRole('row', { name: /^Node pool \d+:/ })).toHaveCount(2);
  await expectSaved(page);
  await page.getByRole('tab', { name: 'Cluster' }).click();

  // Diff: everything is to be created.
  await page.getByRole('button', { name: 'Diff', exact: true }).click();
  const counts = page.getByLabel('Diff counts');
  await expect(counts).toHaveText(`${objects} to create`);
  const toCreate = objects;
  const created = page.getByRole('group', { name: `to create (${toCreate})` });
  await expect(created.getByRole('listitem')).toHaveCount(toCreate);
  await expect(created).toContainText(`Namespace/team-recommendations-${suffix}`);
  await page.screenshot({ path: testInfo.outputPath('cluster-diff.png') });

  // Apply, confirmed with the counts.
  await page.getByRole('button', { name: 'Apply…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Apply “Cluster run/ });
  await expect(dialog.getByRole('list', { name: 'What the apply will do' })).toContainText(`${toCreate} to create`);
  await page.screenshot({ path: testInfo.outputPath('cluster-apply-confirm.png') });
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('Applied: the cluster now matches this scenario.')).toBeVisible({ timeout: 30_000 });
  const progress = page.getByRole('progressbar', { name: 'Apply progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', String(objects));
  const results = page.getByRole('table', { name: 'Apply results' });
  await expect(results.getByRole('row')).toHaveCount(objects + 1);
  await expect(results.getByRole('row').filter({ hasText: /created$/ })).toHaveCount(objects);
  await expect(results.getByRole('row', { name: new RegExp(`^ClusterQueue/recommendations-${suffix} created`) })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-applied.png'), fullPage: false });

  // Diff again: nothing left to do.
  await page.getByRole('button', { name: 'Diff again' }).click();
  await expect(counts).toHaveText(`${objects} unchanged — the cluster already matches this scenario.`);
  await page.getByRole('button', { name: `${objects} unchanged objects` }).click();
  await expect(page.locator('.diff-object')).toHaveCount(objects);

  // Import from cluster: the live policy becomes a new scenario, opened on its quota policy.
  await page.getByRole('button', { name: 'Import from cluster' }).click();
  await expect(page.getByRole('tab', { name: /Quota policy/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('group', { name: new RegExp(`^Queue \\d+: recommendations-${suffix}$`) })).toBeVisible();
  await expect(page.getByText(/^Imported “/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cluster-imported.png') });
  const imported = (await server.api.listScenarios()).find((s) => s.name.startsWith('Imported from podplan-test-admin'));
  expect(imported).toBeDefined();
  await expect(page).toHaveURL(new RegExp(`#/scenario/${imported?.id}/policy$`));
});

test('a field owned by another manager is reported by name; forcing needs explicit consent', async ({ page, server }, testInfo) => {
  const kubeconfig = requireTestCluster();
  const suffix = randomBytes(3).toString('hex');
  const scenario = await uniqueCopyOfPodsSample(server, suffix);
  await openCluster(page, scenario.name);
  await expect(page.getByLabel('Context', { exact: true })).toHaveValue('podplan-test-admin');

  // First apply, through the UI.
  await page.getByRole('button', { name: 'Apply…' }).click();
  await page.getByRole('dialog', { name: /^Apply “Cluster run/ }).getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('Applied: the cluster now matches this scenario.')).toBeVisible({ timeout: 30_000 });

  // A quota edit shows as a field-level change, before → after.
  await page.getByRole('tab', { name: 'Quota policy' }).click();
  const recs = page.getByRole('group', { name: `Queue 1: recommendations-${suffix}` });
  await recs.getByRole('button', { name: new RegExp(`^recommendations-${suffix}`) }).click();
  await recs.getByLabel(`h100-${suffix} nvidia.com/gpu nominal quota`).fill('12');
  await expectSaved(page);
  await page.getByRole('tab', { name: 'Cluster' }).click();
  await page.getByRole('button', { name: 'Diff', exact: true }).click();
  await expect(page.getByLabel('Diff counts')).toHaveText(/^1 to change · \d+ unchanged$/);
  const change = page.getByRole('table', { name: `Changes to ClusterQueue/recommendations-${suffix}` });
  await expect(change.getByRole('row')).toHaveCount(1);
  await expect(change.getByRole('row')).toHaveText(/spec\.resourceGroups\[0\]\.flavors\[0\]\.resources\[2\]\.nominalQuota\s*8\s*→\s*12/);
  await page.screenshot({ path: testInfo.outputPath('cluster-diff-changed.png') });
  await page.getByRole('button', { name: 'Apply…' }).click();
  await expect(page.getByRole('dialog', { name: /^Apply “Cluster run/ }).getByRole('list', { name: 'What the apply will do' })).toContainText('1 to change');
  await page.getByRole('dialog', { name: /^Apply “Cluster run/ }).getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('Applied: the cluster now matches this scenario.')).toBeVisible({ timeout: 30_000 });
  // Only what happened is listed; the unchanged rest is one click away.
  await expect(page.getByRole('table', { name: 'Apply results' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Apply results' }).getByRole('row', { name: new RegExp(`^ClusterQueue/recommendations-${suffix} configured`) })).toBeVisible();

  // A teammate's tool takes over the queueing strategy of one ClusterQueue...
  const cq = `search-relevance-${suffix}`;
  await applyAsOtherManager(
    kubeconfig,
    `/apis/kueue.x-k8s.io/v1beta2/clusterqueues/${cq}`,
    { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: cq }, spec: { queueingStrategy: 'StrictFIFO' } },
    'platform-gitops',
  );
  // ...which the scenario sets to BestEffortFIFO: the diff and the apply report the conflict, naming the manager.
  await page.getByRole('button', { name: 'Diff', exact: true }).click();
  await expect(page.getByLabel('Diff counts')).toContainText('1 conflict');
  await page.getByRole('button', { name: 'Apply…' }).click();
  await page.getByRole('dialog', { name: /^Apply “Cluster run/ }).getByRole('button', { name: 'Apply', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'owned by platform-gitops' });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole('table', { name: 'Apply results' }).getByRole('row', { name: new RegExp(`^ClusterQueue/${cq} conflict`) });
  await expect(row).toContainText('owned by platform-gitops');
  await expect(row).toContainText('queueingStrategy');
  await page.screenshot({ path: testInfo.outputPath('cluster-conflict.png') });

  // Force asks for consent first.
  await alert.getByRole('button', { name: 'Force (take ownership)…' }).click();
  const consent = page.getByRole('dialog', { name: 'Take ownership of the conflicting fields?' });
  await expect(consent).toContainText('platform-gitops');
  const force = consent.getByRole('button', { name: 'Force apply' });
  await expect(force).toBeDisabled();
  await consent.getByRole('checkbox').check();
  await page.screenshot({ path: testInfo.outputPath('cluster-force-consent.png') });
  await force.click();
  await expect(page.getByText('Applied: the cluster now matches this scenario.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Apply results' }).getByRole('row', { name: new RegExp(`^ClusterQueue/${cq} configured`) })).toBeVisible();
});

test('pruning deletes only what was ticked, and only when every candidate is', async ({ page, server }, testInfo) => {
  requireTestCluster();
  const suffix = randomBytes(3).toString('hex');
  const scenario = await uniqueCopyOfPodsSample(server, suffix);
  await openCluster(page, scenario.name);
  await expect(page.getByLabel('Context', { exact: true })).toHaveValue('podplan-test-admin');
  await page.getByRole('button', { name: 'Apply…' }).click();
  await page.getByRole('dialog', { name: /^Apply “Cluster run/ }).getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('Applied: the cluster now matches this scenario.')).toBeVisible({ timeout: 30_000 });

  // Drop a priority class from the scenario: its objects become prune candidates.
  await page.getByRole('tab', { name: 'Quota policy' }).click();
  await page.getByRole('button', { name: `Remove priority class experiment-${suffix}` }).click();
  await expectSaved(page);
  await page.getByRole('tab', { name: 'Cluster' }).click();
  await page.getByRole('button', { name: 'Diff', exact: true }).click();
  const prune = page.getByRole('group', { name: /^to prune \(\d+\)$/ });
  const boxes = prune.getByRole('checkbox');
  await expect(boxes).toHaveCount(2); // the PriorityClass and the WorkloadPriorityClass
  await expect(prune).toContainText(`PriorityClass/experiment-${suffix}`);

  // Ticking one of two prunes nothing, and says so before applying.
  await boxes.first().check();
  await page.getByRole('button', { name: 'Apply…' }).click();
  let dialog = page.getByRole('dialog', { name: /^Apply “Cluster run/ });
  await expect(dialog).toContainText('0 to prune (2 candidates; tick all of them in the diff to prune)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Ticking both prunes both.
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Apply…' }).click();
  dialog = page.getByRole('dialog', { name: /^Apply “Cluster run/ });
  await expect(dialog).toContainText(`2 to prune: `);
  await page.screenshot({ path: testInfo.outputPath('cluster-prune-confirm.png') });
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('Applied: the cluster now matches this scenario.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Apply results' }).getByRole('row').filter({ hasText: /pruned$/ })).toHaveCount(2);
  await page.getByRole('button', { name: 'Diff again' }).click();
  await expect(page.getByLabel('Diff counts')).toHaveText(/^\d+ unchanged — the cluster already matches this scenario\.$/);
});

test('a kubeconfig that cannot be read, or a server that refuses, is explained with advice', async ({ page }, testInfo) => {
  const kubeconfig = requireTestCluster();
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await page.getByRole('tab', { name: 'Cluster' }).click();
  await expect(page.getByLabel('Context', { exact: true })).toHaveValue('podplan-test-admin');
  await page.getByLabel('Kubeconfig file(s)').fill('/nonexistent/podplan/kubeconfig');
  await page.getByRole('button', { name: 'Load contexts' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'The kubeconfig could not be used — could not read the kubeconfig' });
  await expect(error).toBeVisible();
  await expect(error).toContainText('Check the path');
  await page.screenshot({ path: testInfo.outputPath('cluster-kubeconfig-error.png') });

  // The same credentials, pointed at a port where nothing listens.
  const refused = testInfo.outputPath('refused-kubeconfig.yaml');
  await writeFile(refused, (await readFile(kubeconfig, 'utf8')).replace(/server: https:\/\/127\.0\.0\.1:\d+/g, 'server: https://127.0.0.1:9'));
  await page.getByLabel('Kubeconfig file(s)').fill(refused);
  await page.getByRole('button', { name: 'Load contexts' }).click();
  await expect(page.getByLabel('Context', { exact: true })).toHaveValue('podplan-test-admin');
  await page.getByRole('button', { name: 'Check cluster' }).click();
  const down = page.getByRole('alert').filter({ hasText: 'connection refused' });
  await expect(down).toContainText('Nothing is listening at the server address (connection refused) — could not check the cluster');
  await expect(down).toContainText('Is the cluster running');
  await page.screenshot({ path: testInfo.outputPath('cluster-refused.png') });
});
