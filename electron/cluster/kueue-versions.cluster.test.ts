// The scenario's target Kueue version against API servers with that
// version's CRDs (one cluster per release in versions.env's KUEUE_VERSIONS):
// a sample's export is accepted (server-side apply, dryRun=All) by the
// version it targets; the 0.19-only ClusterQueue field is accepted by 0.19,
// refused by Podplan for a 0.16 target and by a 0.16 API server alike; and
// the version a cluster runs is detected from its CRDs and manager image.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { KueueVersion } from '../../sim/cluster/kueue-versions.ts';
import type { Cluster } from '../../sim/cluster/schema.ts';
import { validatePolicy } from '../../sim/cluster/validate.ts';
import { FIELD_MANAGER, generateManifests, objectRef, type ManifestObject } from '../../sim/manifests/index.ts';
import { clusterUnavailableReason, pinnedVersions, startTestCluster, type TestCluster } from '../../test/cluster/harness.ts';
import { sharedCluster } from '../../test/cluster/shared.ts';
import { mapLimit } from './concurrency.ts';
import { connect, type ClusterConnection } from './connection.ts';
import { detectKueueVersion, KUEUE_MANAGER_DEPLOYMENT, KUEUE_MANAGER_NAMESPACE } from './kueue-version.ts';

const shared = sharedCluster();
const RELEASES: Record<KueueVersion, string> = { '0.16': 'v0.16.2', '0.19': 'v0.19.2' };

/** Creates the namespaces for real (a dry-run namespace does not exist for the objects in it), then dry-runs everything. */
async function dryRunAll(connection: ClusterConnection, objects: readonly ManifestObject[], fieldValidation?: 'Ignore'): Promise<string[]> {
  const refused: string[] = [];
  await mapLimit(
    objects.filter((o) => o.kind === 'Namespace'),
    8,
    (ns) => connection.objects.apply(ns, { fieldManager: FIELD_MANAGER }),
  );
  await mapLimit(objects, 8, async (object) => {
    try {
      await connection.call(`dry-running ${objectRef(object)}`, () => connection.objects.apply(object, { fieldManager: FIELD_MANAGER, dryRun: true, ...(fieldValidation ? { fieldValidation } : {}) }));
    } catch (error) {
      refused.push(`${objectRef(object)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return refused;
}

function sampleFor(version: KueueVersion, concurrentAdmission = false): Cluster {
  const sample = loadSamples()[1]!;
  const cluster: Cluster = { ...structuredClone(sample.cluster), kueueVersion: version };
  if (concurrentAdmission) cluster.queues[0] = { ...cluster.queues[0]!, concurrentAdmission: { migrationMode: 'TryPreferredFlavors' } };
  return cluster;
}

describe.skipIf(!shared)('each Kueue version Podplan targets, against an API server with its CRDs', () => {
  const servers: Partial<Record<KueueVersion, { cluster: TestCluster; connection: ClusterConnection }>> = {};
  const server = (version: KueueVersion) => servers[version]!;
  beforeAll(async () => {
    for (const [version, release] of Object.entries(RELEASES) as Array<[KueueVersion, string]>) {
      const reason = await clusterUnavailableReason(release);
      if (reason) throw new Error(`cannot start a cluster with Kueue ${release}: ${reason}`);
      const cluster = await startTestCluster({ kueueRelease: release });
      servers[version] = { cluster, connection: await connect({ kubeconfigPaths: [cluster.kubeconfigPath] }) };
    }
  }, 240_000);
  afterAll(async () => {
    for (const { cluster, connection } of Object.values(servers)) {
      connection.objects.close();
      await cluster.stop();
    }
  });

  it('versions.env fetches the CRDs of both targets', () => {
    expect(pinnedVersions().kueueReleases).toEqual(Object.values(RELEASES));
  });

  for (const [version, release] of Object.entries(RELEASES) as Array<[KueueVersion, string]>) {
    describe(`Kueue ${release}`, () => {
      it(`accepts the export of a sample that targets Kueue ${version} (dryRun=All)`, async () => {
        expect(server(version).cluster.kueueRelease).toBe(release);
        const cluster = sampleFor(version);
        expect(validatePolicy(cluster).filter((i) => i.severity === 'error')).toEqual([]);
        const objects = generateManifests(`kver-${version}`, cluster);
        expect(objects.some((o) => o.kind === 'ClusterQueue')).toBe(true);
        expect(await dryRunAll(server(version).connection, objects)).toEqual([]);
      });

      it('is detected from its CRDs, and from the manager image where there is one', async () => {
        const { connection } = server(version);
        const fromCrds = await detectKueueVersion(connection);
        expect(fromCrds).toMatchObject({ installed: true, managerRelease: null, target: version });
        expect(fromCrds.served).toEqual(['v1beta1', 'v1beta2']);
        expect(fromCrds.notes.join(' ')).toMatch(/No Deployment kueue-system\/kueue-controller-manager/);

        await connection.objects.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: KUEUE_MANAGER_NAMESPACE } }, { fieldManager: FIELD_MANAGER });
        const labels = { 'control-plane': 'controller-manager' };
        await connection.objects.apply(
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: KUEUE_MANAGER_DEPLOYMENT, namespace: KUEUE_MANAGER_NAMESPACE, labels },
            spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'manager', image: `registry.k8s.io/kueue/kueue:${release}` }] } } },
          },
          { fieldManager: FIELD_MANAGER },
        );
        const fromManager = await detectKueueVersion(connection);
        expect(fromManager).toMatchObject({ managerRelease: release, target: version });
        expect(fromManager.notes).toContain(`The Kueue manager runs ${release} (image of Deployment kueue-system/kueue-controller-manager).`);
      });
    });
  }

  describe('ClusterQueue concurrentAdmissionPolicy, a field of Kueue 0.18 and newer', () => {
    /** The flavors it needs, then the ClusterQueue that carries the field. */
    function clusterQueueObjects(cluster: Cluster): ManifestObject[] {
      return generateManifests('kver-cap', cluster).filter((o) => o.kind === 'ResourceFlavor' || (o.kind === 'ClusterQueue' && o.metadata.name === cluster.queues[0]!.clusterQueue));
    }

    it('is exported for a 0.19 target and accepted by the 0.19 API server', async () => {
      const cluster = sampleFor('0.19', true);
      expect(validatePolicy(cluster).filter((i) => i.severity === 'error')).toEqual([]);
      const objects = clusterQueueObjects(cluster);
      expect(objects.find((o) => o.kind === 'ClusterQueue')!.spec).toMatchObject({ concurrentAdmissionPolicy: { migration: { mode: 'TryPreferredFlavors' } } });
      expect(await dryRunAll(server('0.19').connection, objects)).toEqual([]);
    });

    it('is refused by Podplan for a 0.16 target, naming the field and the version that brought it, as the 0.16 API server refuses it', async () => {
      const cluster = sampleFor('0.16', true);
      const errors = validatePolicy(cluster).filter((i) => i.severity === 'error');
      expect(errors).toEqual([
        {
          severity: 'error',
          path: 'cluster.queues[0].concurrentAdmission',
          message: `ClusterQueue "${cluster.queues[0]!.clusterQueue}": ClusterQueue.spec.concurrentAdmissionPolicy needs Kueue 0.18 or newer; this scenario targets Kueue 0.16. Target a newer Kueue version or remove it.`,
        },
      ]);
      // Why it matters: the 0.16 CRD has no such field, and server-side apply refuses a field its schema does not declare.
      expect(await dryRunAll(server('0.16').connection, clusterQueueObjects(cluster))).toEqual([expect.stringMatching(/concurrentAdmissionPolicy: field not declared in schema/)]);
      // Also as apply and diff send it (fieldValidation=Ignore, as kubectl --validate=false): the field is refused, never dropped in silence.
      expect(await dryRunAll(server('0.16').connection, clusterQueueObjects(cluster), 'Ignore')).toEqual([expect.stringMatching(/concurrentAdmissionPolicy: field not declared in schema/)]);
    });
  });
});
