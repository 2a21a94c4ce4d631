/**
 * Per-workload status, as Kueue keeps it on the Workload object (its
 * conditions, admission and requeue state), as typed arrays over workload
 * indices; and the simulation clock that every part of the scheduler reads.
 */
import type { Usage } from '../quota.ts';
import type { PodSetPlacement } from '../tas.ts';
import type { WorkloadStateName } from '../types.ts';

/** A workload's state: Kueue's conditions folded into one. */
export const WorkloadState = {
  NotSubmitted: 0,
  Pending: 1,
  /** Requeued after a waitForPodsReady timeout, waiting out its backoff. */
  Backoff: 2,
  /** Quota reserved, not all pods running ("admitted, unschedulable" while nodes do not fit). */
  Admitted: 3,
  Running: 4,
  Finished: 5,
  Deleted: 6,
  /** Evicted more often than waitForPodsReady's backoffLimitCount allows. */
  Deactivated: 7,
} as const;

/** `WorkloadState` values by name, as results and explanations spell them. */
export const STATE_NAMES: readonly WorkloadStateName[] = ['not-submitted', 'pending', 'backoff', 'admitted-unschedulable', 'running', 'finished', 'deleted', 'deactivated'];

/** Simulated time in seconds: one object shared by the scheduler's parts, moved forward by the event loop only. */
export class Clock {
  now = 0;
}

export class WorkloadStatus {
  /** `WorkloadState` per workload. */
  readonly state: Uint8Array;
  readonly cqOf: Int32Array;
  readonly priority: Int32Array;
  /** Queue-order time: creation, or the eviction after a waitForPodsReady timeout. */
  readonly queueTime: Float64Array;
  /** Last admission (quota reservation), first admission and first start (NaN: never). */
  readonly admitTime: Float64Array;
  readonly firstAdmit: Float64Array;
  readonly firstStart: Float64Array;
  readonly finishTime: Float64Array;
  readonly runStart: Float64Array;
  /** Bumped on every admission change: an event carrying an older epoch is stale. */
  readonly epoch: Int32Array;
  /** waitForPodsReady requeues so far. */
  readonly requeues: Int32Array;
  readonly preemptedCount: Int32Array;
  /** The preemptor of the last preemption while it is pending again (-1: none). */
  readonly preemptedBy: Int32Array;
  /** Time of the last preemption: one preempted at the current instant is not a candidate again. */
  readonly preemptedAt: Float64Array;
  /** Chosen as a preemption target in the current cycle, eviction not issued yet. */
  readonly evictionPending: Uint8Array;
  /** The admission: usage per flavor-resource, and the flavor of each pod set (null when not admitted). */
  readonly usageOf: Array<Usage | null>;
  readonly podSetFlavorOf: Array<number[] | null>;
  /** The admission's topology assignment (pods per node for each TAS pod set), or null. */
  readonly topologyOf: Array<Array<PodSetPlacement | null> | null>;

  constructor(n: number) {
    this.state = new Uint8Array(n);
    this.cqOf = new Int32Array(n);
    this.priority = new Int32Array(n);
    this.queueTime = new Float64Array(n);
    this.admitTime = new Float64Array(n).fill(Number.NaN);
    this.firstAdmit = new Float64Array(n).fill(Number.NaN);
    this.firstStart = new Float64Array(n).fill(Number.NaN);
    this.finishTime = new Float64Array(n).fill(Number.NaN);
    this.runStart = new Float64Array(n).fill(Number.NaN);
    this.epoch = new Int32Array(n);
    this.requeues = new Int32Array(n);
    this.preemptedCount = new Int32Array(n);
    this.preemptedBy = new Int32Array(n).fill(-1);
    this.preemptedAt = new Float64Array(n).fill(Number.NaN);
    this.evictionPending = new Uint8Array(n);
    this.usageOf = new Array<Usage | null>(n).fill(null);
    this.podSetFlavorOf = new Array<number[] | null>(n).fill(null);
    this.topologyOf = new Array<Array<PodSetPlacement | null> | null>(n).fill(null);
  }
}
