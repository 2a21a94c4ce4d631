/**
 * Child process of the crash test: saves one scenario in a tight loop and
 * prints each revision once its transaction has committed. The test kills it
 * with SIGKILL at a random moment and checks what survived.
 *
 *   node data/store/test-support/save-loop.ts <database file>
 */
import { writeSync } from 'node:fs';
import { NotFoundError } from '../errors.ts';
import { openScenarioStore } from '../sqlite-store.ts';
import type { ScenarioRecord } from '../types.ts';
import { makeScenario } from './fixtures.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: save-loop.ts <database file>\n');
  process.exit(2);
}

const ID = 'crash-test';
// Every save also takes an 'auto' snapshot, so each transaction writes two rows.
const store = openScenarioStore({ file, autoSnapshotIntervalMs: 0 });
const base = makeScenario(ID, { name: 'Crash test', teams: 40, positionsPerTeam: 8 });

let record: ScenarioRecord;
try {
  record = store.getScenario(ID);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  record = store.createScenario(base);
}

for (;;) {
  const next = record.revision + 1;
  record = store.saveScenario(ID, { ...base, description: `Saved as revision ${next}` }, record.revision);
  // Synchronous write: a printed revision is one whose commit has returned.
  writeSync(1, `${record.revision}\n`);
}
