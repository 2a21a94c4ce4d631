// `podplan sweep job`'s Indexed Job and ConfigMap are accepted by a real API
// server (server-side apply with dryRun=All), and a malformed variant is
// refused by it: the manifests are valid batch/v1, not just plausible YAML.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { FIELD_MANAGER, type ManifestObject } from '../../sim/manifests/index.ts';
import { sharedCluster } from '../../test/cluster/shared.ts';
import { connect, type ClusterConnection } from '../cluster/connection.ts';
import { runCli } from './test-support.ts';

const cluster = sharedCluster();
const PODS = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const POLICIES = fileURLToPath(new URL('../../data/sweeps/three-pilot-pods.policies.json', import.meta.url));
const NAMESPACE = 'podplan-sweep-job-test';

async function dryRun(connection: ClusterConnection, object: ManifestObject): Promise<string | null> {
  try {
    await connection.call(`dry-running ${object.kind}`, () => connection.objects.apply(object, { fieldManager: FIELD_MANAGER, dryRun: true }));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe.skipIf(!cluster)('podplan sweep job against a real API server', () => {
  it('the Indexed Job and its ConfigMap are accepted (results on stdout, and on a claim); a Job with backoffLimitPerIndex but not Indexed is refused', async () => {
    const connection = await connect({ kubeconfigPaths: [cluster!.kubeconfigPath] });
    try {
      await connection.objects.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } } as ManifestObject, { fieldManager: FIELD_MANAGER });
      for (const extra of [[], ['--pvc', 'sweep-results', '--pvc-path', 'run-1', '--parallelism', '2', '--cpu', '500m', '--memory', '1Gi', '--ttl', '3600']]) {
        const run = await runCli(['sweep', 'job', PODS, '--policies', POLICIES, '--seeds', '3', '--shards', '4', '--image', 'registry.example.com/podplan:0.1.0', '--namespace', NAMESPACE, ...extra], { cwd: '/' });
        expect(run.code, run.stderr).toBe(0);
        const objects = parseAllDocuments(run.stdout).map((d) => d.toJSON() as ManifestObject);
        expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Job']);
        for (const object of objects) expect(await dryRun(connection, object), `${object.kind} ${extra.join(' ')}`).toBeNull();
      }
      const run = await runCli(['sweep', 'job', PODS, '--policies', POLICIES, '--seeds', '2', '--shards', '2', '--image', 'podplan:test', '--namespace', NAMESPACE], { cwd: '/' });
      const job = parseAllDocuments(run.stdout)[1]!.toJSON() as ManifestObject & { spec: Record<string, unknown> };
      const refused = await dryRun(connection, { ...job, spec: { ...job.spec, completionMode: 'NonIndexed' } } as ManifestObject);
      expect(refused).toMatch(/backoffLimitPerIndex/);
    } finally {
      connection.objects.close();
    }
  });
});
