/**
 * Why each workload waits, as it changes: its own reason (the last thing
 * the scheduler decided about it alone, e.g. pending preemption) with the
 * time it was set, and, when timelines are recorded, every change of state
 * and reason (what Kueue reports as a workload's events and conditions).
 * The explanations read it; the queue manager and the cycle write it.
 */
import { GrowableF64, GrowableI32 } from '../metrics.ts';
import type { WorkloadClass } from '../queues.ts';
import { Reason } from '../reasons.ts';
import type { Clock } from './status.ts';

/** One recorded change: `state * 64 + reason` in `code`, the other workload (preemptor, StrictFIFO head) or -1. */
export interface ReasonChange {
  time: number;
  code: number;
  other: number;
}

export class ReasonLog {
  /** Per workload: its own reason and argument, and since when. */
  readonly own: Uint8Array;
  readonly ownArg: Int32Array;
  readonly since: Float64Array;
  private readonly state: Uint8Array;
  private readonly clock: Clock;
  private readonly timeline: { t: GrowableF64; w: GrowableI32; code: GrowableI32; other: GrowableI32 } | null;
  private readonly lastRecorded = new Map<number, number>();

  constructor(state: Uint8Array, clock: Clock, recordTimelines: boolean) {
    const n = state.length;
    this.state = state;
    this.clock = clock;
    this.own = new Uint8Array(n);
    this.ownArg = new Int32Array(n).fill(-1);
    this.since = new Float64Array(n);
    this.timeline = recordTimelines ? { t: new GrowableF64(), w: new GrowableI32(), code: new GrowableI32(), other: new GrowableI32() } : null;
  }

  /** Whether state and reason changes are recorded (timelines on). */
  get recording(): boolean {
    return this.timeline !== null;
  }

  setOwn(w: number, code: number, arg: number): void {
    if (this.own[w] !== code || this.ownArg[w] !== arg) {
      this.own[w] = code;
      this.ownArg[w] = arg;
      this.since[w] = this.clock.now;
    }
    if (code !== Reason.None) this.record(w, code, arg);
  }

  /** Records the failure of w's class as w's reason (timelines only). */
  recordClass(c: WorkloadClass, w: number): void {
    if (!this.timeline || !c.failure) return;
    this.record(w, c.failure.code, -1);
  }

  record(w: number, code: number, other: number): void {
    const tl = this.timeline;
    if (!tl) return;
    const key = this.state[w]! * 64 + code;
    if (this.lastRecorded.get(w) === key && code !== Reason.PreemptedBy) return;
    this.lastRecorded.set(w, key);
    tl.t.push(this.clock.now);
    tl.w.push(w);
    tl.code.push(key);
    tl.other.push(other);
  }

  /** Workload w's recorded changes, oldest first (empty when timelines are off). */
  changesOf(w: number): ReasonChange[] {
    const tl = this.timeline;
    if (!tl) return [];
    const out: ReasonChange[] = [];
    const ws = tl.w.view();
    for (let i = 0; i < ws.length; i++) {
      if (ws[i] !== w) continue;
      out.push({ time: tl.t.data[i]!, code: tl.code.data[i]!, other: tl.other.data[i]! });
    }
    return out;
  }
}
