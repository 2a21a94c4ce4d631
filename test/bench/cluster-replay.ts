/**
 * Import of 50,000 Kueue Workload objects from a real kube-apiserver
 * (docs/performance-targets.md: ≤ 10 s; issue #15): paged lists (1,000 per
 * page, WORKLOAD_PAGE_SIZE) streamed into the replay conversion, as `podplan import workloads`
 * does, with the memory it took. The objects are created first (a few
 * requests at a time, with their status set through the status subresource
 * like Kueue would) and only the import is timed.
 */
import { connect } from '../../electron/cluster/connection.ts';
import { readClusterWorkloads, WORKLOAD_PAGE_SIZE } from '../../electron/cluster/workloads.ts';
import { clusterUnavailableReason, startTestCluster } from '../cluster/harness.ts';
import { inParallel, putWorkload, RawKube, type WorkloadFixture } from '../cluster/workload-objects.ts';
import { median, type BenchResult } from './types.ts';

const WORKLOADS = Number(process.env.PODPLAN_BENCH_WORKLOADS ?? 50_000);
const NAMESPACES = 50;
const PARALLEL = 8;

/** A mix like a busy cluster's week: most finished, some running, some pending, a few evicted and admitted again. */
function fixture(i: number): WorkloadFixture {
  const namespace = `bench-replay-${i % NAMESPACES}`;
  const name = `w-${i}`;
  const gpus = [1, 2, 4, 8][i % 4]!;
  const base = { namespace, name, count: 1 + (i % 3), requests: { 'nvidia.com/gpu': String(gpus), cpu: '8', memory: '64Gi' }, priority: (i % 5) * 100 };
  const wait = (i * 37) % 3600;
  switch (i % 10) {
    case 0:
      return base; // pending
    case 1:
    case 2:
      return { ...base, conditions: [{ type: 'QuotaReserved', after: wait }, { type: 'Admitted', after: wait }] };
    case 3:
      return {
        ...base,
        conditions: [{ type: 'QuotaReserved', after: wait + 900 }, { type: 'Admitted', after: wait + 900 }, { type: 'Evicted', after: wait + 900, status: 'False' }, { type: 'Finished', after: wait + 4500 }],
        status: { schedulingStats: { evictions: [{ reason: 'Preempted', underlyingCause: '', count: 1 }] } },
      };
    default:
      return { ...base, conditions: [{ type: 'QuotaReserved', after: wait }, { type: 'Admitted', after: wait }, { type: 'Finished', after: wait + 600 + ((i * 13) % 7200) }] };
  }
}

export async function benchClusterReplay(runs = 3): Promise<BenchResult[]> {
  const unavailable = await clusterUnavailableReason();
  if (unavailable) throw new Error(`no test API server: ${unavailable}`);
  const cluster = await startTestCluster();
  try {
    const kube = new RawKube(cluster.kubeconfigPath);
    const tCreate = performance.now();
    for (let n = 0; n < NAMESPACES; n++) await kube.namespace(`bench-replay-${n}`);
    let made = 0;
    await inParallel(
      Array.from({ length: WORKLOADS }, (_, i) => i),
      PARALLEL,
      async (i) => {
        await putWorkload(kube, fixture(i));
        if (++made % 5000 === 0) process.stderr.write(`  created ${made.toLocaleString('en-US')} Workloads (${((performance.now() - tCreate) / 1000).toFixed(0)} s)\n`);
      },
    );
    kube.close();
    const createS = (performance.now() - tCreate) / 1000;

    const times: number[] = [];
    const heapPeaks: number[] = [];
    const rssPeaks: number[] = [];
    let last: Awaited<ReturnType<typeof readClusterWorkloads>> | null = null;
    for (let run = 0; run < runs; run++) {
      last = null;
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage();
      let heapPeak = before.heapUsed;
      let rssPeak = before.rss;
      const connection = await connect({ kubeconfigPaths: [cluster.kubeconfigPath], timeoutMs: 60_000 });
      const t0 = performance.now();
      const replay = await readClusterWorkloads(connection, {
        now: Date.now() / 1000,
        onPage: () => {
          const m = process.memoryUsage();
          if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
          if (m.rss > rssPeak) rssPeak = m.rss;
        },
      });
      times.push(performance.now() - t0);
      connection.objects.close();
      if (replay.counts.read !== WORKLOADS) throw new Error(`read ${replay.counts.read} Workloads, expected ${WORKLOADS}`);
      heapPeaks.push(heapPeak - before.heapUsed);
      rssPeaks.push(rssPeak);
      last = replay;
    }
    const ms = median(times);
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    const c = last!.counts;
    return [
      {
        name: `import ${WORKLOADS.toLocaleString('en-US')} Workload objects from a real API server (paged lists)`,
        value: Math.round(ms),
        unit: 'ms',
        target: '≤ 10000 ms',
        pass: ms <= 10_000,
        detail:
          `median of ${runs} (${times.map((t) => Math.round(t)).join(', ')} ms); ${last!.pages} pages of ≤ ${WORKLOAD_PAGE_SIZE}; kept ${c.kept} (finished ${c.finished}, running ${c.running}, pending ${c.pending}); ` +
          `heap growth peak ${mb(median(heapPeaks))}, RSS peak ${mb(median(rssPeaks))}; creating them took ${createS.toFixed(0)} s (${PARALLEL} requests at a time, not timed)`,
      },
    ];
  } finally {
    await cluster.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchClusterReplay()) console.log(`${r.name}: ${r.value} ${r.unit} (target ${r.target}) ${r.detail ?? ''}`);
}
