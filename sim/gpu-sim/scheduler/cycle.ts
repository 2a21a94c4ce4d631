/**
 * The scheduling cycle, after Kueue's scheduler.schedule(), as a numbered
 * pipeline: take the heads → nominate them against the same snapshot
 * (flavor assignment, preemption targets) → order them (fair sharing or
 * Kueue's entry ordering) → process each with Kueue's re-checks
 * (reservations for preemptors without targets, no overlapping targets, fit
 * after this cycle's removals) → issue the cycle's preemptions → requeue
 * the heads that did not fit.
 *
 * Time stands still while an instant's cycles run: `scheduleInstant` repeats
 * cycles until no ClusterQueue has a head worth trying (Kueue runs one per
 * wake-up in real time). Quota released meanwhile goes to the heads in the
 * heaps; inadmissible workloads return only at the batched requeue, an event
 * of its own (`QueueManager.noteRelease`).
 */
import { classicalOrder, FairSharingIterator } from '../fair-sharing.ts';
import { Mode, type ConstraintModel, type FlavorAssigner, type ShapeModel } from '../flavor-assigner.ts';
import { ReclaimPolicy, Strategy, type CqModel, type SimModel } from '../model.ts';
import { getTargets } from '../preemption.ts';
import type { Quota, Usage } from '../quota.ts';
import { Reason } from '../reasons.ts';
import type { WorkloadTable } from '../workloads.ts';
import type { QueueManager, SchedulingEntry } from './queue-manager.ts';
import type { ReasonLog } from './reason-log.ts';
import type { RunMetrics } from './run-metrics.ts';
import type { Snapshot } from './snapshot.ts';
import { WorkloadState, type WorkloadStatus } from './status.ts';

/** What a cycle's decisions do to workloads: the simulator's lifecycle. */
export interface CycleActions {
  /** Admits a nominated head (its assignment fits); false when its topology placement no longer fits (nodes taken earlier in the cycle). */
  admit(e: SchedulingEntry): boolean;
  /** Evicts an admitted workload, preempted by `by`. */
  evict(w: number, by: number): void;
}

export interface CycleDeps {
  model: SimModel;
  quota: Quota;
  table: WorkloadTable;
  status: WorkloadStatus;
  snapshot: Snapshot;
  queues: QueueManager;
  assigner: FlavorAssigner;
  reasons: ReasonLog;
  metrics: RunMetrics;
  shapes: readonly ShapeModel[];
  constraints: ReadonlyArray<ConstraintModel | null>;
  fairSharing: boolean;
  actions: CycleActions;
}

export class SchedulingCycle {
  private readonly d: CycleDeps;
  /** One cycle's decisions, cleared and reused: a run has a cycle per admission, a million of them at scale. */
  private readonly state = new CycleState();

  constructor(deps: CycleDeps) {
    this.d = deps;
  }

  /** Runs cycles until none makes progress; then labels StrictFIFO followers. */
  scheduleInstant(): void {
    const { queues, metrics } = this.d;
    let idle = 0;
    // Defensive bound: every round admits, preempts or retires a head, so this is never reached in practice.
    let budget = 1000 + 20 * this.d.table.n;
    for (;;) {
      const progressed = this.schedule();
      if (progressed === null) break;
      if (!progressed && ++idle > 3) break;
      if (progressed) idle = 0;
      if (--budget < 0) {
        metrics.stalledInstants++;
        break;
      }
    }
    queues.labelStrictFollowers();
  }

  /** One cycle: true when it changed anything, false when not, null when no queue had a head. */
  private schedule(): boolean | null {
    // 1. Take the heads: one workload per ClusterQueue.
    const entries = this.d.queues.heads();
    if (entries.length === 0) return null;
    this.d.metrics.rounds++;
    // 2. Nominate every head against the same state.
    this.nominate(entries);
    // 3. Order them: the fair-sharing iterator, or Kueue's classical entry ordering.
    const fair = this.d.fairSharing ? new FairSharingIterator(this.d.model, this.d.quota, entries) : null;
    const order = fair ? null : entries.length > 1 ? entries.sort(classicalOrder) : entries;
    // 4. Process each in order.
    const state = this.state.reset();
    let i = 0;
    for (;;) {
      let e: SchedulingEntry;
      if (fair) {
        if (!fair.hasNext()) break;
        e = fair.pop();
      } else {
        if (i >= order!.length) break;
        e = order![i++]!;
      }
      if (this.process(e, state)) state.progressed = true;
    }
    // 5. Give back the reservations; evict this cycle's targets that are still admitted.
    const { quota, status } = this.d;
    for (const r of state.reservations) quota.removeUsage(r.node, r.usage);
    for (const v of state.victims) {
      const s = status.state[v.w];
      if (s === WorkloadState.Admitted || s === WorkloadState.Running) this.d.actions.evict(v.w, v.by);
    }
    // 6. Requeue the heads that did not fit (inadmissible, or parked at the front of a StrictFIFO queue).
    for (const e of state.failed) {
      if (this.d.queues.requeueFailed(e)) state.progressed = true;
    }
    return state.progressed;
  }

  /** Flavor assignment for every head, and preemption targets where the assignment needs preemption. */
  private nominate(entries: SchedulingEntry[]): void {
    const { table, shapes, constraints, assigner, snapshot } = this.d;
    for (const e of entries) {
      const w = e.w;
      const shape = shapes[table.shape[w]!]!;
      const c = table.constraint[w]!;
      e.assignment = assigner.assign(w, e.cq, e.priority, e.queueTime, shape, c >= 0 ? constraints[c]! : null);
      if (e.assignment.topologyTargets) e.targets = { workloads: e.assignment.topologyTargets, reasons: e.assignment.topologyTargets.map(() => 1) };
      else if (e.assignment.mode === Mode.Preempt) {
        e.targets = getTargets(snapshot, { w, cq: e.cq, priority: e.priority, queueTime: e.queueTime, frs: e.assignment.preemptFrs, usage: e.assignment.usage });
      }
    }
  }

  /** Kueue's processEntry with its re-checks; true when the entry admitted or issued preemptions. */
  private process(e: SchedulingEntry, state: CycleState): boolean {
    const { quota, reasons, metrics, queues } = this.d;
    const a = e.assignment;
    const cq = e.cq;
    if (a.mode === Mode.NoFit) {
      state.failed.push(e);
      return false;
    }
    const targets = e.targets?.workloads ?? [];
    if (a.mode === Mode.Preempt && targets.length === 0) {
      if (cq.reclaim !== ReclaimPolicy.Any) {
        const reserve = this.resourcesToReserve(e);
        quota.addUsage(cq.node, reserve);
        state.reservations.push({ node: cq.node, usage: reserve });
      }
      state.failed.push(e);
      return false;
    }
    if (targets.some((t) => state.preempted.has(t)) || !this.fitsAfterRemovals(cq, a.usage, state.preemptedByRoot.get(cq.root), targets, state.preempted)) {
      reasons.setOwn(e.w, Reason.CapacityTakenInCycle, -1);
      return false;
    }
    if (a.mode === Mode.Preempt) {
      quota.addUsage(cq.node, a.usage);
      state.reservations.push({ node: cq.node, usage: a.usage });
      let list = state.preemptedByRoot.get(cq.root);
      if (!list) {
        list = [];
        state.preemptedByRoot.set(cq.root, list);
      }
      for (const t of targets) {
        state.preempted.add(t);
        list.push(t);
        this.d.status.evictionPending[t] = 1;
        state.victims.push({ w: t, by: e.w });
      }
      metrics.cqPreemptionsIssued[cq.index]! += targets.length;
      if (cq.strategy === Strategy.BestEffortFIFO) queues.queues[cq.index]!.sticky = e.w;
      reasons.setOwn(e.w, Reason.PendingPreemption, targets.length);
      return true;
    }
    if (!this.d.actions.admit(e)) {
      reasons.setOwn(e.w, Reason.CapacityTakenInCycle, -1);
      return false;
    }
    return true;
  }

  /** Kueue's resourcesToReserve for a preemptor without targets: capacity up to its limits, so lower-priority work elsewhere cannot take it. */
  private resourcesToReserve(e: SchedulingEntry): Usage {
    const quota = this.d.quota;
    const out: Usage = { fr: [], amount: [] };
    const node = e.cq.node;
    const u = e.assignment.usage;
    for (let i = 0; i < u.fr.length; i++) {
      const fr = u.fr[i]!;
      const amount = u.amount[i]!;
      const usage = quota.usage(node, fr);
      const nominal = quota.nominal(node, fr);
      let reserve: number;
      if (e.assignment.borrowing > 0) {
        const limit = quota.borrowingLimit(node, fr);
        reserve = limit < 0 ? amount : Math.min(amount, nominal + limit - usage);
      } else reserve = Math.min(amount, nominal - usage);
      out.fr.push(fr);
      out.amount.push(Math.max(0, reserve));
    }
    return out;
  }

  /** Kueue's `fits`: the entry's usage fits once this cycle's targets (and its own) are gone. */
  private fitsAfterRemovals(cq: CqModel, usage: Usage, preemptedInTree: readonly number[] | undefined, targets: readonly number[], preempted: ReadonlySet<number>): boolean {
    const quota = this.d.quota;
    if (!preemptedInTree?.length && targets.length === 0) return quota.fits(cq.node, usage);
    const removed: number[] = preemptedInTree ? [...preemptedInTree] : [];
    for (const t of targets) if (!preempted.has(t)) removed.push(t);
    const undo = this.d.snapshot.simulateWorkloadRemoval(removed);
    const fits = quota.fits(cq.node, usage);
    undo();
    return fits;
  }
}

/** What one cycle has decided so far. */
class CycleState {
  progressed = false;

  reset(): this {
    this.progressed = false;
    this.preempted.clear();
    this.preemptedByRoot.clear();
    this.reservations.length = 0;
    this.victims.length = 0;
    this.failed.length = 0;
    return this;
  }

  /** Targets issued in this cycle, and per cohort tree (only those of the same tree affect a queue's quota). */
  readonly preempted = new Set<number>();
  readonly preemptedByRoot = new Map<number, number[]>();
  /** Quota held for the rest of the cycle (preemptors), given back at its end. */
  readonly reservations: Array<{ node: number; usage: Usage }> = [];
  readonly victims: Array<{ w: number; by: number }> = [];
  readonly failed: SchedulingEntry[] = [];
}
