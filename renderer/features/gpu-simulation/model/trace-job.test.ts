/** The tab's trace jobs with bad files (issue #13, findings 4 and 13): a binary file is refused before mapping, and progress still reaches the end. */
import { describe, expect, it } from 'vitest';
import { ClusterSchema } from '../../../../sim/cluster/schema.ts';
import type { JobContext } from '../../../../sim/kernel/job.ts';
import { importTraceJob, scanTraceJob } from './trace-job.ts';

const cluster = ClusterSchema.parse({ queues: [{ id: 'pod-1', namespace: 'pod-1', clusterQueue: 'pod-1', localQueue: 'lq', resourceGroups: [] }] });

function context(): JobContext & { done: number[] } {
  const done: number[] = [];
  return { cancelled: false, done, progress: (d) => void done.push(d), preliminary: () => {}, breathe: () => Promise.resolve() };
}

describe('trace jobs in the GPU simulation worker', () => {
  it('refuse a binary file with the reason instead of offering its bytes as columns', async () => {
    const file = new Blob([Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xed, 0xbd])]);
    const out = await scanTraceJob({ file }, context());
    expect(out).toEqual({ ok: false, header: null, message: expect.stringMatching(/cannot be read as a trace: the file is not a text trace: line 1 has the control character 0x1f/) });
    const chosen = await scanTraceJob({ file, format: 'generic' }, context());
    expect(chosen.ok).toBe(false);
  });

  it('import a renamed-column file whose first line never ends: one refusal of line 1, bounded, progress to the end', async () => {
    const file = new Blob(['a,'.repeat(700_000)]);
    const progress = context();
    const imported = await importTraceJob({ file, cluster, columns: { a: 'id' }, options: { format: 'generic', mapping: { teamBy: 'user', teams: {} }, onBadRow: 'skip' } }, progress);
    expect(imported.aborted).toMatchObject({ line: 1, message: expect.stringMatching(/line 1 is longer than the limit of 1,048,576 characters/), wholeFile: true });
    expect(progress.done.at(-1)).toBe(file.size);
  });
});
