/**
 * Policy issues (from `validatePolicy`) looked up by the field they belong
 * to, and the DOM id of that field so the issue list at the top can take the
 * user to it.
 */
import type { PolicyIssue } from '../../../sim/cluster/validate.ts';
import type { EditorSection } from '../../stores/navigation.ts';

export interface IssueIndex {
  all: readonly PolicyIssue[];
  errors: number;
  warnings: number;
  /** Issues of exactly this path. */
  at(path: string): PolicyIssue[];
  /** Issues of this path and everything under it (`cluster.queues[1]` → the whole queue). */
  within(prefix: string): PolicyIssue[];
}

export const EMPTY_ISSUES: IssueIndex = indexIssues([]);

export function indexIssues(issues: readonly PolicyIssue[]): IssueIndex {
  const byPath = new Map<string, PolicyIssue[]>();
  for (const issue of issues) {
    const list = byPath.get(issue.path);
    if (list) list.push(issue);
    else byPath.set(issue.path, [issue]);
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    all: issues,
    errors,
    warnings: issues.length - errors,
    at: (path) => byPath.get(path) ?? [],
    within: (prefix) => issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`)),
  };
}

/** `cluster.queues[1].cohortName` → `pf-cluster-queues-1-cohortName`: a valid, stable element id. */
export function fieldId(path: string): string {
  return `pf-${path.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
}

/** Id of the element that carries a field's messages (for aria-describedby). */
export function fieldMessageId(path: string): string {
  return `${fieldId(path)}--msg`;
}

/** The editor section that shows a field. */
export function sectionOf(path: string): EditorSection {
  return /^cluster\.(nodePools|topologies)\b|^cluster\.flavors\[\d+\]\.topologyName$/.test(path) ? 'capacity' : 'policy';
}

/** Index of the queue a path is in, if any. */
export function queueIndexOf(path: string): number | null {
  const match = /^cluster\.queues\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : null;
}

/**
 * The closest element to focus for a path: the field itself, or failing
 * that the nearest parent path that has an element (an issue about
 * `…resources` points at the grid, not a cell).
 */
export function focusCandidates(path: string): string[] {
  const ids: string[] = [];
  let at = path;
  for (;;) {
    ids.push(fieldId(at));
    const cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
    if (cut <= 0) break;
    at = at.slice(0, cut);
  }
  return ids;
}

/** "cluster.queues[1].resourceGroups[0].flavors[0].resources[2].borrowingLimit" → a short human label. */
export function describePath(path: string, names: { queues: readonly string[]; pools: readonly string[] }): string {
  const q = /^cluster\.queues\[(\d+)\]\.?(.*)$/.exec(path);
  if (q) {
    const name = names.queues[Number(q[1])] || `queue ${Number(q[1]) + 1}`;
    const rest = (q[2] ?? '')
      .replace(/resourceGroups\[(\d+)\]\.?/, (_m, g: string) => (g === '0' ? '' : `group ${Number(g) + 1} `))
      .replace(/flavors\[(\d+)\]\.?/, (_m, f: string) => `flavor ${Number(f) + 1} `)
      .replace(/resources\[(\d+)\]\.?/, (_m, r: string) => `resource ${Number(r) + 1} `)
      .trim();
    return rest ? `${name} · ${rest}` : name;
  }
  const p = /^cluster\.nodePools\[(\d+)\]\.?(.*)$/.exec(path);
  if (p) return `${names.pools[Number(p[1])] || `pool ${Number(p[1]) + 1}`}${p[2] ? ` · ${p[2]}` : ''}`;
  const other = /^cluster\.(flavors|cohorts|priorityClasses)\[(\d+)\]\.?(.*)$/.exec(path);
  if (other) {
    const what = { flavors: 'flavor', cohorts: 'cohort', priorityClasses: 'priority class' }[other[1] as 'flavors' | 'cohorts' | 'priorityClasses'];
    return `${what} ${Number(other[2]) + 1}${other[3] ? ` · ${other[3]}` : ''}`;
  }
  return path.replace(/^cluster\.?/, '') || 'policy';
}

/** Attributes that tie an input to its path: its id, invalid state and the element with its messages. */
export function fieldAttrs(path: string, issues: IssueIndex): { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; 'data-severity'?: 'error' | 'warning' } {
  const found = issues.at(path);
  if (found.length === 0) return { id: fieldId(path) };
  const error = found.some((i) => i.severity === 'error');
  return {
    id: fieldId(path),
    ...(error ? { 'aria-invalid': true as const } : {}),
    'aria-describedby': fieldMessageId(path),
    'data-severity': error ? 'error' : 'warning',
  };
}
