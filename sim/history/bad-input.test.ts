import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createHistoryImporter, importHistoryText, PROGRESS_EVERY } from './index.ts';

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const part of parts) out.push(...(typeof part === 'string' ? new TextEncoder().encode(part) : part));
  return new Uint8Array(out);
};

function importBytes(data: Uint8Array) {
  const importer = createHistoryImporter({ format: 'transitions', source: 'f' });
  importer.pushBytes(data);
  return importer.finish();
}

const BAD_ROWS = `item,status,timestamp
A-1,Backlog,2024-01-01
,Backlog,2024-01-02
A-1,Done,yesterday
A-2,Backlog,1969-12-31
A-2,,2024-01-03
A-3,Backlog,2101-01-01
A-1,Done,2024-02-01
`;

describe('bad rows', () => {
  it('are skipped and reported by line with their reason; the good rows import', () => {
    const result = importHistoryText(BAD_ROWS, { format: 'transitions', source: 'f', onBadRow: 'skip' });
    expect(result.problems).toEqual([
      { line: 3, message: 'missing item' },
      { line: 4, message: 'column timestamp: "yesterday" is not a date (expected YYYY-MM-DD, an ISO date-time, or Jira\'s 06/Feb/24 11:32 AM)' },
      { line: 5, message: 'column timestamp: "1969-12-31" is before 1970' },
      { line: 6, message: 'missing status for A-2' },
      { line: 7, message: 'column timestamp: "2101-01-01" is after 2100' },
    ]);
    expect(result.history!.items.map((i) => `${i.id}: ${i.changes.map((c) => c.status).join(' → ')}`)).toEqual(['A-1: Backlog → Done']);
    expect(result.history!.skipped).toEqual(result.problems);
    expect(result.rows).toBe(7);
  });

  it('stop the import at the first one with onBadRow abort, keeping no history', () => {
    const result = importHistoryText(BAD_ROWS, { format: 'transitions', source: 'f', onBadRow: 'abort' });
    expect(result.history).toBeUndefined();
    expect(result.aborted).toEqual({ line: 3, message: 'missing item' });
    expect(result.problems).toEqual([{ line: 3, message: 'missing item' }]);
  });

  it('in a cycle-data file: a repeated id, a bad date and a row with no stage date, each by line', () => {
    const text = `ID,Type,Backlog,In Dev,Done
A,Story,2024-01-01,2024-01-05,
A,Story,2024-01-01,,
B,Story,2024-01-01,31/02/2024,
C,Story,,,
`;
    const result = importHistoryText(text, { format: 'cycle-data', source: 'f' });
    expect(result.problems).toEqual([
      { line: 3, message: 'ID A repeats the row on line 2' },
      { line: 4, message: 'B: column In Dev: "31/02/2024" is not a date (expected YYYY-MM-DD, an ISO date-time, or Jira\'s 06/Feb/24 11:32 AM)' },
      { line: 5, message: 'C has no date in any stage column (Backlog, In Dev, Done)' },
    ]);
    expect(result.history!.items.map((i) => i.id)).toEqual(['A']);
  });

  it('a quoted field that never closes is reported at the line where it opened', () => {
    const result = importHistoryText('item,status,timestamp\nA,Backlog,2024-01-01\nB,"Back\n', { format: 'transitions', source: 'f' });
    expect(result.problems).toEqual([{ line: 3, message: 'a quoted field opened on line 3 is never closed' }]);
  });
});

describe('files that are not a CSV export are refused whole, naming why', () => {
  it.each([
    ['binary data', bytes('item,sta', [0, 1, 2, 3], 'tus\n'), /not a text \(CSV\) export: line 1 has a NUL byte/],
    ['bytes that are not UTF-8', bytes('item,status,timestamp\nA,', [0xc3, 0x28, 0xff], ',2024-01-01\n'), /not UTF-8 text: line 2 has bytes that are not UTF-8/],
    ['an Excel workbook (a ZIP)', bytes([0x50, 0x4b, 3, 4, 20, 0, 6, 0], '[Content_Types].xml'), /ZIP archive \(an Excel \.xlsx workbook\?\), not a CSV export/],
    ['an old Excel workbook', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /Excel \.xls workbook, not a CSV export/],
    ['JSON', bytes('[{"item":"A","status":"Done"}]\n'), /the file is JSON, not a CSV export: line 1 starts with "\["/],
    ['an empty file', bytes(''), /the file is empty/],
    ['a header without rows', bytes('item,status,timestamp\n'), /a header but no rows/],
    ['a header lacking columns', bytes('item,when\nA,2024-01-01\n'), /the header lacks the columns status, timestamp/],
  ])('%s', (_, data, message) => {
    const result = importBytes(data);
    expect(result.history).toBeUndefined();
    expect(result.refused?.message).toMatch(message);
  });

  it('a cycle-data file whose columns hold no dates', () => {
    const result = importHistoryText('ID,Name,Owner\nA,x,y\n', { format: 'cycle-data', source: 'f' });
    expect(result.refused).toEqual({ line: 2, message: 'no stage columns: no column after ID holds dates in the first 50 rows (expected one date column per workflow stage)' });
  });
});

describe('a 100,000-item file', () => {
  it('imports with progress reported as it goes, holding only the items (heap measured)', () => {
    const ITEMS = 100_000;
    const stages = ['Backlog', 'Ready for AI', 'Modelling', 'In Dev', 'Testing', 'Done'];
    const header = `ID,Link,Name,Type,Team,${stages.join(',')}\n`;
    const day = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const row = (i: number) => {
      const start = i % 1500;
      const dates = stages.map((_, s) => (i % 7 === 0 && s === stages.length - 1 ? '' : day(start + s * (3 + (i % 5)))));
      return `PROJ-${100_000 + i},https://jira.example.com/browse/PROJ-${100_000 + i},Item number ${i} with a longer summary,${i % 3 ? 'Story' : 'Epic'},Team ${i % 12},${dates.join(',')}\n`;
    };
    const progress: number[] = [];
    // A collection before each reading, so the heap measured is what the import holds, not garbage not yet collected.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const heapBefore = heap();
    let heapPeak = 0;
    const importer = createHistoryImporter({ format: 'cycle-data', source: 'big.csv', onProgress: (rows) => progress.push(rows) });
    importer.push(header);
    let chunk = '';
    let characters = header.length;
    for (let i = 0; i < ITEMS; i++) {
      chunk += row(i);
      if (chunk.length > 60_000) {
        importer.push(chunk);
        characters += chunk.length;
        chunk = '';
      }
      if (i % 25_000 === 0) heapPeak = Math.max(heapPeak, heap() - heapBefore);
    }
    importer.push(chunk);
    characters += chunk.length;
    heapPeak = Math.max(heapPeak, heap() - heapBefore);
    const result = importer.finish();
    const heapHeld = heap() - heapBefore;
    expect(result.problems).toEqual([]);
    expect(result.history!.items).toHaveLength(ITEMS);
    expect(progress.length).toBe(ITEMS / PROGRESS_EVERY + 1);
    expect(progress.at(-1)).toBe(ITEMS);
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    console.log(`history import: ${ITEMS} items, ${mib(characters)} of text; heap held while reading ≤ ${mib(heapPeak)}, after ${mib(heapHeld)}`);
    // The items (≈ 6 changes each, ~0.45 KiB) are what is held, never the text: measured 55 and 43 MiB on Node 24.
    expect(heapPeak).toBeLessThan(80 * 2 ** 20);
    expect(heapHeld).toBeLessThan(80 * 2 ** 20);
  }, 60_000);
});
