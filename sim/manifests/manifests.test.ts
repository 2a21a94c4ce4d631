import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { kueueVersionLabel } from '../cluster/kueue-versions.ts';
import { gpuPolicy } from '../cluster/testing/policies.ts';
import { loadSamples } from '../../data/samples/index.ts';
import { APPLY_ORDER, generateManifests, MANAGED_BY_LABEL, objectRef, SCENARIO_LABEL, scenarioLabelValue } from './objects.ts';
import { renderKustomizeDirectory, renderMultiDocumentYaml } from './render.ts';

const policy = gpuPolicy(
  [
    { team: 'recs', cohort: 'pods', gpus: { h100: '8', a100: '4' }, borrowingLimit: '8' },
    { team: 'search', cohort: 'pods', gpus: { h100: '8', a100: '4' }, lendingLimit: '4' },
  ],
  {
    cohorts: [
      { name: 'ai-org', resourceGroups: [] },
      { name: 'pods', parentName: 'ai-org', fairSharingWeight: '2', resourceGroups: [] },
    ],
    priorityClasses: [
      { name: 'production-serving', value: 1000, description: 'Serving that customers wait on', preemptionPolicy: 'PreemptLowerPriority' },
      { name: 'experiment', value: 10, description: '', preemptionPolicy: 'Never' },
    ],
  },
);
policy.queues[0]!.preemption = { withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Any', borrowWithinCohort: { policy: 'LowerPriority', maxPriorityThreshold: 100 } };
policy.queues[0]!.limitRange = { defaultRequest: { cpu: '1', memory: '4Gi' }, default: { memory: '16Gi', cpu: '4' } };
// The h100 flavor is a TAS flavor: its pool sits 2 nodes a rack, one block.
policy.topologies = [{ name: 'default', levels: [{ nodeLabel: 'cloud.provider.com/topology-block' }, { nodeLabel: 'cloud.provider.com/topology-rack' }, { nodeLabel: 'kubernetes.io/hostname' }] }];
policy.flavors.find((f) => f.name === 'h100')!.topologyName = 'default';
policy.nodePools.find((p) => p.flavor === 'h100')!.topology = { nodesPerDomain: { 'cloud.provider.com/topology-block': 2, 'cloud.provider.com/topology-rack': 2 } };

/** Compares with the committed golden file; `UPDATE_GOLDEN=1 npx vitest run sim/manifests` rewrites it after a deliberate change. */
function expectGolden(name: string, text: string): void {
  const url = new URL(`./testdata/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(url, text);
  expect(text).toBe(readFileSync(url, 'utf8'));
}

describe('manifests of the built-in samples', () => {
  for (const sample of loadSamples()) {
    it(`"${sample.name}" exports byte-for-byte as its golden file`, () => {
      expectGolden(`${sample.id}.golden.yaml`, renderMultiDocumentYaml(generateManifests(sample.id, sample.cluster), null, kueueVersionLabel(sample.cluster.kueueVersion)));
    });
  }
});

describe('manifests generated from a quota policy', () => {
  const objects = generateManifests('plan-2026', policy);

  it('are byte-for-byte what the golden file holds (export is stable)', () => {
    expectGolden('two-pods.golden.yaml', renderMultiDocumentYaml(objects));
  });

  it('come out identical from identical input', () => {
    expect(renderMultiDocumentYaml(generateManifests('plan-2026', structuredClone(policy)))).toBe(renderMultiDocumentYaml(objects));
  });

  it('every object carries the managed-by and scenario labels', () => {
    for (const object of objects) {
      expect(object.metadata.labels[MANAGED_BY_LABEL], objectRef(object)).toBe('podplan');
      expect(object.metadata.labels[SCENARIO_LABEL], objectRef(object)).toBe('plan-2026');
    }
  });

  it('come in apply order: namespaces, then quotas, then flavors, cohorts, cluster queues and local queues', () => {
    const ranks = objects.map((o) => APPLY_ORDER.indexOf(o.kind as (typeof APPLY_ORDER)[number]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(objects[0]?.kind).toBe('Namespace');
    expect(objects.at(-1)?.kind).toBe('LocalQueue');
  });

  it('include every kind the product promises, on Kueue v1beta2', () => {
    const kinds = new Set(objects.map((o) => o.kind));
    expect([...kinds].sort()).toEqual([...APPLY_ORDER].sort());
    for (const o of objects.filter((x) => ['ClusterQueue', 'Cohort', 'LocalQueue', 'ResourceFlavor', 'Topology', 'WorkloadPriorityClass'].includes(x.kind))) {
      expect(o.apiVersion).toBe('kueue.x-k8s.io/v1beta2');
    }
  });

  it('a ClusterQueue names its cohort with cohortName and keeps quotas as written', () => {
    const recs = objects.find((o) => o.kind === 'ClusterQueue' && o.metadata.name === 'recs');
    expect(recs?.spec).toMatchObject({
      cohortName: 'pods',
      resourceGroups: [{ coveredResources: ['nvidia.com/gpu'], flavors: [{ name: 'h100', resources: [{ name: 'nvidia.com/gpu', nominalQuota: '8', borrowingLimit: '8' }] }, { name: 'a100' }] }],
    });
  });

  it('a TAS flavor names its Topology, which comes before it with its levels and the node layout the plan assumes', () => {
    const topology = objects.find((o) => o.kind === 'Topology');
    expect(topology).toEqual({
      apiVersion: 'kueue.x-k8s.io/v1beta2',
      kind: 'Topology',
      metadata: {
        name: 'default',
        labels: { [MANAGED_BY_LABEL]: 'podplan', [SCENARIO_LABEL]: 'plan-2026' },
        annotations: { 'podplan.io/node-layout': 'h100-pool (flavor h100): 2 nodes per rack, 2 nodes per block' },
      },
      spec: { levels: [{ nodeLabel: 'cloud.provider.com/topology-block' }, { nodeLabel: 'cloud.provider.com/topology-rack' }, { nodeLabel: 'kubernetes.io/hostname' }] },
    });
    const h100 = objects.find((o) => o.kind === 'ResourceFlavor' && o.metadata.name === 'h100');
    expect(h100?.spec).toEqual({ nodeLabels: { 'nvidia.com/gpu.product': 'H100' }, topologyName: 'default' });
    expect(objects.find((o) => o.kind === 'ResourceFlavor' && o.metadata.name === 'a100')?.spec).not.toHaveProperty('topologyName');
    expect(objects.indexOf(topology!)).toBeLessThan(objects.indexOf(h100!));
  });

  it('a policy without topologies exports no Topology and no topologyName', () => {
    const plain = generateManifests('plan-2026', { ...structuredClone(policy), topologies: undefined, flavors: policy.flavors.map((f) => ({ ...f, topologyName: undefined })) });
    expect(plain.some((o) => o.kind === 'Topology' || JSON.stringify(o).includes('topologyName'))).toBe(false);
  });

  it('a kustomize directory lists one file per object in apply order', () => {
    const files = renderKustomizeDirectory(objects);
    const kustomization = parse(files.get('kustomization.yaml')!) as { resources: string[] };
    expect(kustomization.resources).toHaveLength(objects.length);
    expect(files.size).toBe(objects.length + 1);
    expect(kustomization.resources[0]).toBe('namespace/team-recs.yaml');
    expect(parse(files.get('cluster-queue/recs.yaml')!)).toEqual(objects.find((o) => o.kind === 'ClusterQueue' && o.metadata.name === 'recs'));
  });

  it('the multi-document YAML parses back to the same objects', () => {
    const docs = parseAllDocuments(renderMultiDocumentYaml(objects)).map((d) => d.toJSON());
    expect(docs).toEqual(objects);
  });

  it('a scenario id that is not a valid label value is replaced by a stable hash', () => {
    expect(scenarioLabelValue('My plan / Q3')).toMatch(/^scenario-[0-9a-f]{8}$/);
    expect(scenarioLabelValue('My plan / Q3')).toBe(scenarioLabelValue('My plan / Q3'));
  });
});
