/**
 * The built-in sample scenarios, made from the seeds. They are plain
 * `.podplan.json` files so that users, the CLI and the tests open exactly the
 * same documents; this module only knows where they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarioText, type Scenario } from '../../sim/scenario/index.ts';

export const SAMPLE_FILES = ['centralized-ai-team.podplan.json', 'three-pilot-pods.podplan.json'] as const;

export function samplePath(file: (typeof SAMPLE_FILES)[number]): string {
  return fileURLToPath(new URL(`./${file}`, import.meta.url));
}

/** Reads and validates every sample; a broken sample is a build error, so this throws. */
export function loadSamples(): Scenario[] {
  return SAMPLE_FILES.map((file) => parseScenarioText(readFileSync(samplePath(file), 'utf8')).scenario);
}
