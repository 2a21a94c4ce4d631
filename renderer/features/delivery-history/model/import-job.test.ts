/** The Delivery tab's history import job, as the worker runs it: a picked file read in chunks with progress, the format detected, files that are no CSV export refused with the reason. */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobContext } from '../../../../sim/kernel/job.ts';
import { JobClient } from '../../../workers/job-client.ts';
import { channelWorker, closeChannelWorkers } from '../../../workers/testing.ts';
import { importHistoryJob, type HistoryJobInput, type HistoryJobOutput } from './import-job.ts';

afterEach(closeChannelWorkers);

function context(): JobContext & { done: number[] } {
  const done: number[] = [];
  return { cancelled: false, done, progress: (d) => void done.push(d), preliminary: () => {}, breathe: () => Promise.resolve() };
}

/** A cycle-data file of `items` rows (about 70 bytes each). */
function cycleData(items: number): Blob {
  const rows = ['ID,Type,Team,Backlog,In Dev,Done'];
  for (let i = 0; i < items; i++) rows.push(`A-${i},${i % 2 ? 'Story' : 'Bug'},Team ${i % 3},2024-01-0${1 + (i % 5)},2024-02-${10 + (i % 9)},${i % 4 ? '2024-03-20' : ''}`);
  return new Blob([`${rows.join('\n')}\n`]);
}

describe('the history import job', () => {
  it('reads a file bigger than one chunk with progress in bytes up to its size, the format detected', async () => {
    const file = cycleData(50_000);
    expect(file.size).toBeGreaterThan(2 * (1 << 20));
    const progress = context();
    const out = await importHistoryJob({ file, name: 'cycle.csv', onBadRow: 'skip' }, progress);
    expect(out.ok && out.format).toBe('cycle-data');
    expect(out.ok && out.detected).toBe(true);
    expect(out.ok && out.result.history?.items.length).toBe(50_000);
    expect(progress.done.length).toBe(Math.ceil(file.size / (1 << 20)));
    expect(progress.done.at(-1)).toBe(file.size);
  });

  it('refuses a spreadsheet and a binary file with the reason, before guessing a format', async () => {
    const xlsx = await importHistoryJob({ file: new Blob([Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0])]), name: 'book.xlsx', onBadRow: 'skip' }, context());
    expect(xlsx).toEqual({ ok: false, message: expect.stringMatching(/^book\.xlsx cannot be imported: the file is a ZIP archive \(an Excel \.xlsx workbook\?\)/) });
    const binary = await importHistoryJob({ file: new Blob([Uint8Array.from([0x49, 0x44, 0x00, 0x01, 0x02])]), name: 'x.bin', onBadRow: 'skip' }, context());
    expect(binary).toEqual({ ok: false, message: expect.stringMatching(/not a text \(CSV\) export: line 1 has a NUL byte/) });
  });

  it('asks for the format when the header names no layout, and reads the one chosen', async () => {
    const file = new Blob(['when,what\n2024-01-01,x\n']);
    expect(await importHistoryJob({ file, name: 'odd.csv', onBadRow: 'skip' }, context())).toEqual({ ok: false, message: 'Podplan cannot tell which export odd.csv is from its header: choose the format (cycle-data, jira, linear, github-projects, transitions).' });
    const chosen = await importHistoryJob({ file, name: 'odd.csv', format: 'transitions', onBadRow: 'skip' }, context());
    expect(chosen.ok && chosen.result.refused?.message).toMatch(/the header lacks the columns item, status/);
  });

  it('runs in the worker protocol: progress reaches the UI, and abort stops at the first bad row', async () => {
    const client = new JobClient<HistoryJobInput, HistoryJobOutput>(() => channelWorker(importHistoryJob));
    const seen: number[] = [];
    const file = new Blob(['item,status,timestamp\nA,Backlog,2024-01-01\nB,Backlog,someday\nA,Done,2024-01-09\n']);
    const outcome = await client.run({ file, name: 't.csv', onBadRow: 'abort' }, { onProgress: (p) => seen.push(p.done) });
    expect(outcome.status).toBe('done');
    const out = outcome.status === 'done' ? outcome.result : null;
    expect(out?.ok && out.result.aborted).toEqual({ line: 3, message: expect.stringMatching(/"someday" is not a date/) });
    expect(out?.ok && out.result.history).toBeUndefined();
    expect(seen.at(-1)).toBe(file.size);
    client.dispose();
  });
});
