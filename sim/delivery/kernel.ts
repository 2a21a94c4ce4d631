/**
 * A small discrete-event kernel, after SimPy's: an event queue ordered by
 * time and then by insertion sequence, and resources with a finite number of
 * servers and a FIFO queue each. Unlike SimPy there are no processes or
 * callbacks: a model pops (time, payload) pairs and decides what happens, so
 * the hot loop allocates nothing (typed arrays, integer payloads).
 *
 * Time is a plain number; each model documents its unit (the delivery model
 * uses calendar weeks, a textbook queue any unit).
 */

/**
 * Binary min-heap of events keyed by (time, sequence). The sequence number
 * is the insertion order, so events at the same time come out first in,
 * first out, and a run is deterministic whatever the heap's shape.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private payloads: Int32Array;
  private count = 0;
  private nextSeq = 0;
  /** Time of the event most recently popped. */
  time = 0;

  constructor(initialCapacity = 64) {
    const n = Math.max(4, initialCapacity);
    this.times = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.payloads = new Int32Array(n);
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

  push(time: number, payload: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const seq = this.nextSeq++;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    payloads[i] = payload;
  }

  /** Remove the earliest event; its time is in `time`. Returns its payload (−1 when empty). */
  pop(): number {
    if (this.count === 0) return -1;
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const top = payloads[0]!;
    this.time = times[0]!;
    const n = --this.count;
    if (n > 0) {
      const t = times[n]!;
      const s = seqs[n]!;
      const p = payloads[n]!;
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
        times[i] = ct;
        seqs[i] = seqs[child]!;
        payloads[i] = payloads[child]!;
        i = child;
      }
      times[i] = t;
      seqs[i] = s;
      payloads[i] = p;
    }
    return top;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    const payloads = new Int32Array(n);
    times.set(this.times);
    seqs.set(this.seqs);
    payloads.set(this.payloads);
    this.times = times;
    this.seqs = seqs;
    this.payloads = payloads;
  }
}

/**
 * Resources with a finite number of servers and a FIFO queue each (integer
 * items, e.g. a customer token or a task id). The pool only keeps the
 * books: the model schedules service completions itself.
 *
 *   request(r, item) → true: a server was free, the item is in service
 *                      false: the item waits at the back of r's queue
 *   release(r)       → the next waiting item, now in service, or −1
 */
export class ServerPool {
  private readonly capacities: Int32Array;
  private readonly busyCounts: Int32Array;
  private readonly heads: Int32Array;
  private readonly lengths: Int32Array;
  private readonly rings: Int32Array[];

  constructor(resourceCount: number, capacities?: ArrayLike<number>) {
    this.capacities = new Int32Array(resourceCount);
    this.busyCounts = new Int32Array(resourceCount);
    this.heads = new Int32Array(resourceCount);
    this.lengths = new Int32Array(resourceCount);
    this.rings = [];
    for (let r = 0; r < resourceCount; r++) {
      this.rings.push(new Int32Array(16));
      if (capacities) this.capacities[r] = capacities[r]!;
    }
  }

  get resourceCount(): number {
    return this.capacities.length;
  }

  /** Empty every queue and free every server; capacities are kept. */
  reset(): void {
    this.busyCounts.fill(0);
    this.heads.fill(0);
    this.lengths.fill(0);
  }

  capacity(r: number): number {
    return this.capacities[r]!;
  }

  busy(r: number): number {
    return this.busyCounts[r]!;
  }

  queueLength(r: number): number {
    return this.lengths[r]!;
  }

  /**
   * Change the number of servers. Items in service are never interrupted; if
   * the capacity grew, call `admit(r)` until it returns −1 to start waiting
   * items.
   */
  setCapacity(r: number, servers: number): void {
    this.capacities[r] = servers;
  }

  /** Put `item` in service if a server is free and nobody waits, else at the back of the queue. */
  request(r: number, item: number): boolean {
    if (this.busyCounts[r]! < this.capacities[r]! && this.lengths[r] === 0) {
      this.busyCounts[r]!++;
      return true;
    }
    this.enqueue(r, item);
    return false;
  }

  /** A server finished: start the next waiting item (returned) or leave the server idle (−1). */
  release(r: number): number {
    this.busyCounts[r]!--;
    return this.admit(r);
  }

  /** Start the next waiting item if a server is free; −1 if none can start. */
  admit(r: number): number {
    if (this.lengths[r] === 0 || this.busyCounts[r]! >= this.capacities[r]!) return -1;
    const ring = this.rings[r]!;
    const head = this.heads[r]!;
    const item = ring[head]!;
    this.heads[r] = (head + 1) & (ring.length - 1);
    this.lengths[r]!--;
    this.busyCounts[r]!++;
    return item;
  }

  private enqueue(r: number, item: number): void {
    let ring = this.rings[r]!;
    const length = this.lengths[r]!;
    if (length === ring.length) {
      // Double the ring, unrolling it so the head is at 0.
      const bigger = new Int32Array(ring.length * 2);
      const head = this.heads[r]!;
      bigger.set(ring.subarray(head));
      bigger.set(ring.subarray(0, head), ring.length - head);
      this.rings[r] = ring = bigger;
      this.heads[r] = 0;
    }
    ring[(this.heads[r]! + length) & (ring.length - 1)] = item;
    this.lengths[r] = length + 1;
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
/**
 * The event queue of the delivery model: a binary min-heap keyed by (time,
 * sequence) like `EventQueue`, with a deferred pop. `pop` leaves the root
 * vacant; the push that usually follows (a crew finishing one task starts
 * the next) refills it with one sift-down instead of a sift-down plus a
 * sift-up. Keys are unique (the sequence breaks ties), so events come out in
 * exactly the order `EventQueue` gives.
 *
 * A payload (the model's task) is pending at most once, so its sequence
 * number is kept per payload (`seqOf`), not per heap entry: a sift moves two
 * arrays instead of three and reads sequence numbers only on equal times.
 * The arrays are public for the model's loop to peek without calls.
 */
export class CompletionQueue {
  times: Float64Array;
  payloads: Int32Array;
  /** Sequence number of each payload's pending event. */
  seqOf: Float64Array;
  /** Entries, counting a vacant root. */
  count = 0;
  /** The root was popped and not yet refilled. */
  vacant = false;
  nextSeq = 0;
  /** Time of the event most recently popped. */
  time = 0.5;
  /** Time of the event `pushAtNextTime` schedules. */
  nextTime = 0.5;
  private siftTime = 0.5;

  constructor(initialCapacity = 64, payloadCapacity = 64) {
    const n = Math.max(4, initialCapacity);
    this.times = new Float64Array(n);
    this.payloads = new Int32Array(n);
    this.seqOf = new Float64Array(Math.max(4, payloadCapacity));
  }

  clear(): void {
    this.count = 0;
    this.vacant = false;
    this.nextSeq = 0;
    this.time = 0;
  }

  /** Make room for payloads 0 … n − 1 (push grows it too, one check per push). */
  ensurePayloads(n: number): void {
    if (n <= this.seqOf.length) return;
    let size = this.seqOf.length;
    while (size < n) size *= 2;
    const seqOf = new Float64Array(size);
    seqOf.set(this.seqOf);
    this.seqOf = seqOf;
  }

  /** Remove a vacant root for good (before peeking). */
  settle(): void {
    this.vacant = false;
    const n = --this.count;
    if (n > 0) {
      this.siftTime = this.times[n]!;
      this.siftDown(this.payloads[n]!);
    }
  }

  /** Earliest event time (+Infinity when empty); refills a vacant root first. */
  peekTime(): number {
    if (this.vacant) this.settle();
    return this.count > 0 ? this.times[0]! : Infinity;
  }

  /** Sequence number of the earliest event (call after `peekTime`). */
  peekSeq(): number {
    return this.count > 0 ? this.seqOf[this.payloads[0]!]! : Infinity;
  }

  /** Pop the earliest event (after `peekTime` found one): its time goes to `time`, its payload is returned. */
  pop(): number {
    this.time = this.times[0]!;
    this.vacant = true;
    return this.payloads[0]!;
  }

  /** Schedule `payload` (≥ 0, not pending already) at `time`. */
  push(time: number, payload: number): void {
    this.nextTime = time;
    this.pushAtNextTime(payload);
  }

  /**
   * push(nextTime, payload), the time set in the field first: where V8 does
   * not inline the call (it decides by size, call site by call site), a
   * fractional argument would be boxed, one allocation per event.
   */
  pushAtNextTime(payload: number): void {
    if (payload >= this.seqOf.length) this.ensurePayloads(payload + 1);
    this.seqOf[payload] = this.nextSeq++;
    if (this.vacant) {
      this.vacant = false;
      this.siftTime = this.nextTime;
      this.siftDown(payload);
    } else {
      this.siftUp(payload);
    }
  }

  /** Add (nextTime, p) at the end and sift it up (the root is not vacant). */
  private siftUp(p: number): void {
    if (this.count === this.times.length) this.grow();
    const time = this.nextTime;
    const times = this.times;
    const payloads = this.payloads;
    const seqOf = this.seqOf;
    const seq = seqOf[p]!;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqOf[payloads[parent]!]! < seq)) break;
      times[i] = pt;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = time;
    payloads[i] = p;
  }

  /**
   * Put (siftTime, p) at the root and sift it down over `count` entries.
   * The time comes in a field: a fractional number passed to a call that is
   * not inlined would be boxed (allocated) on every event.
   */
  private siftDown(p: number): void {
    const t = this.siftTime;
    const times = this.times;
    const payloads = this.payloads;
    const seqOf = this.seqOf;
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = times[child]!;
      const right = child + 1;
      if (right < n) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqOf[payloads[right]!]! < seqOf[payloads[child]!]!)) {
          child = right;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && seqOf[p]! < seqOf[payloads[child]!]!)) break;
      times[i] = ct;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = t;
    payloads[i] = p;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const payloads = new Int32Array(n);
    times.set(this.times);
    payloads.set(this.payloads);
    this.times = times;
    this.payloads = payloads;
  }
}
