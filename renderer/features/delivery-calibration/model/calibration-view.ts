/**
 * How the calibration reads on screen: fitted values and intervals in the
 * parameter's unit, the back-test's coverage against what a calibrated model
 * gives, and the quantile–quantile series.
 */
import type { BackTest } from '../../../../sim/calibration/backtest.ts';
import type { FittedParameterRecord } from '../../../../sim/delivery/schema.ts';
import type { XYSeries } from '../../../model/charts.ts';

type Value = FittedParameterRecord['value'];

const round = (v: number): string => (Math.abs(v) >= 10 ? (Math.round(v * 10) / 10).toString() : (Math.round(v * 100) / 100).toString());
const isShareUnit = (unit: string | undefined) => unit !== undefined && (unit.startsWith('share') || unit.startsWith('probability') || unit === '%');

/** "0.42 per month", "12%", "P10 2.1 – P90 6.3 person-weeks". */
export function fittedText(value: Value, unit: string | undefined): string {
  if (typeof value === 'object') return `P10 ${round(value.p10)} – P90 ${round(value.p90)}${unit ? ` ${unit}` : ''}`;
  if (isShareUnit(unit)) return `${Math.round(value * 1000) / 10}%`;
  return `${round(value)}${unit ? ` ${unit}` : ''}`;
}

/** "0.35–0.51", or per end for a P10/P90 pair. */
export function intervalText(low: Value, high: Value, unit: string | undefined): string {
  if (typeof low === 'object' && typeof high === 'object') return `P10 ${round(low.p10)}–${round(high.p10)}, P90 ${round(low.p90)}–${round(high.p90)}`;
  if (typeof low === 'number' && typeof high === 'number') return isShareUnit(unit) ? `${Math.round(low * 1000) / 10}–${Math.round(high * 1000) / 10}%` : `${round(low)}–${round(high)}`;
  return '';
}

export interface CoverageReading {
  quantile: 'P50' | 'P85';
  /** Share of the newer third at or below the forecast, 0–1 (null: too many still open to tell). */
  actual: number | null;
  expected: number;
  /** More than 15 points off. */
  off: boolean;
}

export const COVERAGE_TOLERANCE_POINTS = 15;

export function coverageReadings(coverage: { p50: number | null; p85: number | null }): CoverageReading[] {
  const read = (quantile: 'P50' | 'P85', actual: number | null, expected: number): CoverageReading => ({ quantile, actual, expected, off: actual !== null && Math.abs(actual - expected) * 100 > COVERAGE_TOLERANCE_POINTS });
  return [read('P50', coverage.p50, 0.5), read('P85', coverage.p85, 0.85)];
}

/** The newer third's actual quantiles against the forecast's, and the diagonal a calibrated model would follow. */
export function quantileSeries(backTest: Pick<BackTest, 'qq'>): { series: XYSeries[]; max: number } {
  const points = backTest.qq.filter((p) => p.actual !== null && Number.isFinite(p.forecast)).map((p) => ({ x: p.forecast, y: p.actual! }));
  const max = Math.max(1, ...points.map((p) => Math.max(p.x, p.y)));
  return {
    max,
    series: [
      { id: 'calibrated', label: 'A calibrated model', color: '#9aa5b1', points: [{ x: 0, y: 0 }, { x: max, y: max }] },
      { id: 'actual', label: 'Your newer third', color: '#c2410c', points },
    ],
  };
}
