/**
 * The built-in sample scenarios, made from the seeds. They are plain
 * `.podplan.json` files so that users, the CLI and the tests open exactly the
 * same documents; JSON imports let bundlers (Electron main) carry them along.
 */
import centralizedAiTeam from './centralized-ai-team.podplan.json' with { type: 'json' };
import threePilotPods from './three-pilot-pods.podplan.json' with { type: 'json' };
import { parseScenarioDocument, type Scenario } from '../../sim/scenario/index.ts';

/** File names, for tools and tests that open them from disk as a user would. */
export const SAMPLE_FILES = ['centralized-ai-team.podplan.json', 'three-pilot-pods.podplan.json'] as const;

/** Validated samples, in the order they appear on first start; a broken sample throws. */
export function loadSamples(): Scenario[] {
  return [centralizedAiTeam, threePilotPods].map((doc) => parseScenarioDocument(doc).scenario);
}
