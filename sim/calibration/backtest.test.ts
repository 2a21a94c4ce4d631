import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { DeliveryHistory, HistoryItem } from '../history/types.ts';
import { backTestDelivery } from './backtest.ts';
import { synthesizeHistory } from './synthetic.ts';

const scenario = loadSamples().find((s) => s.id === 'sample-centralized-ai-team')!;
const { history } = synthesizeHistory({ scenario, seed: 2, months: 48, endsOn: '2026-11-30' });
const DAY_MS = 86_400_000;

describe('the back-test forecasts from what had been requested by its cutoff', () => {
  it('a burst of requests just before the cutoff lengthens the forecast: the queues the newer items meet are the history\'s own', () => {
    const plain = backTestDelivery(history, scenario, { trials: 300, seed: 1, accept: new Set() });
    const cutoffMs = Date.parse(plain.cutoff);
    const area = history.items[0]!.area;
    const burst: HistoryItem[] = Array.from({ length: 40 }, (_, k) => {
      const created = new Date(cutoffMs - DAY_MS - k * 3600_000).toISOString().replace('.000Z', 'Z');
      return { id: `BURST-${k + 1}`, type: 'Feature', area, created, changes: [{ at: created, status: 'Backlog' }], line: 100_000 + k };
    });
    const busy: DeliveryHistory = { ...history, items: [...history.items, ...burst] };
    // Nothing fitted is accepted: both forecasts run the defaults, so only the replayed requests differ.
    const withBurst = backTestDelivery(busy, scenario, { trials: 300, seed: 1, accept: new Set() });
    expect(withBurst.forecast.p50).toBeGreaterThan(plain.forecast.p50 * 1.2);
  });

  it('runs the org as it is, at full strength over the whole window: a plan still hiring forecasts the history the same', () => {
    const a = backTestDelivery(history, scenario, { trials: 200, seed: 4 });
    const hiring = { ...scenario, teams: scenario.teams.map((t) => ({ ...t, positions: t.positions.map((p) => ({ ...p, filled: false })) })) };
    const b = backTestDelivery(history, hiring, { trials: 200, seed: 4 });
    expect(b.forecast).toEqual(a.forecast);
    expect(b.coverage).toEqual(a.coverage);
  });
});
