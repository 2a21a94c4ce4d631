import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { writeCycleDataCsv, writeTransitionsCsv } from './history-csv.ts';
import { synthesizeHistory } from './synthetic.ts';
import { parseHistoryMapping, readTransitionsCsv } from './transitions-csv.ts';

const scenario = loadSamples().find((s) => s.id === 'sample-centralized-ai-team')!;
const { history } = synthesizeHistory({ scenario, seed: 5, months: 24 });

describe('example histories as CSV', () => {
  it('the transitions CSV reads back as the same items, statuses and times', () => {
    const mapping = parseHistoryMapping(JSON.stringify(history.mapping));
    const back = readTransitionsCsv(writeTransitionsCsv(history), mapping);
    expect(back.items.map((i) => [i.id, i.type, i.area, i.created, i.changes])).toEqual(history.items.map((i) => [i.id, i.type, i.area, i.created, i.changes]));
    expect(back.mapping).toEqual(history.mapping);
  });

  it('the cycle-data CSV has one row per item and the date each status was first entered', () => {
    const lines = writeCycleDataCsv(history).trimEnd().split('\n');
    expect(lines[0]).toBe(['id', 'type', 'area', ...history.statuses].join(','));
    expect(lines).toHaveLength(history.items.length + 1);
    const first = history.items[0]!;
    const cells = lines[1]!.split(',');
    const done = history.statuses.indexOf('Done');
    expect(cells[3 + done]).toBe(first.changes.find((c) => c.status === 'Done')?.at.slice(0, 10) ?? '');
  });

  it('status changes are in time order, and the prototype clock starts ("Model validated") where the model ends', () => {
    expect(history.items.some((i) => i.changes.some((c) => c.status === 'Model validated'))).toBe(true);
    expect(history.items.every((i) => i.changes.every((c, k) => k === 0 || c.at >= i.changes[k - 1]!.at))).toBe(true);
  });

  it('refuses a mapping entry it cannot read, naming the status', () => {
    expect(() => parseHistoryMapping('{"statuses": {"QA": {"kind": "stage", "stage": "testing"}}}')).toThrow(/status "QA" must map to/);
    expect(() => parseHistoryMapping('not json')).toThrow(/not JSON/);
  });
});
