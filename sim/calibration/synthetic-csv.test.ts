import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { importHistoryText, mappingIssues, parseHistoryDate, parseMappingFile, writeCycleDataCsv, writeTransitionsCsv } from '../history/index.ts';
import { calibrateDelivery } from './calibrate.ts';
import { synthesizeHistory } from './synthetic.ts';

const scenario = loadSamples().find((s) => s.id === 'sample-centralized-ai-team')!;
const { history } = synthesizeHistory({ scenario, seed: 5, months: 24, endsOn: '2026-11-30' });

describe('synthetic histories written as tracker exports', () => {
  it('the transitions CSV reads back through the history import as the same items, statuses and times', () => {
    const back = importHistoryText(writeTransitionsCsv(history), { format: 'transitions', source: 'synthetic.transitions.csv' });
    expect(back.problems).toEqual([]);
    // The import writes a time at midnight as the date alone: compare the instants.
    const instants = (items: typeof history.items) => items.map((i) => [i.id, i.type, i.area, parseHistoryDate(i.created), i.changes.map((c) => [parseHistoryDate(c.at), c.status])]);
    expect(instants(back.history!.items)).toEqual(instants(history.items));
    expect(back.history!.statuses).toEqual(expect.arrayContaining(history.statuses.filter((s) => history.items.some((i) => i.changes.some((c) => c.status === s)))));
  });

  it('the mapping file written beside it maps every status the history holds', () => {
    const back = importHistoryText(writeTransitionsCsv(history), { format: 'transitions', source: 'synthetic.transitions.csv' }).history!;
    const { mapping, errors } = parseMappingFile(JSON.parse(JSON.stringify(history.mapping)));
    expect(errors).toEqual([]);
    expect(mappingIssues(back, mapping).filter((i) => i.kind !== 'unknown-status')).toEqual([]);
  });

  it('the cycle-data CSV has one row per item and reads back with the date each status was first entered', () => {
    const text = writeCycleDataCsv(history);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(['id', 'type', 'area', ...history.statuses].join(','));
    expect(lines).toHaveLength(history.items.length + 1);
    const back = importHistoryText(text, { format: 'cycle-data', source: 'synthetic.cycle-data.csv' });
    expect(back.problems).toEqual([]);
    expect(back.history!.items).toHaveLength(history.items.length);
    const first = history.items[0]!;
    const done = first.changes.find((c) => c.status === 'Done');
    expect(back.history!.items[0]!.changes.find((c) => c.status === 'Done')?.at).toBe(done?.at.slice(0, 10));
  });

  it('from a cycle-data copy, rework and failed deploys are not fitted (one date per stage cannot show a move back), and the calibration says so', () => {
    const fromLog = calibrateDelivery(history, scenario);
    const copy = importHistoryText(writeCycleDataCsv(history), { format: 'cycle-data', source: 'synthetic.cycle-data.csv' }).history!;
    const fromCopy = calibrateDelivery({ ...copy, mapping: history.mapping }, scenario);
    const keys = (c: typeof fromLog) => c.parameters.map((p) => p.key);
    expect(keys(fromLog)).toEqual(expect.arrayContaining(['reworkBaseProbability', 'changeFailureRate']));
    expect(keys(fromCopy)).not.toContain('reworkBaseProbability');
    expect(keys(fromCopy)).not.toContain('changeFailureRate');
    expect(fromCopy.notInHistory).toEqual(expect.arrayContaining(['reworkBaseProbability', 'changeFailureRate']));
    expect(fromCopy.warnings.join(' ')).toMatch(/cycle-data export keeps one date per stage/);
  });

  it('status changes are in time order, and the prototype clock starts ("Model validated") where the model ends', () => {
    expect(history.items.some((i) => i.changes.some((c) => c.status === 'Model validated'))).toBe(true);
    expect(history.items.every((i) => i.changes.every((c, k) => k === 0 || c.at >= i.changes[k - 1]!.at))).toBe(true);
  });
});
