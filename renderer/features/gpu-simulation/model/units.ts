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
