/**
 * A cheap necessary test for a class of pending workloads: could it get
 * anywhere now? For every pod set, some flavor whose requests each fit the
 * available quota, or could be freed by preempting candidates that exist
 * (see `mayAdmit`). The queue manager runs it before the flavor assigner, so
 * that hopeless classes stay inadmissible without a full evaluation (Kueue
 * evaluates every head; a simulated backlog of thousands would not keep up).
 *
 * For queues without preemption it also says how much quota must be released
 * before a group of classes is worth testing again (`setThresholds`).
 */
import { flavorMatches, type ConstraintModel, type ShapeModel } from '../flavor-assigner.ts';
import { ReclaimPolicy, WithinPolicy, type CqModel, type SimModel } from '../model.ts';
import { mayAdmit } from '../preemption.ts';
import type { DirtyGroup, WorkloadClass } from '../queues.ts';
import type { Snapshot } from './snapshot.ts';

/** Per pod set, per resource group it needs, the flavors that match as (frs, amounts) options. */
type ClassOptions = Array<Array<Array<{ frs: number[]; amounts: number[] }>>>;

export class Admissibility {
  private readonly model: SimModel;
  private readonly snapshot: Snapshot;
  private readonly shapes: readonly ShapeModel[];
  private readonly constraints: ReadonlyArray<ConstraintModel | null>;

  constructor(model: SimModel, snapshot: Snapshot, shapes: readonly ShapeModel[], constraints: ReadonlyArray<ConstraintModel | null>) {
    this.model = model;
    this.snapshot = snapshot;
    this.shapes = shapes;
    this.constraints = constraints;
  }

  /** The necessary condition for class c of queue cq to get anywhere now. */
  canProgress(cq: CqModel, c: WorkloadClass): boolean {
    if (cq.inactiveReason) return false;
    const options = c.options ?? this.classOptions(cq, c);
    const noPreemption = cq.within === WithinPolicy.Never && (cq.path.length === 0 || cq.reclaim === ReclaimPolicy.Never);
    const snapshot = this.snapshot;
    const start = c.flatStart;
    if (start && noPreemption) {
      // Fast path: one pod set, one resource group, quota only.
      const frs = c.flatFr!;
      const amounts = c.flatAmount!;
      for (let o = 0; o + 1 < start.length; o++) {
        let fits = true;
        for (let i = start[o]!; i < start[o + 1]!; i++) {
          if (amounts[i]! > snapshot.available(cq, frs[i]!)) {
            fits = false;
            break;
          }
        }
        if (fits) return true;
      }
      return false;
    }
    for (const podSet of options) {
      for (const group of podSet) {
        let ok = false;
        for (const o of group) {
          if (snapshot.fitsAvailable(cq, o.frs, o.amounts) || (!noPreemption && mayAdmit(snapshot, cq, c.priority, o.frs, o.amounts))) {
            ok = true;
            break;
          }
        }
        if (!ok) return false;
      }
    }
    return true;
  }

  /** Whether the quota released in the group's tree reached one of its thresholds since they were set. */
  thresholdReached(cq: CqModel, g: DirtyGroup): boolean {
    const released = this.snapshot.released(cq.root);
    const frs = g.waitFrs!;
    const until = g.waitUntil!;
    for (let i = 0; i < frs.length; i++) if (released[frs[i]!]! >= until[i]!) return true;
    return false;
  }

  /**
   * For a queue without preemption, records what must be released before the
   * group's smallest class could fit: per flavor it could use, a resource
   * short of quota and by how much. Available quota only grows by releases.
   */
  setThresholds(cq: CqModel, c: WorkloadClass, g: DirtyGroup): void {
    g.waitFrs = null;
    g.waitUntil = null;
    if (cq.within !== WithinPolicy.Never || (cq.path.length > 0 && cq.reclaim !== ReclaimPolicy.Never) || cq.inactiveReason) return;
    const options = c.options ?? this.classOptions(cq, c);
    const released = this.snapshot.released(cq.root);
    for (const podSet of options) {
      for (const group of podSet) {
        const frs: number[] = [];
        const until: number[] = [];
        let fits = false;
        for (const o of group) {
          let blocked = -1;
          for (let i = 0; i < o.frs.length; i++) {
            const short = o.amounts[i]! - this.snapshot.available(cq, o.frs[i]!);
            if (short > 0) {
              frs.push(o.frs[i]!);
              until.push(released[o.frs[i]!]! + short);
              blocked = i;
              break;
            }
          }
          if (blocked < 0) fits = true;
        }
        if (!fits) {
          g.waitFrs = frs;
          g.waitUntil = until;
          return;
        }
      }
    }
  }

  /** Compiles (and caches on the class) its flavor options, flattened when there is one pod set and one group. */
  private classOptions(cq: CqModel, c: WorkloadClass): ClassOptions {
    const shape = this.shapes[c.shape]!;
    const constraint = c.constraint >= 0 ? this.constraints[c.constraint]! : null;
    const out: ClassOptions = [];
    for (const ps of shape.podSets) {
      const groups = new Set<number>();
      for (const r of ps.resources) groups.add(cq.groupOfResource[r] ?? -1);
      if (cq.podsResource >= 0) groups.add(cq.groupOfResource[cq.podsResource]!);
      const perGroup: Array<Array<{ frs: number[]; amounts: number[] }>> = [];
      for (const gi of groups) {
        const options: Array<{ frs: number[]; amounts: number[] }> = [];
        if (gi >= 0) {
          const group = cq.groups[gi]!;
          for (let fi = 0; fi < group.flavors.length; fi++) {
            if (!flavorMatches(this.model, group.flavors[fi]!, constraint)) continue;
            const frs: number[] = [];
            const amounts: number[] = [];
            let possible = true;
            for (let k = 0; k < group.covered.length; k++) {
              const r = group.covered[k]!;
              const idx = ps.resources.indexOf(r);
              let need = idx >= 0 ? ps.total[idx]! : 0;
              if (r === cq.podsResource) need += ps.count;
              if (need === 0) continue;
              const fr = group.fr[fi * group.covered.length + k]!;
              if (fr < 0) possible = false;
              frs.push(fr);
              amounts.push(need);
            }
            if (possible) options.push({ frs, amounts });
          }
        }
        perGroup.push(options);
      }
      out.push(perGroup);
    }
    c.options = out;
    if (out.length === 1 && out[0]!.length === 1) {
      const opts = out[0]![0]!;
      const start = new Int32Array(opts.length + 1);
      const frs: number[] = [];
      const amounts: number[] = [];
      opts.forEach((o, i) => {
        start[i] = frs.length;
        frs.push(...o.frs);
        amounts.push(...o.amounts);
      });
      start[opts.length] = frs.length;
      c.flatStart = start;
      c.flatFr = Int32Array.from(frs);
      c.flatAmount = Float64Array.from(amounts);
    }
    return out;
  }
}
