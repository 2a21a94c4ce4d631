/**
 * Dates as the trackers export them, read to seconds since 1970 (UTC) and
 * written back as the history's ISO 8601 strings. A number alone is not a
 * date here (a spreadsheet serial, or an id in the wrong column): refused.
 */
import { isBlank, parseTime } from '../formats/text.ts';

/** 1970-01-01 and 2100-01-01: a delivery history outside these is a misread column, not a date. */
export const EARLIEST_DATE = 0;
export const LATEST_DATE = 4_102_444_800;

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const pad = (n: number) => String(n).padStart(2, '0');

/** Jira's export format: "06/Feb/24 11:32 AM" (also a 4-digit year, 24-hour time, or no time). */
const JIRA = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
/** JavaScript's Date.toString(), which some exports (Linear's) write: "Mon Jan 15 2024 10:20:30 GMT+0100 (Central European Standard Time)". */
const JS_DATE = /^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(?:GMT|UTC)?([+-]\d{4})?(?:\s*\(.*\))?$/;

function civil(y: number, month: string, d: number, h: number, mi: number, s: number, offset?: string): number | undefined {
  const m = MONTHS[month.toLowerCase()];
  if (m === undefined) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset ? `${offset.slice(0, 3)}:${offset.slice(3)}` : 'Z'}`;
  return parseTime(iso);
}

/** Seconds since 1970 (UTC), or undefined when the text is not a date this import reads. */
export function parseHistoryDate(text: string | undefined): number | undefined {
  if (isBlank(text)) return undefined;
  const value = text!.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  const iso = parseTime(value);
  if (iso !== undefined) return iso;
  let m = JIRA.exec(value);
  if (m) {
    const [, d, mon, y, h, mi, s, half] = m;
    let hour = Number(h ?? 0);
    if (half) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (half.toLowerCase() === 'pm' ? 12 : 0);
    }
    const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
    return civil(year, mon!, Number(d), hour, Number(mi ?? 0), Number(s ?? 0));
  }
  m = JS_DATE.exec(value);
  if (m) {
    const [, mon, d, y, h, mi, s, offset] = m;
    return civil(Number(y), mon!, Number(d), Number(h), Number(mi), Number(s ?? 0), offset);
  }
  return undefined;
}

/** Why a cell is not a usable date, or undefined; `seconds` the parsed value. */
export function dateProblem(column: string, text: string, seconds: number | undefined): string | undefined {
  const shownText = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  if (seconds === undefined) return `column ${column}: "${shownText}" is not a date (expected YYYY-MM-DD, an ISO date-time, or Jira's 06/Feb/24 11:32 AM)`;
  if (seconds < EARLIEST_DATE) return `column ${column}: "${shownText}" is before 1970`;
  if (seconds >= LATEST_DATE) return `column ${column}: "${shownText}" is after 2100`;
  return undefined;
}

/** The history's form: 'YYYY-MM-DD' at midnight UTC, else 'YYYY-MM-DDTHH:MM:SSZ' (whole seconds). */
export function isoDate(seconds: number): string {
  const whole = Math.floor(seconds);
  const text = new Date(whole * 1000).toISOString();
  return whole % 86_400 === 0 ? text.slice(0, 10) : `${text.slice(0, 19)}Z`;
}
