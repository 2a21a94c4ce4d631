/**
 * "Why is this workload pending?": the reason a workload is not running now
 * (its state, its own reason, its class's failure or the StrictFIFO head it
 * waits behind, its last preemptor), in Kueue's words with the numbers
 * behind them, and its recorded timeline.
 */
import { displayValue } from '../../kueue/resource-value.ts';
import { kueueReasonText } from '../kueue-reasons.ts';
import { Strategy, type SimModel } from '../model.ts';
import type { WorkloadClass } from '../queues.ts';
import { Reason, reasonName, type QuotaFailure } from '../reasons.ts';
import type { TopologyPlacer } from '../tas.ts';
import { topologyFailureWords } from '../tas-words.ts';
import type { PendingExplanation, TimelineEntry } from '../types.ts';
import type { WorkloadTable } from '../workloads.ts';
import type { QueueManager } from './queue-manager.ts';
import type { ReasonLog } from './reason-log.ts';
import { STATE_NAMES, WorkloadState, type WorkloadStatus } from './status.ts';

/** A reason code, the other workload it names (-1: none) and the quota failure behind it. */
export interface WaitReason {
  code: number;
  other: number;
  failure: QuotaFailure | null;
}

export class Explanations {
  private readonly model: SimModel;
  private readonly table: WorkloadTable;
  private readonly status: WorkloadStatus;
  private readonly queues: QueueManager;
  private readonly reasons: ReasonLog;
  private readonly topology: TopologyPlacer | null;

  constructor(model: SimModel, table: WorkloadTable, status: WorkloadStatus, queues: QueueManager, reasons: ReasonLog, topology: TopologyPlacer | null = null) {
    this.topology = topology;
    this.model = model;
    this.table = table;
    this.status = status;
    this.queues = queues;
    this.reasons = reasons;
  }

  /** The reason a workload is not running right now (Reason.None when it runs or is done). */
  reasonOf(w: number): WaitReason {
    const s = this.status.state[w]!;
    if (s === WorkloadState.Running || s === WorkloadState.Finished || s === WorkloadState.Deleted || s === WorkloadState.NotSubmitted) return { code: Reason.None, other: -1, failure: null };
    if (s === WorkloadState.Deactivated) return { code: Reason.Deactivated, other: -1, failure: null };
    if (s === WorkloadState.Backoff) return { code: Reason.Backoff, other: -1, failure: null };
    if (s === WorkloadState.Admitted) return { code: Reason.NoNodeFits, other: -1, failure: null };
    const cq = this.model.cqs[this.status.cqOf[w]!]!;
    if (cq.inactiveReason) return { code: Reason.ClusterQueueInactive, other: -1, failure: null };
    const q = this.queues.queues[cq.index]!;
    const classOf = this.queues.classOf;
    const c = classOf[w]! >= 0 ? this.queues.classes[classOf[w]!]! : null;
    const own = this.reasons.own[w]!;
    if (own === Reason.PendingPreemption || own === Reason.CapacityTakenInCycle) return { code: own, other: this.reasons.ownArg[w]!, failure: c?.failure ?? null };
    let code: number = own;
    let other = -1;
    let failure: QuotaFailure | null = null;
    if (cq.strategy === Strategy.StrictFIFO) {
      const head = q.heap.top()?.first() ?? -1;
      if (head >= 0 && head !== w) {
        code = Reason.BehindStrictFIFOHead;
        other = head;
      } else if (q.parkedHead === w && q.parkFailure) {
        failure = q.parkFailure;
        code = failure.code;
      }
    } else if (c && c.failure && (!c.active || triedInActivation(c, w) || own === Reason.None || own === Reason.NotYetTried)) {
      // Not evaluated since its class came back: like a Workload's condition, the last evaluation's reason stands.
      failure = c.failure;
      code = failure.code;
    } else if (own === Reason.NotYetTried || own === Reason.None) {
      const head = q.heap.top()?.head() ?? -1;
      if (head >= 0 && head !== w && this.reasons.own[head] === Reason.CapacityTakenInCycle) {
        code = Reason.BehindHeldHead;
        other = head;
      }
    }
    const preemptedBy = this.status.preemptedBy[w]!;
    if (preemptedBy >= 0 && code !== Reason.BehindStrictFIFOHead && code !== Reason.BehindHeldHead) return { code: Reason.PreemptedBy, other: preemptedBy, failure };
    return { code, other, failure };
  }

  explain(w: number, id: string): PendingExplanation {
    const cq = this.model.cqs[this.status.cqOf[w]!]!;
    const r = this.reasonOf(w);
    const preemptedBy = this.status.preemptedBy[w]!;
    return {
      id,
      clusterQueue: cq.name,
      state: STATE_NAMES[this.status.state[w]!]!,
      reason: reasonName(r.code),
      kueueReason: kueueReasonText(reasonName(r.code), this.model.kueueVersion),
      message: this.message(w, r.code, r.other, r.failure),
      resource: r.failure && r.failure.fr >= 0 ? this.model.tree.flavorResources[r.failure.fr]!.resource : null,
      since: this.reasons.since[w]!,
      preemptedBy: preemptedBy >= 0 ? this.table.id(preemptedBy) : null,
    };
  }

  /** A workload's recorded state and reason changes (when timelines are recorded). */
  timelineOf(w: number): TimelineEntry[] {
    return this.reasons.changesOf(w).map(({ time, code, other }) => ({ time, state: STATE_NAMES[Math.floor(code / 64)]!, reason: reasonName(code % 64), other: other >= 0 ? this.table.id(other) : null }));
  }

  /**
   * For "can ever hold": the most of the failing resource the queue can hold
   * on any one flavor (a workload's pods take one flavor), the figure the
   * policy summary shows as "One job", so the two screens say the same.
   */
  private largestOnOneFlavor(node: number, failure: QuotaFailure | null): string {
    if (!failure || failure.fr < 0) return '';
    const tree = this.model.tree;
    const { resource } = tree.flavorResources[failure.fr]!;
    let best = 0;
    let bestFlavor = '';
    for (let fr = 0; fr < tree.frCount; fr++) {
      const at = tree.flavorResources[fr]!;
      if (at.resource !== resource) continue;
      const potential = this.model.potential[node * tree.frCount + fr]!;
      if (potential > best) [best, bestFlavor] = [potential, at.flavor];
    }
    if (!bestFlavor) return '';
    return ` — at most ${displayValue(resource, best)} ${resource} on any one flavor (${bestFlavor}), and a workload's pods cannot span flavors`;
  }

  private message(w: number, code: number, other: number, failure: QuotaFailure | null): string {
    const model = this.model;
    const cq = model.cqs[this.status.cqOf[w]!]!;
    const detail = (f: QuotaFailure | null) => {
      if (!f || f.fr < 0) return '';
      const { flavor, resource } = model.tree.flavorResources[f.fr]!;
      const show = (v: number) => displayValue(resource, v);
      return ` (needs ${show(f.needed)} ${resource} of flavor ${flavor}; ${show(f.available)} available to ${cq.name}${f.noCandidates ? '; no workload can be preempted for it' : ''})`;
    };
    switch (code) {
      case Reason.None:
        return this.status.state[w] === WorkloadState.Running ? 'running' : STATE_NAMES[this.status.state[w]!]!;
      case Reason.NotYetTried:
        return 'submitted, not evaluated yet';
      case Reason.InsufficientNominalQuota:
        return `insufficient unused nominal quota in ClusterQueue ${cq.name}${detail(failure)}`;
      case Reason.NominalQuotaLentOut:
        return `its nominal quota is lent to borrowing queues of the cohort; reclaiming it needs preemption${detail(failure)}`;
      case Reason.CohortHasNothingToLend:
        return `needs to borrow, and the cohort has nothing left to lend${detail(failure)}`;
      case Reason.BorrowingLimitReached:
        return `admitting it would exceed nominalQuota + borrowingLimit of ${cq.name}${detail(failure)}`;
      case Reason.ExceedsMaximumCapacity:
        return `requests more than ${cq.name} can ever hold under this policy${this.largestOnOneFlavor(cq.node, failure)}${detail(failure)}`;
      case Reason.BehindStrictFIFOHead:
        return `behind the StrictFIFO head ${other >= 0 ? this.table.id(other) : ''} of ${cq.name}, which does not fit`;
      case Reason.NoNodeFits:
        return 'admitted by quota, but no set of nodes can host its pods (admitted, unschedulable)';
      case Reason.PreemptedBy:
        return `preempted by ${other >= 0 ? this.table.id(other) : 'another workload'}${failure ? `; now ${reasonName(failure.code)}${detail(failure)}` : ''}`;
      case Reason.PendingPreemption:
        return `preempting ${other} workload(s) to make room`;
      case Reason.Backoff:
        return `requeued after the waitForPodsReady timeout (${this.status.requeues[w]} time(s)); in backoff`;
      case Reason.Deactivated:
        return `deactivated after exceeding waitForPodsReady's backoffLimitCount`;
      case Reason.FlavorMismatch:
        return `no flavor of ${cq.name} matches its node selector or tolerations`;
      case Reason.ResourceNotInQueue:
        return `requests a resource ${cq.name} does not cover`;
      case Reason.ClusterQueueInactive:
        return `ClusterQueue ${cq.name} is inactive: ${cq.inactiveReason ?? ''}`;
      case Reason.CapacityTakenInCycle:
        return 'fitted at nomination, but another workload took the capacity in the same scheduling cycle';
      case Reason.BehindHeldHead:
        return `not evaluated: ${other >= 0 ? this.table.id(other) : 'the head'} of ${cq.name} fits but loses its capacity every cycle to another queue's reservation, and Kueue retries it first`;
      case Reason.TopologyPlacementFailed:
        return failure?.topology ? topologyFailureWords(failure.topology, this.topology) : 'no topology domain has room for its pods';
      default:
        return reasonName(code);
    }
  }
}

function triedInActivation(c: WorkloadClass, w: number): boolean {
  for (let i = c.start; i < c.start + c.cursor && i < c.members.length; i++) if (c.members[i] === w) return true;
  return false;
}
