/** Figures of the GPU simulation in the user's units. */

/** Seconds as "42 s", "12 min", "3.4 h", "2.1 d"; a dash for none. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export function gpuHours(hours: number): string {
  return hours >= 100 ? Math.round(hours).toLocaleString('en-US') : hours.toFixed(1);
}

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)}%`;
}

/** A B − A difference with its sign ("+1.2 h", "−30 min", "no change"). */
export function signed(delta: number | null, show: (v: number) => string): string {
  if (delta === null) return '–';
  if (Math.abs(delta) < 1e-9) return 'no change';
  return `${delta > 0 ? '+' : '−'}${show(Math.abs(delta))}`;
}

/** "1 row", "20,000 rows". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** A figure over seeds as its median; null (nothing admitted, for a wait) as a dash. */
export function medianText(spread: { median: number | null }, show: (v: number) => string): string {
  return spread.median === null ? '–' : show(spread.median);
}

/**
 * A figure's range over seeds, "0.8 h–15 h", the same words everywhere (SPREAD_WORDS); an open upper
 * end ("never admitted") when some seed admitted nothing; empty for one seed (nothing to spread).
 */
export function rangeText(spread: { min: number | null; max: number | null; seeds: number }, show: (v: number) => string): string {
  if (spread.seeds < 2) return '';
  const lo = spread.min === null ? '–' : show(spread.min);
  const hi = spread.max === null ? 'never admitted' : show(spread.max);
  if (lo === hi) return '';
  // One unit written once: "1.1–1.4 d", not "1.1 d–1.4 d" (the tables must fit a 1024-pixel window).
  const unit = / [^\d\s]+$/.exec(hi)?.[0];
  if (unit && lo.endsWith(unit) && /\d/.test(lo)) return `${lo.slice(0, -unit.length)}–${hi}`;
  return `${lo}–${hi}`;
}

/** How a view's figures were taken, in one sentence part: "median of 5 seeds (1–5)", "one trace: no seed spread". */
export function seedsText(kind: 'generated' | 'trace', seeds: number, seedValues: readonly number[] = []): string {
  if (kind === 'trace') return 'one trace: no seed spread';
  if (seeds <= 1) return 'one seed: no seed spread';
  const values = seedValues.length ? ` (seeds ${seedValues[0]}–${seedValues.at(-1)})` : '';
  return `median of ${seeds} seeds${values}, with the range over seeds`;
}
