/**
 * Issue #13, trace findings 4, 5 and 13: what a bad trace gets. Every
 * refusal names its line (and the column), or says why the whole file is
 * refused; memory stays bounded by a line limit and a compact table.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { SAMPLE_USER_MAP } from '../../data/traces/samples/generate.ts';
import { tableFromSpecs, WorkloadTable } from '../gpu-sim/workloads.ts';
import { createTraceImporter, createTraceScanner, createTraceTableImporter, MAX_LINE_LENGTH, sniffTraceText, type TraceImportOptions } from './index.ts';

const cluster = loadSamples()[1]!.cluster;
const byUser: TraceImportOptions['mapping'] = { teamBy: 'user', teams: { ...SAMPLE_USER_MAP } };
const GENERIC_HEADER = 'id,submit_time,duration,user,gpus_per_pod,pods';

function importText(text: string, options: Partial<TraceImportOptions> = {}) {
  const importer = createTraceImporter(cluster, { format: 'generic', mapping: byUser, onBadRow: 'skip', ...options });
  importer.push(text);
  return importer.finish();
}

const bytes = (...parts: Array<string | number[]>) => {
  const encoded = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const all = new Uint8Array(encoded.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of encoded) {
    all.set(p, at);
    at += p.length;
  }
  return all;
};

describe('finding 5: values the simulator cannot take are refused at their row, naming line and column', () => {
  it.each([
    ['gpus_per_pod', 'a,0,60,ana,1e308,1', /gpus_per_pod "1e308" is beyond .*GPUs/],
    ['pods', 'a,0,60,ana,1,1e308', /pods "1e308" is beyond .*pods/],
    ['duration', 'a,0,1e308,ana,1,1', /duration "1e308" is beyond/],
    ['submit_time', 'a,1e308,60,ana,1,1', /submit_time "1e308" is not a time between 1970 and 2100/],
    ['submit_time (negative)', 'a,-5,60,ana,1,1', /submit_time "-5" is not a time between 1970 and 2100/],
    ['duration (Infinity)', 'a,0,Infinity,ana,1,1', /duration "Infinity" is not a number/],
  ])('%s', (_column, row, message) => {
    const result = importText(`${GENERIC_HEADER}\nok,0,60,ana,1,1\n${row}\n`);
    expect(result.problems).toEqual([{ line: 3, message: expect.stringMatching(message) }]);
    expect(result.imported).toBe(1);
  });

  it('every format bounds its numbers at the row (Helios gpu_num, openb memory, PAI inst_num, Philly times)', () => {
    const helios = importText('job_id,user,vc,gpu_num,node_num,submit_time,duration\n1,ana,v,1e308,1,0,60\n', { format: 'helios' });
    expect(helios.problems).toEqual([{ line: 2, message: expect.stringMatching(/gpu_num "1e308" is beyond/) }]);
    const openb = importText('name,num_gpu,creation_time,scheduled_time,deletion_time,memory_mib,qos\nana-1,1,0,10,70,1e308,LS\n', { format: 'openb' });
    expect(openb.problems).toEqual([{ line: 2, message: expect.stringMatching(/memory_mib "1e308" is beyond/) }]);
    const pai = importText('j1,i1,ana,Terminated,100,1200\nj1,w,1e308,Terminated,160,1160,600,32,100,V100\n', { format: 'pai' });
    expect(pai.problems).toContainEqual({ line: 2, message: expect.stringMatching(/inst_num "1e308" is beyond/) });
    const philly = importText(JSON.stringify([{ jobid: 'j', user: 'ana', vc: 'v', submitted_time: '9999-01-01 00:00:00', attempts: [] }]), { format: 'philly' });
    expect(philly.problems).toEqual([{ line: 1, message: expect.stringMatching(/submitted_time "9999-01-01 00:00:00" is not a time between 1970 and 2100/) }]);
  });

  it('PAI: abort stops at the first bad line in file order, even when that row is bad only once the tables are joined', () => {
    const jobs = Array.from({ length: 6 }, (_, i) => `j${i},i${i},ana,Terminated,100,1200`);
    // j1's and j2's tasks never come (lines 2 and 3 are bad only once joined); line 10 is a bad task row, so j5 (line 6) has none either.
    const tasks = ['j0,w,1,Terminated,160,1160,600,32,100,V100', 'j3,w,1,Terminated,160,1160,600,32,100,V100', 'j4,w,1,Terminated,160,1160,600,32,100,V100', 'j5,w,x,Terminated,160,1160,600,32,100,V100'];
    const text = `${jobs.join('\n')}\n${tasks.join('\n')}\n`;
    const aborted = importText(text, { format: 'pai', onBadRow: 'abort' });
    expect(aborted.aborted).toEqual({ line: 2, message: 'job_name "j1" has no task in pai_task_table' });
    expect(aborted.problems.map((p) => p.line)).toEqual([2, 3, 6, 10]);
    expect(aborted.workloads).toEqual([]);
    const skipped = importText(text, { format: 'pai', onBadRow: 'skip' });
    expect(skipped.problems.map((p) => p.line)).toEqual([2, 3, 6, 10]);
    expect(skipped.workloads.map((w) => w.id)).toEqual(['j0', 'j3', 'j4']);
  });
});

describe('finding 4: memory stays bounded', () => {
  it('a line longer than the limit is refused naming the line and the limit, and the rows after it still import', () => {
    const long = `b,0,60,ana,1,1,${'x'.repeat(300)}`;
    const importer = createTraceImporter(cluster, { format: 'generic', mapping: byUser, onBadRow: 'skip', maxLineLength: 100 });
    const text = `${GENERIC_HEADER}\na,0,60,ana,1,1\n${long}\nc,0,60,ana,1,1\n`;
    for (let i = 0; i < text.length; i += 7) importer.push(text.slice(i, i + 7));
    const result = importer.finish();
    expect(result.problems).toEqual([{ line: 3, message: 'line 3 is longer than the limit of 100 characters: not a trace row (binary data, or a missing line break?)' }]);
    expect(result.workloads.map((w) => w.id)).toEqual(['a', 'c']);
  });

  it('one huge line (no line break at all) is one refusal, not a string the size of the file', () => {
    const importer = createTraceImporter(cluster, { format: 'generic', mapping: byUser, onBadRow: 'skip' });
    const piece = 'y'.repeat(1 << 16);
    for (let i = 0; i < 40; i++) importer.push(piece); // 2.5 MiB on line 1
    const result = importer.finish();
    expect(result.aborted).toMatchObject({ line: 1, message: expect.stringMatching(`line 1 is longer than the limit of ${MAX_LINE_LENGTH.toLocaleString('en')} characters`) });
  });

  it('a Philly job object longer than the limit is refused at the line where it starts', () => {
    const job = (id: string, pad = '') => JSON.stringify({ jobid: id, user: 'ana', vc: 'v', pad, submitted_time: '2017-10-02 00:00:00', attempts: [{ start_time: '2017-10-02 00:00:00', end_time: '2017-10-02 00:01:00', detail: [{ ip: 'a', gpus: ['g'] }] }] });
    const result = importText(`[\n${job('1')},\n${job('2', 'z'.repeat(500))},\n${job('3')}\n]`, { format: 'philly', maxLineLength: 400 });
    expect(result.problems).toEqual([{ line: 3, message: 'the job object starting at line 3 is longer than the limit of 400 characters' }]);
    expect(result.workloads.map((w) => w.id)).toEqual(['1', '3']);
  });

  it('the CLI importer keeps workloads as one compact table, the same workloads the readable form gives', () => {
    const text = `${GENERIC_HEADER},cpu_per_pod\na,100,60,ana,1,2,\nb,160,600,chen,4,1,8\nc,130,60,zoe,1,1,\n`;
    const importer = createTraceTableImporter(cluster, { format: 'generic', mapping: byUser, onBadRow: 'skip' });
    importer.push(text);
    const result = importer.finish();
    expect(result.table).toBeInstanceOf(WorkloadTable);
    expect(result.problems).toEqual([{ line: 4, message: 'user "zoe" is not mapped to a team' }]);
    const readable = tableFromSpecs(importText(text).workloads);
    expect(result.table.n).toBe(2);
    for (const column of ['submit', 'duration', 'queueRef', 'shape', 'priority', 'kind', 'gang'] as const) expect([...result.table[column].subarray(0, 2)], column).toEqual([...readable[column].subarray(0, 2)]);
    expect(result.table.ids).toEqual(readable.ids);
    expect(result.table.shapes).toEqual(readable.shapes);
  });
});

describe('finding 13: a file that is not text is refused up front, with the reason', () => {
  it.each([
    ['NUL bytes (a binary file)', bytes('id,submit', [0, 0, 0, 7, 255, 1], 'x\n'), /not a text trace: line 1 has a NUL byte/],
    ['invalid UTF-8', bytes('id,submit_time,gpus_per_pod\n', [0xc3, 0x28, 0xff], ',1\n'), /not UTF-8 text: line 2/],
    ['UTF-16 text', bytes([0xff, 0xfe], 'i\u0000d\u0000'), /UTF-16/],
  ])('%s', (_what, file, reason) => {
    expect(sniffTraceText(new TextDecoder().decode(file))?.message).toMatch(reason);
    for (const onBadRow of ['skip', 'abort'] as const) {
      const importer = createTraceImporter(cluster, { format: 'generic', mapping: byUser, onBadRow });
      importer.pushBytes(file.subarray(0, 5));
      importer.pushBytes(file.subarray(5));
      const result = importer.finish();
      expect(result.aborted, onBadRow).toMatchObject({ message: expect.stringMatching(reason), wholeFile: true });
      expect(result.workloads).toEqual([]);
    }
    const scanner = createTraceScanner('generic');
    scanner.pushBytes(file);
    const scan = scanner.finish();
    expect(scan.problems[0]?.message).toMatch(reason);
    expect(scan.users).toEqual([]);
  });

  it('a random binary file never becomes column names', () => {
    let state = 7;
    const junk = Uint8Array.from({ length: 4096 }, () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) & 0xff);
    const importer = createTraceImporter(cluster, { format: 'helios', mapping: byUser, onBadRow: 'skip' });
    importer.pushBytes(junk);
    const result = importer.finish();
    expect(result.aborted?.message).toMatch(/not a text trace|not UTF-8 text/);
    expect(result.aborted?.message).not.toMatch(/header lacks/);
  });

  it('an empty file, or a header alone, is refused as having no job rows', () => {
    expect(importText('').aborted).toMatchObject({ message: 'the file is empty: no header and no job rows', wholeFile: true });
    expect(importText(`${GENERIC_HEADER}\r\n`).aborted).toMatchObject({ message: 'the file has no job rows after its header', wholeFile: true });
  });

  it('a BOM and CRLF line ends are read as text', () => {
    const result = importText(`\uFEFF${GENERIC_HEADER}\r\na,0,60,ana,1,1\r\n`);
    expect(result.problems).toEqual([]);
    expect(result.imported).toBe(1);
  });
});
