/**
 * Admission fair sharing in the GPU simulation tab's run: turning it on
 * changes who is admitted first (the LocalQueue that used less lately), and
 * the tab lists each LocalQueue's usage, lowest first.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import { setAdmissionFairSharing, setAdmissionScope } from '../../../sim/edits/admission-fair-sharing.ts';
import { jobs, policy } from '../../../sim/gpu-sim/testing.ts';
import type { JobContext } from '../../../sim/kernel/job.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { LocalQueueUsageTable } from './LocalQueueUsageTable.tsx';
import { gpuRunViewJob } from './model/run-job.ts';

const context: JobContext = { cancelled: false, progress: () => {}, preliminary: () => {}, breathe: () => Promise.resolve() };

/** One ClusterQueue of 9 CPUs, LocalQueues lq-a and lq-b (Kueue's docs setup). */
function shared(): Cluster {
  const cluster = policy([{ name: 'cluster-queue', nominal: '9' }]);
  Object.assign(cluster.queues[0]!, { namespace: 'default', localQueue: 'lq-a', extraLocalQueues: [{ name: 'lq-b' }] });
  return cluster;
}

/** The edits the policy editor makes when the user turns it on. */
function turnedOn(cluster: Cluster): Cluster {
  let doc = { cluster } as unknown as Scenario;
  doc = setAdmissionFairSharing(doc, true);
  doc = setAdmissionScope(doc, cluster.queues[0]!.id, 'UsageBasedAdmissionFairSharing');
  return doc.cluster;
}

// lq-a fills the queue from 0; a CPU frees at 2400 s, when lq-a's job of 1800 s and lq-b's of 1801 s wait for it.
const workloads = [
  ...jobs('a-early', 'default/lq-a', 1, { duration: 2400 }),
  ...jobs('a', 'default/lq-a', 8, { duration: 7200 }),
  ...jobs('a-late', 'default/lq-a', 1, { at: 1800, duration: 7200 }),
  ...jobs('b', 'default/lq-b', 1, { at: 1801, duration: 7200 }),
];
const run = (cluster: Cluster) => gpuRunViewJob({ cluster, source: { kind: 'trace', name: 'docs example', workloads } }, context);
/** When a workload that waited was first admitted (submission + wait). */
const admittedAt = (view: Awaited<ReturnType<typeof run>>, id: string) => {
  const w = view.waiting.find((x) => x.id === id)!;
  return w.submitTime + w.waited!;
};

describe('admission fair sharing in the GPU simulation tab', () => {
  it("turning it on admits lq-b's job first when a CPU frees at 2400 s, ahead of lq-a's older one", async () => {
    const off = await run(shared());
    expect(admittedAt(off, 'a-late')).toBeLessThan(admittedAt(off, 'b'));
    expect(off.localQueues).toEqual([]);
    const on = await run(turnedOn(shared()));
    expect(admittedAt(on, 'b')).toBeLessThan(admittedAt(on, 'a-late'));
    expect(admittedAt(on, 'b')).toBeLessThan(7200);
    expect(on.waiting.find((w) => w.id === 'a-late')?.localQueue).toBe('default/lq-a');
  });

  it("lists each LocalQueue's consumed usage, the lowest first", async () => {
    const on = await run(turnedOn(shared()));
    const markup = renderToStaticMarkup(<LocalQueueUsageTable localQueues={on.localQueues} />);
    const rows = [...markup.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[2], m[6]]);
    const order = [...on.localQueues].sort((a, b) => a.usage - b.usage).map((lq) => lq.localQueue);
    expect(rows).toEqual([
      [order[0], 'goes first'],
      [order[1], 'after 1 other'],
    ]);
    expect(markup).toMatch(/\d+(\.\d+)? cores/);
  });
});
