/**
 * The CLI's progress line for a trace import: bytes read of the file's size
 * and rows so far, at most once a second and only once the import has taken
 * a second, so small traces print nothing and a 200 MB one shows it moves.
 */
import type { TraceReadProgress } from './read.ts';

const MB = 1e6;

/** "84 of 200 MB, 1,893,211 rows": how far the read is. */
export function traceReadSoFar(p: TraceReadProgress): string {
  const size = (bytes: number) => (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
  const rows = p.rows !== undefined ? `, ${p.rows.toLocaleString('en')} rows` : '';
  return `${size(p.bytesRead)} of ${size(p.totalBytes)} MB${rows}`;
}

export function traceProgressLine(p: TraceReadProgress): string {
  const percent = p.totalBytes ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100;
  return `Importing the trace… ${percent}% (${traceReadSoFar(p)})`;
}

/**
 * When a CLI progress line is due: once a second, and only once the work has
 * taken a second (short runs print nothing). Returns the milliseconds since
 * the start when a line is due, else null. `now` in milliseconds.
 */
export function progressClock(now: () => number): () => number | null {
  const started = now();
  let last = started;
  return () => {
    const t = now();
    if (t - started < 1000 || t - last < 1000) return null;
    last = t;
    return t - started;
  };
}

/** `now` in milliseconds; `write` gets whole lines. */
export function traceProgressPrinter(write: (line: string) => void, now: () => number): (p: TraceReadProgress) => void {
  const due = progressClock(now);
  return (p) => {
    if (due() !== null) write(`${traceProgressLine(p)}\n`);
  };
}
