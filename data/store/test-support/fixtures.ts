/**
 * Scenarios and temporary database directories for the store's tests, the
 * crash test's child process and the save benchmark.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPlanning, SCENARIO_SCHEMA_VERSION, type Scenario } from '../../../sim/scenario/index.ts';
import { ROLE_IDS } from '../../../sim/org/roles.ts';
import { EMPTY_CLUSTER } from '../../../sim/cluster/schema.ts';

/** A valid scenario with `teams` pods of `positionsPerTeam` positions each (the first one the owner). */
export function makeScenario(
  id: string,
  options: { name?: string; teams?: number; positionsPerTeam?: number; description?: string } = {},
): Scenario {
  const teamCount = options.teams ?? 2;
  const perTeam = options.positionsPerTeam ?? 4;
  return {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id,
    name: options.name ?? `Scenario ${id}`,
    description: options.description ?? '',
    cluster: structuredClone(EMPTY_CLUSTER),
    ...defaultPlanning(),
    teams: Array.from({ length: teamCount }, (_, t) => ({
      id: `team-${t + 1}`,
      name: `Pod ${t + 1}`,
      type: 'stream-aligned-pod' as const,
      description: `Pod number ${t + 1}`,
      positions: Array.from({ length: perTeam }, (_, p) => ({
        id: `team-${t + 1}-position-${p + 1}`,
        role: p === 0 ? ('single-threaded-owner' as const) : (ROLE_IDS[1 + (p % (ROLE_IDS.length - 1))] ?? 'software-engineer'),
        title: p === 0 ? 'Single-threaded owner' : `Engineer ${p}`,
        personName: '',
        filled: p % 3 !== 2,
        singleThreadedOwner: p === 0,
      })),
    })),
  };
}

/** A fresh directory under the OS temp dir, and a function that removes it. */
export function makeTempDir(prefix = 'podplan-store-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
