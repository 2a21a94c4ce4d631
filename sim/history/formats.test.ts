import { describe, expect, it } from 'vitest';
import { createHistoryImporter, detectHistoryFormat, importHistoryText, undetectedReason, type HistoryFormat, type HistoryImportResult } from './index.ts';

/** The same import fed in small chunks that split lines and quoted fields anywhere. */
function inChunks(text: string, format: HistoryFormat, size: number): HistoryImportResult {
  const importer = createHistoryImporter({ format, source: 'test.csv' });
  for (let i = 0; i < text.length; i += size) importer.push(text.slice(i, i + size));
  return importer.finish();
}

function imported(text: string, format: HistoryFormat) {
  expect(detectHistoryFormat(text.slice(0, 200))).toBe(format);
  const result = importHistoryText(text, { format, source: 'test.csv' });
  for (const size of [1, 7, 64]) expect(inChunks(text, format, size)).toEqual(result);
  return result;
}

const CYCLE_DATA = `ID,Link,Name,Type,Status,Resolution,Team,Backlog,Ready for AI,Modelling,In Dev,Testing,Done
AI-1,https://jira/AI-1,"Churn model, v2",Story,Done,Fixed,Search,2024-01-02,2024-01-05,2024-01-10,2024-02-01,2024-02-20,2024-03-01
AI-2,https://jira/AI-2,Ranking,Epic,In Dev,,Ads,2024-01-03,,2024-01-15,2024-02-10,,
AI-3,https://jira/AI-3,Fix labels,Bug,Backlog,,Search,2024-02-01,,,,,
`;

describe('cycle-data CSV (jira-agile-metrics, ActionableAgile)', () => {
  it('reads one item per row, its stages in column order with the dates it entered them, skipped stages left out', () => {
    const { history, problems, outOfOrder } = imported(CYCLE_DATA, 'cycle-data');
    expect(problems).toEqual([]);
    expect(outOfOrder.items).toBe(0);
    expect(history!.statuses).toEqual(['Backlog', 'Ready for AI', 'Modelling', 'In Dev', 'Testing', 'Done']);
    expect(history!.items.map((i) => [i.id, i.type, i.area, i.created, i.line])).toEqual([
      ['AI-1', 'Story', 'Search', '2024-01-02', 2],
      ['AI-2', 'Epic', 'Ads', '2024-01-03', 3],
      ['AI-3', 'Bug', 'Search', '2024-02-01', 4],
    ]);
    expect(history!.items[1]!.changes).toEqual([
      { at: '2024-01-03', status: 'Backlog' },
      { at: '2024-01-15', status: 'Modelling' },
      { at: '2024-02-10', status: 'In Dev' },
    ]);
  });

  it('suggests what each stage means from its name, and sizes from types', () => {
    const { history } = imported(CYCLE_DATA, 'cycle-data');
    expect(history!.mapping.statuses).toEqual({
      Backlog: { kind: 'backlog' },
      'Ready for AI': { kind: 'waiting', team: 'AI' },
      Modelling: { kind: 'stage', stage: 'model' },
      'In Dev': { kind: 'stage', stage: 'application' },
      Testing: { kind: 'stage', stage: 'integration' },
      Done: { kind: 'done' },
    });
    expect(history!.mapping.sizes).toEqual({ Story: 'medium', Epic: 'large', Bug: 'small' });
  });

  it('keeps an item whose dates go backwards through the columns, sorted by time, and reports it as rework', () => {
    const text = `ID,Type,Backlog,Modelling,In Dev,Done
A-1,Story,2024-01-01,2024-01-10,2024-01-05,2024-02-01
A-2,Story,2024-01-01,2024-01-10,2024-01-20,2024-02-01
`;
    const { history, outOfOrder } = imported(text, 'cycle-data');
    expect(outOfOrder).toEqual({ items: 1, lines: [2] });
    expect(history!.items[0]!.changes.map((c) => c.status)).toEqual(['Backlog', 'In Dev', 'Modelling', 'Done']);
    expect(history!.statuses).toEqual(['Backlog', 'Modelling', 'In Dev', 'Done']);
  });
});

const JIRA = `Issue key,Issue Type,Created,Component/s,Field,From,To,Date
ML-7,Story,05/Feb/24 9:00 AM,Search,status,To Do,In Progress,06/Feb/24 11:32 AM
ML-7,Story,05/Feb/24 9:00 AM,Search,assignee,,Ana,06/Feb/24 11:33 AM
ML-8,Epic,01/Feb/24 10:00 AM,Ads,status,Backlog,Ready for Platform,03/Feb/24 4:15 PM
ML-7,Story,05/Feb/24 9:00 AM,Search,status,In Progress,In Review,12/Feb/24 2:00 PM
ML-7,Story,05/Feb/24 9:00 AM,Search,status,In Review,In Progress,13/Feb/24 9:30 AM
ML-7,Story,05/Feb/24 9:00 AM,Search,status,In Progress,Done,20/Feb/24 5:45 PM
`;

describe('Jira changelog CSV', () => {
  it('reads status changes (other fields passed over), the first status from "From" at creation, backward moves kept as rework', () => {
    const { history, ignoredRows, outOfOrder } = imported(JIRA, 'jira');
    expect(ignoredRows).toBe(1);
    expect(outOfOrder.items).toBe(0);
    const ml7 = history!.items.find((i) => i.id === 'ML-7')!;
    expect(ml7).toMatchObject({ type: 'Story', area: 'Search', created: '2024-02-05T09:00:00Z', line: 2 });
    expect(ml7.changes).toEqual([
      { at: '2024-02-05T09:00:00Z', status: 'To Do' },
      { at: '2024-02-06T11:32:00Z', status: 'In Progress' },
      { at: '2024-02-12T14:00:00Z', status: 'In Review' },
      { at: '2024-02-13T09:30:00Z', status: 'In Progress' },
      { at: '2024-02-20T17:45:00Z', status: 'Done' },
    ]);
    expect(history!.items.find((i) => i.id === 'ML-8')!.changes.map((c) => c.status)).toEqual(['Backlog', 'Ready for Platform']);
    expect(history!.mapping.statuses['Ready for Platform']).toEqual({ kind: 'waiting', team: 'Platform' });
  });

  it("reads the Data Pipeline's issue_history layout (issue_id, created_date, field, from_string, to_string)", () => {
    const text = `issue_id,changelog_id,author_id,created_date,field,field_type,from,from_string,to,to_string
10002,1,10000,2021-05-12T23:01:42Z,status,jira,1,Open,3,In Progress
10002,2,10000,2021-05-20T10:00:00Z,status,jira,3,In Progress,10001,Done
`;
    const { history } = imported(text, 'jira');
    expect(history!.items).toEqual([
      {
        id: '10002',
        type: '',
        area: '',
        created: '2021-05-12T23:01:42Z',
        line: 2,
        changes: [
          { at: '2021-05-12T23:01:42Z', status: 'Open' },
          { at: '2021-05-12T23:01:42Z', status: 'In Progress' },
          { at: '2021-05-20T10:00:00Z', status: 'Done' },
        ],
      },
    ]);
  });
});

describe('Linear CSV', () => {
  it('reads Created, Started, Completed and Canceled as the changes; the first label as the type; open items kept', () => {
    const text = `ID,Team,Title,Description,Status,Estimate,Priority,Labels,Created,Updated,Started,Triaged,Completed,Canceled,Archived
ENG-12,Platform,GPU quota,"multi
line",Done,3,High,"Feature, ML",2024-03-01T10:00:00.000Z,2024-03-20T10:00:00.000Z,2024-03-04T09:00:00.000Z,,2024-03-18T17:00:00.000Z,,
ENG-13,Platform,Retry,,In Progress,1,Low,Bug,2024-03-02T10:00:00.000Z,,2024-03-05T09:00:00.000Z,,,,
ENG-14,Search,Old idea,,Canceled,,,,2024-01-02T10:00:00.000Z,,,,,2024-01-09T10:00:00.000Z,
`;
    const { history, problems } = imported(text, 'linear');
    expect(problems).toEqual([]);
    expect(history!.items.map((i) => [i.id, i.type, i.area, i.line, i.changes.map((c) => c.status).join(' → ')])).toEqual([
      ['ENG-12', 'Feature', 'Platform', 2, 'Created → Started → Completed'],
      ['ENG-13', 'Bug', 'Platform', 4, 'Created → Started'],
      ['ENG-14', '', 'Search', 5, 'Created → Canceled'],
    ]);
    expect(history!.mapping.statuses).toMatchObject({ Created: { kind: 'backlog' }, Started: { kind: 'stage', stage: 'application' }, Completed: { kind: 'done' }, Canceled: { kind: 'ignore' } });
  });

  it("reads dates as JavaScript writes them (Linear's older exports)", () => {
    const text = `ID,Title,Created,Completed
ENG-1,A,Mon Jan 15 2024 10:20:30 GMT+0100 (Central European Standard Time),Tue Jan 16 2024 10:20:30 GMT+0000 (Coordinated Universal Time)
`;
    expect(imported(text, 'linear').history!.items[0]!.changes).toEqual([
      { at: '2024-01-15T09:20:30Z', status: 'Created' },
      { at: '2024-01-16T10:20:30Z', status: 'Completed' },
    ]);
  });
});

describe('GitHub Projects export', () => {
  it('reads a TSV view export: created → closed, an open item censored at its creation, ids from the URL', () => {
    const text = [
      'Title\tURL\tAssignees\tStatus\tRepository\tLabels\tCreated\tClosed',
      'Speed up search\thttps://github.com/acme/search/issues/41\tana\tDone\tacme/search\tenhancement\t2024-04-01\t2024-04-19',
      'Ranking v3\thttps://github.com/acme/search/issues/52\tbo\tIn Progress\tacme/search\t\t2024-04-10\t',
      '',
    ].join('\n');
    const { history } = imported(text, 'github-projects');
    expect(history!.items).toEqual([
      { id: 'acme/search#41', type: 'enhancement', area: 'acme/search', created: '2024-04-01', line: 2, changes: [{ at: '2024-04-01', status: 'Created' }, { at: '2024-04-19', status: 'Closed' }] },
      { id: 'acme/search#52', type: '', area: 'acme/search', created: '2024-04-10', line: 3, changes: [{ at: '2024-04-10', status: 'Created' }] },
    ]);
    expect(history!.mapping.statuses).toEqual({ Created: { kind: 'backlog' }, Closed: { kind: 'done' } });
  });

  it('refuses an export without a created date, naming the column', () => {
    const result = importHistoryText('Title,URL,Status\nA,https://github.com/a/b/issues/1,Done\n', { format: 'github-projects', source: 'p.csv' });
    expect(result.history).toBeUndefined();
    expect(result.refused).toEqual({ line: 1, message: 'the header lacks the column Created' });
  });
});

describe('status-transition CSV', () => {
  it('reads item, status, timestamp rows in any order, with type and team; rows out of time order are sorted and reported', () => {
    const text = `item,status,timestamp,type,team
X-1,Backlog,2024-05-01,Feature,Search
X-2,Backlog,2024-05-02,Task,Ads
X-1,Done,2024-05-20,Feature,Search
X-1,Modelling,2024-05-06,Feature,Search
X-2,Waiting for Platform,2024-05-03,Task,Ads
`;
    const { history, outOfOrder } = imported(text, 'transitions');
    expect(outOfOrder).toEqual({ items: 1, lines: [2] });
    expect(history!.items[0]!.changes.map((c) => c.status)).toEqual(['Backlog', 'Modelling', 'Done']);
    expect(history!.items[1]).toMatchObject({ id: 'X-2', type: 'Task', area: 'Ads', created: '2024-05-02' });
    expect(history!.statuses).toEqual(['Backlog', 'Modelling', 'Waiting for Platform', 'Done']);
  });
});

describe("Jira's issue export (no status history)", () => {
  it('is not taken for a cycle-data file: the user is told to export the changelog', () => {
    const header = 'Summary,Issue key,Issue id,Issue Type,Status,Project key,Created,Updated,Last Viewed,Resolved\nFix,ML-1,10001,Bug,Done,ML,2024-01-01,2024-01-05,2024-01-06,2024-01-05\n';
    expect(detectHistoryFormat(header)).toBeUndefined();
    expect(undetectedReason(header, 'jira.csv')).toMatch(/^jira\.csv is Jira's issue export, which holds each issue's current status but no status history: export the changelog instead/);
  });
});

describe('text as exported on any system', () => {
  it('a byte-order mark, CRLF line ends and UTF-8 characters split across byte chunks read as the same history', () => {
    const text = 'item,status,timestamp\nA-1,Entwurf,2024-01-01\nA-1,In Prüfung,2024-01-05\nA-1,Erledigt ✓,2024-01-09\n';
    const plain = importHistoryText(text, { format: 'transitions', source: 'f' });
    const bytes = new TextEncoder().encode(`\uFEFF${text.replaceAll('\n', '\r\n')}`);
    const importer = createHistoryImporter({ format: 'transitions', source: 'f' });
    for (let i = 0; i < bytes.length; i += 3) importer.pushBytes(bytes.subarray(i, i + 3));
    const chunked = importer.finish();
    expect(chunked).toEqual(plain);
    expect(chunked.history!.items[0]!.changes.map((c) => c.status)).toEqual(['Entwurf', 'In Prüfung', 'Erledigt ✓']);
  });
});
