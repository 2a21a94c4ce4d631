/**
 * "A crash or kill during a save never corrupts the database": a child
 * process saves in a tight loop and is SIGKILLed at a random moment, three
 * times over on the same file; every committed save it reported must still be
 * there, and the file must pass SQLite's integrity check.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScenarioStore } from './sqlite-store.ts';
import { makeTempDir } from './test-support/fixtures.ts';

const SAVE_LOOP = fileURLToPath(new URL('./test-support/save-loop.ts', import.meta.url));
const KILLS = 3;

interface KilledRun {
  /** The highest revision the child printed, i.e. saw committed. */
  lastReported: number;
  signal: NodeJS.Signals | null;
}

/** Starts the save loop, lets it commit for a random while after its first save, then SIGKILLs it. */
function runAndKill(file: string, minReports: number): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAVE_LOOP, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    let lastReported = 0;
    let reports = 0;
    let killScheduled = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 8000);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        lastReported = Math.max(lastReported, Number(line));
        reports++;
      }
      if (!killScheduled && reports >= minReports) {
        killScheduled = true;
        // A random moment, so the kill lands at different points of a save.
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') {
        reject(new Error(`save loop exited on its own (code ${code}, signal ${signal}): ${stderr}`));
        return;
      }
      // A line cut short by the kill was not fully printed: ignore it.
      resolve({ lastReported, signal });
    });
  });
}

describe('a kill during saves', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir('podplan-crash-');
  });
  afterAll(() => temp.remove());

  it(`never loses a committed save nor corrupts the file (${KILLS} kills)`, { timeout: 30_000 }, async () => {
    const file = join(temp.dir, 'podplan.db');
    let previous = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      const run = await runAndKill(file, 5 + Math.floor(Math.random() * 20));
      expect(run.signal).toBe('SIGKILL');
      expect(run.lastReported).toBeGreaterThan(previous);

      const raw = new Database(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();

      const store = openScenarioStore({ file });
      const record = store.getScenario('crash-test'); // validates the document
      expect(record.revision).toBeGreaterThanOrEqual(run.lastReported);
      // At most the one save that was in flight (committed, not yet printed) may be ahead.
      expect(record.revision).toBeLessThanOrEqual(run.lastReported + 1);
      // The document and its revision were written together.
      expect(record.scenario.description).toBe(`Saved as revision ${record.revision}`);
      // And the 'auto' snapshot every save takes went in with it, or not at all.
      expect(store.listSnapshots('crash-test')[0]?.revision).toBe(record.revision);
      store.close();
      previous = record.revision;
    }
  });
});
