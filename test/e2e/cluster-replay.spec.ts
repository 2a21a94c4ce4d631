/**
 * "Use this cluster's workloads" in the GPU simulation tab against the REAL
 * kube-apiserver of cluster-setup.ts: Workloads created there (conditions
 * set through the status subresource, as Kueue does) become the run's
 * workloads; the tab says where the demand came from and shows the observed
 * waits beside the simulated ones for the team.
 */
import { randomBytes } from 'node:crypto';
import { putWorkload, RawKube } from '../cluster/workload-objects.ts';
import { expect, requireTestCluster, SAMPLE_PODS, test } from './fixtures.ts';

test('replays the cluster’s Workloads and shows observed vs simulated waits per team', async ({ page, server }) => {
  const kubeconfig = requireTestCluster();
  const suffix = randomBytes(3).toString('hex');
  const namespace = `e2e-replay-${suffix}`;

  // The pods sample with its first team queue in this run's namespace.
  const sample = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS)!;
  const { scenario } = await server.api.getScenario(sample.id);
  const queue = scenario.cluster.queues[0]!;
  const team = scenario.teams.find((t) => t.id === queue.teamId)?.name ?? queue.teamId ?? queue.id;
  const name = `Replay ${suffix}`;
  await server.api.createScenario({ scenario: { ...scenario, name, cluster: { ...scenario.cluster, queues: scenario.cluster.queues.map((q, i) => (i === 0 ? { ...q, namespace } : q)) } } });

  const kube = new RawKube(kubeconfig);
  try {
    await kube.namespace(namespace);
    await putWorkload(kube, { namespace, name: 'finished', queueName: queue.localQueue, count: 1, requests: { 'nvidia.com/gpu': '2' }, conditions: [{ type: 'QuotaReserved', after: 600 }, { type: 'Admitted', after: 600 }, { type: 'Finished', after: 4200 }] });
    await putWorkload(kube, { namespace, name: 'running', queueName: queue.localQueue, count: 1, requests: { 'nvidia.com/gpu': '1' }, conditions: [{ type: 'QuotaReserved', after: 0 }, { type: 'Admitted', after: 0 }] });
    await putWorkload(kube, { namespace, name: 'pending', queueName: queue.localQueue, count: 1, requests: { 'nvidia.com/gpu': '1' } });
  } finally {
    kube.close();
  }

  await page.reload();
  await page.getByRole('link', { name }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(name);
  await page.getByRole('tab', { name: /^GPU simulation/ }).click();
  await expect(page.getByRole('table', { name: 'Waits and GPU-hours per team' })).toBeVisible({ timeout: 30_000 });

  await expect(page.getByLabel('Kubeconfig context of the cluster to replay')).not.toHaveValue('');
  await page.getByLabel('Namespaces to read (empty: all)').fill(namespace);
  await page.getByRole('button', { name: 'Use this cluster’s workloads' }).click();

  const result = page.getByRole('status', { name: 'Cluster replay result' });
  await expect(result).toContainText(/Replaying cluster replay: 3 workloads from context .+ in e2e-replay-\w+, since .* \(7d\); 1 censored \(still running\) treated as observed so far \(a lower bound\); 1 pending workload run for their queue's median observed run time\./);
  // The run replays them: the summary names the replay as its workloads.
  await expect(page.getByLabel('Run summary')).toContainText(/^3 workloads of cluster replay/, { timeout: 30_000 });

  const waits = page.getByRole('table', { name: 'Observed vs simulated waits per team' });
  const row = waits.getByRole('row', { name: new RegExp(`^${team}`) });
  // Observed: two admitted (waits 0 s and 10 min), one still pending; simulated figures filled in once the run is done.
  await expect(row.getByRole('cell').nth(0)).toHaveText('2');
  await expect(row.getByRole('cell').nth(1)).toHaveText('0 s');
  await expect(row.getByRole('cell').nth(3)).toHaveText('10 min');
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('…');
  await expect(row.getByRole('cell').nth(5)).toHaveText(/^1 \/ \d+$/);
});
