/**
 * Writes the two SYNTHETIC example delivery histories under data/histories/
 * (issue #16): one trial of the delivery engine on each sample scenario's own
 * design, watched task by task and written as a tracker's status changes
 * (sim/calibration/synthetic.ts). The generating parameters, seed and scenario
 * are in data/histories/README.md; run again after a change to the engine or
 * to the samples:
 *
 *   node scripts/generate-histories.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSamples } from '../data/samples/index.ts';
import { writeCycleDataCsv, writeTransitionsCsv } from '../sim/calibration/history-csv.ts';
import { synthesizeHistory } from '../sim/calibration/synthetic.ts';
import type { DeepPartialParameters } from '../sim/delivery/parameters.ts';

/** What each example is generated from: the sample, the months of history, the overrides of the defaults, the seed. */
export const EXAMPLE_HISTORIES: ReadonlyArray<{ name: string; sample: string; months: number; parameters: DeepPartialParameters; seed: number }> = [
  { name: 'synthetic-pods', sample: 'sample-three-pilot-pods', months: 36, parameters: {}, seed: 16 },
  { name: 'synthetic-centralized', sample: 'sample-centralized-ai-team', months: 36, parameters: { arrivalsPerAreaPerMonth: 0.5 }, seed: 16 },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'data', 'histories');
mkdirSync(out, { recursive: true });
const samples = loadSamples();
for (const example of EXAMPLE_HISTORIES) {
  const scenario = samples.find((s) => s.id === example.sample);
  if (!scenario) throw new Error(`no sample ${example.sample}`);
  const { history, asOf, requested, shipped, design } = synthesizeHistory({ scenario, parameters: example.parameters, seed: example.seed, months: example.months, source: `${example.name}.transitions.csv` });
  writeFileSync(join(out, `${example.name}.transitions.csv`), writeTransitionsCsv(history));
  writeFileSync(join(out, `${example.name}.cycle-data.csv`), writeCycleDataCsv(history));
  writeFileSync(join(out, `${example.name}.mapping.json`), JSON.stringify(history.mapping, null, 2) + '\n');
  console.log(`${example.name}: ${requested} items (${shipped} shipped) to ${asOf}, ${design.label} of ${scenario.name}, seed ${example.seed}`);
}
