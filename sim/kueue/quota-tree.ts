/**
 * Kueue's quota arithmetic over the cohort tree: subtree quota, what a node
 * keeps for itself (nominal − lendingLimit), what it may take from its
 * parent (capped by borrowingLimit), and how usage climbs the tree. Mirrors
 * the semantics Kueue documents for hierarchical cohorts; the worked
 * examples of the product's Kueue semantics are its tests (quota-tree.test.ts).
 *
 * Values are integers per (flavor, resource) pair in Kueue's units
 * (`resource-value.ts`), held in flat typed arrays indexed
 * `node * flavorResourceCount + fr` so the scheduler can snapshot and
 * update them cheaply.
 */
import type { Cluster, ResourceGroup } from '../cluster/schema.ts';
import { resourceValue } from './resource-value.ts';

export type QuotaNodeKind = 'cohort' | 'clusterQueue';

export interface QuotaNode {
  index: number;
  name: string;
  kind: QuotaNodeKind;
  /** Index of the parent cohort, or -1 for a root (and for a ClusterQueue with no cohort). */
  parent: number;
  children: number[];
  /** True for a cohort that no Cohort object defines (Kueue creates it implicitly). */
  implicit: boolean;
}

const UNSET = -1;

export class QuotaTree {
  readonly nodes: QuotaNode[] = [];
  /** Flavor/resource pairs in first-seen order; `fr` indices point here. */
  readonly flavorResources: Array<{ flavor: string; resource: string }> = [];
  private readonly frByKey = new Map<string, number>();
  private readonly nodeByKey = new Map<string, number>();
  nominal: Float64Array = new Float64Array(0);
  /** UNSET (-1) when no limit applies. */
  borrowingLimit: Float64Array = new Float64Array(0);
  lendingLimit: Float64Array = new Float64Array(0);
  subtreeQuota: Float64Array = new Float64Array(0);
  usage: Float64Array = new Float64Array(0);

  get frCount(): number {
    return this.flavorResources.length;
  }

  fr(flavor: string, resource: string): number {
    return this.frByKey.get(`${flavor}\u0000${resource}`) ?? -1;
  }

  node(kind: QuotaNodeKind, name: string): number {
    return this.nodeByKey.get(`${kind}\u0000${name}`) ?? -1;
  }

  hasParent(node: number): boolean {
    return this.nodes[node]!.parent >= 0;
  }

  /** The part of a node's subtree quota that it does not lend: subtreeQuota − lendingLimit, or 0 when everything is lent. */
  localQuota(node: number, fr: number): number {
    const i = node * this.frCount + fr;
    const lending = this.lendingLimit[i]!;
    return lending === UNSET ? 0 : Math.max(0, this.subtreeQuota[i]! - lending);
  }

  localAvailable(node: number, fr: number): number {
    return Math.max(0, this.localQuota(node, fr) - this.usage[node * this.frCount + fr]!);
  }

  /** What a node could still take now: its own unused local quota plus what its ancestors can give within its borrowingLimit. */
  available(node: number, fr: number): number {
    const i = node * this.frCount + fr;
    const parent = this.nodes[node]!.parent;
    if (parent < 0) return this.subtreeQuota[i]! - this.usage[i]!;
    let parentAvailable = this.available(parent, fr);
    const borrowing = this.borrowingLimit[i]!;
    if (borrowing !== UNSET) {
      const local = this.localQuota(node, fr);
      const storedInParent = this.subtreeQuota[i]! - local;
      const usedInParent = Math.max(0, this.usage[i]! - local);
      parentAvailable = Math.min(storedInParent - usedInParent + borrowing, parentAvailable);
    }
    return this.localAvailable(node, fr) + parentAvailable;
  }

  /** What a node could take if the whole tree were idle: its maximum usage under this policy. */
  potentialAvailable(node: number, fr: number): number {
    const i = node * this.frCount + fr;
    const parent = this.nodes[node]!.parent;
    if (parent < 0) return this.subtreeQuota[i]!;
    let available = this.localQuota(node, fr) + this.potentialAvailable(parent, fr);
    const borrowing = this.borrowingLimit[i]!;
    if (borrowing !== UNSET) available = Math.min(this.subtreeQuota[i]! + borrowing, available);
    return available;
  }

  /** Records usage on a node; what does not fit its local quota is stored in (borrowed from) its parent, recursively. */
  addUsage(node: number, fr: number, value: number): void {
    const localAvailable = this.localAvailable(node, fr);
    this.usage[node * this.frCount + fr]! += value;
    const parent = this.nodes[node]!.parent;
    if (parent >= 0 && value > localAvailable) this.addUsage(parent, fr, value - localAvailable);
  }

  removeUsage(node: number, fr: number, value: number): void {
    const i = node * this.frCount + fr;
    const storedInParent = this.usage[i]! - this.localQuota(node, fr);
    this.usage[i]! -= value;
    const parent = this.nodes[node]!.parent;
    if (storedInParent <= 0 || parent < 0) return;
    this.removeUsage(parent, fr, Math.min(value, storedInParent));
  }

  /** Usage above the node's own subtree quota: what it borrows. */
  borrowed(node: number, fr: number): number {
    const i = node * this.frCount + fr;
    return Math.max(0, this.usage[i]! - this.subtreeQuota[i]!);
  }

  /** Index of the tree's root for a node. */
  root(node: number): number {
    let at = node;
    while (this.nodes[at]!.parent >= 0) at = this.nodes[at]!.parent;
    return at;
  }

  addNode(kind: QuotaNodeKind, name: string, implicit = false): number {
    const existing = this.node(kind, name);
    if (existing >= 0) return existing;
    const index = this.nodes.length;
    this.nodes.push({ index, name, kind, parent: -1, children: [], implicit });
    this.nodeByKey.set(`${kind}\u0000${name}`, index);
    return index;
  }

  internFlavorResource(flavor: string, resource: string): number {
    const key = `${flavor}\u0000${resource}`;
    let fr = this.frByKey.get(key);
    if (fr === undefined) {
      fr = this.flavorResources.length;
      this.flavorResources.push({ flavor, resource });
      this.frByKey.set(key, fr);
    }
    return fr;
  }
}

interface PendingQuota {
  node: number;
  groups: readonly ResourceGroup[];
}

/**
 * Builds the tree from a policy. Cohort cycles (which Kueue refuses to
 * schedule) must be caught by `validatePolicy` first; here a cycle is cut
 * at the cohort that closes it so the arithmetic always terminates.
 */
export function buildQuotaTree(cluster: Pick<Cluster, 'cohorts' | 'queues'>): QuotaTree {
  const tree = new QuotaTree();
  const pending: PendingQuota[] = [];
  for (const cohort of cluster.cohorts) pending.push({ node: tree.addNode('cohort', cohort.name), groups: cohort.resourceGroups });
  for (const queue of cluster.queues) pending.push({ node: tree.addNode('clusterQueue', queue.clusterQueue), groups: queue.resourceGroups });

  const link = (child: number, parentName: string | undefined) => {
    if (parentName === undefined) return;
    let parent = tree.node('cohort', parentName);
    if (parent < 0) parent = tree.addNode('cohort', parentName, true);
    for (let at = parent; at >= 0; at = tree.nodes[at]!.parent) if (at === child) return; // would close a cycle
    tree.nodes[child]!.parent = parent;
    tree.nodes[parent]!.children.push(child);
  };
  for (const cohort of cluster.cohorts) link(tree.node('cohort', cohort.name), cohort.parentName);
  for (const queue of cluster.queues) link(tree.node('clusterQueue', queue.clusterQueue), queue.cohortName);

  for (const { groups } of pending) {
    for (const group of groups) for (const flavor of group.flavors) for (const r of flavor.resources) tree.internFlavorResource(flavor.name, r.name);
  }
  const size = tree.nodes.length * tree.frCount;
  tree.nominal = new Float64Array(size);
  tree.borrowingLimit = new Float64Array(size).fill(UNSET);
  tree.lendingLimit = new Float64Array(size).fill(UNSET);
  tree.subtreeQuota = new Float64Array(size);
  tree.usage = new Float64Array(size);
  for (const { node, groups } of pending) {
    for (const group of groups) {
      for (const flavor of group.flavors) {
        for (const r of flavor.resources) {
          const i = node * tree.frCount + tree.fr(flavor.name, r.name);
          tree.nominal[i] = resourceValue(r.name, r.nominalQuota);
          if (r.borrowingLimit !== undefined) tree.borrowingLimit[i] = resourceValue(r.name, r.borrowingLimit);
          if (r.lendingLimit !== undefined) tree.lendingLimit[i] = resourceValue(r.name, r.lendingLimit);
        }
      }
    }
  }
  for (const node of tree.nodes) if (node.parent < 0) accumulateSubtree(tree, node.index);
  return tree;
}

/** subtreeQuota = own nominal + Σ children's (subtreeQuota − localQuota): what children lend up. */
function accumulateSubtree(tree: QuotaTree, node: number): void {
  const n = tree.frCount;
  for (let fr = 0; fr < n; fr++) tree.subtreeQuota[node * n + fr] = tree.nominal[node * n + fr]!;
  for (const child of tree.nodes[node]!.children) {
    accumulateSubtree(tree, child);
    for (let fr = 0; fr < n; fr++) tree.subtreeQuota[node * n + fr]! += tree.subtreeQuota[child * n + fr]! - tree.localQuota(child, fr);
  }
}
