// vitest globalSetup for the cluster project: starts one kube-apiserver + etcd
// for the whole run, provides its kubeconfigs to tests (inject('podplanCluster'),
// and PODPLAN_TEST_KUBECONFIG / PODPLAN_TEST_RESTRICTED_KUBECONFIG in the
// environment), and stops it in teardown. Tests reach killApiServer() /
// restartApiServer() through a loopback control endpoint (see shared.ts),
// because the cluster lives in this process, not in the test workers.
//
// When the binaries are not built (or openssl is missing) it prints one skip
// line and the tests skip, unless CI is set: then it fails.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { TestProject } from 'vitest/node';
import { isCi, type SharedClusterInfo } from './context.ts';
import { clusterUnavailableReason, startTestCluster, type TestCluster } from './harness.ts';

function startControlServer(cluster: TestCluster): Promise<{ url: string; close(): Promise<void> }> {
  const token = randomBytes(16).toString('hex');
  let queue: Promise<unknown> = Promise.resolve();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, reqToken, action] = url.pathname.split('/');
    const run = (fn: () => Promise<void>): void => {
      const next = queue.then(fn);
      queue = next.catch(() => {});
      next.then(
        () => res.writeHead(204).end(),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    };
    if (req.method !== 'POST' || reqToken !== token) {
      res.writeHead(404).end();
    } else if (action === 'kill-apiserver') {
      const signal = (url.searchParams.get('signal') ?? 'SIGKILL') as NodeJS.Signals;
      run(() => cluster.killApiServer(signal));
    } else if (action === 'restart-apiserver') {
      run(() => cluster.restartApiServer());
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/${token}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = await clusterUnavailableReason();
  if (reason) {
    if (isCi()) throw new Error(`[cluster] cluster tests cannot run and CI is set: ${reason}`);
    const line = `[cluster] SKIPPING cluster tests: ${reason}; the first build takes ~8 min on 2 cores. With CI=true this fails instead.`;
    console.warn(line);
    project.provide('podplanCluster', null);
    project.provide('podplanClusterSkipReason', line);
    return async () => {};
  }

  const started = Date.now();
  const cluster = await startTestCluster();
  const control = await startControlServer(cluster);
  const info: SharedClusterInfo = {
    kubeconfigPath: cluster.kubeconfigPath,
    restrictedKubeconfigPath: cluster.restrictedKubeconfigPath,
    server: cluster.server,
    caPem: cluster.caPem,
    k8sVersion: cluster.k8sVersion,
    kueueRelease: cluster.kueueRelease,
    controlUrl: control.url,
  };
  project.provide('podplanCluster', info);
  project.provide('podplanClusterSkipReason', '');
  process.env.PODPLAN_TEST_KUBECONFIG = cluster.kubeconfigPath;
  process.env.PODPLAN_TEST_RESTRICTED_KUBECONFIG = cluster.restrictedKubeconfigPath;
  console.log(`[cluster] kube-apiserver ${cluster.k8sVersion} with Kueue ${cluster.kueueRelease ?? 'none'} CRDs at ${cluster.server} (up in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  return async () => {
    await control.close();
    await cluster.stop();
  };
}
