/**
 * The scenario fuzz (sim/scenario/scenario-files.fuzz.test.ts) through the
 * real import handler over HTTP, on a smaller seeded set: every file is a 201
 * or a 4xx naming a field or a line and column, never a 500, and only the
 * accepted ones are stored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedScenarioFiles } from '../../sim/scenario/testing/mutate-files.ts';
import { rawRequest, startTestBackend, type TestBackend } from './test-support.ts';

const FILES = 300;
const SEED = 7_130_013;

interface ImportAnswer {
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
}

function sources(): Array<{ name: string; text: string }> {
  const from = (dir: URL) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.podplan.json'))
      .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
  return [...from(new URL('../../data/samples/', import.meta.url)), ...from(new URL('../../sim/scenario/fixtures/', import.meta.url))];
}

describe('POST /api/import, fuzzed', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
  });
  afterAll(() => t.stop());

  it(`${FILES} mutated files each get a 201 or a 4xx that says where, and no 500`, async () => {
    const decoder = new TextDecoder();
    const before = t.store.listScenarios().length;
    let accepted = 0;
    for (const file of mutatedScenarioFiles(sources(), FILES, SEED)) {
      // The UI sends text: what a browser's decoding makes of the bytes.
      const body = JSON.stringify({ text: decoder.decode(file.bytes), fileName: 'fuzzed.podplan.json' });
      const response = await rawRequest({
        port: t.backend.port,
        method: 'POST',
        path: '/api/import',
        headers: { Authorization: `Bearer ${t.backend.token}`, 'Content-Type': 'application/json' },
        body,
      });
      if (response.status === 201) {
        accepted++;
        continue;
      }
      expect([400, 413, 422], file.label).toContain(response.status);
      const { error } = JSON.parse(response.body) as ImportAnswer;
      const says = (error?.issues ?? []).some((issue) => issue.path !== '' || issue.message === 'must be a JSON object') || /line \d+, column \d+/.test(error?.message ?? '');
      expect(says, `${file.label}: ${error?.message}`).toBe(true);
    }
    console.log(`import fuzz (seed ${SEED}): ${FILES} files, ${FILES - accepted} refused, ${accepted} accepted`);
    expect(t.logged).toEqual([]);
    expect(t.store.listScenarios().length - before).toBe(accepted);
  }, 60_000);
});
