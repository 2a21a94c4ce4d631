// For test files: the cluster that the cluster project's globalSetup started.
//
//   const cluster = sharedCluster();
//   describe.skipIf(!cluster)('…', () => { … cluster!.kubeconfigPath … });
import { inject } from 'vitest';
import type { SharedClusterInfo } from './context.ts';

export type { SharedClusterInfo } from './context.ts';

export interface SharedCluster extends SharedClusterInfo {
  /** Kill the API server (etcd keeps running). Default SIGKILL, like a crash. */
  killApiServer(signal?: NodeJS.Signals): Promise<void>;
  /** Start it again on the same port; resolves once /readyz is ok. */
  restartApiServer(): Promise<void>;
}

async function control(info: SharedClusterInfo, action: string): Promise<void> {
  const res = await fetch(`${info.controlUrl}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`cluster control ${action}: HTTP ${res.status}: ${await res.text()}`);
}

/** The shared test cluster, or null when it is not available here (tests should skip). */
export function sharedCluster(): SharedCluster | null {
  const info = inject('podplanCluster');
  if (!info) return null;
  return {
    ...info,
    killApiServer: (signal = 'SIGKILL') => control(info, `kill-apiserver?signal=${signal}`),
    restartApiServer: () => control(info, 'restart-apiserver'),
  };
}
