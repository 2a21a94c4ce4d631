/** Text helpers for streaming trace readers: lines across chunks, CSV fields, times and numbers. */

/** Splits text fed in arbitrary chunks into lines (without "\r\n" / "\n"), numbered from 1. */
export class LineSplitter {
  private rest = '';
  private line = 0;

  private readonly onLine: (text: string, line: number) => void;

  constructor(onLine: (text: string, line: number) => void) {
    this.onLine = onLine;
  }

  push(chunk: string): void {
    let start = 0;
    let text = this.rest + chunk;
    this.rest = '';
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text.slice(start, end), ++this.line);
      start = nl + 1;
    }
    this.rest = text.slice(start);
    text = '';
  }

  finish(): void {
    if (this.rest.length) {
      const last = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
      this.rest = '';
      this.onLine(last, ++this.line);
    }
  }
}

/** The fields of one CSV line (RFC 4180 quoting within the line); null when a quote is not closed. */
export function splitCsv(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      fields.push(comma < 0 ? value + line.slice(i) : value + line.slice(i, comma));
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

const EMPTY = new Set(['', 'none', 'null', 'nan', 'n/a', '\\n']);

/** Whether a cell means "no value" (traces write None, NULL, NaN or nothing). */
export function isBlank(text: string | undefined): boolean {
  if (text === undefined || text.length === 0) return true;
  // Values are mostly long ids, numbers and dates: only short cells can be one of the blank words.
  if (text.length > 8) return text.trim().length === 0;
  return EMPTY.has(text.trim().toLowerCase());
}

/** A finite number, or undefined. */
export function parseNumber(text: string | undefined): number | undefined {
  if (isBlank(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

// Days from 1970-01-01 to a civil date (proleptic Gregorian), Howard Hinnant's algorithm.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Seconds on the trace's clock: a number (seconds, as PAI and openb write
 * them) or a date-time "YYYY-MM-DD HH:MM:SS" (Philly, Helios), read as UTC
 * unless it carries an offset. Undefined when blank or unreadable.
 */
export function parseTime(text: string | undefined): number | undefined {
  if (isBlank(text)) return undefined;
  const trimmed = text!.trim();
  const numeric = Number(trimmed);
  if (Number.isFinite(numeric)) return numeric;
  const m = DATETIME.exec(trimmed);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let seconds = daysFromCivil(Number(y), month, day) * 86_400 + Number(h ?? 0) * 3600 + Number(mi ?? 0) * 60 + Number(s ?? 0);
  if (frac) seconds += Number(`0.${frac}`);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  return seconds;
}

/** A value for messages: quoted, shortened. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}
