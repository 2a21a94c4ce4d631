/**
 * Kueue's snapshot predicates over the quota tree (`sim/kueue/quota-tree.ts`):
 * Available / PotentialAvailable, BorrowingWith, IsWithinNominalInResources,
 * QuantitiesFitInQuota, FindHeightOfLowestSubtreeThatFits, and the dominant
 * resource share (DRS) used by fair sharing. The tree holds live usage; the
 * scheduler mutates it to simulate removals and additions and restores it,
 * as Kueue does on its snapshot.
 */
import type { SimModel } from './model.ts';

/** A usage: parallel (fr, amount) pairs, amounts in Kueue's integer units. */
export interface Usage {
  fr: number[];
  amount: number[];
}

export class Quota {
  readonly frCount: number;
  readonly resourceCount: number;

  readonly model: SimModel;

  constructor(model: SimModel) {
    this.model = model;
    this.frCount = model.tree.frCount;
    this.resourceCount = model.resources.length;
  }

  usage(node: number, fr: number): number {
    return this.model.tree.usage[node * this.frCount + fr]!;
  }

  nominal(node: number, fr: number): number {
    return this.model.tree.nominal[node * this.frCount + fr]!;
  }

  subtreeQuota(node: number, fr: number): number {
    return this.model.tree.subtreeQuota[node * this.frCount + fr]!;
  }

  borrowingLimit(node: number, fr: number): number {
    return this.model.tree.borrowingLimit[node * this.frCount + fr]!;
  }

  /** ClusterQueueSnapshot.Available: never negative. */
  available(node: number, fr: number): number {
    return Math.max(0, this.model.tree.available(node, fr));
  }

  potential(node: number, fr: number): number {
    return this.model.potential[node * this.frCount + fr]!;
  }

  localAvailable(node: number, fr: number): number {
    return this.model.tree.localAvailable(node, fr);
  }

  /** ClusterQueue: usage + val > nominal. */
  cqBorrowingWith(node: number, fr: number, val: number): boolean {
    return this.usage(node, fr) + val > this.nominal(node, fr);
  }

  /** Cohort: usage + val > subtree quota. */
  cohortBorrowingWith(node: number, fr: number, val: number): boolean {
    return this.usage(node, fr) + val > this.subtreeQuota(node, fr);
  }

  /** IsWithinNominalInResources: usage ≤ subtree quota for every listed fr. */
  withinNominal(node: number, frs: readonly number[]): boolean {
    for (const fr of frs) if (this.usage(node, fr) > this.subtreeQuota(node, fr)) return false;
    return true;
  }

  /** True when the node uses more than its subtree quota for any fr. */
  borrowingAny(node: number): boolean {
    const base = node * this.frCount;
    const tree = this.model.tree;
    for (let fr = 0; fr < this.frCount; fr++) if (tree.usage[base + fr]! > tree.subtreeQuota[base + fr]!) return true;
    return false;
  }

  addUsage(node: number, usage: Usage): void {
    const tree = this.model.tree;
    for (let i = 0; i < usage.fr.length; i++) if (usage.amount[i]! !== 0) tree.addUsage(node, usage.fr[i]!, usage.amount[i]!);
  }

  removeUsage(node: number, usage: Usage): void {
    const tree = this.model.tree;
    for (let i = 0; i < usage.fr.length; i++) if (usage.amount[i]! !== 0) tree.removeUsage(node, usage.fr[i]!, usage.amount[i]!);
  }

  /** ClusterQueueSnapshot.Fits: every amount within Available. */
  fits(node: number, usage: Usage): boolean {
    for (let i = 0; i < usage.fr.length; i++) if (this.available(node, usage.fr[i]!) < usage.amount[i]!) return false;
    return true;
  }

  /**
   * FindHeightOfLowestSubtreeThatFits: the borrowing level of a request
   * (0 = within the queue's nominal quota) and whether a higher subtree
   * could still reclaim ("mayReclaimInHierarchy").
   */
  borrowingHeight(cqNode: number, path: readonly number[], fr: number, val: number, out: { borrow: number; mayReclaim: boolean }): void {
    const hasParent = path.length > 0;
    if (!this.cqBorrowingWith(cqNode, fr, val) || !hasParent) {
      out.borrow = 0;
      out.mayReclaim = hasParent;
      return;
    }
    let remaining = val - this.localAvailable(cqNode, fr);
    for (let i = 0; i < path.length; i++) {
      const node = path[i]!;
      if (!this.cohortBorrowingWith(node, fr, remaining)) {
        out.borrow = this.model.height[node]!;
        out.mayReclaim = i < path.length - 1;
        return;
      }
      remaining -= this.localAvailable(node, fr);
    }
    out.borrow = this.model.height[path[path.length - 1]!]!;
    out.mayReclaim = false;
  }

  /** QuantitiesFitInQuota: whether usage + requests ≤ subtree quota everywhere, and what is left for the parent. */
  fitInQuota(node: number, frs: readonly number[], requests: readonly number[], remaining: number[]): boolean {
    let fits = true;
    for (let i = 0; i < frs.length; i++) {
      const fr = frs[i]!;
      const v = requests[i]!;
      if (this.usage(node, fr) + v > this.subtreeQuota(node, fr)) fits = false;
      remaining[i] = Math.max(0, v - this.localAvailable(node, fr));
    }
    return fits;
  }

  /**
   * Dominant resource share of a node as a totally ordered key (CompareDRS):
   * 0 when not borrowing, ratio / weight otherwise, and above every finite
   * share (ordered by unweighted ratio) when the weight is 0 and the node borrows.
   */
  drsKey(node: number): number {
    const ratio = this.drsRatio(node);
    if (ratio === 0) return 0;
    const weight = this.model.weight[node]!;
    return weight === 0 ? 1e200 * (1 + ratio / 1e12) : ratio / weight;
  }

  /** The unweighted dominant ratio: max over resources of borrowed × 1000 / lendable. */
  drsRatio(node: number): number {
    const tree = this.model.tree;
    if (tree.nodes[node]!.parent < 0) return 0;
    const frCount = this.frCount;
    const rc = this.resourceCount;
    const borrowed = scratchBorrowed(rc);
    let any = false;
    const base = node * frCount;
    for (let fr = 0; fr < frCount; fr++) {
      const b = tree.usage[base + fr]! - tree.subtreeQuota[base + fr]!;
      if (b > 0) {
        borrowed[this.model.frResource[fr]!]! += b;
        any = true;
      }
    }
    if (!any) return 0;
    let ratio = 0;
    const lbase = node * rc;
    for (let r = 0; r < rc; r++) {
      const b = borrowed[r]!;
      if (b > 0) {
        const l = this.model.lendable[lbase + r]!;
        if (l > 0) ratio = Math.max(ratio, (b * 1000) / l);
      }
    }
    return ratio;
  }

  /** Kueue's status.fairSharing.weightedShare: ceil of the precise share, MaxInt64 for a borrowing zero-weight node. */
  weightedShare(node: number): { precise: number; rounded: number; infinite: boolean } {
    const ratio = this.drsRatio(node);
    if (ratio === 0) return { precise: 0, rounded: 0, infinite: false };
    const weight = this.model.weight[node]!;
    if (weight === 0) return { precise: Number.POSITIVE_INFINITY, rounded: Number.MAX_SAFE_INTEGER, infinite: true };
    const precise = ratio / weight;
    return { precise, rounded: Math.ceil(precise), infinite: false };
  }
}

let borrowedScratch = new Float64Array(16);
function scratchBorrowed(n: number): Float64Array {
  if (borrowedScratch.length < n) borrowedScratch = new Float64Array(n * 2);
  borrowedScratch.fill(0, 0, n);
  return borrowedScratch;
}
