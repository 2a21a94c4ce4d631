/**
 * The simulation kernel's future-event list: a binary min-heap over typed
 * arrays, ordered by (time, insertion sequence) so events at the same
 * instant fire in the order they were scheduled — deterministic for a seed.
 * Each event carries a kind, a subject (workload or pool index) and an
 * epoch; a handler ignores events whose epoch no longer matches its
 * subject's (a completion scheduled before a preemption, say).
 */

export class EventQueue {
  private time = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private kind = new Uint8Array(1024);
  private subject = new Int32Array(1024);
  private epoch = new Int32Array(1024);
  private size = 0;
  private counter = 0;

  get length(): number {
    return this.size;
  }

  peekTime(): number {
    return this.size ? this.time[0]! : Number.POSITIVE_INFINITY;
  }

  push(time: number, kind: number, subject: number, epoch = 0): void {
    if (this.size === this.time.length) this.grow();
    let i = this.size++;
    const s = this.counter++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = this.time[parent]!;
      if (pt < time || (pt === time && this.seq[parent]! < s)) break;
      this.move(parent, i);
      i = parent;
    }
    this.time[i] = time;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.subject[i] = subject;
    this.epoch[i] = epoch;
  }

  /** Removes the earliest event into `out` (time, kind, subject, epoch); false when empty. */
  pop(out: { time: number; kind: number; subject: number; epoch: number }): boolean {
    if (this.size === 0) return false;
    out.time = this.time[0]!;
    out.kind = this.kind[0]!;
    out.subject = this.subject[0]!;
    out.epoch = this.epoch[0]!;
    const last = --this.size;
    if (last > 0) {
      const t = this.time[last]!;
      const s = this.seq[last]!;
      const k = this.kind[last]!;
      const sub = this.subject[last]!;
      const e = this.epoch[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        let c = l;
        const r = l + 1;
        if (r < last && (this.time[r]! < this.time[l]! || (this.time[r] === this.time[l] && this.seq[r]! < this.seq[l]!))) c = r;
        const ct = this.time[c]!;
        if (t < ct || (t === ct && s < this.seq[c]!)) break;
        this.move(c, i);
        i = c;
      }
      this.time[i] = t;
      this.seq[i] = s;
      this.kind[i] = k;
      this.subject[i] = sub;
      this.epoch[i] = e;
    }
    return true;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.seq[to] = this.seq[from]!;
    this.kind[to] = this.kind[from]!;
    this.subject[to] = this.subject[from]!;
    this.epoch[to] = this.epoch[from]!;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const t = new Float64Array(n);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(n);
    s.set(this.seq);
    this.seq = s;
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
    const sub = new Int32Array(n);
    sub.set(this.subject);
    this.subject = sub;
    const e = new Int32Array(n);
    e.set(this.epoch);
    this.epoch = e;
  }
}
