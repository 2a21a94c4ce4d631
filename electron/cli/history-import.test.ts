/** `podplan history import`: a tracker export in, a delivery history JSON out, with the summary a user reads and bad input refused by name. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryHistory } from '../../sim/history/index.ts';
import { runCli } from './test-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'podplan-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(dir, name), content);
  return name;
};
const cli = (args: string[]) => runCli(['history', 'import', ...args], { cwd: dir });
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as DeliveryHistory;
const errorOf = (stdout: string) => (JSON.parse(stdout) as { error: { code: string; message: string; line?: number } }).error;

const CYCLE_DATA = `ID,Link,Name,Type,Team,Backlog,Ready for AI,Modelling,In Dev,Parked,Done
AI-1,https://jira/AI-1,Churn,Story,Search,2024-01-02,2024-01-05,2024-01-10,2024-02-01,,2024-03-01
AI-2,https://jira/AI-2,Ranking,Epic,Ads,2024-01-03,,2024-01-15,2024-01-12,,
AI-3,https://jira/AI-3,Labels,Bug,Search,2024-02-01,,,,2024-02-03,
AI-4,https://jira/AI-4,Bad,Bug,Search,2024-02-01,someday,,,,
`;

describe('podplan history import', () => {
  it('writes the history with the guessed mapping and --map on top, and summarises it for a human', async () => {
    file('cycle.csv', CYCLE_DATA);
    const result = await cli(['cycle.csv', '--map', 'Parked=wait:Legal', '--map', 'type:Bug=medium', '--map', 'area:Search=pod-2', '--out', 'history.json']);
    expect(result.code).toBe(0);
    const history = read('history.json');
    expect(history.format).toBe('cycle-data');
    expect(history.source).toBe('cycle.csv');
    expect(history.items.map((i) => i.id)).toEqual(['AI-1', 'AI-2', 'AI-3']);
    expect(history.skipped).toEqual([{ line: 5, message: 'AI-4: column Ready for AI: "someday" is not a date (expected YYYY-MM-DD, an ISO date-time, or Jira\'s 06/Feb/24 11:32 AM)' }]);
    expect(history.mapping.statuses['Parked']).toEqual({ kind: 'waiting', team: 'Legal' });
    expect(history.mapping.statuses['Ready for AI']).toEqual({ kind: 'waiting', team: 'AI' });
    expect(history.mapping.sizes).toEqual({ Story: 'medium', Epic: 'large', Bug: 'medium' });
    expect(history.mapping.areas).toEqual({ Search: 'pod-2' });
    expect(result.stderr).toContain('Wrote 3 items (2 still open) from cycle.csv (cycle-data), 2024-01-02 to 2024-03-01');
    expect(result.stderr).toContain('cycle.csv line 5: AI-4: column Ready for AI: "someday" is not a date');
    expect(result.stderr).toContain('  Ready for AI: 1 → wait:AI');
    expect(result.stderr).toContain('Warning: 1 item(s) went back in time in the file (first on line 3): kept, sorted by time.');
  });

  it('--json gives the summary on stdout: statuses in order with counts and meanings, skipped rows, out-of-order items', async () => {
    file('cycle2.csv', CYCLE_DATA);
    const result = await cli(['cycle2.csv', '--out', 'h2.json', '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ format: 'cycle-data', items: 3, open: 2, from: '2024-01-02', to: '2024-03-01', skipped: 1, outOfOrder: { items: 1, lines: [3] } });
    expect(summary.statuses[0]).toEqual({ status: 'Backlog', items: 3, meaning: 'backlog' });
    expect(summary.statuses.map((s: { status: string }) => s.status)).toEqual(['Backlog', 'Ready for AI', 'Modelling', 'In Dev', 'Parked', 'Done']);
  });

  it('stops at the first bad row with --on-bad-row abort, naming the line, and writes nothing', async () => {
    file('cycle3.csv', CYCLE_DATA);
    const result = await cli(['cycle3.csv', '--on-bad-row', 'abort', '--out', 'h3.json', '--json']);
    expect(result.code).toBe(1);
    expect(errorOf(result.stdout)).toMatchObject({ code: 'history-aborted', line: 5, message: expect.stringMatching(/^Stopped at cycle3\.csv line 5: AI-4: column Ready for AI/) });
    expect(() => read('h3.json')).toThrow();
  });

  it('refuses a spreadsheet, naming why, and a file whose format it cannot tell', async () => {
    file('book.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0, 8, 0]));
    const xlsx = await cli(['book.xlsx', '--out', 'x.json', '--json']);
    expect(xlsx.code).toBe(1);
    expect(errorOf(xlsx.stdout)).toMatchObject({ code: 'history-not-csv', message: expect.stringMatching(/ZIP archive \(an Excel \.xlsx workbook\?\)/) });
    file('odd.csv', 'when,what\n2024-01-01,x\n');
    const odd = await cli(['odd.csv', '--out', 'o.json', '--json']);
    expect(errorOf(odd.stdout)).toMatchObject({ code: 'history-format', message: expect.stringMatching(/add --format \(cycle-data, jira, linear, github-projects, transitions\)/) });
  });

  it('refuses a --map it cannot read as a usage error', async () => {
    file('t.csv', 'item,status,timestamp\nA,Backlog,2024-01-01\nA,Done,2024-01-05\n');
    const result = await cli(['t.csv', '--map', 'Backlog=later', '--out', 't.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--map "Backlog=later": "later" is not a meaning/);
  });
});
