import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { SAMPLE_USER_MAP, sampleTraces } from '../../data/traces/samples/generate.ts';
import { simulateGpu } from '../gpu-sim/simulator.ts';
import { createTraceImporter, createTraceScanner, detectTraceFormat, parseTime, type TraceFormat, type TraceImportOptions } from './index.ts';

const cluster = loadSamples().find((s) => s.id.includes('three') || s.name.toLowerCase().includes('three'))!.cluster;
const shipped = (name: string) => readFileSync(new URL(`../../data/traces/samples/${name}`, import.meta.url), 'utf8');

const SAMPLES: Array<{ file: string; format: TraceFormat; badLine: number; bad: RegExp }> = [
  { file: 'philly-sample.json', format: 'philly', badLine: 44, bad: /attempts\[0\]\.detail lists 0 GPUs/ },
  { file: 'helios-sample.csv', format: 'helios', badLine: 59, bad: /end_time "2020-04-0\d \d\d:\d\d:\d\d" is before start_time/ },
  { file: 'pai-sample.csv', format: 'pai', badLine: 0, bad: /end_time "\d+" is before start_time "\d+"/ },
  { file: 'openb-sample.csv', format: 'openb', badLine: 90, bad: /num_gpu "two" is not a number/ },
  { file: 'generic-sample.csv', format: 'generic', badLine: 103, bad: /duration "-5" must be ≥ 0/ },
];

const byUser: TraceImportOptions['mapping'] = { teamBy: 'user', teams: { ...SAMPLE_USER_MAP } };

/** Feeds text in pieces of varying size (1 to 37 characters), splitting lines, fields and JSON anywhere. */
function inPieces(text: string, push: (chunk: string) => void): void {
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const size = 1 + ((k++ * 7919) % 37);
    push(text.slice(i, i + size));
    i += size;
  }
}

function importText(text: string, options: TraceImportOptions, chunked = false) {
  const importer = createTraceImporter(cluster, options);
  if (chunked) inPieces(text, (c) => importer.push(c));
  else importer.push(text);
  return importer.finish();
}

describe('sample traces', () => {
  it('are what the generator writes, byte for byte', () => {
    for (const [name, text] of Object.entries(sampleTraces())) expect(shipped(name), name).toBe(text);
  });

  it.each(SAMPLES)('$file: is recognised, and its one bad row is reported with its line and field', ({ file, format, badLine, bad }) => {
    const text = shipped(file);
    expect(detectTraceFormat(text.slice(0, 300))).toBe(format);
    const scanner = createTraceScanner(format);
    scanner.push(text);
    const scan = scanner.finish();
    expect(scan.problems).toHaveLength(1);
    expect(scan.problems[0]!.message).toMatch(bad);
    if (badLine) expect(scan.problems[0]!.line).toBe(badLine);
    else expect(text.split('\n')[scan.problems[0]!.line - 1]).toMatch(/,ps,/);
    expect(scan.users).toEqual(Object.keys(SAMPLE_USER_MAP).sort());
    expect(Object.values(scan.userJobs).reduce((a, b) => a + b, 0)).toBe(format === 'pai' ? 80 : 149); // PAI's bad row is a task: its job still imports

    const result = importText(text, { format, mapping: byUser, onBadRow: 'skip' });
    expect(result.skipped).toBe(1);
    expect(result.problems).toEqual(scan.problems);
    expect(result.imported).toBeGreaterThanOrEqual(format === 'pai' ? 80 : 149);
    expect(Math.min(...result.workloads.map((w) => w.submitTime))).toBe(0);
    for (const w of result.workloads) expect(w.duration).toBeGreaterThan(0);
  });

  it.each(SAMPLES)('$file: chunks split anywhere give the same import as the whole file', ({ file, format }) => {
    const text = shipped(file);
    const options: TraceImportOptions = { format, mapping: byUser, onBadRow: 'skip' };
    expect(importText(text, options, true)).toEqual(importText(text, options));
  });

  it('imported jobs run in the simulator on the sample scenario, every team getting GPU-hours', () => {
    const mapped = importText(shipped('helios-sample.csv'), {
      format: 'helios',
      mapping: { teamBy: 'vc', teams: { recommendations: 'pod-1', 'search-relevance': 'pod-2', 'support-assistant': 'pod-3', 'ai-platform': 'ai-platform' } },
      onBadRow: 'skip',
    });
    const result = simulateGpu(cluster, mapped.workloads, { seed: 1 });
    expect(result.queues.reduce((n, q) => n + q.completed, 0)).toBe(mapped.imported);
    for (const team of result.teams) expect(team.gpuHoursAllocated).toBeGreaterThan(0);
  });
});

describe('trace import', () => {
  it('a gang keeps its shape: Helios node_num pods with gpu_num spread over them, Philly one pod per machine', () => {
    const helios = importText('job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration\n7,ana,x,16,96,2,COMPLETED,2020-04-01 00:00:00,2020-04-01 00:10:00,2020-04-01 02:10:00,7200\n', {
      format: 'helios',
      mapping: byUser,
      onBadRow: 'skip',
    });
    expect(helios.workloads[0]).toMatchObject({ id: '7', queue: 'recommendations', duration: 7200, podSets: [{ count: 2, requests: { 'nvidia.com/gpu': 8, cpu: 48 } }] });
    const philly = importText(
      JSON.stringify([{ jobid: 'j1', user: 'chen', vc: 'v', submitted_time: '2017-10-02 00:00:00', attempts: [{ start_time: '2017-10-02 00:05:00', end_time: '2017-10-02 01:05:00', detail: [{ ip: 'a', gpus: ['g0', 'g1', 'g2', 'g3'] }, { ip: 'b', gpus: ['g0', 'g1'] }] }] }]),
      { format: 'philly', mapping: byUser, onBadRow: 'skip' },
    );
    expect(philly.workloads[0]).toMatchObject({ queue: 'search-relevance', duration: 3600, podSets: [{ count: 1, requests: { 'nvidia.com/gpu': 4 } }, { count: 1, requests: { 'nvidia.com/gpu': 2 } }] });
  });

  it('PAI joins the task table to the job table: user from the job, pod sets from the tasks, submit at the job start', () => {
    const text = 'job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,plan_gpu,gpu_type\nj1,worker,4,Terminated,160,1160,800,64,50,T4\nj1,ps,1,Terminated,150,1200,400,16,,\njob_name,inst_id,user,status,start_time,end_time\nj1,i1,eli,Terminated,100,1200\n';
    const result = importText(text, { format: 'pai', mapping: byUser, onBadRow: 'skip' });
    expect(result.problems).toEqual([]);
    expect(result.workloads[0]).toMatchObject({ id: 'j1', queue: 'support-assistant', submitTime: 0, duration: 1050, podSets: [{ count: 4, requests: { 'nvidia.com/gpu': 1, cpu: 8 } }, { count: 1, requests: { cpu: 4 } }] });
  });

  it('headerless PAI tables (as Alibaba publishes them) are read by their column counts', () => {
    const text = 'j1,i1,eli,Terminated,100,1200\nj1,worker,2,Terminated,160,1160,600,32,100,V100\n';
    expect(detectTraceFormat(text)).toBe('pai');
    expect(importText(text, { format: 'pai', mapping: byUser, onBadRow: 'skip' }).workloads[0]).toMatchObject({ id: 'j1', podSets: [{ count: 2 }] });
  });

  it('an unmapped user is reported and skipped, or goes to the fallback team', () => {
    const text = 'id,submit_time,duration,user,gpus_per_pod\na,0,60,ana,1\nb,10,60,zoe,1\n';
    const skipped = importText(text, { format: 'generic', mapping: byUser, onBadRow: 'skip' });
    expect(skipped.problems).toEqual([{ line: 3, message: 'user "zoe" is not mapped to a team' }]);
    expect(skipped.imported).toBe(1);
    const fallback = importText(text, { format: 'generic', mapping: { ...byUser, unmappedTeam: 'ai-platform' }, onBadRow: 'skip' });
    expect(fallback.workloads.map((w) => w.queue)).toEqual(['recommendations', 'ai-platform']);
  });

  it('abort stops at the first bad row and imports nothing', () => {
    const importer = createTraceImporter(cluster, { format: 'generic', mapping: byUser, onBadRow: 'abort' });
    importer.push('id,submit_time,duration,user,gpus_per_pod\na,0,60,ana,1\nb,x,60,ana,1\n');
    expect(importer.aborted).toBe(true);
    importer.push('c,20,60,ana,1\n');
    const result = importer.finish();
    expect(result.aborted).toEqual({ line: 3, message: 'submit_time "x" is not a time (seconds, or YYYY-MM-DD HH:MM:SS)' });
    expect(result.workloads).toEqual([]);
  });

  it('bad rows name the field and the value', () => {
    const text = [
      'id,submit_time,duration,user,gpus_per_pod,pods,priority,flavor',
      'ok,0,60,ana,1,1,,',
      'a,0,60,ana,0,1,,',
      'b,0,60,ana,1,0,,',
      'c,0,60,ana,1,1,urgent,',
      'd,0,60,ana,1,1,,tpu',
      'd2,0,0,ana,1,1,,',
      'ok,0,60,ana,1,1,,',
      'e,0,60,,1,1,,',
    ].join('\n');
    const { problems } = importText(text, { format: 'generic', mapping: byUser, onBadRow: 'skip' });
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(problems[0]!.message).toMatch(/gpus_per_pod is 0/);
    expect(problems[1]!.message).toMatch(/pods "0" must be ≥ 1/);
    expect(problems[2]!.message).toMatch(/priority "urgent" is not a priority class/);
    expect(problems[3]!.message).toMatch(/flavor "tpu" is not a ResourceFlavor/);
    expect(problems[4]!.message).toMatch(/duration is 0 s/);
    expect(problems[5]!.message).toMatch(/job id "ok" repeats line 2/);
    expect(problems[6]!.message).toMatch(/user and vc are both missing/);
  });

  it('a header without a required column stops the import, naming the column', () => {
    const result = importText('job_id,user,vc,gpu_num,submit_time\n1,ana,x,8,0\n', { format: 'helios', mapping: byUser, onBadRow: 'skip' });
    expect(result.aborted).toEqual({ line: 1, message: 'the header lacks the column node_num', wholeFile: true });
  });

  it('broken JSON is reported at the line where the job starts, and the following jobs still import', () => {
    const good = (id: string) => JSON.stringify({ jobid: id, user: 'ana', vc: 'v', submitted_time: '2017-10-02 00:00:00', attempts: [{ start_time: '2017-10-02 00:00:00', end_time: '2017-10-02 00:01:00', detail: [{ ip: 'a', gpus: ['g'] }] }] });
    const text = `[\n${good('1')},\n{"jobid": "2", "user": tru},\n${good('3')}\n]`;
    const result = importText(text, { format: 'philly', mapping: byUser, onBadRow: 'skip' }, true);
    expect(result.workloads.map((w) => w.id)).toEqual(['1', '3']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.line).toBe(3);
    expect(result.problems[0]!.message).toMatch(/invalid JSON/);
    const truncated = importText(`[\n${good('1')},\n${good('2').slice(0, 40)}`, { format: 'philly', mapping: byUser, onBadRow: 'skip' });
    expect(truncated.problems).toEqual([{ line: 3, message: 'the file ends inside this job object (truncated?)' }]);
  });

  it('a mapping to a team the cluster does not have is refused up front', () => {
    expect(() => createTraceImporter(cluster, { format: 'generic', mapping: { teamBy: 'user', teams: { ana: 'nope' } }, onBadRow: 'skip' })).toThrow(/mapping.teams\["ana"\]: "nope" is not a team/);
  });

  it('reads trace times as UTC date-times or seconds', () => {
    expect(parseTime('1970-01-02 00:00:01')).toBe(86_401);
    expect(parseTime('2017-10-02T00:00:00Z')).toBe(1_506_902_400);
    expect(parseTime('2017-10-02 02:00:00+02:00')).toBe(1_506_902_400);
    expect(parseTime('12.5')).toBe(12.5);
    expect(parseTime('None')).toBeUndefined();
  });
});
