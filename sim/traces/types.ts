/** The trace-import contract shared by the browser worker, the UI and the CLI. */
import type { WorkloadSpec, WorkloadTable } from '../gpu-sim/workloads.ts';

export type TraceFormat = 'philly' | 'helios' | 'pai' | 'openb' | 'generic';
export const TRACE_FORMATS: readonly TraceFormat[] = ['philly', 'helios', 'pai', 'openb', 'generic'];

export interface TraceMapping {
  teamBy: 'user' | 'vc';
  /** key (user or vc) → team id of scenario.cluster (a queue's teamId, its id or its ClusterQueue name). */
  teams: Record<string, string>;
  /** Team for keys not in `teams`; unset = unmapped rows are reported and skipped. */
  unmappedTeam?: string;
}

export interface TraceRowProblem {
  /** 1-based line of the file (for Philly, the line where the job's object starts). */
  line: number;
  message: string;
  /** The problem is the whole file's (not text, no header, no rows): nothing in it can be imported, whatever `onBadRow` says. */
  wholeFile?: true;
}

export interface TraceImportOptions {
  format: TraceFormat;
  mapping: TraceMapping;
  onBadRow: 'skip' | 'abort';
  /** Times become seconds after the earliest submit of the trace (the only origin so far). */
  timeOrigin?: 'first-submit';
  /** Priority (value or priority-class name) for rows whose format carries none. Default: none (0). */
  priority?: number | string;
  /** Longest line (or Philly job object) read, in characters; longer ones are bad rows. Default MAX_LINE_LENGTH (1 MiB); lowered by tests. */
  maxLineLength?: number;
}

export interface TraceScan {
  format: TraceFormat;
  /** Data rows read (CSV lines or Philly jobs; for PAI job and task lines). */
  rows: number;
  users: string[];
  vcs: string[];
  /** Readable jobs per user and per vc, for the mapping step ("ana: 38 jobs"). */
  userJobs: Record<string, number>;
  vcJobs: Record<string, number>;
  problems: TraceRowProblem[];
  /** Problems beyond the first MAX_PROBLEMS, counted but not listed. */
  moreProblems: number;
}

export interface TraceImportResult {
  /** Empty when the import was aborted. */
  workloads: WorkloadSpec[];
  rows: number;
  imported: number;
  skipped: number;
  problems: TraceRowProblem[];
  moreProblems: number;
  /** Time 0 of the workloads on the trace's clock (its first submit, seconds; epoch seconds for date-time traces). */
  origin?: number;
  /** The bad row that stopped an `onBadRow: 'abort'` import, or a header that makes the file unreadable. */
  aborted?: TraceRowProblem;
}

/** The import in the simulator's compact form (the CLI's and benchmarks' path): typed arrays instead of an object per job. */
export interface TraceTableImportResult extends Omit<TraceImportResult, 'workloads'> {
  /** Empty when the import was aborted. */
  table: WorkloadTable;
}

/** Problems kept in a scan or import result; the rest are counted in `moreProblems`. */
export const MAX_PROBLEMS = 1000;

/** One job of a trace, decoded but not yet mapped to a team. Times are absolute seconds of the trace's clock. */
export interface TraceJob {
  line: number;
  id: string;
  user: string;
  vc: string;
  submit: number;
  /** Running seconds (> 0). */
  duration: number;
  podSets: TracePodSet[];
  /** Generic CSV only. */
  priority?: number | string;
  flavors?: string[];
  kind?: string;
}

export interface TracePodSet {
  count: number;
  gpus: number;
  /** Cores per pod, when the trace says. */
  cpu?: number;
  /** Bytes per pod, when the trace says. */
  memory?: number;
}

/** Where decoders report. `problem` with `fatal` means the rest of the file cannot be read (a header without a required column). */
export interface TraceSink {
  row(): void;
  job(job: TraceJob): void;
  problem(problem: TraceRowProblem, fatal?: boolean): void;
}

export interface TraceReader {
  push(chunk: string): void;
  finish(): void;
  /** Rows may turn out bad only at the end (PAI joins two tables): an abort must read on to name the first bad line in file order. */
  readonly joinsAtEnd?: boolean;
}
