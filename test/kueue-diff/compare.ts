/**
 * Compares the simulator's outcome of a step with Kueue's: the admitted set
 * by name, the pending count and, with fair sharing, every ClusterQueue's
 * and Cohort's weightedShare. Returns null when they agree, else what
 * differs in words.
 */
import type { Outcome } from './cases.ts';

/** Kueue reports math.MaxInt64 for a borrowing zero-weight node, the simulator MAX_SAFE_INTEGER: both are "above every share". */
const share = (v: number | undefined): string => (v === undefined ? 'absent' : v >= Number.MAX_SAFE_INTEGER ? 'max' : String(v));

const list = (names: readonly string[]) => `[${names.join(', ')}]`;

export function describeDifference(kueue: Outcome, podplan: Outcome): string | null {
  const parts: string[] = [];
  if (list(kueue.admitted) !== list(podplan.admitted)) parts.push(`admitted: Kueue ${list(kueue.admitted)}, Podplan ${list(podplan.admitted)}`);
  if (kueue.pending.length !== podplan.pending.length) parts.push(`pending: Kueue ${kueue.pending.length} ${list(kueue.pending)}, Podplan ${podplan.pending.length} ${list(podplan.pending)}`);
  if (kueue.weightedShares) {
    for (const kind of ['clusterQueues', 'cohorts'] as const) {
      const k = kueue.weightedShares[kind];
      const p = podplan.weightedShares?.[kind] ?? {};
      for (const name of [...new Set([...Object.keys(k), ...Object.keys(p)])].sort()) {
        if (share(k[name]) !== share(p[name])) parts.push(`weightedShare of ${kind === 'cohorts' ? 'Cohort' : 'ClusterQueue'} ${name}: Kueue ${share(k[name])}, Podplan ${share(p[name])}`);
      }
    }
  }
  return parts.length ? parts.join('; ') : null;
}
