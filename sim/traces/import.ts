/**
 * Trace import in two passes, both streaming: a scan (users, virtual
 * clusters, bad rows — what the mapping step shows) and the import proper,
 * which maps each job to its team's ClusterQueue and yields `WorkloadSpec`s
 * with submit times relative to the trace's first submit.
 */
import type { Cluster, TeamQueue } from '../cluster/schema.ts';
import { GPU_RESOURCE } from '../cluster/schema.ts';
import { requestValue, WORKLOAD_KINDS, WorkloadTable, type PodSetSpec, type ShapePodSet, type WorkloadKind, type WorkloadSpec } from '../gpu-sim/workloads.ts';
import { traceReader } from './formats.ts';
import { IdIndex } from './id-index.ts';
import { textInput, type TextInputSink } from '../formats/text-input.ts';
import { detached, shown } from '../formats/text.ts';
import {
  MAX_PROBLEMS,
  type TraceFormat,
  type TraceImportOptions,
  type TraceImportResult,
  type TraceJob,
  type TraceReader,
  type TraceRowProblem,
  type TraceScan,
  type TraceSink,
  type TraceTableImportResult,
} from './types.ts';

/** Collects problems up to MAX_PROBLEMS, counting the rest, and remembers the first in file order. */
class Problems {
  readonly list: TraceRowProblem[] = [];
  more = 0;
  first: TraceRowProblem | undefined;
  add(problem: TraceRowProblem): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
    else this.more++;
    if (!this.first || problem.line < this.first.line) this.first = problem;
  }
  sorted(): TraceRowProblem[] {
    return this.list.sort((a, b) => a.line - b.line);
  }
}

/** What the scanner and the importer take: text in chunks, or the file's bytes (decoded here as UTF-8). */
export type TraceInputSink = TextInputSink;

const traceInput = (reader: TraceReader, refuse: (problem: TraceRowProblem) => void, stopped: () => boolean) => textInput(reader, refuse, stopped, 'a text trace');

export function createTraceScanner(format: TraceFormat, options: { maxLineLength?: number } = {}): TraceInputSink & { finish(): TraceScan } {
  const users = new Map<string, number>();
  const vcs = new Map<string, number>();
  const problems = new Problems();
  let rows = 0;
  const sink: TraceSink = {
    row: () => void rows++,
    job(job) {
      if (job.user) users.set(job.user, (users.get(job.user) ?? 0) + 1);
      if (job.vc) vcs.set(job.vc, (vcs.get(job.vc) ?? 0) + 1);
    },
    problem: (problem, fatal) => problems.add(fatal ? { ...problem, wholeFile: true } : problem),
  };
  let refused = false;
  const feed = traceInput(traceReader(format, sink, options.maxLineLength), (problem) => ((refused = true), problems.add(problem)), () => refused);
  return {
    push: feed.push,
    pushBytes: feed.pushBytes,
    finish() {
      feed.finish();
      const sort = (counts: Map<string, number>) => [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const record = (counts: Map<string, number>) => Object.fromEntries(sort(counts).map((k) => [k, counts.get(k)!]));
      return { format, rows, users: sort(users), vcs: sort(vcs), userJobs: record(users), vcJobs: record(vcs), problems: problems.sorted(), moreProblems: problems.more };
    },
  };
}

/** The team ids a mapping may name: each queue's teamId, its id and its ClusterQueue name. */
export function teamQueues(cluster: Cluster): Map<string, TeamQueue> {
  const byTeam = new Map<string, TeamQueue>();
  for (const queue of cluster.queues) {
    for (const key of [queue.teamId, queue.id, queue.clusterQueue]) if (key && !byTeam.has(key)) byTeam.set(key, queue);
  }
  return byTeam;
}

function resolveMapping(cluster: Cluster, options: TraceImportOptions): { queueOf(key: string): TeamQueue | undefined } {
  const byTeam = teamQueues(cluster);
  const known = () => [...new Set(cluster.queues.map((q) => q.teamId ?? q.id))].join(', ') || 'none';
  const resolve = (team: string, field: string): TeamQueue => {
    const queue = byTeam.get(team);
    if (!queue) throw new Error(`${field}: ${shown(team)} is not a team of the cluster (teams: ${known()})`);
    return queue;
  };
  const mapped = new Map<string, TeamQueue>();
  for (const [key, team] of Object.entries(options.mapping.teams)) mapped.set(key, resolve(team, `mapping.teams[${shown(key)}]`));
  const fallback = options.mapping.unmappedTeam === undefined ? undefined : resolve(options.mapping.unmappedTeam, 'mapping.unmappedTeam');
  return { queueOf: (key) => mapped.get(key) ?? fallback };
}

const covered = (queue: TeamQueue): Set<string> => new Set(queue.resourceGroups.flatMap((g) => g.coveredResources));

/** A job that passed every check, with its team's queue and its pod sets as the queue can admit them. */
interface MappedJob {
  job: TraceJob;
  /** The job id as a string of its own (see `detached`). */
  id: string;
  queue: TeamQueue;
  podSets: readonly PodSetSpec[];
  priority: number | string | undefined;
  kind: WorkloadKind;
}

/** Where imported jobs are kept: readable specs (the UI) or the simulator's compact table (the CLI). */
interface WorkloadCollector {
  add(mapped: MappedJob): void;
  readonly size: number;
  idOf(row: number): string;
  /** Makes submit times relative to the earliest; returns that origin (Infinity when empty). */
  shiftToEarliest(): number;
}

function specCollector(): WorkloadCollector & { readonly workloads: WorkloadSpec[] } {
  const workloads: WorkloadSpec[] = [];
  return {
    workloads,
    get size() {
      return workloads.length;
    },
    idOf: (row) => workloads[row]!.id,
    add({ job, id, queue, podSets, priority, kind }) {
      const spec: WorkloadSpec = { id, queue: queue.clusterQueue, submitTime: job.submit, podSets, duration: job.duration, kind };
      if (priority !== undefined) spec.priority = priority;
      if (job.flavors?.length) spec.flavors = job.flavors;
      workloads.push(spec);
    },
    shiftToEarliest() {
      let origin = Infinity;
      for (const w of workloads) if (w.submitTime < origin) origin = w.submitTime;
      for (const w of workloads) w.submitTime -= origin; // the importer's own objects: shifted in place
      return origin;
    },
  };
}

/** Pod sets as `tableFromSpecs` would intern them, so both paths give the same table. */
function shapePodSets(podSets: readonly PodSetSpec[]): ShapePodSet[] {
  return podSets.map((ps, p) => {
    const perPod = new Map<string, number>();
    for (const [resource, value] of Object.entries(ps.requests)) {
      const v = requestValue(resource, value);
      if (v > 0) perPod.set(resource, v);
    }
    return { name: ps.name ?? (podSets.length === 1 ? 'main' : `ps${p}`), count: ps.count, perPod };
  });
}

function tableCollector(expectedRows: number): WorkloadCollector & { readonly table: WorkloadTable } {
  // Sized up front: a table that doubles as it fills holds its old and new arrays at once, and up to half of the last one unused.
  const table = new WorkloadTable(Math.max(1 << 12, Math.ceil(expectedRows)));
  // The importer shares one frozen pod-set list per shape: its identity finds the interned shape.
  const shapeOf = new Map<readonly PodSetSpec[], number>();
  return {
    table,
    get size() {
      return table.n;
    },
    idOf: (row) => table.ids![row]!,
    add({ job, id, queue, podSets, priority, kind }) {
      let shape = shapeOf.get(podSets);
      if (shape === undefined) shapeOf.set(podSets, (shape = table.internShape(shapePodSets(podSets))));
      table.push({
        id,
        queue: table.internQueue(queue.clusterQueue),
        priority: typeof priority === 'number' ? priority : 0,
        priorityClass: typeof priority === 'string' ? table.internPriorityClass(priority) : -1,
        submit: job.submit,
        duration: job.duration,
        shape,
        constraint: table.internConstraint(job.flavors, undefined),
        kind,
      });
    },
    shiftToEarliest() {
      let origin = Infinity;
      const submit = table.submit;
      for (let i = 0; i < table.n; i++) if (submit[i]! < origin) origin = submit[i]!;
      for (let i = 0; i < table.n; i++) submit[i]! -= origin;
      return origin;
    },
  };
}

export interface TraceImporter<R> extends TraceInputSink {
  finish(): R;
  readonly aborted: boolean;
  /** Data rows read so far (for progress). */
  readonly rows: number;
}

/** The import core: reads, checks and maps rows, and hands good jobs to the collector. */
function importInto(cluster: Cluster, options: TraceImportOptions, collector: WorkloadCollector, expectedRows = 0): TraceImporter<Omit<TraceImportResult, 'workloads'>> {
  const mapping = resolveMapping(cluster, options);
  const coveredOf = new Map<TeamQueue, Set<string>>();
  const priorityClasses = new Set(cluster.priorityClasses.map((p) => p.name));
  const flavorNames = new Set(cluster.flavors.map((f) => f.name));
  if (typeof options.priority === 'string' && !priorityClasses.has(options.priority)) {
    throw new Error(`priority: ${shown(options.priority)} is not a priority class of the cluster (${[...priorityClasses].join(', ') || 'none'})`);
  }
  const teamBy = options.mapping.teamBy;
  const ids = new IdIndex((row) => collector.idOf(row), expectedRows);
  const problems = new Problems();
  let rows = 0;
  let skipped = 0;
  let aborted: TraceRowProblem | undefined;
  /** An abort waiting for the end of a joining reader (PAI): no more workloads are kept. */
  let failing = false;

  // Jobs of a trace share a few shapes: one frozen pod-set list per (queue, shape) saves an object graph per job.
  const shapes = new Map<string, readonly PodSetSpec[]>();
  const podSetsFor = (job: TraceJob, queue: TeamQueue, resources: ReadonlySet<string>): readonly PodSetSpec[] => {
    const withCpu = resources.has('cpu');
    const withMemory = resources.has('memory');
    let key = queue.clusterQueue;
    for (const ps of job.podSets) key += `|${ps.count},${ps.gpus},${withCpu ? (ps.cpu ?? 0) : 0},${withMemory ? Math.ceil(ps.memory ?? 0) : 0}`;
    let podSets = shapes.get(key);
    if (!podSets) {
      const list: PodSetSpec[] = [];
      for (const ps of job.podSets) {
        const requests: Record<string, number> = {};
        let any = false;
        if (ps.gpus > 0) {
          requests[GPU_RESOURCE] = ps.gpus;
          any = true;
        }
        // CPU and memory only where the queue has quota for them, as the generators do: otherwise Kueue would never admit the job.
        if (ps.cpu && withCpu) {
          requests.cpu = ps.cpu;
          any = true;
        }
        if (ps.memory && withMemory) {
          requests.memory = Math.ceil(ps.memory);
          any = true;
        }
        if (any) list.push(Object.freeze({ count: ps.count, requests: Object.freeze(requests) }));
      }
      podSets = Object.freeze(list);
      shapes.set(key, podSets);
    }
    return podSets;
  };

  const mapJob = (job: TraceJob): MappedJob | string => {
    const key = teamBy === 'user' ? job.user : job.vc;
    if (!key) return `${teamBy} is empty: nothing to map the job to a team by${teamBy === 'vc' && options.format === 'pai' ? ' (PAI has no virtual clusters: map by user)' : ''}`;
    const queue = mapping.queueOf(key);
    if (!queue) return `${teamBy} ${shown(key)} is not mapped to a team`;
    const seen = ids.lineOf(job.id);
    if (seen !== undefined) return `job id ${shown(job.id)} repeats line ${seen}`;
    let resources = coveredOf.get(queue);
    if (!resources) coveredOf.set(queue, (resources = covered(queue)));
    const podSets = podSetsFor(job, queue, resources);
    if (podSets.length === 0) return `the job requests nothing ClusterQueue ${shown(queue.clusterQueue)} has quota for`;
    const priority = job.priority ?? options.priority;
    if (typeof priority === 'string' && !priorityClasses.has(priority)) return `priority ${shown(priority)} is not a priority class of the cluster`;
    const unknownFlavor = job.flavors?.find((f) => !flavorNames.has(f));
    if (unknownFlavor !== undefined) return `flavor ${shown(unknownFlavor)} is not a ResourceFlavor of the cluster`;
    if (job.kind !== undefined && !WORKLOAD_KINDS.includes(job.kind as WorkloadKind)) return `kind ${shown(job.kind)} must be one of ${WORKLOAD_KINDS.join(', ')}`;
    return { job, id: detached(job.id), queue, podSets, priority, kind: (job.kind as WorkloadKind | undefined) ?? 'training' };
  };

  const reader = traceReader(options.format, {
    row() {
      if (!aborted) rows++;
    },
    job(job) {
      if (aborted) return;
      const mapped = mapJob(job);
      if (typeof mapped === 'string') return report({ line: job.line, message: mapped });
      if (failing) return;
      collector.add(mapped);
      ids.add(mapped.id, job.line);
    },
    problem(problem, fatal) {
      if (!aborted) report(fatal ? { ...problem, wholeFile: true } : problem, fatal);
    },
  }, options.maxLineLength);

  function report(problem: TraceRowProblem, fatal = false): void {
    problems.add(problem);
    if (!fatal) skipped++;
    if (fatal) aborted = problem;
    else if (options.onBadRow === 'abort') {
      // A joining reader may still find an earlier line bad: read on, keep nothing, and stop at the first bad line in file order.
      if (reader.joinsAtEnd) failing = true;
      else aborted ??= problem;
    }
  }

  const feed = traceInput(reader, (problem) => report(problem, true), () => aborted !== undefined);
  return {
    push: feed.push,
    pushBytes: feed.pushBytes,
    get aborted() {
      return aborted !== undefined;
    },
    get rows() {
      return rows;
    },
    finish() {
      feed.finish();
      if (!aborted && failing) aborted = problems.first;
      const summary = { rows, skipped, problems: problems.sorted(), moreProblems: problems.more };
      if (aborted) return { ...summary, imported: 0, aborted };
      const origin = collector.shiftToEarliest();
      return { ...summary, imported: collector.size, ...(collector.size ? { origin } : {}) };
    },
  };
}

/** The import as readable `WorkloadSpec`s (the UI's path: they cross from its worker as plain objects). */
export function createTraceImporter(cluster: Cluster, options: TraceImportOptions): TraceImporter<TraceImportResult> {
  const specs = specCollector();
  const core = importInto(cluster, options, specs);
  return withResult(core, (result) => ({ ...result, workloads: result.aborted ? [] : specs.workloads }));
}

/**
 * The import straight into the simulator's compact `WorkloadTable` (the CLI's path: ~60 bytes per job instead of an object graph).
 * `expectedRows`: an estimate of the rows (file size / average line length) that sizes the table once; a wrong one only costs growth.
 */
export function createTraceTableImporter(cluster: Cluster, options: TraceImportOptions, sizing: { expectedRows?: number } = {}): TraceImporter<TraceTableImportResult> {
  const collector = tableCollector(sizing.expectedRows ?? 0);
  const core = importInto(cluster, options, collector, sizing.expectedRows);
  return withResult(core, (result) => ({ ...result, table: result.aborted ? new WorkloadTable(1) : collector.table }));
}

function withResult<A, B>(core: TraceImporter<A>, finish: (result: A) => B): TraceImporter<B> {
  return {
    push: (chunk) => core.push(chunk),
    pushBytes: (bytes) => core.pushBytes(bytes),
    get aborted() {
      return core.aborted;
    },
    get rows() {
      return core.rows;
    },
    finish: () => finish(core.finish()),
  };
}
