/**
 * Apply 100 team namespaces with quotas and queues to a real kube-apiserver
 * (docs/performance-targets.md: ≤ 3 s; re-apply with no change ≤ 1.5 s). Each run uses a
 * fresh scenario id and namespaces, so every first apply creates everything.
 */
import { gpuPolicy } from '../../sim/cluster/testing/policies.ts';
import { generateManifests } from '../../sim/manifests/objects.ts';
import { applyScenario } from '../../electron/cluster/apply.ts';
import { connect } from '../../electron/cluster/connection.ts';
import { clusterUnavailableReason, startTestCluster } from '../cluster/harness.ts';
import { median, type BenchResult } from './types.ts';

const TEAMS = 100;

export async function benchClusterApply(runs = 5): Promise<BenchResult[]> {
  const unavailable = await clusterUnavailableReason();
  if (unavailable) throw new Error(`no test API server: ${unavailable}`);
  const cluster = await startTestCluster();
  try {
    const applyMs: number[] = [];
    const reapplyMs: number[] = [];
    const latencies: number[] = [];
    let objects = 0;
    let requests = { apply: 0, reapply: 0 };
    for (let run = 0; run < runs; run++) {
      const id = `bench-${run}`;
      const policy = gpuPolicy(Array.from({ length: TEAMS }, (_, i) => ({ team: `${id}-team-${i}`, cohort: `${id}-org`, gpus: { h100: '8' } })));
      // Cluster-scoped flavors are per run too, or run 2 would find run 1's flavor (another scenario's) and skip it.
      policy.flavors = [{ name: `${id}-h100`, nodeLabels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' }, nodeTaints: [] }];
      policy.nodePools = [];
      for (const q of policy.queues) {
        q.resourceGroups[0]!.flavors[0]!.name = `${id}-h100`;
        q.limitRange = { defaultRequest: { cpu: '1', memory: '4Gi' }, default: { cpu: '4', memory: '16Gi' } };
      }
      const manifests = generateManifests(id, policy);
      objects = manifests.length;
      const connection = await connect({ kubeconfigPaths: [cluster.kubeconfigPath] });
      let last = performance.now();
      const t0 = performance.now();
      const first = await applyScenario(connection, id, manifests, {
        onProgress: () => {
          const now = performance.now();
          latencies.push(now - last);
          last = now;
        },
      });
      applyMs.push(performance.now() - t0);
      if (!first.complete) throw new Error(`apply run ${run} incomplete: ${JSON.stringify(first.counts)}`);
      const t1 = performance.now();
      const again = await applyScenario(connection, id, manifests);
      reapplyMs.push(performance.now() - t1);
      if (again.counts.unchanged !== manifests.length) throw new Error(`re-apply run ${run} changed objects: ${JSON.stringify(again.counts)}`);
      requests = { apply: first.requests, reapply: again.requests };
      connection.objects.close();
    }
    const apply = median(applyMs);
    const reapply = median(reapplyMs);
    return [
      {
        name: `apply ${TEAMS} team namespaces with quotas and queues (${objects} objects)`,
        value: Math.round(apply),
        unit: 'ms',
        target: '≤ 3000 ms',
        pass: apply <= 3000,
        detail: `median of ${runs}; ${requests.apply} requests; median gap between object results ${median(latencies).toFixed(1)} ms`,
      },
      {
        name: `re-apply unchanged (${objects} objects)`,
        value: Math.round(reapply),
        unit: 'ms',
        target: '≤ 1500 ms',
        pass: reapply <= 1500,
        detail: `median of ${runs}; ${requests.reapply} requests (one list per kind, no writes)`,
      },
    ];
  } finally {
    await cluster.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchClusterApply()) console.log(`${r.name}: ${r.value} ${r.unit} (target ${r.target}) ${r.detail ?? ''}`);
}
