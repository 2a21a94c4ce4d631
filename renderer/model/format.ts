/** Money and month formatting for the planning screens (costs, phases, readiness). */
import { calendarMonth, parseYearMonth } from '../../sim/phases/calendar.ts';

const fullCache = new Map<string, Intl.NumberFormat>();
const compactCache = new Map<string, Intl.NumberFormat>();

function formatter(cache: Map<string, Intl.NumberFormat>, currency: string, compact: boolean): Intl.NumberFormat {
  let f = cache.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', compact ? { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 } : { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      // Not a currency Intl knows: plain numbers.
      f = new Intl.NumberFormat('en-US', compact ? { notation: 'compact', maximumSignificantDigits: 3 } : { maximumFractionDigits: 0 });
    }
    cache.set(currency, f);
  }
  return f;
}

/** "$1,234,567". */
export function money(value: number, currency = 'USD'): string {
  return formatter(fullCache, currency, false).format(Math.round(value));
}

/** "$1.2M", "$850K". */
export function moneyShort(value: number, currency = 'USD'): string {
  return formatter(compactCache, currency, true).format(value);
}

const preciseCache = new Map<string, Intl.NumberFormat>();

/** "$2.50": prices per unit (a GPU-hour), with cents. */
export function moneyPrecise(value: number, currency = 'USD'): string {
  let f = preciseCache.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      f = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    preciseCache.set(currency, f);
  }
  return f.format(value);
}

/** "+$12,000" / "−$3,000" / "±$0": a signed difference. */
export function moneyDelta(value: number, currency = 'USD'): string {
  const rounded = Math.round(value);
  if (rounded === 0) return `±${money(0, currency)}`;
  return rounded > 0 ? `+${money(rounded, currency)}` : `−${money(-rounded, currency)}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM' → "Mar 2026" (the one month name the Decision and the reports write too). */
export { monthName } from '../../sim/phases/calendar.ts';

/** 'YYYY-MM' → "Mar ’26" (axis ticks). */
export function monthShort(yearMonth: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!match) return yearMonth;
  return `${MONTH_NAMES[Number(match[2]) - 1] ?? match[2]} ’${match[1]!.slice(2)}`;
}

/** Calendar month of a plan month, e.g. (2026-01, 3) → "Mar 2026"; the plan start must be valid. */
export function planMonthName(planStart: string, planMonth: number): string {
  try {
    const { year, month } = calendarMonth(parseYearMonth(planStart), planMonth);
    return `${MONTH_NAMES[month - 1]} ${year}`;
  } catch {
    return `month ${planMonth}`;
  }
}

/** "months 1–3", "month 7 onwards". */
export function monthRange(start: number, end: number | undefined): string {
  if (end === undefined) return `month ${start} onwards`;
  return start === end ? `month ${start}` : `months ${start}–${end}`;
}
