/**
 * Calibration (issue #16): fitting the delivery model to a 10,000-item
 * history ≤ 2 s. The history is synthetic (sim/calibration/synthetic.ts):
 * 120-month histories of the centralized sample, seeds 100, 101, … until
 * 10,000 items, each item renamed apart. Median of 5 runs after a warm-up;
 * building the history is not timed.
 *
 *   node test/bench/calibration.ts
 */
import { loadSamples } from '../../data/samples/index.ts';
import { calibrateDelivery } from '../../sim/calibration/calibrate.ts';
import { synthesizeHistory } from '../../sim/calibration/synthetic.ts';
import type { HistoryItem } from '../../sim/history/types.ts';
import { median, type BenchResult } from './types.ts';

const ITEMS = 10_000;
const TARGET_MS = 2000;

export async function benchCalibration(): Promise<BenchResult[]> {
  const scenario = loadSamples().find((s) => s.id === 'sample-centralized-ai-team')!;
  const items: HistoryItem[] = [];
  let base = synthesizeHistory({ scenario, seed: 100, months: 120 }).history;
  for (let k = 0; items.length < ITEMS; k++) {
    const { history } = synthesizeHistory({ scenario, seed: 100 + k, months: 120 });
    if (k === 0) base = history;
    for (const item of history.items) items.push({ ...item, id: `${item.id}-${k}` });
  }
  const history = { ...base, items: items.slice(0, ITEMS) };
  calibrateDelivery(history, scenario);
  const times: number[] = [];
  let fitted = 0;
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    fitted = calibrateDelivery(history, scenario).parameters.length;
    times.push(performance.now() - start);
  }
  const ms = Math.round(median(times));
  return [
    {
      name: 'calibration: 10,000-item history',
      value: ms,
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      pass: ms <= TARGET_MS,
      detail: `5 runs, min ${Math.round(Math.min(...times))} / max ${Math.round(Math.max(...times))} ms; ${fitted} parameters fitted`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchCalibration()) console.log(`${r.name}: ${r.value} ${r.unit} (target ${r.target}: ${r.pass ? 'meets target' : 'MISSES target'})\n  ${r.detail}`);
}
