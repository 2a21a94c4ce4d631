/**
 * Undo/redo history of whole documents. Documents are immutable values, so a
 * history entry is just a reference to the previous document (structural
 * sharing keeps this cheap). Rapid changes to the same field coalesce into one
 * step: typing "Search pod" is one undo, not ten.
 */

export interface History<T> {
  /** Older documents, oldest first. */
  readonly past: readonly T[];
  readonly present: T;
  /** Documents undone, the next one to redo last. */
  readonly future: readonly T[];
  /** Coalescing key of the last recorded change; null after undo/redo/seal. */
  readonly lastKey: string | null;
  /** Time (ms) of the last recorded change. */
  readonly lastAt: number;
}

export interface RecordOptions {
  /**
   * Changes with the same key (e.g. `team:pod-1:name`) within `coalesceMs` of
   * each other replace the present instead of adding an undo step.
   */
  coalesceKey?: string;
  now: number;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1500;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

export function record<T>(
  history: History<T>,
  next: T,
  options: RecordOptions,
  limits: { limit?: number; coalesceMs?: number } = {},
): History<T> {
  if (Object.is(next, history.present)) return history;
  const limit = limits.limit ?? HISTORY_LIMIT;
  const coalesceMs = limits.coalesceMs ?? COALESCE_MS;
  const key = options.coalesceKey ?? null;
  const coalesce =
    key !== null && key === history.lastKey && options.now - history.lastAt <= coalesceMs && history.past.length > 0;
  if (coalesce) {
    return { past: history.past, present: next, future: [], lastKey: key, lastAt: options.now };
  }
  const past = [...history.past, history.present];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { past, present: next, future: [], lastKey: key, lastAt: options.now };
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (history.past.length === 0 || previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [...history.future, history.present],
    lastKey: null,
    lastAt: 0,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const next = history.future[history.future.length - 1];
  if (history.future.length === 0 || next === undefined) return history;
  return {
    past: [...history.past, history.present],
    present: next,
    future: history.future.slice(0, -1),
    lastKey: null,
    lastAt: 0,
  };
}

/** Ends coalescing, e.g. when a field loses focus: the next change is a new step. */
export function seal<T>(history: History<T>): History<T> {
  return history.lastKey === null ? history : { ...history, lastKey: null };
}
