/**
 * SimPy's `Resource` for the event kernel: resources with a finite number of
 * servers and a FIFO queue each, over typed arrays (no allocation per
 * request).
 */

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
