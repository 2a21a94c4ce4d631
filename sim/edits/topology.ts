/**
 * Edits for topology-aware scheduling (M9): a Topology's levels, which
 * flavors follow it, and how each node pool's nodes sit in its racks and
 * blocks. Each is one undoable scenario edit.
 */
import { HOSTNAME_LABEL, type Cluster, type Topology } from '../cluster/schema.ts';
import type { Scenario } from '../scenario/index.ts';

/** Kueue's documented example: blocks of racks of nodes. */
export const EXAMPLE_LEVELS = ['cloud.provider.com/topology-block', 'cloud.provider.com/topology-rack', HOSTNAME_LABEL] as const;

function withCluster(scenario: Scenario, fn: (c: Cluster) => Cluster): Scenario {
  const cluster = fn(scenario.cluster);
  return cluster === scenario.cluster ? scenario : { ...scenario, cluster };
}

/** A new Topology with Kueue's example levels, named "default" (or "default-2", …); returns its name. */
export function addTopology(scenario: Scenario): { scenario: Scenario; name: string } {
  const taken = new Set((scenario.cluster.topologies ?? []).map((t) => t.name));
  let name = 'default';
  for (let k = 2; taken.has(name); k++) name = `default-${k}`;
  const topology: Topology = { name, levels: EXAMPLE_LEVELS.map((nodeLabel) => ({ nodeLabel })) };
  return { scenario: withCluster(scenario, (c) => ({ ...c, topologies: [...(c.topologies ?? []), topology] })), name };
}

/** Renames a Topology; flavors that named it follow. */
export function renameTopology(scenario: Scenario, index: number, name: string): Scenario {
  return withCluster(scenario, (c) => {
    const old = c.topologies?.[index];
    if (!old || old.name === name) return c;
    return {
      ...c,
      topologies: c.topologies!.map((t, i) => (i === index ? { ...t, name } : t)),
      flavors: c.flavors.map((f) => (f.topologyName === old.name ? { ...f, topologyName: name } : f)),
    };
  });
}

/**
 * A Topology's levels, broadest first (node labels). The layouts of the pools
 * that follow it move with their levels: a renamed level keeps its nodes per
 * domain, a removed one takes them away (nothing is left that the pool's row
 * could no longer show). A level emptied while being retyped keeps them under
 * its old label until it has a new one.
 */
export function setTopologyLevels(scenario: Scenario, index: number, labels: readonly string[]): Scenario {
  return withCluster(scenario, (c) => {
    const old = c.topologies?.[index];
    if (!old) return c;
    const before = old.levels.map((l) => l.nodeLabel);
    const rename = new Map<string, string>();
    if (before.length === labels.length) before.forEach((label, i) => label !== labels[i] && labels[i] !== '' && rename.set(label, labels[i]!));
    const kept = new Set([...labels, ...(before.length === labels.length ? before : [])]);
    const flavors = new Set(c.flavors.filter((f) => f.topologyName === old.name).map((f) => f.name));
    const nodePools = c.nodePools.map((p) => {
      if (!flavors.has(p.flavor) || !p.topology) return p;
      const nodesPerDomain: Record<string, number> = {};
      for (const [label, nodes] of Object.entries(p.topology.nodesPerDomain)) {
        const to = rename.get(label) ?? label;
        if (kept.has(label) || rename.has(label)) nodesPerDomain[to] = nodes;
      }
      return { ...p, topology: Object.keys(nodesPerDomain).length ? { nodesPerDomain } : undefined };
    });
    return { ...c, nodePools, topologies: c.topologies!.map((t, i) => (i === index ? { ...t, levels: labels.map((nodeLabel) => ({ nodeLabel })) } : t)) };
  });
}

/** Removes a Topology; the flavors that named it become ordinary flavors again. */
export function removeTopology(scenario: Scenario, index: number): Scenario {
  return withCluster(scenario, (c) => {
    const old = c.topologies?.[index];
    if (!old) return c;
    const topologies = c.topologies!.filter((_, i) => i !== index);
    return {
      ...c,
      topologies: topologies.length ? topologies : undefined,
      flavors: c.flavors.map((f) => (f.topologyName === old.name ? { ...f, topologyName: undefined } : f)),
    };
  });
}

/** Makes a flavor a TAS flavor of `topologyName` (undefined: an ordinary flavor again). */
export function setFlavorTopology(scenario: Scenario, flavor: string, topologyName: string | undefined): Scenario {
  return withCluster(scenario, (c) => {
    if (!c.flavors.some((f) => f.name === flavor && f.topologyName !== topologyName)) return c;
    return { ...c, flavors: c.flavors.map((f) => (f.name === flavor ? { ...f, topologyName } : f)) };
  });
}

/** Nodes per domain of one level in a pool's layout (undefined: unset). */
export function setPoolNodesPerDomain(scenario: Scenario, poolId: string, nodeLabel: string, nodes: number | undefined): Scenario {
  return withCluster(scenario, (c) => {
    const pool = c.nodePools.find((p) => p.id === poolId);
    if (!pool || pool.topology?.nodesPerDomain[nodeLabel] === nodes) return c;
    const nodesPerDomain = { ...(pool.topology?.nodesPerDomain ?? {}) };
    if (nodes === undefined) delete nodesPerDomain[nodeLabel];
    else nodesPerDomain[nodeLabel] = nodes;
    const topology = Object.keys(nodesPerDomain).length ? { nodesPerDomain } : undefined;
    return { ...c, nodePools: c.nodePools.map((p) => (p.id === poolId ? { ...p, topology } : p)) };
  });
}

/** The topology levels a ClusterQueue's workloads can ask for: the levels of its TAS flavors' Topologies (node labels, broadest first). */
export function requestableLevels(cluster: Cluster, clusterQueue: string): string[] {
  const queue = cluster.queues.find((q) => q.clusterQueue === clusterQueue);
  if (!queue) return [];
  const names = new Set(queue.resourceGroups.flatMap((g) => g.flavors.map((f) => cluster.flavors.find((x) => x.name === f.name)?.topologyName)).filter((n): n is string => n !== undefined));
  const levels: string[] = [];
  for (const t of cluster.topologies ?? []) if (names.has(t.name)) for (const l of t.levels) if (!levels.includes(l.nodeLabel)) levels.push(l.nodeLabel);
  return levels;
}
