/**
 * Admission fair sharing after a run: per ClusterQueue that orders by it,
 * each LocalQueue's decayed consumed resources and the usage Kueue sorts by
 * (Σ resource weight × consumed ÷ the LocalQueue's weight), lowest first —
 * the LocalQueue whose workloads go next. Kueue shows the same figures in
 * the LocalQueue's `status.fairSharing.admissionFairSharingStatus`.
 */
import type { LocalQueueUsage } from '../../../sim/gpu-sim/index.ts';

const RESOURCE_TEXT: Record<string, (v: number) => string> = {
  'nvidia.com/gpu': (v) => `${round(v)} GPUs`,
  cpu: (v) => `${round(v)} cores`,
  memory: (v) => `${round(v / 2 ** 30)} GiB`,
};

function round(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: v >= 100 ? 0 : 2 });
}

export function consumedText(consumed: Readonly<Record<string, number>>): string {
  const parts = Object.keys(consumed)
    .sort()
    .map((r) => (RESOURCE_TEXT[r] ?? ((v: number) => `${round(v)} ${r}`))(consumed[r]!));
  return parts.length ? parts.join(', ') : 'nothing yet';
}

/** Go's float comparison as Kueue sorts: NaN (no usage at weight 0) first. */
const byUsage = (a: LocalQueueUsage, b: LocalQueueUsage) => (Number.isNaN(a.usage) ? -1 : Number.isNaN(b.usage) ? 1 : a.usage - b.usage);

export function LocalQueueUsageTable({ localQueues }: { localQueues: readonly LocalQueueUsage[] }) {
  const byCq = new Map<string, LocalQueueUsage[]>();
  for (const lq of localQueues) byCq.set(lq.clusterQueue, [...(byCq.get(lq.clusterQueue) ?? []), lq]);
  return (
    <div className="table-scroll">
      <table className="table compact-table" aria-label="LocalQueue usage at the end of the run">
        <thead>
          <tr>
            <th scope="col">ClusterQueue</th>
            <th scope="col">LocalQueue</th>
            <th scope="col">Weight</th>
            <th scope="col">Consumed (decayed)</th>
            <th scope="col" title="Σ resource weight × consumed ÷ weight: the lowest goes first">
              Usage
            </th>
            <th scope="col">Next in line</th>
          </tr>
        </thead>
        <tbody>
          {[...byCq.entries()].flatMap(([cq, lqs]) =>
            [...lqs].sort(byUsage).map((lq, i) => (
              <tr key={lq.localQueue}>
                <td>{i === 0 ? cq : ''}</td>
                <td>{lq.localQueue}</td>
                <td>{round(lq.weight)}</td>
                <td>{consumedText(lq.consumedResources)}</td>
                <td>{Number.isFinite(lq.usage) ? round(lq.usage) : String(lq.usage)}</td>
                <td>{i === 0 ? 'goes first' : `after ${i === 1 ? '1 other' : `${i} others`}`}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
