import { describe, expect, it } from 'vitest';
import { importHistoryText } from '../../../../sim/history/index.ts';
import { areaRows, meaningChoices, statusRows, typeRows, withArea, withMatchingPods, withSize, withStatus } from './mapping-table.ts';

const history = importHistoryText(
  `ID,Type,Team,Backlog,Ready for Platform,Modelling,Done
A-1,Epic,Search,2024-01-01,2024-01-03,2024-01-09,2024-02-01
A-2,Story,Ads,2024-01-02,,2024-01-05,
A-3,Story,Search,2024-01-04,,,
`,
  { format: 'cycle-data', source: 'c.csv' },
).history!;

describe('the mapping table', () => {
  it('lists statuses in workflow order with the items that entered each and their guessed meaning; types and areas with counts', () => {
    expect(statusRows(history)).toEqual([
      { name: 'Backlog', items: 3, value: 'backlog' },
      { name: 'Ready for Platform', items: 1, value: 'wait:Platform' },
      { name: 'Modelling', items: 2, value: 'model' },
      { name: 'Done', items: 1, value: 'done' },
    ]);
    expect(typeRows(history)).toEqual([
      { name: 'Epic', items: 1, value: 'large' },
      { name: 'Story', items: 2, value: 'medium' },
    ]);
    expect(areaRows(history)).toEqual([
      { name: 'Search', items: 2, value: '' },
      { name: 'Ads', items: 1, value: '' },
    ]);
  });

  it('offers every stage, waiting for each team named or given, backlog, done and ignore', () => {
    const values = meaningChoices(history.mapping, ['Central AI']).map((c) => c.value);
    expect(values).toEqual(['backlog', 'discovery', 'data', 'model', 'application', 'infrastructure', 'integration', 'deploy', 'wait:Central AI', 'wait:Platform', 'done', 'ignore']);
  });

  it('edits return a new mapping and leave the old one as it was', () => {
    const mapped = withArea(withSize(withStatus(history.mapping, 'Modelling', 'wait:Central AI'), 'Story', 'small'), 'Search', 'pod-2');
    expect(mapped.statuses['Modelling']).toEqual({ kind: 'waiting', team: 'Central AI' });
    expect(mapped.sizes['Story']).toBe('small');
    expect(mapped.areas).toEqual({ Search: 'pod-2' });
    expect(withArea(mapped, 'Search', '').areas).toEqual({});
    expect(history.mapping.statuses['Modelling']).toEqual({ kind: 'stage', stage: 'model' });
  });
});

describe('areas named like the scenario\'s pods', () => {
  it('map to them at once, by name or id in any case; the others stay their own area', () => {
    const pods = [{ id: 'pod-1', name: 'Search pod' }, { id: 'ads', name: 'Advertising' }];
    expect(withMatchingPods(history, pods).areas).toEqual({ Search: 'pod-1', Ads: 'ads' });
    expect(withMatchingPods(history, [{ id: 'pod-9', name: 'Fraud' }]).areas).toEqual({});
  });
});
