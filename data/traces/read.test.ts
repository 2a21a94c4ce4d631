import { fileURLToPath } from 'node:url';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../samples/index.ts';
import { SAMPLE_USER_MAP } from './samples/generate.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceProgressLine, traceProgressPrinter } from './progress.ts';
import { detectTraceFileFormat, importTraceFile, importTraceTable, scanTraceFile, traceFileNotText, type TraceReadProgress } from './read.ts';

const sample = (name: string) => fileURLToPath(new URL(`./samples/${name}`, import.meta.url));
const cluster = loadSamples()[1]!.cluster;

describe('reading a trace file', () => {
  it('streams it in chunks with progress up to the file size, as one read would import it', async () => {
    const file = sample('philly-sample.json');
    const progress: TraceReadProgress[] = [];
    const result = await importTraceFile(file, cluster, { format: 'philly', mapping: { teamBy: 'user', teams: { ...SAMPLE_USER_MAP } }, onBadRow: 'skip' }, { chunkBytes: 4096, onProgress: (p) => progress.push(p) });
    const size = statSync(file).size;
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toEqual({ bytesRead: size, totalBytes: size, rows: 150 });
    expect(progress.every((p, i) => i === 0 || p.bytesRead > progress[i - 1]!.bytesRead)).toBe(true);
    const whole = await importTraceFile(file, cluster, { format: 'philly', mapping: { teamBy: 'user', teams: { ...SAMPLE_USER_MAP } }, onBadRow: 'skip' });
    expect(result).toEqual(whole);
    expect(result.problems.map((p) => p.line)).toEqual([44]);
  });

  it('detects the layout and scans users and virtual clusters', async () => {
    expect(await detectTraceFileFormat(sample('openb-sample.csv'))).toBe('openb');
    const scan = await scanTraceFile(sample('helios-sample.csv'), 'helios');
    expect(scan.vcs).toEqual(['ai-platform', 'recommendations', 'search-relevance', 'support-assistant']);
    expect(scan.rows).toBe(150);
  });

  it('imports into the compact table with the same jobs and problems as the readable import', async () => {
    const file = sample('helios-sample.csv');
    const options = { format: 'helios' as const, mapping: { teamBy: 'user' as const, teams: { ...SAMPLE_USER_MAP } }, onBadRow: 'skip' as const };
    const table = await importTraceTable(file, cluster, options, { chunkBytes: 1000 });
    const specs = await importTraceFile(file, cluster, options);
    expect(table.table.n).toBe(specs.imported);
    expect(table.table.ids).toEqual(specs.workloads.map((w) => w.id));
    expect(table.problems).toEqual(specs.problems);
  });

  it('refuses a binary file by its first KiB, naming the reason and the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podplan-read-'));
    try {
      const binary = join(dir, 'trace.csv');
      writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
      expect(await traceFileNotText(binary)).toMatchObject({ line: 1, message: expect.stringMatching(/not a text trace: line 1 has bytes that are not UTF-8 \(character 1\): binary data, or UTF-16/), wholeFile: true });
      const imported = await importTraceFile(binary, cluster, { format: 'generic', mapping: { teamBy: 'user', teams: {} }, onBadRow: 'skip' });
      expect(imported.aborted?.message).toMatch(/not a text trace/);
      expect(await traceFileNotText(sample('pai-sample.csv'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints import progress as bytes of the size and rows, once a second after the first second', () => {
    expect(traceProgressLine({ bytesRead: 84_000_000, totalBytes: 200_000_000, rows: 1_893_211 })).toBe('Importing the trace… 42% (84 of 200 MB, 1,893,211 rows)');
    const lines: string[] = [];
    let now = 0;
    const print = traceProgressPrinter((line) => lines.push(line), () => now);
    for (now = 0; now <= 3500; now += 250) print({ bytesRead: now * 50_000, totalBytes: 200_000_000, rows: now / 10 });
    expect(lines).toEqual(['Importing the trace… 25% (50 of 200 MB, 100 rows)\n', 'Importing the trace… 50% (100 of 200 MB, 200 rows)\n', 'Importing the trace… 75% (150 of 200 MB, 300 rows)\n']);
  });
});
