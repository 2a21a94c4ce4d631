import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { gpuPolicy } from '../cluster/testing/policies.ts';
import { kueueConfiguration } from './kueue-config.ts';
import { generateManifests } from './objects.ts';
import { KUEUE_CONFIGURATION_FILE, renderKustomizeDirectory, renderMultiDocumentYaml } from './render.ts';

function sharedQueuePolicy() {
  const policy = gpuPolicy([{ team: 'research', gpus: { h100: '16' } }]);
  const queue = policy.queues[0]!;
  queue.admissionScope = { admissionMode: 'UsageBasedAdmissionFairSharing' };
  queue.localQueueFairSharingWeight = '2';
  queue.extraLocalQueues = [{ name: 'vision' }, { name: 'speech', fairSharingWeight: '500m' }];
  policy.admissionFairSharing = { usageHalfLifeTime: '168h', usageSamplingInterval: '5m', resourceWeights: { 'nvidia.com/gpu': 1, cpu: 0 } };
  return policy;
}

describe('admission fair sharing in the exported manifests', () => {
  const policy = sharedQueuePolicy();
  const objects = generateManifests('plan', policy);
  const queue = policy.queues[0]!;

  it('the ClusterQueue carries spec.admissionScope.admissionMode', () => {
    const cq = objects.find((o) => o.kind === 'ClusterQueue')!;
    expect((cq.spec as Record<string, unknown>).admissionScope).toEqual({ admissionMode: 'UsageBasedAdmissionFairSharing' });
  });

  it("every LocalQueue of the team points at its ClusterQueue with its spec.fairSharing.weight, as written; unset stays unset (Kueue's 1)", () => {
    const lqs = objects.filter((o) => o.kind === 'LocalQueue').map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace, spec: o.spec }));
    expect(lqs).toEqual([
      { name: queue.localQueue, namespace: queue.namespace, spec: { clusterQueue: queue.clusterQueue, fairSharing: { weight: '2' } } },
      { name: 'speech', namespace: queue.namespace, spec: { clusterQueue: queue.clusterQueue, fairSharing: { weight: '500m' } } },
      { name: 'vision', namespace: queue.namespace, spec: { clusterQueue: queue.clusterQueue } },
    ].sort((a, b) => (a.name < b.name ? -1 : 1)));
  });

  it("gives the Kueue Configuration fragment to set: admissionFairSharing with the policy's half-life, interval and weights", () => {
    expect(kueueConfiguration(policy)).toEqual({
      apiVersion: 'config.kueue.x-k8s.io/v1beta2',
      kind: 'Configuration',
      admissionFairSharing: { usageHalfLifeTime: '168h', usageSamplingInterval: '5m', resourceWeights: { cpu: 0, 'nvidia.com/gpu': 1 } },
    });
    expect(kueueConfiguration({ ...policy, fairSharing: true })?.fairSharing).toEqual({ preemptionStrategies: ['LessThanOrEqualToFinalShare', 'LessThanInitialShare'] });
    expect(kueueConfiguration({ ...policy, admissionFairSharing: undefined })).toBeNull();
  });

  it('the multi-document YAML shows the fragment as comments in its header, so kubectl still applies exactly the objects', () => {
    const yaml = renderMultiDocumentYaml(objects, kueueConfiguration(policy));
    const header = yaml.slice(0, yaml.indexOf('---'));
    expect(header).toContain('ConfigMap kueue-manager-config');
    expect(header).toContain('#   admissionFairSharing:');
    expect(header).toContain('#     usageHalfLifeTime: 168h');
    expect(parseAllDocuments(yaml).map((d) => d.toJSON())).toEqual(objects);
  });

  it('a kustomize directory carries the fragment beside the objects, outside its resources', () => {
    const files = renderKustomizeDirectory(objects, kueueConfiguration(policy));
    expect(parse(files.get(KUEUE_CONFIGURATION_FILE)!)).toEqual(kueueConfiguration(policy));
    expect((parse(files.get('kustomization.yaml')!) as { resources: string[] }).resources).not.toContain(KUEUE_CONFIGURATION_FILE);
  });
});
