import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../cluster/validate.ts';
import { makeClusterScenario } from '../scenario/testing/cluster-scenarios.ts';
import { addTopology, removeTopology, renameTopology, requestableLevels, setFlavorTopology, setPoolNodesPerDomain, setTopologyLevels } from './topology.ts';

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

  it('the pools\' layouts follow their levels: a renamed level keeps its nodes, a removed one takes them away, an emptied one names the level', () => {
    let s = addTopology(makeClusterScenario()).scenario;
    const flavor = s.cluster.nodePools[0]!.flavor;
    s = setFlavorTopology(s, flavor, 'default');
    const pool = s.cluster.nodePools[0]!.id;
    s = setPoolNodesPerDomain(setPoolNodesPerDomain(s, pool, RACK, 2), pool, BLOCK, 4);
    const levels = s.cluster.topologies![0]!.levels.map((l) => l.nodeLabel);
    const renamed = setTopologyLevels(s, 0, levels.map((l) => (l === RACK ? 'example.com/rack' : l)));
    expect(renamed.cluster.nodePools[0]!.topology).toEqual({ nodesPerDomain: { [BLOCK]: 4, 'example.com/rack': 2 } });
    const removed = setTopologyLevels(s, 0, levels.filter((l) => l !== RACK));
    expect(removed.cluster.nodePools[0]!.topology).toEqual({ nodesPerDomain: { [BLOCK]: 4 } });
    expect(validatePolicy(removed.cluster).filter((i) => i.severity === 'error' && /topolog/i.test(i.path))).toEqual([]);
    const emptied = setTopologyLevels(s, 0, levels.map((l) => (l === RACK ? '' : l)));
    expect(emptied.cluster.nodePools[0]!.topology).toEqual(s.cluster.nodePools[0]!.topology);
    const problems = validatePolicy(emptied.cluster).filter((i) => i.severity === 'error').map((i) => i.message);
    expect(problems).toContain('level 2 of Topology "default" has no node label (e.g. cloud.provider.com/topology-rack)');
    expect(problems.join(' ')).not.toMatch(/nodes per \(/);
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
