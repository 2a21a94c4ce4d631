// Every manifest podplan generates — from the samples and from a few hundred
// random valid policies — is accepted by a real API server (server-side
// apply with dryRun=All), and a cluster without Kueue's CRDs is reported as
// such while export keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { randomPolicy } from '../../sim/cluster/testing/random-policy.ts';
import { validatePolicy } from '../../sim/cluster/validate.ts';
import { FIELD_MANAGER, generateManifests, objectRef, renderMultiDocumentYaml, type ManifestObject } from '../../sim/manifests/index.ts';
import { clusterUnavailableReason, startTestCluster, type TestCluster } from '../../test/cluster/harness.ts';
import { sharedCluster } from '../../test/cluster/shared.ts';
import { applyScenario } from './apply.ts';
import { checkCapabilities } from './capabilities.ts';
import { mapLimit } from './concurrency.ts';
import { connect, type ClusterConnection } from './connection.ts';
import { diffScenario } from './diff.ts';

const cluster = sharedCluster();
const POLICIES = 300;

/** Creates the namespaces for real (a dry-run namespace does not exist for the objects in it), then dry-runs everything. */
async function dryRunAll(connection: ClusterConnection, objects: readonly ManifestObject[]): Promise<string[]> {
  const refused: string[] = [];
  const namespaces = objects.filter((o) => o.kind === 'Namespace');
  await mapLimit(namespaces, 16, (ns) => connection.objects.apply(ns, { fieldManager: FIELD_MANAGER }));
  await mapLimit(objects, 16, async (object) => {
    try {
      await connection.call(`dry-running ${objectRef(object)}`, () => connection.objects.apply(object, { fieldManager: FIELD_MANAGER, dryRun: true }));
    } catch (error) {
      refused.push(`${objectRef(object)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return refused;
}

describe.skipIf(!cluster)('the API server accepts what podplan generates', () => {
  it('every object of both samples', async () => {
    const connection = await connect({ kubeconfigPaths: [cluster!.kubeconfigPath] });
    try {
      for (const sample of loadSamples()) {
        const objects = generateManifests(`accept-${sample.id}`, sample.cluster).map((o) =>
          // Sample names are shared with other tests on this server: rename namespaces and cluster-scoped objects.
          ({ ...o, metadata: { ...o.metadata, name: o.kind === 'Namespace' ? `acc-${o.metadata.name}` : o.metadata.name, ...(o.metadata.namespace ? { namespace: `acc-${o.metadata.namespace}` } : {}) } }),
        );
        expect(await dryRunAll(connection, objects)).toEqual([]);
      }
    } finally {
      connection.objects.close();
    }
  });

  it(`every object of ${POLICIES} random valid policies`, async () => {
    const connection = await connect({ kubeconfigPaths: [cluster!.kubeconfigPath] });
    try {
      const all: ManifestObject[] = [];
      for (let seed = 1; seed <= POLICIES; seed++) {
        const policy = randomPolicy(seed, `rp${seed}`);
        expect(validatePolicy(policy).filter((i) => i.severity === 'error'), `seed ${seed}`).toEqual([]);
        all.push(...generateManifests(`random-${seed}`, policy));
      }
      expect(all.length).toBeGreaterThan(POLICIES * 5);
      expect(await dryRunAll(connection, all)).toEqual([]);
    } finally {
      connection.objects.close();
    }
  }, 180_000);
});

describe.skipIf(!cluster)('what podplan\'s validation refuses, the API server refuses too', () => {
  it('a borrowingLimit without a cohort', async () => {
    const policy = randomPolicy(11, 'refuse');
    const queue = policy.queues[0]!;
    delete queue.cohortName;
    queue.resourceGroups[0]!.flavors[0]!.resources[0]!.borrowingLimit = '4';
    expect(validatePolicy(policy).some((i) => i.severity === 'error' && /borrowingLimit must be unset/.test(i.message))).toBe(true);
    const connection = await connect({ kubeconfigPaths: [cluster!.kubeconfigPath] });
    try {
      const clusterQueue = generateManifests('refuse', policy).find((o) => o.kind === 'ClusterQueue' && o.metadata.name === queue.clusterQueue)!;
      expect(await dryRunAll(connection, [clusterQueue])).toEqual([expect.stringMatching(/borrowingLimit must be nil when cohort is empty/)]);
    } finally {
      connection.objects.close();
    }
  });

  it('a TAS flavor without node labels, and a Topology with kubernetes.io/hostname above the lowest level', async () => {
    const policy = randomPolicy(12, 'refuse-tas');
    policy.topologies = [{ name: 'refuse-tas-topology', levels: [{ nodeLabel: 'kubernetes.io/hostname' }, { nodeLabel: 'cloud.provider.com/topology-rack' }] }];
    const flavor = policy.flavors[0]!;
    flavor.nodeLabels = {};
    flavor.topologyName = 'refuse-tas-topology';
    const messages = validatePolicy(policy).filter((i) => i.severity === 'error').map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(['at least one nodeLabel is required when topology is set', 'the kubernetes.io/hostname label can only be used at the lowest level of topology']));
    const connection = await connect({ kubeconfigPaths: [cluster!.kubeconfigPath] });
    try {
      const objects = generateManifests('refuse-tas', policy).filter((o) => o.kind === 'Topology' || (o.kind === 'ResourceFlavor' && o.metadata.name === flavor.name));
      // Each object is refused on its own; the order of the answers is not what is tested.
      const refused = await dryRunAll(connection, objects);
      expect(refused).toHaveLength(2);
      expect(refused).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/the kubernetes.io\/hostname label can only be used at the lowest level of topology/),
          expect.stringMatching(/at least one nodeLabel is required when topology is set/),
        ]),
      );
    } finally {
      connection.objects.close();
    }
  });
});

describe.skipIf(!cluster)('a cluster without Kueue', () => {
  let bare: TestCluster | null = null;
  beforeAll(async () => {
    if (await clusterUnavailableReason()) return;
    bare = await startTestCluster({ installKueueCrds: false });
  }, 120_000);
  afterAll(async () => {
    await bare?.stop();
  });

  it('is reported as missing Kueue; the diff marks Kueue objects, apply skips them and still applies the rest; export is unaffected', async () => {
    const connection = await connect({ kubeconfigPaths: [bare!.kubeconfigPath] });
    try {
      const caps = await checkCapabilities(connection);
      expect(caps.kueue.installed).toBe(false);
      expect(caps.kueue.missingKinds).toEqual(['Topology', 'ResourceFlavor', 'Cohort', 'ClusterQueue', 'LocalQueue', 'WorkloadPriorityClass']);

      const sample = loadSamples()[1]!;
      const objects = generateManifests(sample.id, sample.cluster);
      expect(renderMultiDocumentYaml(objects)).toContain('kind: ClusterQueue');

      const diff = await diffScenario(connection, sample.id, objects);
      const kueueKinds = new Set(caps.kueue.missingKinds);
      for (const object of diff.objects) {
        expect(object.status, object.ref).toBe(kueueKinds.has(object.kind) ? 'kind-missing' : 'created');
      }
      const applied = await applyScenario(connection, sample.id, objects);
      for (const result of applied.results) {
        expect(result.status, result.ref).toBe(kueueKinds.has(result.kind) ? 'skipped' : 'created');
        if (kueueKinds.has(result.kind)) expect(result.message).toMatch(/install Kueue's CRDs/);
      }
    } finally {
      connection.objects.close();
    }
  });
});
