/** Reading one field of a trace row, with the message a bad value gets (the field and the value named). */
import { EARLIEST_TIME, LATEST_TIME, MAX_DURATION } from './bounds.ts';
import { isBlank, parseNumber, parseTime, shown } from '../formats/text.ts';

/** Thrown inside a row decoder; the reader reports it against the row's line and goes on. */
export class RowError extends Error {}

export function textField(value: string | undefined, field: string): string {
  if (isBlank(value)) throw new RowError(`${field} is missing`);
  return value!.trim();
}

/** The largest value a field may hold, and what it counts (for the message). */
export interface Bound {
  max: number;
  unit: string;
}

const formatted = (n: number) => n.toLocaleString('en');

export function number(value: string | undefined, field: string, min: number, bound: Bound): number {
  if (isBlank(value)) throw new RowError(`${field} is missing`);
  const n = parseNumber(value);
  if (n === undefined) throw new RowError(`${field} ${shown(value)} is not a number`);
  if (n < min) throw new RowError(`${field} ${shown(value)} must be ≥ ${min}`);
  if (n > bound.max) throw new RowError(`${field} ${shown(value)} is beyond the simulator's bound of ${formatted(bound.max)} ${bound.unit}`);
  return n;
}

export function optionalNumber(value: string | undefined, field: string, min: number, bound: Bound): number | undefined {
  return isBlank(value) ? undefined : number(value, field, min, bound);
}

export function integer(value: string | undefined, field: string, min: number, bound: Bound): number {
  const n = number(value, field, min, bound);
  if (!Number.isInteger(n)) throw new RowError(`${field} ${shown(value)} must be a whole number`);
  return n;
}

export function time(value: string | undefined, field: string): number {
  if (isBlank(value)) throw new RowError(`${field} is missing`);
  const t = parseTime(value);
  if (t === undefined) throw new RowError(`${field} ${shown(value)} is not a time (seconds, or YYYY-MM-DD HH:MM:SS)`);
  if (!(t >= EARLIEST_TIME && t <= LATEST_TIME)) throw new RowError(`${field} ${shown(value)} is not a time between 1970 and 2100 (${EARLIEST_TIME} to ${formatted(LATEST_TIME)} s)`);
  return t;
}

/** Running time from start and end, refusing an end before the start. */
export function span(start: number, end: number, startField: string, endField: string, startText: unknown, endText: unknown): number {
  if (end < start) throw new RowError(`${endField} ${shown(endText)} is before ${startField} ${shown(startText)}`);
  return end - start;
}

export const DURATION: Bound = { max: MAX_DURATION, unit: 's (a century)' };

export function positiveDuration(seconds: number, what: string): number {
  if (!(seconds > 0)) throw new RowError(`${what} is ${seconds} s: a job must run for some time`);
  if (seconds > MAX_DURATION) throw new RowError(`${what} is ${formatted(seconds)} s: beyond the simulator's bound of ${formatted(MAX_DURATION)} s (a century)`);
  return seconds;
}
