/**
 * What the Delivery tab's summary table and run status say: each design's
 * figures on the three labelled clocks, every percentile with its 95%
 * interval, and how far the run has converged.
 */
import type { Interval } from '../../../../sim/delivery/convergence.ts';
import { convergenceText } from '../../../../sim/delivery/job.ts';
import type { DesignResult, Distribution1D } from '../../../../sim/delivery/results.ts';
import type { DeliveryComparison } from '../../../../sim/delivery/simulate.ts';

export interface PercentileCell {
  /** The figure, weeks to one decimal ("14.2"), or "—". */
  value: string;
  /** The 95% interval, compact ("13.9–14.5"), or null before there are two blocks of trials. */
  range: string | null;
  /** The tooltip: what the interval means. */
  title: string;
}

const weeks = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

export function percentileCell(value: number, interval: Interval | null, what: string): PercentileCell {
  if (!interval || !Number.isFinite(value)) return { value: weeks(value), range: null, title: `${what}: ${weeks(value)} weeks (no interval yet: fewer than two blocks of trials)` };
  const pct = value > 0 ? Math.round((interval.halfWidth / value) * 1000) / 10 : 0;
  return {
    value: weeks(value),
    range: `${weeks(interval.low)}–${weeks(interval.high)}`,
    title: `${what}: ${weeks(value)} weeks, 95% interval ${weeks(interval.low)}–${weeks(interval.high)} (±${weeks(interval.halfWidth)} weeks, ±${pct}%)`,
  };
}

/** The columns of percentiles, each labelled with its clock. */
export const CLOCK_COLUMNS = [
  { figure: 'p50', heading: 'Request → production P50', clock: 'timeToProduction', level: 'p50', what: 'Request → production, P50' },
  { figure: 'p85', heading: 'P85', clock: 'timeToProduction', level: 'p85', what: 'Request → production, P85' },
  { figure: 'p95', heading: 'P95', clock: 'timeToProduction', level: 'p95', what: 'Request → production, P95' },
  { figure: 'cycle-p50', heading: 'Cycle P50', clock: 'cycleTime', level: 'p50', what: 'Cycle time (start of discovery → production), P50' },
  { figure: 'prototype-p50', heading: 'Prototype → production P50', clock: 'prototypeToProduction', level: 'p50', what: 'Prototype (model validated) → production, P50' },
] as const;

export function clockCells(d: DesignResult): Array<{ figure: string } & PercentileCell> {
  return CLOCK_COLUMNS.map((c) => {
    const dist: Distribution1D = d[c.clock];
    return { figure: c.figure, ...percentileCell(dist[c.level], dist.intervals[c.level], c.what) };
  });
}

/**
 * The run's status line: a fixed count says "600 trials of 2,000 so far
 * (preliminary)"; the stopping rule says "converging… 600 trials" while it
 * runs and "P85 known within ±2% after 1,300 trials" when it is met.
 */
export function runStatus(comparison: DeliveryComparison, preliminary: boolean): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const c = comparison.convergence;
  if (c.rule === 'fixed') {
    const trials = `${count(comparison.trials)} trials`;
    if (comparison.cancelled) return `${trials} of ${count(comparison.trialsRequested)} (cancelled)`;
    return preliminary ? `${trials} of ${count(comparison.trialsRequested)} so far (preliminary)` : trials;
  }
  if (comparison.cancelled) return `${count(comparison.trials)} trials (cancelled before every P85 was known within ±${(c.precision ?? 0) * 100}%)`;
  if (preliminary) return `converging… ${count(comparison.trials)} trials`;
  return convergenceText(comparison);
}
