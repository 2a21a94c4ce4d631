/**
 * Which job ids a trace has already imported, and at which line: an
 * open-addressing hash table over typed arrays that points at the rows of
 * the workloads themselves, so millions of ids cost 12 bytes each here
 * instead of a Map entry per id (issue #13, finding 4).
 */
export class IdIndex {
  /** Row + 1 per slot; 0 = empty. Kept at most half full. */
  private slots = new Int32Array(1 << 10);
  private lines = new Uint32Array(1 << 9);
  private count = 0;

  private readonly idOf: (row: number) => string;

  /** `idOf(row)`: the id of the row-th id added (the collector keeps the strings). `expectedRows` sizes the arrays once. */
  constructor(idOf: (row: number) => string, expectedRows = 0) {
    this.idOf = idOf;
    if (expectedRows > this.lines.length) {
      this.lines = new Uint32Array(Math.ceil(expectedRows));
      this.slots = new Int32Array(2 ** Math.ceil(Math.log2(2 * expectedRows + 2)));
    }
  }

  /** The line of the earlier row with this id, if any. */
  lineOf(id: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot]! - 1;
      if (row < 0) return undefined;
      if (this.idOf(row) === id) return this.lines[row];
    }
  }

  /** Registers the next row (its id must already be what `idOf` returns for it). */
  add(id: string, line: number): void {
    if (2 * (this.count + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    if (this.count === this.lines.length) {
      const lines = new Uint32Array(this.lines.length * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.place(id, this.count);
    this.lines[this.count++] = line;
  }

  private place(id: string, row: number): void {
    const mask = this.slots.length - 1;
    let slot = hash(id) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = row + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let row = 0; row < this.count; row++) this.place(this.idOf(row), row);
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
