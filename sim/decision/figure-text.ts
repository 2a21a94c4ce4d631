/**
 * Every figure of the Decision, its views and its reports is turned into
 * text here: the Decision's sentences, the Decision and Compare views, and
 * the report model (whose HTML, Markdown, CSV, slides and PDF copy the same
 * string), so a number never reads differently in two places. Money is shown to the whole unit (a report reconciles with
 * `podplan cost` to the dollar); weeks and hours to one decimal, as the
 * Decision's own sentences write them.
 */

/** Full amount, whole units: "$12,345,678". */
export function formatMoney(value: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(Math.round(value));
}

/** Axis ticks only (never a figure a reader looks up): "$1.5M", "$800K". */
export function formatMoneyTick(value: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** "8.1 weeks", as `decide()`'s recommendation writes weeks. */
export function formatWeeks(value: number): string {
  return `${value.toFixed(1)} weeks`;
}

/** A percentile with its 95% interval: "8.1 weeks (7.6–8.7)". */
export function formatWeeksInterval(e: { weeks: number; low: number; high: number }): string {
  return `${formatWeeks(e.weeks)} (${e.low.toFixed(1)}–${e.high.toFixed(1)})`;
}

/** "12.5 h", as `decide()` writes GPU waits. */
export function formatHours(value: number): string {
  return `${value.toFixed(1)} h`;
}

/** One decimal: initiatives per quarter, shipped in the horizon. */
export function formatDecimal(value: number): string {
  return value.toFixed(1);
}

/** Whole counts with separators: "2,000". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A stored revision, or where the figures came from when there is none (a file). */
export function formatRevision(revision: number | null, fallback: string): string {
  return revision !== null ? `revision ${revision}` : fallback;
}

/** Shown where a design has no figure (not meaningful, or nothing shipped). */
export const NO_FIGURE = '—';
