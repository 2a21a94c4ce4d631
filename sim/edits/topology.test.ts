import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../cluster/validate.ts';
import { makeClusterScenario } from '../scenario/testing/cluster-scenarios.ts';
import { addTopology, removeTopology, renameTopology, requestableLevels, setFlavorTopology, setPoolNodesPerDomain } from './topology.ts';

const RACK = 'cloud.provider.com/topology-rack';
const BLOCK = 'cloud.provider.com/topology-block';

describe('topology edits', () => {
  it('a topology with Kueue\'s example levels, a flavor following it and its pool laid out make a valid TAS policy', () => {
    let s = makeClusterScenario();
    const flavor = s.cluster.nodePools[0]!.flavor;
    const added = addTopology(s);
    expect(added.name).toBe('default');
    s = setFlavorTopology(added.scenario, flavor, 'default');
    const pool = s.cluster.nodePools[0]!.id;
    expect(validatePolicy(s.cluster).some((i) => i.path.startsWith('cluster.nodePools[0].topology') && i.severity === 'error')).toBe(true);
    s = setPoolNodesPerDomain(setPoolNodesPerDomain(s, pool, RACK, 2), pool, BLOCK, 4);
    expect(validatePolicy(s.cluster).filter((i) => i.severity === 'error' && /topolog/i.test(i.path))).toEqual([]);
    const queue = s.cluster.queues.find((q) => q.resourceGroups.some((g) => g.flavors.some((f) => f.name === flavor)))!;
    expect(requestableLevels(s.cluster, queue.clusterQueue)).toEqual([BLOCK, RACK, 'kubernetes.io/hostname']);
  });

  it('renaming a topology carries its flavors along; removing it makes them ordinary flavors again', () => {
    let s = addTopology(makeClusterScenario()).scenario;
    const flavor = s.cluster.flavors[0]!.name;
    s = setFlavorTopology(s, flavor, 'default');
    s = renameTopology(s, 0, 'datacenter');
    expect(s.cluster.flavors[0]!.topologyName).toBe('datacenter');
    s = removeTopology(s, 0);
    expect(s.cluster.topologies).toBeUndefined();
    expect(s.cluster.flavors[0]!.topologyName).toBeUndefined();
  });

  it('clearing the last level of a layout removes the layout; an edit that changes nothing keeps the scenario', () => {
    const s = makeClusterScenario();
    const pool = s.cluster.nodePools[0]!.id;
    const laid = setPoolNodesPerDomain(s, pool, RACK, 2);
    expect(laid.cluster.nodePools[0]!.topology).toEqual({ nodesPerDomain: { [RACK]: 2 } });
    expect(setPoolNodesPerDomain(laid, pool, RACK, 2)).toBe(laid);
    expect(setPoolNodesPerDomain(laid, pool, RACK, undefined).cluster.nodePools[0]!.topology).toBeUndefined();
  });
});
