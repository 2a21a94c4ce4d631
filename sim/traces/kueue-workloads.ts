/**
 * Replay of a live cluster's own history (M10, issue #15): Kueue `Workload`
 * objects (kueue.x-k8s.io v1beta2 as the API returns them; v1beta1 read too)
 * become trace rows the GPU simulator replays, plus what the cluster itself
 * observed (each workload's wait to quota reservation), so the UI can show
 * how well the simulator reproduces the cluster before trusting policy B.
 *
 * Pure and streaming: objects are added one at a time (a page of a list at a
 * time in electron/cluster) and only a small row per workload is kept; `now`
 * is passed in, never read here. Kueue keeps only the last transition of each
 * condition, so for a workload that was evicted and admitted again the first
 * admission time is gone: its run time counts from the final admission, and
 * its observed wait is not known (it is left out of the observed waits and
 * counted). README.md "Kueue Workload replay" says what each treatment means.
 */
import { percentiles } from '../gpu-sim/metrics.ts';
import { parseQuantity } from '../k8s/quantity.ts';

/** What a running workload's (right-censored) run time becomes. */
export type CensoredTreatment = 'as-observed' | 'extend-to-median' | 'drop';
export const CENSORED_TREATMENTS: readonly CensoredTreatment[] = ['as-observed', 'extend-to-median', 'drop'];
/** What a never-admitted (pending) workload's unknown run time becomes. */
export type PendingTreatment = 'impute-median' | 'drop';
export const PENDING_TREATMENTS: readonly PendingTreatment[] = ['impute-median', 'drop'];

export const DEFAULT_CENSORED: CensoredTreatment = 'as-observed';
export const DEFAULT_PENDING: PendingTreatment = 'impute-median';

export interface WorkloadReplayOptions {
  /** The moment of the read, epoch seconds: running workloads' time so far, pending ones' wait so far. */
  now: number;
  /**
   * Epoch seconds: finished workloads created before it are left out (their run times still inform the medians);
   * running and pending ones are kept whatever their age (they are the cluster's load and backlog now).
   */
  since?: number;
  censored?: CensoredTreatment;
  pending?: PendingTreatment;
}

export type ReplayState = 'finished' | 'running' | 'pending';
/** Where a row's run time comes from: seen whole, seen so far (censored), raised to the queue's median, or the queue's median for a pending one. */
export type DurationSource = 'observed' | 'censored' | 'extended' | 'imputed';

export interface ReplayPodSet {
  name: string;
  count: number;
  /** Per-pod requests (summed over the pod's containers) in base units: GPUs and other devices in units, cpu in cores, memory in bytes. */
  requests: Record<string, number>;
}

export interface ReplayRow {
  /** namespace/name: unique in a cluster. */
  id: string;
  namespace: string;
  localQueue: string;
  /** "namespace/localQueue", the name the simulator and the generators take for a team queue. */
  queue: string;
  /** metadata.creationTimestamp, epoch seconds. */
  submit: number;
  /** spec.priority (set by Kueue from the priority class). */
  priority?: number;
  /** spec.priorityClassRef.name (v1beta2) or spec.priorityClassName (v1beta1). */
  priorityClass?: string;
  podSets: ReplayPodSet[];
  state: ReplayState;
  /** Seconds the simulator runs it (> 0). */
  duration: number;
  durationSource: DurationSource;
  /** Times it was evicted (status.schedulingStats.evictions, else requeueState.count, else 1 when an Evicted condition is present). */
  evictions: number;
  /** Creation → quota reservation, seconds; absent for pending workloads and for evicted ones (their first admission time is not kept). */
  observedWait?: number;
}

export type DropReason =
  | 'before-since'
  | 'running-dropped'
  | 'pending-dropped'
  | 'pending-no-median'
  | 'finished-without-admission'
  | 'deactivated'
  | 'no-queue-name'
  | 'requests-nothing'
  | 'invalid';

export const DROP_REASONS: Record<DropReason, string> = {
  'before-since': 'finished, created before the --since window',
  'running-dropped': 'still running (censored), dropped as asked',
  'pending-dropped': 'never admitted, dropped as asked',
  'pending-no-median': 'never admitted, and no finished workload to take a run time from',
  'finished-without-admission': 'finished without an admission time (rejected or deactivated before admission)',
  deactivated: 'deactivated (spec.active false) and not running',
  'no-queue-name': 'no spec.queueName: Kueue does not manage it',
  'requests-nothing': 'its pods request no resources',
  invalid: 'not a readable Workload (see problems)',
};

export interface ReplayCounts {
  /** Workload objects read. */
  read: number;
  /** Rows kept for the replay. */
  kept: number;
  finished: number;
  running: number;
  pending: number;
  /** Kept running workloads whose run time is the time so far (as-observed) or raised to the median (extended). */
  censored: number;
  extended: number;
  imputed: number;
  /** Kept rows evicted at least once. */
  evicted: number;
  /** Kept rows without an observed wait because they were evicted (first admission time lost). */
  waitUnknown: number;
  dropped: Record<DropReason, number>;
}

export interface ReplayProblem {
  /** namespace/name, or the object's position when it has no name. */
  workload: string;
  message: string;
}

export interface WorkloadReplay {
  rows: ReplayRow[];
  counts: ReplayCounts;
  /** Unreadable objects, each named with what is wrong (first MAX_REPLAY_PROBLEMS). */
  problems: ReplayProblem[];
  moreProblems: number;
  censored: CensoredTreatment;
  pending: PendingTreatment;
  now: number;
  since?: number;
}

export const MAX_REPLAY_PROBLEMS = 100;

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

class BadWorkload extends Error {}

/** RFC 3339 time → epoch seconds; a bad one names the field. */
function timeOf(value: unknown, field: string): number {
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(t)) throw new BadWorkload(`${field} ${JSON.stringify(value)} is not an RFC 3339 time`);
  return t / 1000;
}

interface Conditions {
  quotaReserved?: number;
  admitted?: number;
  finished?: number;
  /** An Evicted condition is present, whatever its status (Kueue sets it False again on re-admission). */
  everEvicted: boolean;
  evictedNow: boolean;
}

function conditionsOf(status: Loose | undefined): Conditions {
  const out: Conditions = { everEvicted: false, evictedNow: false };
  list(status?.conditions).forEach((c, i) => {
    const condition = record(c);
    if (!condition) return;
    const isTrue = condition.status === 'True';
    const at = (): number => timeOf(condition.lastTransitionTime, `status.conditions[${i}].lastTransitionTime`);
    switch (condition.type) {
      case 'QuotaReserved':
        if (isTrue) out.quotaReserved = at();
        break;
      case 'Admitted':
        if (isTrue) out.admitted = at();
        break;
      case 'Finished':
        if (isTrue) out.finished = at();
        break;
      case 'Evicted':
        out.everEvicted = true;
        out.evictedNow = isTrue;
        break;
    }
  });
  return out;
}

function evictionsOf(status: Loose | undefined, conditions: Conditions): number {
  const stats = list(record(status?.schedulingStats)?.evictions);
  let counted = 0;
  for (const e of stats) {
    const n = record(e)?.count;
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) counted += n;
  }
  if (counted > 0) return counted;
  const requeues = record(status?.requeueState)?.count;
  if (typeof requeues === 'number' && requeues > 0) return requeues;
  return conditions.everEvicted ? 1 : 0;
}

/** Per-pod requests of a pod template: the containers' requests summed (Kueue also adds init containers and overhead; not read here). */
function podRequests(template: Loose | undefined, where: string): Record<string, number> {
  const requests: Record<string, number> = {};
  list(record(template?.spec)?.containers).forEach((c, ci) => {
    const asked = record(record(record(c)?.resources)?.requests);
    if (!asked) return;
    for (const [resource, quantity] of Object.entries(asked)) {
      const q = typeof quantity === 'number' ? String(quantity) : quantity;
      let value: number;
      try {
        if (typeof q !== 'string') throw new Error('not a quantity');
        value = parseQuantity(q);
      } catch {
        throw new BadWorkload(`${where}.template.spec.containers[${ci}].resources.requests[${resource}] ${JSON.stringify(quantity)} is not a Kubernetes quantity`);
      }
      if (value < 0) throw new BadWorkload(`${where}.template.spec.containers[${ci}].resources.requests[${resource}] is negative`);
      if (value > 0) requests[resource] = (requests[resource] ?? 0) + value;
    }
  });
  return requests;
}

function podSetsOf(spec: Loose): ReplayPodSet[] {
  const sets = list(spec.podSets);
  if (sets.length === 0) throw new BadWorkload('spec.podSets is empty');
  return sets.map((s, i) => {
    const ps = record(s) ?? {};
    const count = ps.count === undefined ? 1 : ps.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new BadWorkload(`spec.podSets[${i}].count ${JSON.stringify(ps.count)} is not a whole number of pods`);
    return { name: text(ps.name) ?? 'main', count, requests: podRequests(record(ps.template), `spec.podSets[${i}]`) };
  });
}

/** The nearest-rank median of run times (the simulator's percentile rule), or undefined. */
function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return percentiles(Float64Array.from(values)).p50;
}

interface Pending {
  row: ReplayRow;
  /** Seconds so far for running ones (used when the median is lower, or absent). */
  soFar: number;
}

/**
 * Streaming conversion: `add` each Workload object as it arrives, `finish`
 * once. Medians (for pending and extended rows) need every finished workload
 * first, so those rows are completed in `finish`.
 */
export function createWorkloadReplay(options: WorkloadReplayOptions): { add(object: unknown): void; finish(): WorkloadReplay } {
  const censored = options.censored ?? DEFAULT_CENSORED;
  const pending = options.pending ?? DEFAULT_PENDING;
  if (!CENSORED_TREATMENTS.includes(censored)) throw new Error(`censored: "${String(censored)}" must be one of ${CENSORED_TREATMENTS.join(', ')}`);
  if (!PENDING_TREATMENTS.includes(pending)) throw new Error(`pending: "${String(pending)}" must be one of ${PENDING_TREATMENTS.join(', ')}`);
  if (!Number.isFinite(options.now)) throw new Error('now must be a time in epoch seconds');
  if (options.since !== undefined && !Number.isFinite(options.since)) throw new Error('since must be a time in epoch seconds');
  const now = options.now;
  const rows: ReplayRow[] = [];
  const waiting: Pending[] = [];
  /** Observed run times of finished workloads per queue, for the medians. */
  const runTimes = new Map<string, number[]>();
  const all: number[] = [];
  const counts: ReplayCounts = {
    read: 0,
    kept: 0,
    finished: 0,
    running: 0,
    pending: 0,
    censored: 0,
    extended: 0,
    imputed: 0,
    evicted: 0,
    waitUnknown: 0,
    dropped: Object.fromEntries(Object.keys(DROP_REASONS).map((k) => [k, 0])) as Record<DropReason, number>,
  };
  const problems: ReplayProblem[] = [];
  let moreProblems = 0;
  const drop = (reason: DropReason) => void counts.dropped[reason]++;

  const read = (object: unknown): void => {
    const o = record(object);
    const metadata = record(o?.metadata);
    const name = text(metadata?.name);
    const namespace = text(metadata?.namespace);
    if (!o || !name || !namespace) throw new BadWorkload('metadata.name and metadata.namespace are required');
    const spec = record(o.spec);
    if (!spec) throw new BadWorkload('spec is missing');
    const status = record(o.status);
    const submit = timeOf(metadata?.creationTimestamp, 'metadata.creationTimestamp');
    const conditions = conditionsOf(status);
    const podSets = podSetsOf(spec);
    const localQueue = text(spec.queueName);
    if (!localQueue) return drop('no-queue-name');
    if (!podSets.some((ps) => ps.count > 0 && Object.keys(ps.requests).length > 0)) return drop('requests-nothing');

    // Quota reservation is the admission the simulator models (no admission checks): the wait ends there; pods start at Admitted.
    const reserved = conditions.quotaReserved ?? conditions.admitted;
    const started = conditions.admitted ?? conditions.quotaReserved;
    const evictions = evictionsOf(status, conditions);
    const admittedNow = started !== undefined && !conditions.evictedNow;
    let state: ReplayState;
    if (conditions.finished !== undefined) {
      if (started === undefined) return drop('finished-without-admission');
      state = 'finished';
    } else if (admittedNow) state = 'running';
    else {
      if (spec.active === false) return drop('deactivated');
      state = 'pending';
    }
    const queue = `${namespace}/${localQueue}`;
    let run = 0;
    if (state === 'finished') {
      run = conditions.finished! - started!;
      if (!(run > 0)) throw new BadWorkload(`Finished (${new Date(conditions.finished! * 1000).toISOString()}) is not after its admission (${new Date(started! * 1000).toISOString()})`);
      // Every observed run time informs the medians, also those of workloads before the --since window.
      let times = runTimes.get(queue);
      if (!times) runTimes.set(queue, (times = []));
      times.push(run);
      all.push(run);
      if (options.since !== undefined && submit < options.since) return drop('before-since');
    }

    const priority = typeof spec.priority === 'number' && Number.isInteger(spec.priority) ? spec.priority : undefined;
    const priorityClass = text(record(spec.priorityClassRef)?.name) ?? text(spec.priorityClassName);
    const row: ReplayRow = { id: `${namespace}/${name}`, namespace, localQueue, queue, submit, podSets, state, duration: 0, durationSource: 'observed', evictions };
    if (priority !== undefined) row.priority = priority;
    if (priorityClass !== undefined) row.priorityClass = priorityClass;
    // A workload evicted and admitted again shows only its last reservation: its first wait is not known.
    if (reserved !== undefined && state !== 'pending' && evictions === 0) row.observedWait = Math.max(0, reserved - submit);

    if (state === 'finished') {
      row.duration = run;
      rows.push(row);
    } else if (state === 'running') {
      if (censored === 'drop') return drop('running-dropped');
      const soFar = Math.max(1, now - started!);
      row.duration = soFar;
      row.durationSource = 'censored';
      if (censored === 'extend-to-median') waiting.push({ row, soFar });
      rows.push(row);
    } else {
      if (pending === 'drop') return drop('pending-dropped');
      row.durationSource = 'imputed';
      waiting.push({ row, soFar: 0 });
      rows.push(row);
    }
  };

  return {
    add(object) {
      counts.read++;
      try {
        read(object);
      } catch (error) {
        if (!(error instanceof BadWorkload)) throw error;
        drop('invalid');
        const metadata = record(record(object)?.metadata);
        const named = text(metadata?.name) ? `${text(metadata?.namespace) ?? '(no namespace)'}/${text(metadata?.name)}` : `object ${counts.read}`;
        if (problems.length < MAX_REPLAY_PROBLEMS) problems.push({ workload: named, message: error.message });
        else moreProblems++;
      }
    },
    finish() {
      const medianOf = new Map<string, number | undefined>();
      const queueMedian = (queue: string) => {
        if (!medianOf.has(queue)) medianOf.set(queue, median(runTimes.get(queue) ?? []));
        return medianOf.get(queue);
      };
      const overall = median(all);
      const gone = new Set<ReplayRow>();
      for (const { row, soFar } of waiting) {
        // The queue's own median first; a queue with no finished workload takes the cluster's.
        const m = queueMedian(row.queue) ?? overall;
        if (row.state === 'pending') {
          if (m === undefined) {
            gone.add(row);
            drop('pending-no-median');
          } else row.duration = m;
        } else if (m !== undefined && m > soFar) {
          row.duration = m;
          row.durationSource = 'extended';
        }
      }
      const kept = gone.size ? rows.filter((r) => !gone.has(r)) : rows;
      for (const row of kept) {
        counts[row.state]++;
        if (row.durationSource === 'censored') counts.censored++;
        if (row.durationSource === 'extended') {
          counts.censored++;
          counts.extended++;
        }
        if (row.durationSource === 'imputed') counts.imputed++;
        if (row.evictions > 0) counts.evicted++;
        if (row.evictions > 0 && row.state !== 'pending') counts.waitUnknown++;
      }
      counts.kept = kept.length;
      // Submit order, then id: the same cluster read gives the same rows whatever the list order.
      kept.sort((a, b) => a.submit - b.submit || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { rows: kept, counts, problems, moreProblems, censored, pending, now, ...(options.since === undefined ? {} : { since: options.since }) };
    },
  };
}

/** Converts a whole list at once (tests, small clusters). */
export function replayWorkloads(objects: Iterable<unknown>, options: WorkloadReplayOptions): WorkloadReplay {
  const replay = createWorkloadReplay(options);
  for (const o of objects) replay.add(o);
  return replay.finish();
}

export interface ObservedWaits {
  /** Admitted workloads with a known wait. */
  count: number;
  /** Nearest-rank, seconds; NaN when count is 0. */
  p50: number;
  p90: number;
  /** Still pending at the read (not in the percentiles, as the simulator's "never admitted"). */
  pending: number;
  /** Admitted but evicted since: first admission unknown, not in the percentiles. */
  unknown: number;
}

/**
 * Observed waits grouped by `keyOf` (a team, a queue): the same nearest-rank
 * percentiles over admitted workloads that the simulator reports, with
 * still-pending ones counted beside them rather than mixed in.
 */
export function observedWaits(rows: readonly ReplayRow[], keyOf: (row: ReplayRow) => string | undefined): Map<string, ObservedWaits> {
  const groups = new Map<string, { waits: number[]; pending: number; unknown: number }>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { waits: [], pending: 0, unknown: 0 }));
    if (row.state === 'pending') g.pending++;
    else if (row.observedWait === undefined) g.unknown++;
    else g.waits.push(row.observedWait);
  }
  const out = new Map<string, ObservedWaits>();
  for (const [key, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const p = percentiles(Float64Array.from(g.waits));
    out.set(key, { count: g.waits.length, p50: p.p50, p90: p.p90, pending: g.pending, unknown: g.unknown });
  }
  return out;
}

const SINCE_UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * `--since`: a window back from `now` ("90m", "12h", "7d", "2w") or a date
 * / date-time ("2026-12-01", "2026-12-01T08:00:00Z"), as epoch seconds.
 * Anything else is refused with the forms it takes.
 */
export function parseSince(value: string, now: number): number {
  const text = value.trim();
  const window = /^(\d+(?:\.\d+)?)([mhdw])$/.exec(text);
  if (window) {
    const seconds = Number(window[1]) * SINCE_UNITS[window[2]!]!;
    if (!(seconds > 0)) throw new Error(`since "${value}" must be a window longer than 0`);
    return now - seconds;
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
    if (Number.isFinite(t)) {
      if (t / 1000 > now) throw new Error(`since "${value}" is after now: no workload could be in the window`);
      return t / 1000;
    }
  }
  throw new Error(`since "${value}" must be a window (90m, 12h, 7d, 2w) or a date (2026-12-01, 2026-12-01T08:00:00Z)`);
}
