// podplan apply / diff / import against the real kube-apiserver that
// test/cluster starts. Each test applies its own copy of the sample, with
// every name prefixed, because the API server is shared.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText, serializeScenario, type Scenario } from '../../sim/scenario/index.ts';
import { generateManifests, objectRef } from '../../sim/manifests/index.ts';
import { sharedCluster, type SharedCluster } from '../../test/cluster/shared.ts';
import { makeTempDir, uniqueScenario } from '../server/test-support.ts';
import type { ApplyResult, DiffResult } from '../cluster/index.ts';
import { runCli } from './test-support.ts';

const cluster = sharedCluster();
const need = (): SharedCluster => {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
};
const sample = parseScenarioText(readFileSync(fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url)), 'utf8')).scenario;

function rawApi(): KubernetesObjectApi {
  const kc = new KubeConfig();
  kc.loadFromFile(need().kubeconfigPath);
  return KubernetesObjectApi.makeApiClient(kc);
}

describe.skipIf(!cluster)('podplan CLI against a real API server', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir('podplan-cli-cluster-');
  });
  afterAll(() => temp.remove());

  /** Writes `scenario` as a .podplan.json in the temp dir and returns its path. */
  const write = (scenario: Scenario, name = `${scenario.id}.podplan.json`): string => {
    const file = path.join(temp.dir, name);
    writeFileSync(file, serializeScenario(scenario));
    return file;
  };
  const run = (argv: string[], options: { answer?: string; prompts?: string[] } = {}) =>
    runCli([...argv, '--kubeconfig', need().kubeconfigPath], { cwd: temp.dir, ...options });

  it('applies the sample with progress, then a re-apply changes nothing and diff exits 0', async () => {
    const scenario = uniqueScenario(sample, 'cli-apply');
    const file = write(scenario);
    const objects = generateManifests(scenario.id, scenario.cluster);

    const first = await run(['apply', file]);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const progress = first.stderr.split('\n').filter((line) => line.startsWith('['));
    expect(progress).toHaveLength(objects.length);
    // Namespaces first (in parallel, so in any order among themselves), then what lives in them.
    const namespaces = objects.filter((o) => o.kind === 'Namespace').map(objectRef);
    expect(progress.slice(0, namespaces.length).map((line) => line.replace(/^\[\d+\/\d+\] (\S+) created$/, '$1')).sort()).toEqual([...namespaces].sort());
    expect(progress[0]).toMatch(new RegExp(`^\\[1/${objects.length}\\] Namespace/${scenario.id}-\\S+ created$`));
    expect(progress.at(-1)).toMatch(new RegExp(`^\\[${objects.length}/${objects.length}\\] \\S+ created$`));
    expect(first.stdout).toMatch(new RegExp(`Applied ".*" on context ".*" \\(https://127\\.0\\.0\\.1:\\d+\\): ${objects.length} created, 0 configured, 0 unchanged`));

    const again = await run(['apply', file, '--json']);
    expect(again.code).toBe(0);
    const result = JSON.parse(again.stdout) as ApplyResult & { scenarioId: string };
    expect(result.scenarioId).toBe(scenario.id);
    // Re-applying an unchanged plan writes nothing (zero values the server omits, like globalDefault: false, count as equal).
    expect(result.results.filter((r) => r.status !== 'unchanged')).toEqual([]);

    const diff = await run(['diff', file]);
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/No changes: the cluster matches the plan/);
  });

  it('diff exits 3 after a quota change, naming exactly one changed object and the field, and 0 once applied', async () => {
    const scenario = uniqueScenario(sample, 'cli-diff');
    const file = write(scenario);
    expect((await run(['apply', file])).code).toBe(0);

    const queue = scenario.cluster.queues[0]!;
    const gpu = queue.resourceGroups[0]!.flavors[0]!.resources.find((r) => r.name === 'nvidia.com/gpu')!;
    const before = gpu.nominalQuota;
    gpu.nominalQuota = '12';
    write(scenario);

    const human = await run(['diff', file]);
    expect(human.code).toBe(3);
    const marked = human.stdout.split('\n').filter((line) => /^[+~!x-] /.test(line));
    expect(marked).toEqual([`~ ClusterQueue/${queue.clusterQueue} changed`]);
    expect(human.stdout).toMatch(new RegExp(`\\n    \\.spec\\.resourceGroups\\[0\\]\\.flavors\\[0\\]\\.resources\\[2\\]\\.nominalQuota: ${before} → 12\\n`));
    expect(human.stdout).toMatch(/0 to create, 1 to change, 0 to prune/);

    const json = await run(['diff', file, '--json']);
    expect(json.code).toBe(3);
    const diff = JSON.parse(json.stdout) as DiffResult;
    expect(diff.objects.filter((o) => o.status !== 'unchanged').map((o) => o.ref)).toEqual([`ClusterQueue/${queue.clusterQueue}`]);

    expect((await run(['apply', file])).code).toBe(0);
    expect((await run(['diff', file])).code).toBe(0);
  });

  it('a field owned by another manager fails apply naming the manager; --force-conflicts takes it over', async () => {
    const scenario = uniqueScenario(sample, 'cli-conflict');
    const file = write(scenario);
    expect((await run(['apply', file])).code).toBe(0);
    const namespace = scenario.cluster.queues[0]!.namespace;
    await rawApi().patch(
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'podplan-quota', namespace }, spec: { hard: { pods: '999' } } } as KubernetesObject,
      undefined,
      undefined,
      'ops-console',
      true,
      PatchStrategy.ServerSideApply,
    );
    scenario.cluster.queues[0]!.namespaceQuota.pods = '321';
    write(scenario);

    const diff = await run(['diff', file]);
    expect(diff.code).toBe(3);
    expect(diff.stdout).toMatch(new RegExp(`! ResourceQuota/${namespace}/podplan-quota conflict: .*"ops-console"`));

    const refused = await run(['apply', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`\\] ResourceQuota/${namespace}/podplan-quota conflict: \\.spec\\.hard\\.pods owned by "ops-console"`));
    expect(refused.stdout).toContain(`  ResourceQuota/${namespace}/podplan-quota: .spec.hard.pods is owned by "ops-console"`);
    expect(refused.stdout).toContain('Re-run with --force-conflicts to take these fields over from "ops-console".');

    const forced = await run(['apply', file, '--force-conflicts']);
    expect(forced.code, forced.stdout).toBe(0);
    expect(forced.stderr).toMatch(new RegExp(`\\] ResourceQuota/${namespace}/podplan-quota configured`));
    const live = await rawApi().read<KubernetesObject & { spec: { hard: Record<string, string> } }>({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'podplan-quota', namespace } });
    expect(live.spec.hard.pods).toBe('321');
  });

  it('--prune lists what it would delete, needs a "yes" or --yes, and removes only podplan\'s objects of this scenario', async () => {
    const scenario = uniqueScenario(sample, 'cli-prune');
    const file = write(scenario);
    expect((await run(['apply', file])).code).toBe(0);
    const dropped = scenario.cluster.queues.pop()!;
    const kept = scenario.cluster.queues[0]!;
    write(scenario);
    const api = rawApi();
    // Someone else's objects: one in the dropped namespace (keeps the namespace), one beside a kept queue.
    await api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-notes', namespace: dropped.namespace }, data: { a: 'b' } } as KubernetesObject);
    await api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hand-made', namespace: kept.namespace }, data: { c: 'd' } } as KubernetesObject);
    const expected = [
      `ClusterQueue/${dropped.clusterQueue}`,
      `LimitRange/${dropped.namespace}/podplan-defaults`,
      `LocalQueue/${dropped.namespace}/${dropped.localQueue}`,
      `Namespace/${dropped.namespace}`,
      `ResourceQuota/${dropped.namespace}/podplan-quota`,
      `RoleBinding/${dropped.namespace}/podplan-team-edit`,
    ];

    const diff = JSON.parse((await run(['diff', file, '--json'])).stdout) as DiffResult;
    const candidates = diff.objects.filter((o) => o.status === 'to-be-pruned').map((o) => o.ref).sort();
    expect(candidates).toEqual(expected.filter((ref) => candidates.includes(ref)).sort());
    expect(candidates).toContain(`ClusterQueue/${dropped.clusterQueue}`);

    const noTerminal = await run(['apply', file, '--prune']);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain(`--prune will delete ${candidates.length} objects`);
    for (const ref of candidates) expect(noTerminal.stderr).toContain(`  - ${ref}\n`);
    expect(noTerminal.stderr).toMatch(/add --yes\. Nothing was applied/);

    const prompts: string[] = [];
    const declined = await run(['apply', file, '--prune'], { answer: 'no', prompts });
    expect(declined.code).toBe(1);
    expect(prompts).toEqual([`Delete these ${candidates.length}? Type "yes" to continue: `]);
    await expect(api.read({ apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: dropped.clusterQueue } })).resolves.toBeTruthy();

    const pruned = await run(['apply', file, '--prune', '--yes', '--json']);
    expect(pruned.code, pruned.stdout).toBe(0);
    const result = JSON.parse(pruned.stdout) as ApplyResult;
    const status = Object.fromEntries(result.results.map((r) => [r.ref, r.status]));
    expect(status[`ClusterQueue/${dropped.clusterQueue}`]).toBe('pruned');
    expect(status[`ResourceQuota/${dropped.namespace}/podplan-quota`]).toBe('pruned');
    expect(status[`Namespace/${dropped.namespace}`]).toBe('skipped');
    expect(result.results.filter((r) => r.status === 'pruned').every((r) => expected.includes(r.ref))).toBe(true);
    await expect(api.read({ apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: dropped.clusterQueue } })).rejects.toThrow();
    await expect(api.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-notes', namespace: dropped.namespace } })).resolves.toBeTruthy();
    await expect(api.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hand-made', namespace: kept.namespace } })).resolves.toBeTruthy();
    await expect(api.read({ apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: kept.clusterQueue } })).resolves.toBeTruthy();

    const after = await run(['diff', file]);
    expect(after.stdout).not.toContain(`ClusterQueue/${dropped.clusterQueue}`);
    // The namespace stays a candidate: it still holds someone else's ConfigMap.
    expect(after.stdout).toContain(`- Namespace/${dropped.namespace} to be pruned`);
  });

  it('import --out writes a scenario file whose policy has the sample\'s quotas', async () => {
    const scenario = uniqueScenario(sample, 'cli-import');
    expect((await run(['apply', write(scenario)])).code).toBe(0);
    const out = path.join(temp.dir, `${scenario.id}-live.podplan.json`);
    const result = await run(['import', '--out', out, '--name', 'Live', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: out, name: 'Live' });

    const imported = parseScenarioText(readFileSync(out, 'utf8')).scenario;
    expect(imported.name).toBe('Live');
    expect(imported.teams).toEqual([]);
    expect(imported.id).not.toBe(scenario.id);
    for (const queue of scenario.cluster.queues) {
      const live = imported.cluster.queues.find((q) => q.clusterQueue === queue.clusterQueue);
      expect(live, queue.clusterQueue).toBeDefined();
      expect(live).toMatchObject({
        namespace: queue.namespace,
        localQueue: queue.localQueue,
        cohortName: queue.cohortName,
        teamGroup: queue.teamGroup,
        queueingStrategy: queue.queueingStrategy,
        namespaceQuota: queue.namespaceQuota,
        limitRange: queue.limitRange,
        resourceGroups: queue.resourceGroups,
      });
    }
    for (const cohort of scenario.cluster.cohorts) expect(imported.cluster.cohorts.find((c) => c.name === cohort.name)).toMatchObject({ name: cohort.name });
    for (const priority of scenario.cluster.priorityClasses) {
      expect(imported.cluster.priorityClasses.find((p) => p.name === priority.name)).toMatchObject({ value: priority.value });
    }

    const again = await run(['import', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists: add --force/);
    expect((await run(['import', '--out', out, '--force'])).code).toBe(0);
  });

  it('the restricted user: apply and diff exit 1 with 403s naming the verb, the resource and the namespace', async () => {
    const scenario = uniqueScenario(sample, 'cli-rbac');
    const file = write(scenario);
    const namespace = scenario.cluster.queues[0]!.namespace;
    const restricted = (argv: string[]) => runCli([...argv, '--kubeconfig', need().restrictedKubeconfigPath], { cwd: temp.dir });

    const apply = await restricted(['apply', file]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/\] Namespace\/\S+ failed: Forbidden \(403\)/);
    expect(apply.stdout).toMatch(/Failed:\n/);
    expect(apply.stdout).toMatch(new RegExp(`namespaces "${namespace}" is forbidden: User "podplan-restricted" cannot patch resource "namespaces"`));
    expect(apply.stdout).toMatch(/Not complete/);

    const diff = await restricted(['diff', file]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(
      new RegExp(`x Namespace/${namespace} error: .*cannot patch resource "namespaces" in API group ""`),
    );
  });
});
