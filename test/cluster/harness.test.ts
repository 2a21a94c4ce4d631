// Proves the test cluster is a real API server that does what the apply,
// diff and import tests rely on.
import {
  ApiException,
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { RESTRICTED_NAMESPACE } from './harness.ts';
import { sharedCluster, type SharedCluster } from './shared.ts';

const cluster = sharedCluster();

function need(): SharedCluster {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
}

function kubeconfig(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

async function httpStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
}

interface ClusterQueue extends KubernetesObject {
  spec: { resourceGroups: { coveredResources: string[]; flavors: { name: string; resources: { name: string; nominalQuota: string | number }[] }[] }[] };
}

interface NodeObject extends KubernetesObject {
  status?: { capacity?: Record<string, string>; allocatable?: Record<string, string> };
}

describe.skipIf(!cluster)('test cluster harness', () => {
  const createdNodes: string[] = [];

  afterAll(async () => {
    if (!cluster) return;
    const api = KubernetesObjectApi.makeApiClient(kubeconfig(cluster.kubeconfigPath));
    for (const name of createdNodes) await httpStatus(api.delete({ apiVersion: 'v1', kind: 'Node', metadata: { name } }));
  });

  it('serves Kubernetes 1.33 or newer', async () => {
    const version = await kubeconfig(need().kubeconfigPath).makeApiClient(VersionApi).getCode();
    const match = /^v(\d+)\.(\d+)\./.exec(version.gitVersion);
    expect(match, version.gitVersion).not.toBeNull();
    const [major, minor] = [Number(match?.[1]), Number(match?.[2])];
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(33);
    expect(need().k8sVersion).toBe(version.gitVersion);
  });

  it('serves Kueue ClusterQueue v1beta2 (the storage version)', async () => {
    const kc = kubeconfig(need().kubeconfigPath);
    const crd = await kc.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: 'clusterqueues.kueue.x-k8s.io' });
    const v1beta2 = crd.spec.versions.find((v) => v.name === 'v1beta2');
    expect(v1beta2?.served).toBe(true);
    expect(v1beta2?.storage).toBe(true);
    expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    const list = (await kc.makeApiClient(CustomObjectsApi).listClusterCustomObject({ group: 'kueue.x-k8s.io', version: 'v1beta2', plural: 'clusterqueues' })) as { items: unknown[] };
    expect(Array.isArray(list.items)).toBe(true); // other test files share this server
  });

  it('server-side applies a Namespace and a ClusterQueue with dryRun=All as field manager podplan', async () => {
    const api = KubernetesObjectApi.makeApiClient(kubeconfig(need().kubeconfigPath));
    // (An apply that sets no field besides the name owns nothing, and then has no managedFields entry.)
    const namespace: KubernetesObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'harness-dry-run', labels: { 'app.kubernetes.io/managed-by': 'podplan' } } };
    const queue: ClusterQueue = {
      apiVersion: 'kueue.x-k8s.io/v1beta2',
      kind: 'ClusterQueue',
      metadata: { name: 'harness-dry-run' },
      spec: {
        resourceGroups: [
          {
            coveredResources: ['cpu', 'nvidia.com/gpu'],
            flavors: [{ name: 'a100', resources: [{ name: 'cpu', nominalQuota: 9 }, { name: 'nvidia.com/gpu', nominalQuota: 8 }] }],
          },
        ],
      },
    };

    for (const object of [namespace, queue]) {
      const applied = await api.patch(object, undefined, 'All', 'podplan', false, PatchStrategy.ServerSideApply);
      expect(applied.metadata?.name).toBe(object.metadata?.name);
      expect(applied.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual(['podplan', 'Apply']);
      // Dry run: nothing was stored.
      expect(await httpStatus(api.read({ apiVersion: object.apiVersion ?? '', kind: object.kind ?? '', metadata: { name: object.metadata?.name ?? '' } }))).toBe(404);
    }
    const dryQueue = await api.patch(queue, undefined, 'All', 'podplan', false, PatchStrategy.ServerSideApply);
    expect(dryQueue.spec.resourceGroups[0]?.flavors[0]?.resources.map((r) => [r.name, String(r.nominalQuota)])).toEqual([
      ['cpu', '9'],
      ['nvidia.com/gpu', '8'],
    ]);
  });

  it('forbids the restricted user to create a namespace, but lets it read and write in team-restricted', async () => {
    const kc = kubeconfig(need().restrictedKubeconfigPath);
    const core = kc.makeApiClient(CoreV1Api);
    expect(await httpStatus(core.createNamespace({ body: { metadata: { name: 'harness-not-allowed' } } }))).toBe(403);
    expect(await httpStatus(core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'harness-not-allowed' } } }))).toBe(403);
    expect((await core.listNamespace()).items.map((n) => n.metadata?.name)).toContain(RESTRICTED_NAMESPACE);
    const created = await core.createNamespacedConfigMap({ namespace: RESTRICTED_NAMESPACE, body: { metadata: { name: 'harness-allowed' }, data: { a: '1' } } });
    expect(created.metadata?.namespace).toBe(RESTRICTED_NAMESPACE);
    await core.deleteNamespacedConfigMap({ namespace: RESTRICTED_NAMESPACE, name: 'harness-allowed' });
  });

  it('stores a Node created directly with nvidia.com/gpu capacity', async () => {
    const api = KubernetesObjectApi.makeApiClient(kubeconfig(need().kubeconfigPath));
    const node: NodeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'harness-gpu-node', labels: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' } },
      status: { capacity: { cpu: '96', memory: '1Ti', 'nvidia.com/gpu': '8' }, allocatable: { cpu: '94', memory: '1000Gi', 'nvidia.com/gpu': '8' } },
    };
    await api.create(node);
    createdNodes.push('harness-gpu-node');
    const live = await api.read<NodeObject>({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'harness-gpu-node' } });
    expect(live.status?.capacity?.['nvidia.com/gpu']).toBe('8');
    expect(live.status?.allocatable?.['nvidia.com/gpu']).toBe('8');
    expect(live.metadata?.labels?.['nvidia.com/gpu.product']).toBe('NVIDIA-A100-SXM4-80GB');
  });

  it('can kill the API server and restart it with its data intact', async () => {
    const c = need();
    const core = kubeconfig(c.kubeconfigPath).makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: RESTRICTED_NAMESPACE, body: { metadata: { name: 'harness-survives-restart' } } });
    await c.killApiServer();
    await expect(core.listNamespace()).rejects.toThrow();
    await c.restartApiServer();
    const cm = await core.readNamespacedConfigMap({ namespace: RESTRICTED_NAMESPACE, name: 'harness-survives-restart' });
    expect(cm.metadata?.name).toBe('harness-survives-restart');
    await core.deleteNamespacedConfigMap({ namespace: RESTRICTED_NAMESPACE, name: 'harness-survives-restart' });
  });
});
