/**
 * Text helpers for streaming readers of exported files (GPU traces, delivery
 * histories): lines across chunks, CSV fields, blank cells, times and
 * numbers, and the checks that a file is text at all.
 */

/** The longest line read, in characters. Real rows are < 1 KiB; anything longer is binary data or a file without line breaks, and holding it would take memory without bound. */
export const MAX_LINE_LENGTH = 1 << 20;

/** Characters at the start of a file checked for binary data before any of it is read as rows. */
export const SNIFF_LENGTH = 1024;

/**
 * Splits text fed in arbitrary chunks into lines (without "\r\n" / "\n"),
 * numbered from 1. A line longer than `maxLength` characters is reported
 * once (`onOverlong`) and its text dropped up to the next line break, so a
 * file without line breaks never becomes one string the size of the file.
 */
export class LineSplitter {
  private rest = '';
  private line = 0;
  /** Inside a line already reported as too long: characters are dropped until its line break. */
  private dropping = false;

  private readonly onLine: (text: string, line: number) => void;
  private readonly onOverlong: (line: number) => void;
  private readonly maxLength: number;

  constructor(onLine: (text: string, line: number) => void, onOverlong: (line: number) => void, maxLength = MAX_LINE_LENGTH) {
    this.onLine = onLine;
    this.onOverlong = onOverlong;
    this.maxLength = maxLength;
  }

  push(chunk: string): void {
    let start = 0;
    if (this.dropping) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) return;
      this.dropping = false;
      start = nl + 1;
    }
    // `rest` is at most maxLength characters, so this string stays within a chunk plus the limit.
    let text = this.rest.length ? this.rest + chunk.slice(start) : start ? chunk.slice(start) : chunk;
    this.rest = '';
    start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end - start > this.maxLength) this.onOverlong(++this.line);
      else this.onLine(text.slice(start, end), ++this.line);
      start = nl + 1;
    }
    if (text.length - start > this.maxLength + 1) {
      this.onOverlong(++this.line);
      this.dropping = true;
    } else this.rest = text.slice(start);
    text = '';
  }

  finish(): void {
    if (this.rest.length) {
      const last = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
      this.rest = '';
      if (last.length > this.maxLength) this.onOverlong(++this.line);
      else this.onLine(last, ++this.line);
    }
    this.dropping = false;
  }
}

/** The message of a line over the limit; `row` names what a line should be ('a trace row'). */
export const overlongLine = (line: number, maxLength: number, row = 'a row') =>
  `line ${line} is longer than the limit of ${maxLength.toLocaleString('en')} characters: not ${row} (binary data, or a missing line break?)`;

/** C0 control characters other than tab, line feed, form feed and carriage return, and U+FFFD (what bytes that are not UTF-8 decode to). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point: they mark binary data
export const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/;

/** Why a line is binary data rather than text, or undefined. */
export function binaryReason(text: string): string | undefined {
  const at = text.search(NOT_TEXT);
  if (at < 0) return undefined;
  const code = text.charCodeAt(at);
  if (code === 0xfffd) return `bytes that are not UTF-8 (character ${at + 1})`;
  if (code === 0) return `a NUL byte (character ${at + 1})`;
  return `the control character 0x${code.toString(16).padStart(2, '0')} (character ${at + 1})`;
}

/**
 * A string of its own: substrings of 13+ characters that V8 cuts from a
 * line point into the whole chunk they came from, so keeping one (a job id)
 * would keep the chunk. Rebuilt from its character codes it is one flat
 * string (40 bytes for a 16-character id, against 80 for a copied slice;
 * measured on Node 24).
 */
export function detached(value: string): string {
  if (value.length < 13) return value;
  if (value.length > 256) return (' ' + value).slice(1); // an id this long is absurd: no large argument list for it
  const codes = new Array<number>(value.length);
  for (let i = 0; i < value.length; i++) codes[i] = value.charCodeAt(i);
  return String.fromCharCode(...codes);
}

/** The fields of one CSV line (RFC 4180 quoting within the line); null when a quote is not closed. `delimiter`: ',' or '\t' (a TSV). */
export function splitCsv(line: string, delimiter = ','): string[] | null {
  if (!line.includes('"')) return line.split(delimiter);
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
      const comma = line.indexOf(delimiter, i);
      fields.push(comma < 0 ? value + line.slice(i) : value + line.slice(i, comma));
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(delimiter, i);
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
