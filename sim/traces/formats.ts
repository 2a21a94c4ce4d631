/**
 * The public GPU cluster traces' layouts (see SOURCES.md "Trace formats"),
 * decoded into `TraceJob`s: pod sets with GPUs per pod, a running time and a
 * submit time on the trace's clock. Each reader calls `sink.row()` per data
 * row and either `sink.job()` or `sink.problem()`.
 */
import { csvReader, type CsvRow } from './csv.ts';
import { MAX_CPUS, MAX_GPUS_PER_JOB, MAX_GPUS_PER_POD, MAX_MEMORY_BYTES, MAX_PODS } from './bounds.ts';
import { DURATION, integer, optionalNumber, positiveDuration, RowError, span, textField, time, type Bound } from './fields.ts';
import { JsonObjectStream } from './json-objects.ts';
import { detached, isBlank, parseTime, shown } from '../formats/text.ts';
import type { TraceFormat, TraceJob, TracePodSet, TraceReader, TraceSink } from './types.ts';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

// The bounds of bounds.ts in each layout's own units.
const PODS: Bound = { max: MAX_PODS, unit: 'pods' };
const GPUS_PER_POD: Bound = { max: MAX_GPUS_PER_POD, unit: 'GPUs per pod' };
const GPUS_PER_JOB: Bound = { max: MAX_GPUS_PER_JOB, unit: 'GPUs per job' };
const CORES: Bound = { max: MAX_CPUS, unit: 'cores' };
const GPU_PERCENT: Bound = { max: MAX_GPUS_PER_POD * 100, unit: 'percent of a GPU' };
const CORE_PERCENT: Bound = { max: MAX_CPUS * 100, unit: 'percent of a core' };
const MILLICORES: Bound = { max: MAX_CPUS * 1000, unit: 'millicores' };
const MEMORY_GB: Bound = { max: MAX_MEMORY_BYTES / GIB, unit: 'GB' };
const MEMORY_GIB: Bound = { max: MAX_MEMORY_BYTES / GIB, unit: 'GiB' };
const MEMORY_MIB: Bound = { max: MAX_MEMORY_BYTES / MIB, unit: 'MiB' };
const PRIORITY: Bound = { max: 2_147_483_647, unit: '(Kubernetes priorities are 32-bit)' };

function guarded(sink: TraceSink, line: number, decode: () => TraceJob | null): void {
  try {
    const job = decode();
    if (job) sink.job(job);
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    sink.problem({ line, message: error.message });
  }
}

// ---------------------------------------------------------------- Philly

function field(object: Record<string, unknown>, name: string, where = name): string {
  const value = object[name];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || isBlank(value)) throw new RowError(`${where} is missing`);
  return value;
}

function phillyJob(value: unknown, line: number): TraceJob {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RowError('expected a job object');
  const job = value as Record<string, unknown>;
  const id = field(job, 'jobid');
  const submittedText = field(job, 'submitted_time');
  const submit = time(submittedText, 'submitted_time');
  const attempts = job.attempts;
  if (!Array.isArray(attempts)) throw new RowError('attempts is missing');
  if (attempts.length === 0) throw new RowError('attempts is empty: the job never ran');
  let duration = 0;
  attempts.forEach((attempt: unknown, k) => {
    const a = (typeof attempt === 'object' && attempt !== null ? attempt : {}) as Record<string, unknown>;
    const startText = field(a, 'start_time', `attempts[${k}].start_time`);
    const endText = field(a, 'end_time', `attempts[${k}].end_time`);
    duration += span(time(startText, `attempts[${k}].start_time`), time(endText, `attempts[${k}].end_time`), `attempts[${k}].start_time`, `attempts[${k}].end_time`, startText, endText);
  });
  // The last attempt is the one that ran to the end: its machines and GPUs are the job's shape.
  const last = attempts.length - 1;
  const detail = (attempts[last] as Record<string, unknown>).detail;
  if (!Array.isArray(detail) || detail.length === 0) throw new RowError(`attempts[${last}].detail is empty: no machines, so no GPUs`);
  const byGpus = new Map<number, number>();
  detail.forEach((machine: unknown, m) => {
    const gpus = (machine as Record<string, unknown> | null)?.gpus;
    if (!Array.isArray(gpus)) throw new RowError(`attempts[${last}].detail[${m}].gpus is missing`);
    if (gpus.length > 0) byGpus.set(gpus.length, (byGpus.get(gpus.length) ?? 0) + 1);
  });
  if (byGpus.size === 0) throw new RowError(`attempts[${last}].detail lists 0 GPUs: a Philly job needs GPUs`);
  const podSets: TracePodSet[] = [...byGpus].sort((a, b) => b[0] - a[0]).map(([gpus, count]) => ({ count, gpus }));
  return { line, id, user: field(job, 'user'), vc: field(job, 'vc'), submit, duration: positiveDuration(duration, 'the running time of its attempts'), podSets };
}

function phillyReader(sink: TraceSink, maxLineLength?: number): TraceReader {
  const stream = new JsonObjectStream({
    object: (value, line) => {
      sink.row();
      guarded(sink, line, () => phillyJob(value, line));
    },
    invalid: (message, line) => {
      sink.row();
      sink.problem({ line, message });
    },
    empty: (message) => sink.problem({ line: 1, message }, true),
  }, maxLineLength);
  return stream;
}

// ---------------------------------------------------------------- Helios

function runningTime(row: CsvRow, durationField: string | null, startField: string, endField: string): number {
  const given = durationField ? optionalNumber(row.get(durationField), durationField, 0, DURATION) : undefined;
  const startText = row.get(startField);
  const endText = row.get(endField);
  if (!isBlank(startText) && !isBlank(endText)) {
    const measured = span(time(startText, startField), time(endText, endField), startField, endField, startText, endText);
    return positiveDuration(given ?? measured, given !== undefined ? durationField! : `${endField} − ${startField}`);
  }
  if (given !== undefined) return positiveDuration(given, durationField!);
  throw new RowError(`${isBlank(startText) ? startField : endField} is missing${durationField ? ` (and so is ${durationField})` : ''}`);
}

function heliosReader(sink: TraceSink, maxLineLength?: number): TraceReader {
  const layout = { required: ['job_id', 'user', 'vc', 'gpu_num', 'node_num', 'submit_time'], optional: ['cpu_num', 'state', 'start_time', 'end_time', 'duration', 'queue'] };
  return csvReader([layout], sink, (row) =>
    guarded(sink, row.line, () => {
      const gpus = integer(row.get('gpu_num'), 'gpu_num', 0, GPUS_PER_JOB);
      if (gpus === 0) throw new RowError('gpu_num is 0: a CPU-only job (the simulator schedules GPU jobs)');
      const nodes = integer(row.get('node_num'), 'node_num', 1, PODS);
      const cpus = optionalNumber(row.get('cpu_num'), 'cpu_num', 0, CORES);
      // Helios gives totals per job; pods are its nodes, GPUs spread evenly (rounded up as the device plugin would).
      const podSets = [{ count: nodes, gpus: Math.ceil(gpus / nodes), ...(cpus ? { cpu: cpus / nodes } : {}) }];
      return { line: row.line, id: textField(row.get('job_id'), 'job_id'), user: textField(row.get('user'), 'user'), vc: textField(row.get('vc'), 'vc'), submit: time(row.get('submit_time'), 'submit_time'), duration: runningTime(row, 'duration', 'start_time', 'end_time'), podSets };
    }),
    maxLineLength,
  );
}

// ---------------------------------------------------------------- Alibaba PAI 2020

const PAI_JOB = ['job_name', 'inst_id', 'user', 'status', 'start_time', 'end_time'] as const;
const PAI_TASK = ['job_name', 'task_name', 'inst_num', 'status', 'start_time', 'end_time', 'plan_cpu', 'plan_mem', 'plan_gpu', 'gpu_type'] as const;

interface PaiJob {
  line: number;
  user: string;
  submit: number;
  start: number;
  end: number;
  podSets: TracePodSet[];
  anyGpu: boolean;
  bad: string | null;
}

/**
 * PAI's job table gives the user and the submit time (the job's start_time),
 * its task table the pod sets (inst_num instances, plan_gpu percent of a GPU
 * each, plan_cpu percent of a core, plan_mem GB) and the running span (first
 * task start to last task end). The tables are joined on job_name, so jobs
 * are emitted at the end; tasks may come before or after their job row.
 */
function paiReader(sink: TraceSink, maxLineLength?: number): TraceReader {
  const jobs = new Map<string, PaiJob>();
  const orphans = new Map<string, { line: number; podSets: TracePodSet[]; start: number; end: number; anyGpu: boolean }>();
  const csv = csvReader(
    [
      { required: ['job_name', 'user', 'start_time'], headerless: [PAI_JOB] },
      { required: ['job_name', 'task_name', 'inst_num', 'plan_gpu'], headerless: [PAI_TASK] },
    ],
    sink,
    (row, layout) => {
      try {
        // Held until the join: a name of its own, not a slice keeping its chunk of the file alive.
        const name = detached(textField(row.get('job_name'), 'job_name'));
        if (layout === 0) {
          if (jobs.has(name)) throw new RowError(`job_name ${shown(name)} repeats line ${jobs.get(name)!.line}`);
          const orphan = orphans.get(name);
          orphans.delete(name);
          jobs.set(name, {
            line: row.line,
            user: detached(textField(row.get('user'), 'user')),
            submit: time(row.get('start_time'), 'start_time'),
            start: orphan?.start ?? Infinity,
            end: orphan?.end ?? -Infinity,
            podSets: orphan?.podSets ?? [],
            anyGpu: orphan?.anyGpu ?? false,
            bad: null,
          });
          return;
        }
        const count = integer(row.get('inst_num'), 'inst_num', 1, PODS);
        const gpuPercent = optionalNumber(row.get('plan_gpu'), 'plan_gpu', 0, GPU_PERCENT) ?? 0;
        const cpuPercent = optionalNumber(row.get('plan_cpu'), 'plan_cpu', 0, CORE_PERCENT);
        const memGb = optionalNumber(row.get('plan_mem'), 'plan_mem', 0, MEMORY_GB);
        const startText = row.get('start_time');
        const endText = row.get('end_time');
        const start = time(startText, 'start_time');
        const end = time(endText, 'end_time');
        span(start, end, 'start_time', 'end_time', startText, endText);
        const podSet: TracePodSet = { count, gpus: Math.ceil(gpuPercent / 100 - 1e-9), ...(cpuPercent ? { cpu: cpuPercent / 100 } : {}), ...(memGb ? { memory: memGb * GIB } : {}) };
        const target = jobs.get(name) ?? orphans.get(name) ?? { line: row.line, podSets: [], start: Infinity, end: -Infinity, anyGpu: false };
        if (!jobs.has(name)) orphans.set(name, target as { line: number; podSets: TracePodSet[]; start: number; end: number; anyGpu: boolean });
        target.podSets.push(podSet);
        target.start = Math.min(target.start, start);
        target.end = Math.max(target.end, end);
        if (podSet.gpus > 0) target.anyGpu = true;
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        sink.problem({ line: row.line, message: error.message });
      }
    },
    maxLineLength,
  );
  return {
    // Whether a job row is bad is known only once every task row is read: an abort must wait for the end to name the first bad line.
    joinsAtEnd: true,
    push: (chunk) => csv.push(chunk),
    finish() {
      csv.finish();
      const done: Array<{ line: number; emit: () => void }> = [];
      for (const [name, job] of jobs) {
        done.push({
          line: job.line,
          emit: () =>
            guarded(sink, job.line, () => {
              if (job.podSets.length === 0) throw new RowError(`job_name ${shown(name)} has no task in pai_task_table`);
              if (!job.anyGpu) throw new RowError(`plan_gpu is 0 in every task of job_name ${shown(name)}: a CPU-only job`);
              return { line: job.line, id: name, user: job.user, vc: '', submit: job.submit, duration: positiveDuration(job.end - job.start, 'the span of its tasks'), podSets: job.podSets };
            }),
        });
      }
      for (const [name, task] of orphans) done.push({ line: task.line, emit: () => sink.problem({ line: task.line, message: `job_name ${shown(name)} is not in pai_job_table` }) });
      for (const entry of done.sort((a, b) => a.line - b.line)) entry.emit();
    },
  };
}

// ---------------------------------------------------------------- Alibaba openb

/** FGD's pod names carry no owner: the name up to its last "-" groups a workload's pods, and stands in for the user unless a user column is given. */
function podOwner(name: string): string {
  const dash = name.lastIndexOf('-');
  return dash > 0 ? name.slice(0, dash) : name;
}

function openbReader(sink: TraceSink, maxLineLength?: number): TraceReader {
  const layout = { required: ['name', 'num_gpu', 'creation_time'], optional: ['cpu_milli', 'memory_mib', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'deletion_time', 'scheduled_time', 'user', 'vc'] };
  return csvReader([layout], sink, (row) =>
    guarded(sink, row.line, () => {
      const name = textField(row.get('name'), 'name');
      const gpus = integer(row.get('num_gpu'), 'num_gpu', 0, GPUS_PER_POD);
      if (gpus === 0) throw new RowError('num_gpu is 0: a CPU-only pod (the simulator schedules GPU jobs)');
      const cpuMilli = optionalNumber(row.get('cpu_milli'), 'cpu_milli', 0, MILLICORES);
      const memMib = optionalNumber(row.get('memory_mib'), 'memory_mib', 0, MEMORY_MIB);
      const podSets = [{ count: 1, gpus, ...(cpuMilli ? { cpu: cpuMilli / 1000 } : {}), ...(memMib ? { memory: memMib * MIB } : {}) }];
      const user = row.has('user') ? textField(row.get('user'), 'user') : podOwner(name);
      const vc = row.has('vc') ? textField(row.get('vc'), 'vc') : textField(row.get('qos'), 'qos');
      return { line: row.line, id: name, user, vc, submit: time(row.get('creation_time'), 'creation_time'), duration: runningTime(row, null, 'scheduled_time', 'deletion_time'), podSets };
    }),
    maxLineLength,
  );
}

// ---------------------------------------------------------------- generic CSV (sim/traces/README.md)

/**
 * `pod_sets` of the generic CSV: several pod-set shapes of one job (a
 * launcher and its workers, a cluster replay's Workload), each
 * "count:gpus[:cores[:GiB]]", joined by "|". It replaces pods / gpus_per_pod.
 */
function genericPodSets(value: string): TracePodSet[] {
  return value.split('|').map((part, i) => {
    const [count, gpus, cpu, memGib, ...extra] = part.split(':');
    const field = `pod_sets[${i}]`;
    if (count === undefined || gpus === undefined || extra.length) throw new RowError(`${field} ${shown(part)} must be count:gpus[:cores[:GiB]]`);
    const pods = integer(count, `${field} count`, 1, PODS);
    const g = integer(gpus, `${field} gpus`, 0, GPUS_PER_POD);
    const c = optionalNumber(cpu, `${field} cores`, 0, CORES);
    const m = optionalNumber(memGib, `${field} GiB`, 0, MEMORY_GIB);
    return { count: pods, gpus: g, ...(c ? { cpu: c } : {}), ...(m ? { memory: m * GIB } : {}) };
  });
}

function genericReader(sink: TraceSink, maxLineLength?: number): TraceReader {
  const layout = { required: ['id', 'submit_time', 'gpus_per_pod'], optional: ['user', 'vc', 'pods', 'duration', 'start_time', 'end_time', 'cpu_per_pod', 'memory_gib_per_pod', 'priority', 'flavor', 'kind', 'pod_sets'] };
  return csvReader([layout], sink, (row) =>
    guarded(sink, row.line, () => {
      const gpus = integer(row.get('gpus_per_pod'), 'gpus_per_pod', 0, GPUS_PER_POD);
      const cpu = optionalNumber(row.get('cpu_per_pod'), 'cpu_per_pod', 0, CORES);
      const memGib = optionalNumber(row.get('memory_gib_per_pod'), 'memory_gib_per_pod', 0, MEMORY_GIB);
      if (gpus === 0 && !cpu) throw new RowError('gpus_per_pod is 0 and cpu_per_pod is not set: the job requests nothing');
      const pods = isBlank(row.get('pods')) ? 1 : integer(row.get('pods'), 'pods', 1, PODS);
      const user = row.get('user') ?? '';
      const vc = row.get('vc') ?? '';
      if (isBlank(user) && isBlank(vc)) throw new RowError('user and vc are both missing: nothing to map the job to a team by');
      const priorityText = row.get('priority');
      const priority = isBlank(priorityText) ? undefined : Number.isFinite(Number(priorityText)) ? integer(priorityText, 'priority', -2_147_483_648, PRIORITY) : priorityText;
      const flavorText = row.get('flavor');
      const kind = row.get('kind');
      return {
        line: row.line,
        id: textField(row.get('id'), 'id'),
        user: isBlank(user) ? '' : user,
        vc: isBlank(vc) ? '' : vc,
        submit: time(row.get('submit_time'), 'submit_time'),
        duration: runningTime(row, 'duration', 'start_time', 'end_time'),
        podSets: isBlank(row.get('pod_sets')) ? [{ count: pods, gpus, ...(cpu ? { cpu } : {}), ...(memGib ? { memory: memGib * GIB } : {}) }] : genericPodSets(row.get('pod_sets')!),
        ...(priority !== undefined ? { priority } : {}),
        ...(isBlank(flavorText) ? {} : { flavors: flavorText!.split('|').map((f) => f.trim()).filter(Boolean) }),
        ...(isBlank(kind) ? {} : { kind }),
      };
    }),
    maxLineLength,
  );
}

export function traceReader(format: TraceFormat, sink: TraceSink, maxLineLength?: number): TraceReader {
  switch (format) {
    case 'philly':
      return phillyReader(sink, maxLineLength);
    case 'helios':
      return heliosReader(sink, maxLineLength);
    case 'pai':
      return paiReader(sink, maxLineLength);
    case 'openb':
      return openbReader(sink, maxLineLength);
    case 'generic':
      return genericReader(sink, maxLineLength);
  }
}

/** Whether a cell reads as a time. */
const isTime = (value: string): boolean => parseTime(value) !== undefined;

/** Guesses the layout from the start of a file (its header line, or a JSON bracket). */
export function detectTraceFormat(firstChunk: string): TraceFormat | undefined {
  const head = firstChunk.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'philly';
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const columns = new Set(firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase()));
  if (columns.has('gpu_num') && columns.has('node_num')) return 'helios';
  if (columns.has('inst_num') || columns.has('inst_id') || columns.has('plan_gpu')) return 'pai';
  if (columns.has('num_gpu') && columns.has('creation_time')) return 'openb';
  if (columns.has('gpus_per_pod') && columns.has('submit_time')) return 'generic';
  // Headerless PAI tables (as Alibaba publishes them): 6 or 10 columns, the job table's 5th and 6th being seconds.
  const cells = firstLine.split(',');
  if ((cells.length === PAI_JOB.length || cells.length === PAI_TASK.length) && isTime(cells[4] ?? '') && /^\d+(\.\d+)?$/.test((cells[4] ?? '').trim())) return 'pai';
  return undefined;
}
