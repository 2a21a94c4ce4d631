/**
 * Admission ordering within a scheduling cycle. Classical: workloads that
 * fit without borrowing first (lower borrowing level first), then higher
 * priority, then older. With fair sharing: Kueue's tournament — per cohort,
 * each child (ClusterQueue or cohort) nominates its best entry, compared by
 * non-borrowing first, then the child's dominant resource share *after*
 * admitting the entry (lower wins), then priority, then age; the winner
 * bubbles up to the root. DRS values are recomputed at every pop because
 * each admission changes usage.
 */
import type { Assignment } from './flavor-assigner.ts';
import type { CqModel, SimModel } from './model.ts';
import type { Quota } from './quota.ts';

export interface CycleEntry {
  w: number;
  cq: CqModel;
  priority: number;
  queueTime: number;
  assignment: Assignment;
}

/** Kueue's entryOrdering for the classical iterator (deterministic tie-break on the workload index). */
export function classicalOrder(a: CycleEntry, b: CycleEntry): number {
  if (a.assignment.borrowing !== b.assignment.borrowing) return a.assignment.borrowing - b.assignment.borrowing;
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.queueTime !== b.queueTime) return a.queueTime - b.queueTime;
  return a.w - b.w;
}

export class FairSharingIterator<E extends CycleEntry> {
  private readonly remaining = new Map<number, E>();
  private readonly drs = new Map<E, number[]>();

  private readonly model: SimModel;
  private readonly quota: Quota;

  constructor(model: SimModel, quota: Quota, entries: readonly E[]) {
    this.model = model;
    this.quota = quota;
    for (const e of entries) this.remaining.set(e.cq.index, e);
  }

  hasNext(): boolean {
    return this.remaining.size > 0;
  }

  pop(): E {
    let first = Number.POSITIVE_INFINITY;
    for (const cq of this.remaining.keys()) if (cq < first) first = cq;
    const entry = this.remaining.get(first)!;
    if (entry.cq.path.length === 0) {
      this.remaining.delete(first);
      return entry;
    }
    const root = entry.cq.root;
    this.computeDrs(root);
    const winner = this.tournament(root)!;
    this.remaining.delete(winner.cq.index);
    return winner;
  }

  private computeDrs(root: number): void {
    this.drs.clear();
    for (const cqIndex of this.model.cqsOfRoot.get(root) ?? []) {
      const e = this.remaining.get(cqIndex);
      if (!e) continue;
      const cq = e.cq;
      this.quota.addUsage(cq.node, e.assignment.usage);
      const values: number[] = [];
      let share = this.quota.drsKey(cq.node);
      for (let k = 0; k < cq.path.length; k++) {
        values.push(share);
        share = this.quota.drsKey(cq.path[k]!);
      }
      this.quota.removeUsage(cq.node, e.assignment.usage);
      this.drs.set(e, values);
    }
  }

  private tournament(cohort: number): E | null {
    const candidates: E[] = [];
    for (const child of this.model.childCohorts[cohort]!) {
      const c = this.tournament(child);
      if (c) candidates.push(c);
    }
    for (const cq of this.model.childCqs[cohort]!) {
      const e = this.remaining.get(cq);
      if (e) candidates.push(e);
    }
    if (candidates.length === 0) return null;
    let best = candidates[0]!;
    for (let i = 1; i < candidates.length; i++) if (this.less(candidates[i]!, best, cohort)) best = candidates[i]!;
    return best;
  }

  private shareAt(e: E, cohort: number): number {
    const k = e.cq.path.indexOf(cohort);
    return k >= 0 ? (this.drs.get(e)?.[k] ?? 0) : 0;
  }

  private less(a: E, b: E, cohort: number): boolean {
    const ab = a.assignment.borrowing > 0;
    const bb = b.assignment.borrowing > 0;
    if (ab !== bb) return !ab;
    const da = this.shareAt(a, cohort);
    const db = this.shareAt(b, cohort);
    if (da !== db) return da < db;
    if (a.priority !== b.priority) return a.priority > b.priority;
    if (a.queueTime !== b.queueTime) return a.queueTime < b.queueTime;
    return a.w < b.w;
  }
}
