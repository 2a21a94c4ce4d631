import { fileURLToPath } from 'node:url';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../samples/index.ts';
import { SAMPLE_USER_MAP } from './samples/generate.ts';
import { detectTraceFileFormat, importTraceFile, scanTraceFile, type TraceReadProgress } from './read.ts';

const sample = (name: string) => fileURLToPath(new URL(`./samples/${name}`, import.meta.url));
const cluster = loadSamples()[1]!.cluster;

describe('reading a trace file', () => {
  it('streams it in chunks with progress up to the file size, as one read would import it', async () => {
    const file = sample('philly-sample.json');
    const progress: TraceReadProgress[] = [];
    const result = await importTraceFile(file, cluster, { format: 'philly', mapping: { teamBy: 'user', teams: { ...SAMPLE_USER_MAP } }, onBadRow: 'skip' }, { chunkBytes: 4096, onProgress: (p) => progress.push(p) });
    const size = statSync(file).size;
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toEqual({ bytesRead: size, totalBytes: size });
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
});
