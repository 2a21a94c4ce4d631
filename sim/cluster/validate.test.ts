import { describe, expect, it } from 'vitest';
import { BLOCK, gpuPolicy, RACK, tasPolicy } from './testing/policies.ts';
import { hasErrors, validatePolicy } from './validate.ts';

const errorsAt = (issues: ReturnType<typeof validatePolicy>) => issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`);

describe('quota policy validation mirrors what the API server and Kueue refuse', () => {
  it('a well-formed policy has no errors', () => {
    const policy = gpuPolicy([
      { team: 'recs', cohort: 'pods', gpus: { h100: '8' }, borrowingLimit: '4' },
      { team: 'search', cohort: 'pods', gpus: { h100: '8' }, lendingLimit: '2' },
    ]);
    expect(errorsAt(validatePolicy(policy))).toEqual([]);
  });

  it('borrowingLimit without a cohort is refused, naming the field', () => {
    const issues = validatePolicy(gpuPolicy([{ team: 'solo', gpus: { h100: '8' }, borrowingLimit: '2' }]));
    expect(errorsAt(issues)).toEqual([
      'cluster.queues[0].resourceGroups[0].flavors[0].resources[0].borrowingLimit: borrowingLimit must be unset when the queue has no cohort (there is no one to borrow from)',
    ]);
  });

  it('negative and malformed quotas are refused', () => {
    const issues = validatePolicy(gpuPolicy([{ team: 'a', gpus: { h100: '-1' } }, { team: 'b', gpus: { h100: 'eight' } }]));
    expect(errorsAt(issues).join('\n')).toMatch(/queues\[0\].*nominalQuota: must not be negative/);
    expect(errorsAt(issues).join('\n')).toMatch(/queues\[1\].*nominalQuota: "eight" is not a Kubernetes quantity/);
  });

  it('names must be DNS-1123: an upper-case namespace is refused', () => {
    const policy = gpuPolicy([{ team: 'a', gpus: { h100: '1' } }]);
    policy.queues[0]!.namespace = 'Team_A';
    expect(errorsAt(validatePolicy(policy))[0]).toMatch(/^cluster\.queues\[0\]\.namespace: namespace must be lower-case/);
  });

  it('a lendingLimit above the nominal quota is refused', () => {
    const issues = validatePolicy(gpuPolicy([{ team: 'a', cohort: 'c', gpus: { h100: '4' }, lendingLimit: '5' }]));
    expect(errorsAt(issues)[0]).toMatch(/lendingLimit \(5\) must not exceed nominalQuota \(4\)/);
  });

  it('a queue naming a flavor that does not exist is refused', () => {
    const policy = gpuPolicy([{ team: 'a', gpus: { h100: '4' } }]);
    policy.flavors = [];
    policy.nodePools = [];
    expect(errorsAt(validatePolicy(policy))[0]).toMatch(/ResourceFlavor "h100" is not defined/);
  });

  it('a cohort cycle is refused', () => {
    const policy = gpuPolicy([{ team: 'a', cohort: 'x', gpus: { h100: '4' } }], {
      cohorts: [
        { name: 'x', parentName: 'y', resourceGroups: [] },
        { name: 'y', parentName: 'x', resourceGroups: [] },
      ],
    });
    expect(errorsAt(validatePolicy(policy)).join('\n')).toMatch(/cycle/);
  });

  it('borrowWithinCohort needs reclaimWithinCohort', () => {
    const policy = gpuPolicy([{ team: 'a', cohort: 'c', gpus: { h100: '4' } }]);
    policy.queues[0]!.preemption.borrowWithinCohort.policy = 'LowerPriority';
    expect(hasErrors(validatePolicy(policy))).toBe(true);
  });

  it('two teams in one namespace and two ClusterQueues with one name are refused', () => {
    const policy = gpuPolicy([{ team: 'a', gpus: { h100: '4' } }, { team: 'b', gpus: { h100: '4' } }]);
    policy.queues[1]!.namespace = policy.queues[0]!.namespace;
    policy.queues[1]!.clusterQueue = policy.queues[0]!.clusterQueue;
    const errors = errorsAt(validatePolicy(policy)).join('\n');
    expect(errors).toMatch(/Team namespace "team-a" is defined twice/);
    expect(errors).toMatch(/ClusterQueue "a" is defined twice/);
  });

  it('a cohort without a Cohort object is only a warning (Kueue creates it implicitly)', () => {
    const issues = validatePolicy(gpuPolicy([{ team: 'a', cohort: 'implicit', gpus: { h100: '4' } }]));
    expect(errorsAt(issues)).toEqual([]);
    expect(issues.some((i) => i.severity === 'warning' && /implicitly/.test(i.message))).toBe(true);
  });
});

describe('topology-aware scheduling: Topology objects, TAS flavors and pool layouts', () => {
  const tas = () => tasPolicy({ teams: [{ team: 'ml', gpus: '16' }], nodes: 8, nodesPerRack: 2, nodesPerBlock: 4 });

  it('a laid-out TAS cluster has no errors', () => {
    expect(errorsAt(validatePolicy(tas()))).toEqual([]);
  });

  it('a flavor naming a Topology that does not exist is refused', () => {
    const policy = tas();
    policy.flavors[0]!.topologyName = 'datacenter';
    expect(errorsAt(validatePolicy(policy))).toContain('cluster.flavors[0].topologyName: Topology "datacenter" is not defined; Kueue keeps ClusterQueues using flavor "h100-tas" inactive until it exists');
  });

  it('a TAS flavor without node labels is refused with Kueue\'s message', () => {
    const policy = tas();
    policy.flavors[0]!.nodeLabels = {};
    expect(errorsAt(validatePolicy(policy))).toContain('cluster.flavors[0].nodeLabels: at least one nodeLabel is required when topology is set');
  });

  it('a node pool of a TAS flavor must say how its nodes sit in every level', () => {
    const policy = tas();
    policy.nodePools[0]!.topology = { nodesPerDomain: { [RACK]: 2 } };
    expect(errorsAt(validatePolicy(policy))).toEqual([
      'cluster.nodePools[0].topology: node pool "h100-tas pool" is in TAS flavor "h100-tas" (Topology "default"): set nodes per block (cloud.provider.com/topology-block) so its nodes carry the topology labels',
    ]);
  });

  it('a block must hold whole racks, and a layout may only name levels of the Topology', () => {
    const policy = tas();
    policy.nodePools[0]!.topology = { nodesPerDomain: { [BLOCK]: 5, [RACK]: 2, 'example.com/zone': 1 } };
    expect(errorsAt(validatePolicy(policy))).toEqual([
      'cluster.nodePools[0].topology.nodesPerDomain: "example.com/zone" is not a level of Topology "default" (levels: cloud.provider.com/topology-block, cloud.provider.com/topology-rack, kubernetes.io/hostname)',
      'cluster.nodePools[0].topology.nodesPerDomain: nodes per block (5) must be a whole number of racks of 2 nodes',
    ]);
  });

  it('Topology levels are unique, at least one, and kubernetes.io/hostname only at the lowest level', () => {
    const policy = tas();
    policy.topologies = [
      { name: 'default', levels: [{ nodeLabel: 'kubernetes.io/hostname' }, { nodeLabel: RACK }, { nodeLabel: RACK }] },
      { name: 'empty', levels: [] },
    ];
    expect(errorsAt(validatePolicy(policy))).toEqual(
      expect.arrayContaining([
        'cluster.topologies[0].levels[0].nodeLabel: the kubernetes.io/hostname label can only be used at the lowest level of topology',
        'cluster.topologies[0].levels[2].nodeLabel: level "cloud.provider.com/topology-rack" appears twice; levels must be unique',
        'cluster.topologies[1].levels: a Topology needs at least one level (e.g. cloud.provider.com/topology-rack)',
      ]),
    );
  });
});
