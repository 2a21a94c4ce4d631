/**
 * Plan months. The plan counts months from 1 (the plan start month); a
 * calendar month is 'YYYY-MM'. Pure integer arithmetic: no clock, no time
 * zone.
 */

/** 'YYYY-MM', e.g. '2026-01'. */
export const PLAN_MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

export function parseYearMonth(text: string): YearMonth {
  const match = PLAN_MONTH_PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not a month in the form YYYY-MM`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** The calendar month of plan month `planMonth` (1 = the start month). */
export function calendarMonth(start: YearMonth, planMonth: number): YearMonth {
  const index = start.year * 12 + (start.month - 1) + (planMonth - 1);
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function formatYearMonth({ year, month }: YearMonth): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Labels 'YYYY-MM' for plan months 1..count. */
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** 'YYYY-MM' → "Nov 2026", as sentences and reports write a month; anything else as is. */
export function monthName(yearMonth: string): string {
  const match = PLAN_MONTH_PATTERN.exec(yearMonth);
  return match ? `${MONTH_NAMES[Number(match[2]) - 1]} ${match[1]}` : yearMonth;
}

export function monthLabels(planStart: string, count: number): string[] {
  const start = parseYearMonth(planStart);
  const labels = new Array<string>(count);
  for (let m = 1; m <= count; m++) labels[m - 1] = formatYearMonth(calendarMonth(start, m));
  return labels;
}

export function daysInMonth({ year, month }: YearMonth): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day of the week, 0 = Sunday … 6 = Saturday (Sakamoto's method; proleptic Gregorian). */
export function dayOfWeek(year: number, month: number, day: number): number {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  return (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + t[month - 1]! + day) % 7;
}

/** The last Monday–Friday of a month: where a monthly retrospective lands. */
export function lastWeekdayOfMonth(ym: YearMonth): number {
  let day = daysInMonth(ym);
  for (;;) {
    const dow = dayOfWeek(ym.year, ym.month, day);
    if (dow !== 0 && dow !== 6) return day;
    day--;
  }
}

export interface CalendarDate extends YearMonth {
  day: number;
}

/** The day after a date (for exclusive all-day DTEND). */
export function nextDay(date: CalendarDate): CalendarDate {
  if (date.day < daysInMonth(date)) return { ...date, day: date.day + 1 };
  if (date.month < 12) return { year: date.year, month: date.month + 1, day: 1 };
  return { year: date.year + 1, month: 1, day: 1 };
}

/** 'YYYYMMDD' (RFC 5545 DATE). */
export function formatBasicDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}
