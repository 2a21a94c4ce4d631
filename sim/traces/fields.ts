/** Reading one field of a trace row, with the message a bad value gets (the field and the value named). */
import { isBlank, parseNumber, parseTime, shown } from './text.ts';

/** Thrown inside a row decoder; the reader reports it against the row's line and goes on. */
export class RowError extends Error {}

export function text(value: string | undefined, field: string): string {
  if (isBlank(value)) throw new RowError(`${field} is missing`);
  return value!.trim();
}

export function number(value: string | undefined, field: string, min = 0): number {
  if (isBlank(value)) throw new RowError(`${field} is missing`);
  const n = parseNumber(value);
  if (n === undefined) throw new RowError(`${field} ${shown(value)} is not a number`);
  if (n < min) throw new RowError(`${field} ${shown(value)} must be ≥ ${min}`);
  return n;
}

export function optionalNumber(value: string | undefined, field: string, min = 0): number | undefined {
  return isBlank(value) ? undefined : number(value, field, min);
}

export function integer(value: string | undefined, field: string, min = 0): number {
  const n = number(value, field, min);
  if (!Number.isInteger(n)) throw new RowError(`${field} ${shown(value)} must be a whole number`);
  return n;
}

export function time(value: string | undefined, field: string): number {
  if (isBlank(value)) throw new RowError(`${field} is missing`);
  const t = parseTime(value);
  if (t === undefined) throw new RowError(`${field} ${shown(value)} is not a time (seconds, or YYYY-MM-DD HH:MM:SS)`);
  return t;
}

/** Running time from start and end, refusing an end before the start. */
export function span(start: number, end: number, startField: string, endField: string, startText: unknown, endText: unknown): number {
  if (end < start) throw new RowError(`${endField} ${shown(endText)} is before ${startField} ${shown(startText)}`);
  return end - start;
}

export function positiveDuration(seconds: number, what: string): number {
  if (!(seconds > 0)) throw new RowError(`${what} is ${seconds} s: a job must run for some time`);
  return seconds;
}
