/**
 * Topology-aware scheduling's inputs (M9): which Topology a flavor's nodes
 * follow, and the labels each node of a laid-out pool carries. A pool's
 * layout is "nodes per domain" at each level (8 nodes a rack, 32 a block),
 * so node k of the pool sits in domain floor(k / n) of every level and the
 * labels are the same on every run and every machine.
 */
import { HOSTNAME_LABEL, type Cluster, type NodePool, type Topology } from './schema.ts';

/** The Topology a flavor names, or null (not a TAS flavor, or the Topology is not defined). */
export function topologyOfFlavor(cluster: Pick<Cluster, 'flavors' | 'topologies'>, flavor: string): Topology | null {
  const name = cluster.flavors.find((f) => f.name === flavor)?.topologyName;
  if (name === undefined) return null;
  return (cluster.topologies ?? []).find((t) => t.name === name) ?? null;
}

/** A level's short name for people and label values: the label's last word ("cloud.provider.com/topology-rack" → "rack", "kubernetes.io/hostname" → "node"). */
export function levelWord(nodeLabel: string): string {
  if (nodeLabel === HOSTNAME_LABEL) return 'node';
  const name = nodeLabel.slice(nodeLabel.lastIndexOf('/') + 1);
  const word = name.replace(/^topology[-_.]?/, '');
  return word || name;
}

/** A label-value-safe stem for a pool's domain names (lower-case, [a-z0-9-], at most 40 characters). */
function stem(poolId: string): string {
  const s = poolId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || 'pool';
}

/** The node's name (its kubernetes.io/hostname label). */
export function nodeName(poolId: string, ordinal: number): string {
  return `${stem(poolId)}-${ordinal}`;
}

/**
 * The label value of node `ordinal` of a pool at one topology level: the
 * node's name at the hostname level, else `<pool>-<level>-<index>`.
 * Null when the pool's layout does not give that level.
 */
export function topologyDomainValue(pool: Pick<NodePool, 'id' | 'topology'>, nodeLabel: string, ordinal: number): string | null {
  if (nodeLabel === HOSTNAME_LABEL) return nodeName(pool.id, ordinal);
  const per = pool.topology?.nodesPerDomain[nodeLabel];
  if (per === undefined) return null;
  return `${stem(pool.id)}-${levelWord(nodeLabel)}-${Math.floor(ordinal / per)}`;
}

/** Every topology label of a pool's node (for tests and for showing a node's place). */
export function nodeTopologyLabels(pool: Pick<NodePool, 'id' | 'topology'>, topology: Topology, ordinal: number): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const level of topology.levels) {
    const value = topologyDomainValue(pool, level.nodeLabel, ordinal);
    if (value !== null) labels[level.nodeLabel] = value;
  }
  return labels;
}
