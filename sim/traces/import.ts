/**
 * Trace import in two passes, both streaming: a scan (users, virtual
 * clusters, bad rows — what the mapping step shows) and the import proper,
 * which maps each job to its team's ClusterQueue and yields `WorkloadSpec`s
 * with submit times relative to the trace's first submit.
 */
import type { Cluster, TeamQueue } from '../cluster/schema.ts';
import { GPU_RESOURCE } from '../cluster/schema.ts';
import { WORKLOAD_KINDS, type PodSetSpec, type WorkloadKind, type WorkloadSpec } from '../gpu-sim/workloads.ts';
import { traceReader } from './formats.ts';
import { shown } from './text.ts';
import { MAX_PROBLEMS, type TraceFormat, type TraceImportOptions, type TraceImportResult, type TraceJob, type TraceReader, type TraceRowProblem, type TraceScan, type TraceSink } from './types.ts';

/** Collects problems up to MAX_PROBLEMS, counting the rest. */
class Problems {
  readonly list: TraceRowProblem[] = [];
  more = 0;
  add(problem: TraceRowProblem): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
    else this.more++;
  }
  sorted(): TraceRowProblem[] {
    return this.list.sort((a, b) => a.line - b.line);
  }
}

/** Feeds chunks to a reader, dropping a leading byte-order mark. */
function feeder(reader: TraceReader, stopped: () => boolean): { push(chunk: string): void; finish(): void } {
  let first = true;
  return {
    push(chunk) {
      if (stopped()) return;
      if (first && chunk.length) {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      reader.push(chunk);
    },
    finish() {
      if (!stopped()) reader.finish();
    },
  };
}

export function createTraceScanner(format: TraceFormat): { push(chunk: string): void; finish(): TraceScan } {
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
    problem: (problem) => problems.add(problem),
  };
  const feed = feeder(traceReader(format, sink), () => false);
  return {
    push: feed.push,
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

export function createTraceImporter(cluster: Cluster, options: TraceImportOptions): { push(chunk: string): void; finish(): TraceImportResult; readonly aborted: boolean } {
  const mapping = resolveMapping(cluster, options);
  const coveredOf = new Map<TeamQueue, Set<string>>();
  const priorityClasses = new Set(cluster.priorityClasses.map((p) => p.name));
  const flavorNames = new Set(cluster.flavors.map((f) => f.name));
  if (typeof options.priority === 'string' && !priorityClasses.has(options.priority)) {
    throw new Error(`priority: ${shown(options.priority)} is not a priority class of the cluster (${[...priorityClasses].join(', ') || 'none'})`);
  }
  const teamBy = options.mapping.teamBy;
  const workloads: WorkloadSpec[] = [];
  const ids = new Map<string, number>();
  const problems = new Problems();
  let rows = 0;
  let skipped = 0;
  let aborted: TraceRowProblem | undefined;

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

  const toSpec = (job: TraceJob): WorkloadSpec | string => {
    const key = teamBy === 'user' ? job.user : job.vc;
    if (!key) return `${teamBy} is empty: nothing to map the job to a team by${teamBy === 'vc' && options.format === 'pai' ? ' (PAI has no virtual clusters: map by user)' : ''}`;
    const queue = mapping.queueOf(key);
    if (!queue) return `${teamBy} ${shown(key)} is not mapped to a team`;
    const seen = ids.get(job.id);
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
    ids.set(job.id, job.line);
    const spec: WorkloadSpec = { id: job.id, queue: queue.clusterQueue, submitTime: job.submit, podSets, duration: job.duration, kind: (job.kind as WorkloadKind | undefined) ?? 'training' };
    if (priority !== undefined) spec.priority = priority;
    if (job.flavors?.length) spec.flavors = job.flavors;
    return spec;
  };

  const report = (problem: TraceRowProblem, fatal = false): void => {
    problems.add(problem);
    if (!fatal) skipped++;
    if (fatal || options.onBadRow === 'abort') aborted ??= problem;
  };
  const sink: TraceSink = {
    row() {
      if (!aborted) rows++;
    },
    job(job) {
      if (aborted) return;
      const spec = toSpec(job);
      if (typeof spec === 'string') report({ line: job.line, message: spec });
      else workloads.push(spec);
    },
    problem(problem, fatal) {
      if (!aborted) report(problem, fatal);
    },
  };
  const feed = feeder(traceReader(options.format, sink), () => aborted !== undefined);
  return {
    push: feed.push,
    get aborted() {
      return aborted !== undefined;
    },
    finish() {
      feed.finish();
      if (aborted) return { workloads: [], rows, imported: 0, skipped, problems: problems.sorted(), moreProblems: problems.more, aborted };
      let origin = Infinity;
      for (const w of workloads) if (w.submitTime < origin) origin = w.submitTime;
      for (const w of workloads) w.submitTime -= origin; // the importer's own objects: shifted in place
      return { workloads, rows, imported: workloads.length, skipped, problems: problems.sorted(), moreProblems: problems.more, ...(workloads.length ? { origin } : {}) };
    },
  };
}
