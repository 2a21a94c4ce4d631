/**
 * Issue #13 through POST /api/import: a hostile scenario file gets a 400
 * naming the field, at once, the server stays up and nothing is stored.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest, startTestBackend, type TestBackend } from './test-support.ts';

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

describe('POST /api/import refuses hostile scenario files', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
  });
  afterAll(() => t.stop());
  beforeEach(() => {
    t.logged.length = 0;
  });

  const postImport = async (body: string) => {
    const response = await rawRequest({
      port: t.backend.port,
      method: 'POST',
      path: '/api/import',
      headers: { Authorization: `Bearer ${t.backend.token}`, 'Content-Type': 'application/json' },
      body,
    });
    return { status: response.status, body: JSON.parse(response.body) as ErrorBody };
  };
  const importText = (text: string) => postImport(JSON.stringify({ text, fileName: 'hostile.podplan.json' }));

  it('finding 1: a billion engineers in a 133-byte v1 file is a 400 naming the headcount', async () => {
    const before = t.store.listScenarios().length;
    const response = await importText(
      '{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":"t","name":"t","kind":"central-ai","headcount":{"ai-ml-engineer":1000000000}}]}',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      { path: 'teams[0].headcount.ai-ml-engineer', message: '1000000000 is more than the 10,000 positions a team may have' },
    ]);
    expect(t.store.listScenarios().length).toBe(before);
    expect(t.logged).toEqual([]);
  });

  it('finding 2: a team id nested 100,000 arrays deep is a 400 naming teams[0].id, not a 500', async () => {
    const id = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await importText(`{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":${id},"name":"t","kind":"central-ai","headcount":{}}]}`);
    expect(response.status).toBe(400);
    expect(response.body.error.issues?.[0]?.path).toMatch(/^teams\[0\]\.id\[0\]/);
    expect(t.logged).toEqual([]);
  });

  it('finding 2: deep nesting in the request itself is a 400, not a 500', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await postImport(`{"text":"{}","fileName":${deep}}`);
    expect(response.status).toBe(400);
    expect(response.body.error.issues?.[0]?.path).toBe('fileName');
    expect(t.logged).toEqual([]);
  });

  it('finding 12: a byte-order mark is accepted and a syntax error names its line and column', async () => {
    const syntax = await importText('{\n  "schemaVersion": 7,\n  "teams": [1,]\n}\n');
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.message).toContain('line 3, column 15');
    const bom = await importText('\uFEFF{"schemaVersion":7,"id":"b","name":"With a BOM","teams":[]}');
    expect(bom.status).toBe(201);
  });
});
