import { describe, expect, it } from 'vitest';
import { importHistoryText, mappingIssues, parseMappingArgs, parseMappingFile, resolveArea, suggestMeaning, suggestSize } from './index.ts';

describe('the first mapping, from names', () => {
  it.each([
    ['Ready for Central AI', { kind: 'waiting', team: 'Central AI' }],
    ['Waiting for Data Platform', { kind: 'waiting', team: 'Data Platform' }],
    ['Done', { kind: 'done' }],
    ['Released', { kind: 'done' }],
    ['In Production', { kind: 'done' }],
    ['To Do', { kind: 'backlog' }],
    ['Open', { kind: 'backlog' }],
    ['Requirements', { kind: 'stage', stage: 'discovery' }],
    ['Data Prep', { kind: 'stage', stage: 'data' }],
    ['Model Training', { kind: 'stage', stage: 'model' }],
    ['Experiment', { kind: 'stage', stage: 'model' }],
    ['Frontend', { kind: 'stage', stage: 'application' }],
    ['In Progress', { kind: 'stage', stage: 'application' }],
    ['Infra', { kind: 'stage', stage: 'infrastructure' }],
    ['Code Review', { kind: 'stage', stage: 'integration' }],
    ['QA', { kind: 'stage', stage: 'integration' }],
    ['Deploying', { kind: 'stage', stage: 'deploy' }],
    ['Rollout', { kind: 'stage', stage: 'deploy' }],
    ["Won't Do", { kind: 'ignore' }],
    ['Parked', { kind: 'ignore' }],
    ['Model validated', { kind: 'ignore' }],
    ['Design approved', { kind: 'ignore' }],
  ])('%s', (status, meaning) => expect(suggestMeaning(status)).toEqual(meaning));

  it('sizes types: epics and initiatives large, stories and features medium, tasks, bugs and improvements small, others medium', () => {
    expect(['Epic', 'Initiative', 'Story', 'Feature', 'Task', 'Bug', 'Improvement', 'Spike', 'Request'].map(suggestSize)).toEqual([
      'large', 'large', 'medium', 'medium', 'small', 'small', 'small', 'small', 'medium',
    ]);
  });
});

const history = importHistoryText('item,status,timestamp\nA,Backlog,2024-01-01\nA,Parked,2024-01-02\nB,Backlog,2024-01-03\nA,Shipped,2024-02-01\n', { format: 'transitions', source: 'f' }).history!;

describe('mapping issues', () => {
  it('name each status the mapping leaves out, with its item count, and a mapping without done', () => {
    const { Parked: _, ...rest } = history.mapping.statuses;
    expect(mappingIssues(history, { ...history.mapping, statuses: rest }).map((i) => i.message)).toEqual(['status "Parked" (1 item) is not mapped']);
    expect(mappingIssues(history, { ...history.mapping, statuses: { ...rest, Parked: { kind: 'ignore' }, Shipped: { kind: 'ignore' }, Gone: { kind: 'done' } } }).map((i) => i.message)).toEqual([
      'the mapping names status "Gone", which the history does not have',
      'no status is mapped to done: every item would count as still open',
    ]);
  });
});

describe('--map specs', () => {
  it('map statuses to stages, hand-off queues, backlog, done or ignore; types to sizes; areas to pods', () => {
    const { mapping, errors } = parseMappingArgs(['In Dev=application', 'Ready for AI=wait:Central AI', 'Parked=ignore', 'type:Epic=large', 'area:Search=pod-2'], history.mapping);
    expect(errors).toEqual([]);
    expect(mapping.statuses).toMatchObject({ 'In Dev': { kind: 'stage', stage: 'application' }, 'Ready for AI': { kind: 'waiting', team: 'Central AI' }, Parked: { kind: 'ignore' }, Backlog: { kind: 'backlog' } });
    expect(mapping.sizes).toEqual({ Epic: 'large' });
    expect(mapping.areas).toEqual({ Search: 'pod-2' });
    expect(history.mapping.areas).toEqual({});
  });

  it('refuse what they cannot read, naming the spec', () => {
    expect(parseMappingArgs(['In Dev=coding', 'type:Epic=huge', 'nothing']).errors).toEqual([
      '--map "In Dev=coding": "coding" is not a meaning: expected a stage (discovery, data, model, application, infrastructure, integration, deploy), wait:TEAM, backlog, done or ignore',
      '--map "type:Epic=huge": "huge" is not a size (small, medium or large)',
      '--map "nothing": expected NAME=MEANING (e.g. "In Dev=application", "Ready for AI=wait:Central AI", "type:Epic=large", "area:Search=pod-2")',
    ]);
  });

  it('read from a mapping file as objects or as the CLI writes them', () => {
    const { mapping, errors } = parseMappingFile({ statuses: { Parked: 'wait:Legal', Shipped: { kind: 'done' } }, sizes: { Story: 'small' } });
    expect(errors).toEqual([]);
    expect(mapping).toEqual({ statuses: { Parked: { kind: 'waiting', team: 'Legal' }, Shipped: { kind: 'done' } }, sizes: { Story: 'small' }, areas: {} });
    expect(parseMappingFile({ sizes: { Story: 'tiny' } }).errors[0]).toMatch(/^sizes\.Story: /);
  });
});

describe('an exported area read as a scenario area', () => {
  const areas = [
    { id: 'pod-search', name: 'Search pod' },
    { id: 'area-2', name: 'Product area 2' },
  ];
  it('takes the mapping first, then the area named the same (any case, "pod"/"team"/"area" aside), else none', () => {
    expect(resolveArea({ areas: { Search: 'area-2' } }, 'Search', areas)).toBe('area-2');
    expect(resolveArea({ areas: {} }, 'search team', areas)).toBe('pod-search');
    expect(resolveArea({ areas: {} }, 'Product  Area 2', areas)).toBe('area-2');
    expect(resolveArea({ areas: {} }, 'pod-search', areas)).toBe('pod-search');
    expect(resolveArea({ areas: {} }, 'Payments', areas)).toBeUndefined();
  });
});
