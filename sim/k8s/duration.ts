/**
 * Go durations ("168h", "5m", "1h30m", "90s"), as Kueue's Configuration
 * takes them (`metav1.Duration`, parsed by Go's `time.ParseDuration`).
 * Kept as the text the user wrote, parsed to seconds where time is needed.
 */

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const DURATION = /^[+-]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** Why `text` is not a Go duration, or null when it is one. */
export function durationProblem(text: string): string | null {
  return DURATION.test(text) ? null : `"${text}" is not a duration (examples: 168h, 5m, 1h30m)`;
}

/** Seconds in a Go duration; throws on malformed text. */
export function parseDuration(text: string): number {
  const problem = durationProblem(text);
  if (problem) throw new Error(problem);
  const sign = text.startsWith('-') ? -1 : 1;
  let seconds = 0;
  for (const [, value, unit] of text.matchAll(PART)) seconds += Number(value) * UNIT_SECONDS[unit!]!;
  return sign * seconds;
}
