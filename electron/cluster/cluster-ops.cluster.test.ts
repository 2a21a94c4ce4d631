// Apply, diff, prune, import and the failure modes, against the real
// kube-apiserver that test/cluster starts (no mocks). Each test uses its own
// scenario id and namespaces so tests do not see each other's objects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../sim/cluster/schema.ts';
import { gpuPolicy } from '../../sim/cluster/testing/policies.ts';
import { generateManifests } from '../../sim/manifests/objects.ts';
import { sharedCluster, type SharedCluster } from '../../test/cluster/shared.ts';
import { applyScenario } from './apply.ts';
import { checkCapabilities, capacityFromGpuNodes } from './capabilities.ts';
import { connect, describeContexts, loadKubeConfig } from './connection.ts';
import { diffScenario } from './diff.ts';
import { ClusterError } from './errors.ts';
import { importClusterPolicy } from './import.ts';

const cluster = sharedCluster();
const need = (): SharedCluster => {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
};
const admin = () => connect({ kubeconfigPaths: [need().kubeconfigPath] });

let counter = 0;
/** A policy for `teams` with namespaces unique to this test. */
function policyFor(prefix: string, teams: string[]): { id: string; cluster: Cluster } {
  const id = `${prefix}-${++counter}`;
  const policy = gpuPolicy(teams.map((t) => ({ team: `${id}-${t}`, cohort: `${id}-cohort`, gpus: { h100: '8' } })));
  policy.flavors = [{ name: `${id}-h100`, nodeLabels: {}, nodeTaints: [] }];
  for (const q of policy.queues) q.resourceGroups[0]!.flavors[0]!.name = `${id}-h100`;
  policy.nodePools = [];
  return { id, cluster: policy };
}

function rawApi(): KubernetesObjectApi {
  const kc = new KubeConfig();
  kc.loadFromFile(need().kubeconfigPath);
  return KubernetesObjectApi.makeApiClient(kc);
}

describe.skipIf(!cluster)('applying a scenario to a real API server', () => {
  afterAll(async () => {
    // Leave the API server running for other files even if a test killed it.
    if (cluster) await cluster.restartApiServer().catch(() => undefined);
  });

  it('applies every object in dependency order, and a re-apply changes nothing', async () => {
    const { id, cluster: policy } = policyFor('apply', ['recs', 'search']);
    const objects = generateManifests(id, policy);
    const first = await applyScenario((await admin()), id, objects);
    expect(first.counts.failed + first.counts.conflict + first.counts['not-applied']).toBe(0);
    expect(first.counts.created).toBe(objects.length);
    expect(first.results.map((r) => r.kind).indexOf('Namespace')).toBe(0);

    const again = await applyScenario((await admin()), id, objects);
    expect(again.counts.unchanged).toBe(objects.length);
    expect(again.requests).toBe(11); // the list per kind, and no write
    const diff = await diffScenario((await admin()), id, objects);
    expect(diff.hasChanges).toBe(false);
  });

  it('a changed quota shows as exactly one changed object, naming the field', async () => {
    const { id, cluster: policy } = policyFor('diff', ['recs', 'search']);
    await applyScenario((await admin()), id, generateManifests(id, policy));
    policy.queues[0]!.resourceGroups[0]!.flavors[0]!.resources[0]!.nominalQuota = '12';
    const diff = await diffScenario((await admin()), id, generateManifests(id, policy));
    const changed = diff.objects.filter((o) => o.status !== 'unchanged');
    expect(changed.map((o) => o.ref)).toEqual([`ClusterQueue/${id}-recs`]);
    expect(changed[0]!.changes).toEqual([{ path: '.spec.resourceGroups[0].flavors[0].resources[0].nominalQuota', before: '8', after: '12' }]);
    expect(diff.counts.changed).toBe(1);
  });

  it('a field owned by another manager is reported as a conflict naming it, and forcing resolves it', async () => {
    const { id, cluster: policy } = policyFor('conflict', ['recs']);
    await applyScenario((await admin()), id, generateManifests(id, policy));
    const namespace = policy.queues[0]!.namespace;
    // An operator raises the pod limit with their own tool.
    await rawApi().patch(
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'podplan-quota', namespace }, spec: { hard: { pods: '999' } } } as KubernetesObject,
      undefined,
      undefined,
      'ops-console',
      true,
      PatchStrategy.ServerSideApply,
    );
    policy.queues[0]!.namespaceQuota.pods = '300';
    const objects = generateManifests(id, policy);
    const refused = await applyScenario((await admin()), id, objects);
    const quota = refused.results.find((r) => r.ref === `ResourceQuota/${namespace}/podplan-quota`)!;
    expect(quota.status).toBe('conflict');
    expect(quota.conflicts?.map((c) => c.manager)).toContain('ops-console');
    expect(quota.message).toMatch(/spec\.hard\.pods.*"ops-console"/);
    expect(refused.complete).toBe(false);

    const forced = await applyScenario((await admin()), id, objects, { forceConflicts: true });
    expect(forced.results.find((r) => r.ref === quota.ref)?.status).toBe('configured');
    const live = await rawApi().read<KubernetesObject & { spec: { hard: Record<string, string> } }>({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'podplan-quota', namespace } });
    expect(live.spec.hard.pods).toBe('300');
  });

  it('prune removes only podplan\'s objects of this scenario; unmanaged objects survive, and so does a namespace that holds them', async () => {
    const { id, cluster: policy } = policyFor('prune', ['keep', 'drop']);
    await applyScenario((await admin()), id, generateManifests(id, policy));
    const [keep, drop] = policy.queues;
    const api = rawApi();
    await api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-notes', namespace: drop!.namespace }, data: { a: 'b' } } as KubernetesObject);
    await api.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'hand-made', namespace: keep!.namespace }, spec: { limits: [{ type: 'Container', default: { cpu: '1' } }] } } as KubernetesObject);

    policy.queues = [keep!];
    const objects = generateManifests(id, policy);
    const diff = await diffScenario((await admin()), id, objects);
    const toPrune = diff.objects.filter((o) => o.status === 'to-be-pruned').map((o) => o.ref).sort();
    expect(toPrune).toEqual(
      [`ClusterQueue/${drop!.clusterQueue}`, `LocalQueue/${drop!.namespace}/default`, `Namespace/${drop!.namespace}`, `ResourceQuota/${drop!.namespace}/podplan-quota`, `RoleBinding/${drop!.namespace}/podplan-team-edit`].sort(),
    );

    const result = await applyScenario((await admin()), id, objects, { prune: true });
    const status = Object.fromEntries(result.results.map((r) => [r.ref, r.status]));
    expect(status[`ClusterQueue/${drop!.clusterQueue}`]).toBe('pruned');
    expect(status[`LocalQueue/${drop!.namespace}/default`]).toBe('pruned');
    expect(status[`Namespace/${drop!.namespace}`]).toBe('skipped');
    expect(result.results.find((r) => r.ref === `Namespace/${drop!.namespace}`)?.message).toMatch(/ConfigMap\/team-notes/);
    await expect(api.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-notes', namespace: drop!.namespace } })).resolves.toBeTruthy();
    await expect(api.read({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'hand-made', namespace: keep!.namespace } })).resolves.toBeTruthy();
  });

  it('an object that exists without podplan\'s labels is left alone', async () => {
    const { id, cluster: policy } = policyFor('unmanaged', ['legacy']);
    const namespace = policy.queues[0]!.namespace;
    await rawApi().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { owner: 'someone-else' } } } as KubernetesObject);
    const result = await applyScenario((await admin()), id, generateManifests(id, policy));
    const ns = result.results.find((r) => r.ref === `Namespace/${namespace}`)!;
    expect(ns.status).toBe('skipped');
    const live = await rawApi().read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    expect(live.metadata?.labels).toEqual({ owner: 'someone-else', 'kubernetes.io/metadata.name': namespace });
  });

  it('in a namespace that already exists, objects named as podplan names them but not this scenario\'s are found and left alone', async () => {
    const { id, cluster: policy } = policyFor('inside', ['legacy']);
    const queue = policy.queues[0]!;
    const namespace = queue.namespace;
    const api = rawApi();
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } as KubernetesObject);
    const objects = generateManifests(id, policy);
    const quota = objects.find((o) => o.kind === 'ResourceQuota')!;
    const localQueue = objects.find((o) => o.kind === 'LocalQueue')!;
    // Someone's own quota under podplan's name, and another scenario's LocalQueue.
    await api.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: quota.metadata.name, namespace }, spec: { hard: { pods: '7' } } } as KubernetesObject);
    await api.create({
      ...localQueue,
      metadata: { ...localQueue.metadata, labels: { ...localQueue.metadata.labels, 'podplan.io/scenario': 'another-scenario' } },
    } as KubernetesObject);

    const result = await applyScenario(await admin(), id, objects);
    const status = (kind: string) => result.results.find((r) => r.kind === kind)?.status;
    expect([status('Namespace'), status('ResourceQuota'), status('LocalQueue')]).toEqual(['skipped', 'skipped', 'skipped']);
    expect([status('RoleBinding'), status('ClusterQueue')]).toEqual(['created', 'created']);
    const live = await api.read({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: quota.metadata.name, namespace } });
    expect((live as { spec?: { hard?: Record<string, string> } }).spec?.hard).toEqual({ pods: '7' });

    // Adopting compares them in full: the quota's diff starts from the live 7 pods.
    const adopted = await diffScenario(await admin(), id, objects, { adopt: true, forceConflicts: true });
    const quotaDiff = adopted.objects.find((o) => o.kind === 'ResourceQuota')!;
    expect(quotaDiff.status).toBe('changed');
    expect(quotaDiff.changes).toContainEqual({ path: '.spec.hard.pods', before: '7', after: '200' });
  });

  it('the restricted user gets a clear 403 naming the verb, the resource and the namespace', async () => {
    const { id, cluster: policy } = policyFor('rbac', ['x']);
    const restricted = await connect({ kubeconfigPaths: [need().restrictedKubeconfigPath] });
    const result = await applyScenario(restricted, id, generateManifests(id, policy));
    const ns = result.results.find((r) => r.kind === 'Namespace')!;
    expect(ns.status).toBe('failed');
    expect(ns.message).toMatch(/Forbidden \(403\)/);
    expect(ns.message).toMatch(/cannot patch resource "namespaces"/);
    const rq = result.results.find((r) => r.kind === 'ResourceQuota')!;
    expect(rq.status).toBe('not-applied');
    expect(rq.message).toMatch(new RegExp(`namespace ${policy.queues[0]!.namespace} was not applied`));
  });

  it('checks capabilities: version, Kueue v1beta2, and GPU nodes offered as node pools', async () => {
    await rawApi().create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'ops-gpu-1', labels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' } },
      status: { capacity: { cpu: '192', memory: '2Ti', 'nvidia.com/gpu': '8' } },
    } as KubernetesObject);
    const caps = await checkCapabilities((await admin()));
    expect(caps.version.gitVersion).toMatch(/^v1\.3\d/);
    expect(caps.kueue).toMatchObject({ installed: true, servesV1beta2: true, missingKinds: [] });
    const h100 = caps.gpuNodes.find((g) => g.product === 'NVIDIA-H100-80GB-HBM3');
    expect(h100).toMatchObject({ nodes: 1, gpusPerNode: 8, cpuCoresPerNode: 192, memoryGiBPerNode: 2048 });
    const { nodePools, flavors } = capacityFromGpuNodes(caps.gpuNodes);
    expect(flavors.some((f) => f.name === 'nvidia-h100-80gb-hbm3' && f.nodeLabels['nvidia.com/gpu.product'] === 'NVIDIA-H100-80GB-HBM3')).toBe(true);
    expect(nodePools.some((p) => p.flavor === 'nvidia-h100-80gb-hbm3' && p.nodeCount === 1)).toBe(true);
  });

  it('imports the live quotas and queues back into a policy', async () => {
    const { id, cluster: policy } = policyFor('import', ['recs']);
    policy.queues[0]!.limitRange = { defaultRequest: { cpu: '1' }, default: { cpu: '2' } };
    await applyScenario((await admin()), id, generateManifests(id, policy));
    const { cluster: imported } = await importClusterPolicy((await admin()));
    const queue = imported.queues.find((q) => q.clusterQueue === policy.queues[0]!.clusterQueue)!;
    expect(queue).toMatchObject({
      namespace: policy.queues[0]!.namespace,
      localQueue: 'default',
      cohortName: policy.queues[0]!.cohortName,
      teamGroup: policy.queues[0]!.teamGroup,
      namespaceQuota: { pods: '200', 'requests.nvidia.com/gpu': '64' },
      limitRange: { defaultRequest: { cpu: '1' }, default: { cpu: '2' } },
    });
    expect(queue.resourceGroups).toEqual(policy.queues[0]!.resourceGroups);
  });

  it("admission fair sharing's fields pass Kueue's CRDs and import back: admissionScope, LocalQueue weights, a second LocalQueue", async () => {
    const { id, cluster: policy } = policyFor('afs', ['research']);
    const queue = policy.queues[0]!;
    queue.admissionScope = { admissionMode: 'UsageBasedAdmissionFairSharing' };
    queue.localQueueFairSharingWeight = '2';
    queue.extraLocalQueues = [{ name: 'vision', fairSharingWeight: '500m' }, { name: 'speech' }];
    const applied = await applyScenario((await admin()), id, generateManifests(id, policy));
    expect(applied.counts.failed + applied.counts.conflict + applied.counts['not-applied']).toBe(0);
    const { cluster: imported } = await importClusterPolicy((await admin()));
    const back = imported.queues.find((q) => q.clusterQueue === queue.clusterQueue)!;
    expect(back.admissionScope).toEqual({ admissionMode: 'UsageBasedAdmissionFairSharing' });
    expect(back.localQueueFairSharingWeight).toBe('2');
    expect([...(back.extraLocalQueues ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([{ name: 'speech' }, { name: 'vision', fairSharingWeight: '500m' }]);
  });

  it('a TAS flavor and its Topology apply (Kueue\'s CRD rules accept them) and import back', async () => {
    const { id, cluster: policy } = policyFor('tas', ['recs']);
    policy.topologies = [{ name: `${id}-topology`, levels: [{ nodeLabel: 'cloud.provider.com/topology-block' }, { nodeLabel: 'cloud.provider.com/topology-rack' }, { nodeLabel: 'kubernetes.io/hostname' }] }];
    policy.flavors[0] = { ...policy.flavors[0]!, nodeLabels: { 'cloud.provider.com/node-group': 'tas' }, topologyName: `${id}-topology` };
    const applied = await applyScenario((await admin()), id, generateManifests(id, policy));
    expect(applied.results.filter((r) => r.status !== 'created').map((r) => `${r.ref}: ${r.message}`)).toEqual([]);
    const { cluster: imported } = await importClusterPolicy((await admin()));
    expect(imported.flavors.find((f) => f.name === `${id}-h100`)?.topologyName).toBe(`${id}-topology`);
    expect(imported.topologies?.find((t) => t.name === `${id}-topology`)).toEqual(policy.topologies[0]);
  });

  it('an unreachable server and an untrusted certificate give clear errors within 10 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podplan-kc-'));
    const kc = await loadKubeConfig({ kubeconfigPaths: [need().kubeconfigPath] });
    const exported = JSON.parse(kc.exportConfig()) as { clusters: Array<{ cluster: { server: string; 'certificate-authority-data'?: string; caData?: string } }> };
    const refusedPath = join(dir, 'refused.json');
    const refused = structuredClone(exported);
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    for (const c of refused.clusters) c.cluster.server = `https://127.0.0.1:${closedPort}`;
    writeFileSync(refusedPath, JSON.stringify(refused));
    const started = Date.now();
    const refusal = await connect({ kubeconfigPaths: [refusedPath] }).then(checkCapabilities).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ClusterError);
    expect((refusal as ClusterError).kind).toBe('refused');
    expect(Date.now() - started).toBeLessThan(10_000);

    const badCaPath = join(dir, 'bad-ca.json');
    const badCa = structuredClone(exported);
    // A CA that did not sign the server's certificate.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'other.key'), '-out', join(dir, 'other.crt'), '-days', '1', '-subj', '/CN=some-other-ca'], { stdio: 'ignore' });
    const otherPem = readFileSync(join(dir, 'other.crt')).toString('base64');
    for (const c of badCa.clusters) {
      c.cluster['certificate-authority-data'] = otherPem;
      c.cluster.caData = otherPem;
    }
    writeFileSync(badCaPath, JSON.stringify(badCa));
    const tls = await connect({ kubeconfigPaths: [badCaPath] }).then(checkCapabilities).catch((e: unknown) => e);
    expect(tls).toBeInstanceOf(ClusterError);
    expect((tls as ClusterError).kind).toBe('tls');
    expect((tls as ClusterError).message).toMatch(/TLS/);
  });

  it('an unknown host and a rejected token are told apart: DNS and 401', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podplan-kc-'));
    const write = (name: string, server: string, user: Record<string, unknown>) => {
      const file = join(dir, name);
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(need().caPem).toString('base64') } }],
        users: [{ name: 'u', user }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      };
      writeFileSync(file, JSON.stringify(config));
      return file;
    };
    const dns = await connect({ kubeconfigPaths: [write('dns.json', 'https://cluster.does-not-exist.invalid:6443', { token: 'x' })] }).then(checkCapabilities).catch((e: unknown) => e);
    expect((dns as ClusterError).kind).toBe('dns');
    expect((dns as ClusterError).message).toMatch(/Cannot resolve/);
    const badToken = await connect({ kubeconfigPaths: [write('token.json', need().server, { token: 'not-a-valid-token' })] }).then(checkCapabilities).catch((e: unknown) => e);
    expect((badToken as ClusterError).kind).toBe('unauthorized');
    expect((badToken as ClusterError).message).toMatch(/401/);
    expect((badToken as ClusterError).message).not.toMatch(/not-a-valid-token/);
  });

  it('lists contexts with their auth kind and no secrets', async () => {
    const contexts = describeContexts(await loadKubeConfig({ kubeconfigPaths: [need().kubeconfigPath] }));
    expect(contexts.length).toBeGreaterThanOrEqual(2);
    expect(contexts[0]).toMatchObject({ server: need().server, auth: 'client certificate' });
    expect(JSON.stringify(contexts)).not.toMatch(/BEGIN|PRIVATE/);
  });

  it('when the API server dies half-way, the result says what was applied and what was not, and a re-run completes it', async () => {
    const { id, cluster: policy } = policyFor('kill', Array.from({ length: 30 }, (_, i) => `t${i}`));
    const objects = generateManifests(id, policy);
    let killed: Promise<void> | null = null;
    const partial = await applyScenario((await admin()), id, objects, {
      concurrency: 4,
      onProgress: ({ done }) => {
        if (done === 40 && !killed) killed = need().killApiServer();
      },
    });
    await killed;
    expect(partial.complete).toBe(false);
    expect(partial.counts.created).toBeGreaterThanOrEqual(40);
    expect(partial.counts['not-applied'] + partial.counts.failed).toBeGreaterThan(0);
    expect(partial.counts.created + partial.counts['not-applied'] + partial.counts.failed).toBe(objects.length);

    await need().restartApiServer();
    const rerun = await applyScenario((await admin()), id, objects);
    expect(rerun.complete).toBe(true);
    expect(rerun.counts.unchanged).toBeGreaterThanOrEqual(partial.counts.created);
    expect(rerun.counts.created + rerun.counts.unchanged + rerun.counts.configured).toBe(objects.length);
  });
});

describe.skipIf(!cluster)('kubeconfig authentication', () => {
  it('an exec credential plugin is run and its credentials are used (client certificate from the plugin)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podplan-exec-'));
    const admin = JSON.parse((await loadKubeConfig({ kubeconfigPaths: [need().kubeconfigPath] })).exportConfig()) as {
      users: Array<{ name: string; user: { 'client-certificate-data'?: string; 'client-key-data'?: string; certData?: string; keyData?: string } }>;
      'current-context'?: string;
      currentContext?: string;
      contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
    };
    const current = admin['current-context'] ?? admin.currentContext;
    const context = admin.contexts.find((c) => c.name === current)!;
    const user = admin.users.find((u) => u.name === context.context.user)!.user;
    const pem = (data: string | undefined) => Buffer.from(data ?? '', 'base64').toString('utf8');
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { clientCertificateData: pem(user['client-certificate-data'] ?? user.certData), clientKeyData: pem(user['client-key-data'] ?? user.keyData) },
    };
    writeFileSync(join(dir, 'credential.json'), JSON.stringify(credential));
    const kubeconfig = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'test', cluster: { server: need().server, 'certificate-authority-data': Buffer.from(need().caPem).toString('base64') } }],
      users: [{ name: 'via-plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'cat', args: [join(dir, 'credential.json')], interactiveMode: 'Never' } } }],
      contexts: [{ name: 'exec', context: { cluster: 'test', user: 'via-plugin' } }],
      'current-context': 'exec',
    };
    const path = join(dir, 'kubeconfig.json');
    writeFileSync(path, JSON.stringify(kubeconfig));
    const connection = await connect({ kubeconfigPaths: [path] });
    expect(describeContexts(connection.kc)[0]?.auth).toBe('exec: cat');
    const caps = await checkCapabilities(connection);
    expect(caps.kueue.installed).toBe(true);
    connection.objects.close();
  });

  it('KUBECONFIG with several files merges them; a context from the second file can be chosen', async () => {
    const contexts = describeContexts(await loadKubeConfig({ kubeconfigPaths: ['/nonexistent/kubeconfig', need().restrictedKubeconfigPath, need().kubeconfigPath] }));
    expect(contexts.map((c) => c.name)).toEqual(expect.arrayContaining(['podplan-test-restricted']));
    const restricted = await connect({ kubeconfigPaths: [need().restrictedKubeconfigPath, need().kubeconfigPath], context: 'podplan-test-restricted' });
    expect(restricted.context).toBe('podplan-test-restricted');
    restricted.objects.close();
  });
});
