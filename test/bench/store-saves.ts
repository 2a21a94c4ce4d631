/**
 * Autosave throughput: saves per second of a 500-team scenario (10 positions
 * per team, ~0.7 MB of JSON) into a SQLite file on disk, through the real
 * store (validation, serialisation, the revision-checked UPDATE, the
 * auto-snapshot check, commit). Two ways: the whole document (PUT, an import
 * replacing a scenario) and what the autosave sends, the changes since the
 * last save (PATCH: one team here; only it is validated again). Median over
 * several runs, each on a fresh database. Target: ≥ 200 saves/s.
 *
 *   node test/bench/store-saves.ts
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { scenarioChanges, validateScenario, type Scenario } from '../../sim/scenario/index.ts';
import { openScenarioStore } from '../../data/store/sqlite-store.ts';
import { makeScenario, makeTempDir } from '../../data/store/test-support/fixtures.ts';
import { median, type BenchResult } from './types.ts';

const TEAMS = 500;
const POSITIONS_PER_TEAM = 10;
const TARGET_SAVES_PER_SECOND = 200;
const LISTED_SCENARIOS = 1000;
/** The list must never keep /api/health waiting: well under a frame of a busy UI. */
const TARGET_LIST_MS = 50;

/** An edit as a user makes it: one team renamed, the rest of the document as it was. */
function edited(base: Scenario, n: number): Scenario {
  const index = n % base.teams.length;
  return {
    ...base,
    teams: base.teams.map((team, i) => (i === index ? { ...team, name: `Pod ${i + 1} (edit ${n})` } : team)),
  };
}

type SaveWay = 'document' | 'changes';

function savesPerSecond(base: Scenario, saves: number, warmup: number, way: SaveWay): number {
  const temp = makeTempDir('podplan-bench-saves-');
  const store = openScenarioStore({ file: join(temp.dir, 'podplan.db') });
  try {
    let revision = store.createScenario(base).revision;
    // The document the client last saved, as the autosaver keeps it.
    let saved = base;
    const save = (n: number) => {
      const next = edited(saved, n);
      revision = way === 'document' ? store.saveScenario(base.id, next, revision).revision : store.saveScenarioChanges(base.id, scenarioChanges(saved, next), revision).revision;
      saved = next;
    };
    for (let n = 0; n < warmup; n++) save(n);
    const started = performance.now();
    for (let n = 0; n < saves; n++) save(warmup + n);
    return saves / ((performance.now() - started) / 1000);
  } finally {
    store.close();
    temp.remove();
  }
}

/** Time of validateScenario alone, to show where a save's time goes. */
/** Median ms of listing `count` stored scenarios (the scenario list and GET /api/scenarios). */
function listMs(count: number, repeats: number): number {
  const temp = makeTempDir('podplan-bench-list-');
  const store = openScenarioStore({ file: join(temp.dir, 'podplan.db') });
  try {
    for (let i = 0; i < count; i++) store.createScenario(makeScenario(`list-${i}`, { name: `Plan ${i}`, teams: 9, positionsPerTeam: 5 }));
    store.listScenarios(); // first list after writing: nothing to backfill, but warms the statement
    const times: number[] = [];
    for (let k = 0; k < repeats; k++) {
      const started = performance.now();
      store.listScenarios();
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    store.close();
    temp.remove();
  }
}

function validationMs(base: Scenario, repeats: number): number {
  const times: number[] = [];
  for (let n = 0; n < repeats; n++) {
    const doc = edited(base, n);
    const started = performance.now();
    validateScenario(doc);
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchStoreSaves(runs = 5, savesPerRun = 100): Promise<BenchResult[]> {
  const base = makeScenario('bench-500-teams', { name: 'Bench: 500 teams', teams: TEAMS, positionsPerTeam: POSITIONS_PER_TEAM });
  const bytes = Buffer.byteLength(JSON.stringify(base));
  const rates: number[] = [];
  const changeRates: number[] = [];
  for (let run = 0; run < runs; run++) {
    rates.push(savesPerSecond(base, savesPerRun, 10, 'document'));
    changeRates.push(savesPerSecond(base, savesPerRun, 10, 'changes'));
  }
  const rate = median(rates);
  const changeRate = median(changeRates);
  const validate = validationMs(base, 30);
  const list = listMs(LISTED_SCENARIOS, 9);
  return [
    {
      name: `store: list ${LISTED_SCENARIOS.toLocaleString('en-US')} scenarios (GET /api/scenarios)`,
      value: Math.round(list * 10) / 10,
      unit: 'ms',
      target: `≤ ${TARGET_LIST_MS} ms`,
      pass: list <= TARGET_LIST_MS,
      detail: 'summaries stored beside each document: no document is parsed or validated to list (issue #13 measured 1.5–2.1 s for 947 when every document was)',
    },
    {
      name: `store: autosaves/s (changes: one team), ${TEAMS} teams × ${POSITIONS_PER_TEAM} positions`,
      value: Math.round(changeRate),
      unit: 'saves/s',
      target: `≥ ${TARGET_SAVES_PER_SECOND} saves/s`,
      pass: changeRate >= TARGET_SAVES_PER_SECOND,
      detail: `${runs} runs × ${savesPerRun} saves of what changed (PATCH): the changed team validated, the rest kept from the revision held in memory; runs: ${changeRates.map((r) => r.toFixed(0)).join(', ')}`,
    },
    {
      name: `store: saves/s (whole document), ${TEAMS} teams × ${POSITIONS_PER_TEAM} positions`,
      value: Math.round(rate),
      unit: 'saves/s',
      target: `≥ ${TARGET_SAVES_PER_SECOND} saves/s`,
      pass: rate >= TARGET_SAVES_PER_SECOND,
      detail: `${runs} runs × ${savesPerRun} saves, ${(bytes / 1024).toFixed(0)} KiB document; runs: ${rates.map((r) => r.toFixed(0)).join(', ')}; of which validateScenario ≈ ${validate.toFixed(1)} ms/save; load average ${loadavg()[0]?.toFixed(1)}`,
    },
  ];
}

if (import.meta.main) {
  for (const result of await benchStoreSaves()) {
    console.log(`${result.name}: ${result.value} ${result.unit} (target ${result.target}: ${result.pass ? 'meets target' : 'MISSES target'})`);
    if (result.detail) console.log(`  ${result.detail}`);
  }
}
