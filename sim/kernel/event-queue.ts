/**
 * The simulators' event kernel, after SimPy's `Environment`: a future-event
 * list ordered by (time, insertion sequence), so events at the same instant
 * come out first in, first out and a run is deterministic whatever the
 * heap's shape. Unlike SimPy there are no processes or callbacks: a model
 * pops an event and decides what happens, so the hot loop allocates nothing
 * (typed arrays, integer fields).
 *
 * An event is (time, kind, subject, epoch): the kind says what happens, the
 * subject to what (a workload, a pool, a customer token), and the epoch lets
 * a handler ignore an event that is stale (a completion scheduled before a
 * preemption, say). A model that needs only one of them leaves the rest 0.
 *
 * Time is a plain number; each model documents its unit (seconds in the GPU
 * simulator, calendar weeks in the delivery model, any unit in a textbook
 * queue).
 */

export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private subjects: Int32Array;
  private epochs: Int32Array;
  private count = 0;
  private nextSeq = 0;
  /** The event most recently popped. */
  time = 0;
  kind = 0;
  subject = 0;
  epoch = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(4, initialCapacity);
    this.times = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.kinds = new Uint8Array(n);
    this.subjects = new Int32Array(n);
    this.epochs = new Int32Array(n);
  }

  get size(): number {
    return this.count;
  }

  /** Drop every event and restart the sequence (start of a new run). */
  clear(): void {
    this.count = 0;
    this.nextSeq = 0;
    this.time = 0;
  }

  /** Earliest event time, or +Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0]! : Infinity;
  }

  /** Sequence number of the earliest event (+Infinity when empty). */
  peekSeq(): number {
    return this.count > 0 ? this.seqs[0]! : Infinity;
  }

  /**
   * Take the next sequence number without pushing: for an event kept in a
   * side queue (`TimedFifo`) that must order with this queue's events as if
   * it had been pushed here.
   */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Schedule (kind, subject, epoch) at `time`; kind is 0…255. */
  push(time: number, kind: number, subject = 0, epoch = 0): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const seq = this.nextSeq++;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    this.kinds[i] = kind;
    this.subjects[i] = subject;
    this.epochs[i] = epoch;
  }

  /** Remove the earliest event into `time`, `kind`, `subject` and `epoch`; false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    this.time = times[0]!;
    this.kind = this.kinds[0]!;
    this.subject = this.subjects[0]!;
    this.epoch = this.epochs[0]!;
    const n = --this.count;
    if (n > 0) {
      const t = times[n]!;
      const s = seqs[n]!;
      const k = this.kinds[n]!;
      const sub = this.subjects[n]!;
      const e = this.epochs[n]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n) {
          const ct = times[child]!;
          const rt = times[right]!;
          if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) child = right;
        }
        const ct = times[child]!;
        if (t < ct || (t === ct && s < seqs[child]!)) break;
        this.move(child, i);
        i = child;
      }
      times[i] = t;
      seqs[i] = s;
      this.kinds[i] = k;
      this.subjects[i] = sub;
      this.epochs[i] = e;
    }
    return true;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.subjects[to] = this.subjects[from]!;
    this.epochs[to] = this.epochs[from]!;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    const kinds = new Uint8Array(n);
    const subjects = new Int32Array(n);
    const epochs = new Int32Array(n);
    times.set(this.times);
    seqs.set(this.seqs);
    kinds.set(this.kinds);
    subjects.set(this.subjects);
    epochs.set(this.epochs);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.subjects = subjects;
    this.epochs = epochs;
  }
}

/**
 * A side queue for events that are scheduled in non-decreasing time order
 * (e.g. hand-offs that wait for the next planning boundary): a ring buffer,
 * O(1) per event instead of the heap's O(log n). Its events carry sequence
 * numbers from the main `EventQueue` (`takeSeq`), so a model that pops
 * whichever head is earlier by (time, sequence) sees exactly the order a
 * single queue would give.
 */
export class TimedFifo {
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private payloads = new Int32Array(64);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  peekTime(): number {
    return this.count > 0 ? this.times[this.head]! : Infinity;
  }

  peekSeq(): number {
    return this.count > 0 ? this.seqs[this.head]! : Infinity;
  }

  /** Append; `time` must not be earlier than the last event's. */
  push(time: number, seq: number, payload: number): void {
    if (this.count === this.times.length) this.grow();
    const mask = this.times.length - 1;
    const at = (this.head + this.count) & mask;
    if (this.count > 0 && time < this.times[(at - 1) & mask]!) throw new Error('TimedFifo: events must be pushed in time order');
    this.times[at] = time;
    this.seqs[at] = seq;
    this.payloads[at] = payload;
    this.count++;
  }

  /** Remove the head; returns its payload (−1 when empty). */
  pop(): number {
    if (this.count === 0) return -1;
    const p = this.payloads[this.head]!;
    this.head = (this.head + 1) & (this.times.length - 1);
    this.count--;
    return p;
  }

  private grow(): void {
    const n = this.times.length;
    const times = new Float64Array(n * 2);
    const seqs = new Float64Array(n * 2);
    const payloads = new Int32Array(n * 2);
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) & (n - 1);
      times[k] = this.times[from]!;
      seqs[k] = this.seqs[from]!;
      payloads[k] = this.payloads[from]!;
    }
    this.times = times;
    this.seqs = seqs;
    this.payloads = payloads;
    this.head = 0;
  }
}
