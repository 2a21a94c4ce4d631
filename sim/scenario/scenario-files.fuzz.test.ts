/**
 * Seeded fuzz test of the scenario-file boundary (issue #13): thousands of
 * mutated files through what `podplan validate` runs (strict UTF-8, parse,
 * migrate, schema, then the policy checks) and what the import API runs on
 * text. Every file is either accepted or refused with a ScenarioValidationError
 * naming a field or a line and column; none throws anything else, none
 * builds more positions than the limits allow, and the heap stays bounded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenario, parseScenarioBytes, parseScenarioText, ScenarioValidationError, type Scenario } from './index.ts';
import { mutatedScenarioFiles } from './testing/mutate-files.ts';
import { MAX_POSITIONS_FROM_HEADCOUNTS } from './v1-headcount.ts';

const FILES = 2_400;
const SEED = 20_261_301;
/** Far above what one scenario needs; a file that builds millions of positions would cross it. */
const HEAP_GROWTH_LIMIT = 512 * 1024 * 1024;

function sources(): Array<{ name: string; text: string }> {
  const from = (dir: URL) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.podplan.json'))
      .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
  return [...from(new URL('../../data/samples/', import.meta.url)), ...from(new URL('./fixtures/', import.meta.url))];
}

type Outcome = { accepted: Scenario } | { refused: ScenarioValidationError };

function outcome(parse: () => { scenario: Scenario }): Outcome {
  try {
    return { accepted: parse().scenario };
  } catch (error) {
    // Anything but the typed refusal (a RangeError, a TypeError, an out-of-memory) fails the test here.
    if (error instanceof ScenarioValidationError) return { refused: error };
    throw error;
  }
}

/** A refusal says where: a field path, the line and column of a syntax error, or the byte that is not UTF-8. */
function namesAPlace(error: ScenarioValidationError): boolean {
  if (error.issues.some((issue) => issue.path !== '')) return true;
  if (/line \d+, column \d+/.test(error.message)) return true;
  // The whole file is the place: a JSON value that is not an object at all.
  return error.issues.some((issue) => issue.message === 'must be a JSON object');
}

describe('scenario files, fuzzed', () => {
  it(`${FILES} mutated files are each accepted or refused by name, within bounded work and memory`, () => {
    const decoder = new TextDecoder();
    const heapAtStart = process.memoryUsage().heapUsed;
    let accepted = 0;
    let refused = 0;
    let mostPositions = 0;
    let n = 0;
    for (const file of mutatedScenarioFiles(sources(), FILES, SEED)) {
      const viaBytes = outcome(() => parseScenarioBytes(file.bytes));
      if ('refused' in viaBytes) {
        refused++;
        expect(namesAPlace(viaBytes.refused), `${file.label}: ${viaBytes.refused.message}`).toBe(true);
      } else {
        accepted++;
        // What validate does next: the policy checks never throw on a scenario the schema took.
        const checks = checkScenario(viaBytes.accepted);
        for (const issue of [...checks.errors, ...checks.warnings]) expect(issue.path, file.label).not.toBe('');
        const positions = viaBytes.accepted.teams.reduce((sum, team) => sum + team.positions.length, 0);
        mostPositions = Math.max(mostPositions, positions);
        expect(positions, file.label).toBeLessThanOrEqual(MAX_POSITIONS_FROM_HEADCOUNTS);
      }
      // The import API gets text (the renderer decodes); valid UTF-8 gives the same answer both ways.
      const text = decoder.decode(file.bytes);
      if (!text.includes('\uFFFD')) {
        const viaText = outcome(() => parseScenarioText(text));
        expect('accepted' in viaText, file.label).toBe('accepted' in viaBytes);
      }
      if (++n % 200 === 0) expect(process.memoryUsage().heapUsed - heapAtStart, `heap after ${n} files`).toBeLessThan(HEAP_GROWTH_LIMIT);
    }
    console.log(`scenario fuzz (seed ${SEED}): ${FILES} files, ${refused} refused, ${accepted} accepted; at most ${mostPositions} positions in one`);
    expect(accepted + refused).toBe(FILES);
    // Both outcomes must be well represented, or the mutations are too weak (or too strong) to test anything.
    expect(accepted).toBeGreaterThan(FILES * 0.05);
    expect(refused).toBeGreaterThan(FILES * 0.3);
  }, 60_000);
});
