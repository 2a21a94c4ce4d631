/**
 * Playwright globalSetup: starts one real kube-apiserver + etcd (with Kueue's
 * CRDs) for the run, adds two GPU nodes to it (a Node object with GPU
 * capacity, as the NVIDIA device plugin would report it; there is no
 * kubelet), and hands the admin kubeconfig to the fixtures through
 * PODPLAN_E2E_KUBECONFIG, which start `podplan serve` with it as KUBECONFIG.
 *
 * When the cluster cannot start here (binaries not built, no openssl) it
 * records why in PODPLAN_E2E_CLUSTER_SKIP and the cluster specs skip, unless
 * CI is set: then they fail, so a CI run never passes without them.
 */
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { isCi } from '../cluster/context.ts';
import { clusterUnavailableReason, startTestCluster, type TestCluster } from '../cluster/harness.ts';
import { KUBECONFIG_ENV, RESTRICTED_KUBECONFIG_ENV, SKIP_ENV } from './cluster-env.ts';


interface Kubeconfig {
  clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }>;
}

const fromB64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

/** One request as the admin of the test cluster (client certificate from the kubeconfig). */
async function adminRequest(kubeconfigPath: string, method: string, path: string, body: unknown, contentType = 'application/json'): Promise<void> {
  const kc = YAML.parse(await readFile(kubeconfigPath, 'utf8')) as Kubeconfig;
  const cluster = kc.clusters[0]?.cluster;
  const user = kc.users[0]?.user;
  if (!cluster || !user) throw new Error(`${kubeconfigPath} has no cluster or user`);
  const url = new URL(path, cluster.server);
  const payload = JSON.stringify(body);
  await new Promise<void>((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: fromB64(cluster['certificate-authority-data']),
        cert: fromB64(user['client-certificate-data']),
        key: fromB64(user['client-key-data']),
        headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** GPU nodes as a GPU node reports itself: the product label and nvidia.com/gpu capacity. */
async function addGpuNodes(kubeconfigPath: string): Promise<void> {
  const capacity = { cpu: '112', memory: '2Ti', 'nvidia.com/gpu': '8', pods: '110' };
  for (const name of ['gpu-node-1', 'gpu-node-2']) {
    await adminRequest(kubeconfigPath, 'POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' } },
    });
    await adminRequest(kubeconfigPath, 'PATCH', `/api/v1/nodes/${name}/status`, { status: { capacity, allocatable: capacity } }, 'application/merge-patch+json');
  }
}

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  const reason = await clusterUnavailableReason();
  if (reason) {
    const line = `[e2e] cluster specs cannot run: ${reason}; the first build (test/cluster/build.sh) takes ~8 min on 2 cores.${isCi() ? ' CI is set: they will FAIL.' : ' They will be skipped.'}`;
    console.warn(line);
    process.env[SKIP_ENV] = line;
    return undefined;
  }
  const started = Date.now();
  let cluster: TestCluster | null = null;
  try {
    cluster = await startTestCluster();
    await addGpuNodes(cluster.kubeconfigPath);
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  process.env[KUBECONFIG_ENV] = cluster.kubeconfigPath;
  process.env[RESTRICTED_KUBECONFIG_ENV] = cluster.restrictedKubeconfigPath;
  delete process.env[SKIP_ENV];
  console.log(`[e2e] kube-apiserver ${cluster.k8sVersion} at ${cluster.server} (up in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const running = cluster;
  return async () => {
    await running.stop();
  };
}
