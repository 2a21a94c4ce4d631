// What the cluster project's globalSetup hands to tests through vitest's
// provide/inject (plain data only: it crosses into worker processes).
export interface SharedClusterInfo {
  kubeconfigPath: string;
  restrictedKubeconfigPath: string;
  server: string;
  caPem: string;
  k8sVersion: string;
  /** The Kueue release whose CRDs the shared cluster has (e.g. v0.16.2). */
  kueueRelease: string | null;
  /** Loopback URL of global-setup's control endpoint (kill/restart the API server). */
  controlUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when the cluster could not start here and the tests skip. */
    podplanCluster: SharedClusterInfo | null;
    podplanClusterSkipReason: string;
  }
}

export function isCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}
