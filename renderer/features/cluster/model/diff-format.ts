/** Diff and apply results in words: status labels, grouping, and field values. */
import type { ApplyStatus, DiffResult, DiffStatus, ObjectDiff } from '../../../../sim/api/contract.ts';

type Tone = 'add' | 'change' | 'same' | 'remove' | 'warn' | 'error';

export const DIFF_STATUS: Record<DiffStatus, { label: string; plural?: string; tone: Tone }> = {
  created: { label: 'to create', tone: 'add' },
  changed: { label: 'to change', tone: 'change' },
  unchanged: { label: 'unchanged', tone: 'same' },
  'to-be-pruned': { label: 'to prune', tone: 'remove' },
  'not-managed': { label: 'not managed by Podplan', tone: 'warn' },
  'other-scenario': { label: 'managed for another scenario', tone: 'warn' },
  'kind-missing': { label: 'kind not served', tone: 'error' },
  conflict: { label: 'conflict', plural: 'conflicts', tone: 'error' },
  error: { label: 'error', plural: 'errors', tone: 'error' },
};

/** The order groups are shown in: what needs attention first, unchanged last (collapsed). */
export const DIFF_ORDER: readonly DiffStatus[] = ['conflict', 'error', 'kind-missing', 'created', 'changed', 'to-be-pruned', 'not-managed', 'other-scenario', 'unchanged'];

export interface DiffGroup {
  status: DiffStatus;
  objects: ObjectDiff[];
}

export function groupDiff(result: DiffResult): DiffGroup[] {
  return DIFF_ORDER.map((status) => ({ status, objects: result.objects.filter((o) => o.status === status) })).filter((g) => g.objects.length > 0);
}

export const APPLY_STATUS: Record<ApplyStatus, { label: string; plural?: string; tone: Tone }> = {
  created: { label: 'created', tone: 'add' },
  configured: { label: 'configured', tone: 'change' },
  unchanged: { label: 'unchanged', tone: 'same' },
  pruned: { label: 'pruned', tone: 'remove' },
  conflict: { label: 'conflict', plural: 'conflicts', tone: 'error' },
  failed: { label: 'failed', tone: 'error' },
  'not-applied': { label: 'not applied', tone: 'warn' },
  skipped: { label: 'skipped', tone: 'warn' },
};

/** "3 to create · 1 to change · 12 unchanged" (zero counts left out). */
export function countsSentence<S extends string>(counts: Partial<Record<S, number>>, labels: Record<S, { label: string; plural?: string }>, order?: readonly S[]): string {
  const keys = order ?? (Object.keys(labels) as S[]);
  const parts = keys
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => {
      const n = counts[k] ?? 0;
      return `${n} ${n === 1 ? labels[k].label : (labels[k].plural ?? labels[k].label)}`;
    });
  return parts.length ? parts.join(' · ') : 'nothing';
}

/** A field value as text: strings as they are, absent as "(unset)", anything else as compact JSON. */
export function formatValue(value: unknown, max = 160): string {
  if (value === undefined) return '(unset)';
  let text: string;
  if (typeof value === 'string') text = value === '' ? '""' : value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** ".spec.resourceGroups[0].flavors[0].resources[2].nominalQuota" without the leading dot. */
export function formatFieldPath(path: string): string {
  return path.replace(/^\./, '') || '(whole object)';
}
