/**
 * The phase calendar as an iCalendar file (RFC 5545): waves as all-day
 * spans, hires on the first of their month, retrospectives on the last
 * weekday of theirs. Pure text out: CRLF line endings, lines folded at 75
 * octets, TEXT values escaped, and UIDs derived from the scenario id and the
 * event id so re-exporting the same plan updates events instead of
 * duplicating them. The plan start comes in as input; no clock is read.
 */
import {
  calendarMonth,
  daysInMonth,
  formatBasicDate,
  lastWeekdayOfMonth,
  nextDay,
  parseYearMonth,
  type CalendarDate,
  type YearMonth,
} from './calendar.ts';
import type { PlanEvent } from './plan.ts';

export interface IcsOptions {
  scenarioId: string;
  /** Calendar name shown by clients (X-WR-CALNAME). */
  calendarName: string;
  /** Calendar month of plan month 1, 'YYYY-MM'. */
  planStart: string;
  /**
   * DTSTAMP of every event, 'YYYYMMDDTHHMMSSZ' (UTC). Default: midnight UTC
   * on the plan start, so identical plans give identical files.
   */
  dtstamp?: string;
}

const CRLF = '\r\n';

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Bytes(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545
 * §3.1): continuation lines start with a space. Never splits a UTF-8
 * character.
 */
export function foldLine(line: string): string {
  let out = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Bytes(char.codePointAt(0)!);
    if (octets + size > 75) {
      out += `${CRLF} `;
      octets = 1;
    }
    out += char;
    octets += size;
  }
  return out;
}

/** 32-bit FNV-1a, hex: a short stable digest for UIDs. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';

/** Stable UID of one event of one scenario. */
export function eventUid(scenarioId: string, eventId: string): string {
  return `${slug(eventId)}.${slug(scenarioId)}.${fnv1a(`${scenarioId}\u0000${eventId}`)}@podplan`;
}

const DTSTAMP_PATTERN = /^\d{8}T\d{6}Z$/;

function eventDates(event: PlanEvent, start: YearMonth): { first: CalendarDate; last: CalendarDate } {
  const firstMonth = calendarMonth(start, event.startMonth);
  const lastMonth = calendarMonth(start, event.endMonth);
  if (event.anchor === 'span') return { first: { ...firstMonth, day: 1 }, last: { ...lastMonth, day: daysInMonth(lastMonth) } };
  if (event.anchor === 'month-end') {
    const day = lastWeekdayOfMonth(firstMonth);
    return { first: { ...firstMonth, day }, last: { ...firstMonth, day } };
  }
  return { first: { ...firstMonth, day: 1 }, last: { ...firstMonth, day: 1 } };
}

const CATEGORY: Record<PlanEvent['kind'], string> = {
  wave: 'Wave',
  hire: 'Hire',
  'full-productivity': 'Hire',
  retrospective: 'Retrospective',
  'go-no-go': 'Retrospective',
};

/** The plan's events as an iCalendar document. */
export function toICalendar(events: readonly PlanEvent[], options: IcsOptions): string {
  const start = parseYearMonth(options.planStart);
  const dtstamp = options.dtstamp ?? `${formatBasicDate({ ...start, day: 1 })}T000000Z`;
  if (!DTSTAMP_PATTERN.test(dtstamp)) throw new Error(`dtstamp "${dtstamp}" is not a UTC date-time like 20260101T000000Z`);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Podplan//Phase planner//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
  ];
  for (const event of events) {
    const { first, last } = eventDates(event, start);
    const description = event.source ? `${event.description}\n(${event.source})` : event.description;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${eventUid(options.scenarioId, event.id)}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${formatBasicDate(first)}`,
      // All-day events end on the following day (DTEND is exclusive).
      `DTEND;VALUE=DATE:${formatBasicDate(nextDay(last))}`,
      `SUMMARY:${escapeText(event.title)}`,
      `DESCRIPTION:${escapeText(description)}`,
      `CATEGORIES:${CATEGORY[event.kind]}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
