/**
 * A depth limit on parsed scenario documents. JSON.parse builds arbitrarily
 * deep values without complaint, but much that touches them afterwards
 * recurses (String() of an array, JSON.stringify, structuredClone) and a
 * file of 100,000 nested `[` would overflow the call stack there. Checked
 * once, iteratively, before anything else reads the document.
 */
import { formatIssuePath, type ScenarioIssue } from './errors.ts';

/** The deepest current scenario field is about 10 levels down (cluster → queues → resourceGroups → flavors → resources → …). */
export const MAX_NESTING_DEPTH = 64;

/** How many leading path segments a refusal shows; the rest is `…`. */
const SHOWN_SEGMENTS = 12;

interface Visit {
  value: unknown;
  depth: number;
  key: string | number | null;
  parent: Visit | null;
}

function pathTo(visit: Visit): string {
  const keys: Array<string | number> = [];
  for (let at: Visit | null = visit; at !== null; at = at.parent) if (at.key !== null) keys.push(at.key);
  keys.reverse();
  const shown = formatIssuePath(keys.slice(0, SHOWN_SEGMENTS));
  return keys.length > SHOWN_SEGMENTS ? `${shown}…` : shown;
}

/** The first place `value` nests deeper than `limit` arrays and objects, as an issue naming its path; null when it does not. */
export function deepNestingIssue(value: unknown, limit = MAX_NESTING_DEPTH): ScenarioIssue | null {
  const pending: Visit[] = [{ value, depth: 0, key: null, parent: null }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current !== 'object' || current === null) continue;
    if (visit.depth >= limit) {
      return { path: pathTo(visit), message: `nested more than ${limit} levels deep; a Podplan scenario never nests more than about 10` };
    }
    const depth = visit.depth + 1;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push({ value: current[i] as unknown, depth, key: i, parent: visit });
    } else {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        pending.push({ value: child, depth, key, parent: visit });
      }
    }
  }
  return null;
}
