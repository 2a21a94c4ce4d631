/**
 * What a trace row may hold (issue #13, finding 5). Values beyond these are
 * refused at their row, naming the line and the column, because past them
 * the simulator's arithmetic stops being meaningful (a gang of 1e308 pods
 * allocates forever; a time of 1e308 seconds leaves no room to add a
 * duration) and the run would fail far from the row at fault.
 */

/** The longest line (or Philly job object) read, and the start of a file checked for binary data: shared with every text import. */
export { MAX_LINE_LENGTH, SNIFF_LENGTH } from '../formats/text.ts';

/** Earliest and latest trace time, seconds since 1970-01-01: every public trace (PAI's and openb's relative seconds included) lies between. */
export const EARLIEST_TIME = 0;
export const LATEST_TIME = 4_102_444_800; // 2100-01-01T00:00:00Z

/** A century of running time: a longer job cannot be a measurement. */
export const MAX_DURATION = 100 * 365.25 * 86_400;

/** Pods in one gang: above the size of any cluster Kubernetes supports (150,000 pods). */
export const MAX_PODS = 150_000;

/** Per-pod and per-job GPUs: far above any node (8–16) or trace job (Philly ≤ 128, Helios ≤ 2,048), yet small enough for exact sums. */
export const MAX_GPUS_PER_POD = 10_000;
export const MAX_GPUS_PER_JOB = 1_000_000;

/** Cores per pod (and per job for Helios' totals). */
export const MAX_CPUS = 100_000;

/** Bytes per pod: 1 PiB. */
export const MAX_MEMORY_BYTES = 2 ** 50;
