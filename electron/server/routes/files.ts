import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseScenarioText, scenarioFileName, serializeScenario, type Scenario } from '../../../sim/scenario/index.ts';
import type { ScenarioStore } from '../../../data/store/types.ts';
import { IMPORT_CONFLICT_CHOICES, type ScenarioRecord } from '../../../sim/api/contract.ts';
import { ImportConflictError } from '../errors.ts';
import { scenarioForFile } from '../../../data/store/organisation.ts';
import { parseBody, RawResponse, type RouteTable } from '../router.ts';
import { readOrganisationReadiness } from './organisation.ts';

const ImportBody = z.object({
  text: z.string({ error: 'must be the text of a .podplan.json file' }),
  fileName: z.string().max(1000).optional(),
  onConflict: z.enum(IMPORT_CONFLICT_CHOICES).optional(),
});

/** The live scenario a file duplicates: the same id (one's own export), else the same name. */
function alreadyThere(store: ScenarioStore, scenario: Scenario): ScenarioRecord | null {
  const live = store.listScenarios();
  const match = live.find((s) => s.id === scenario.id) ?? live.find((s) => s.name === scenario.name);
  return match ? store.getScenario(match.id) : null;
}

/** "Plan (2)", "Plan (3)", …: the first name no live scenario has. */
function distinctName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const stem = name.replace(/ \(\d+\)$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})`.slice(-200);
    if (!taken.has(candidate)) return candidate;
  }
}

export const fileRoutes: Pick<RouteTable, 'GET /api/scenarios/:id/file' | 'POST /api/import'> = {
  'GET /api/scenarios/:id/file': {
    handle: ({ params, store }) => {
      const record = store.getScenario(params.id);
      // With the readiness answers in effect (the organisation's unless overridden): the file alone gives the same recommendation.
      readOrganisationReadiness(store); // damaged answers: a clear error, not a file without them
      return new RawResponse(serializeScenario(scenarioForFile(store, record.scenario)), {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${scenarioFileName(record.scenario.name)}"`,
        'Cache-Control': 'no-store',
      });
    },
  },
  'POST /api/import': {
    status: 201,
    handle: ({ body, store }) => {
      const request = parseBody(ImportBody, body);
      // Parse fully before touching the store: a bad file stores nothing.
      const { scenario, migratedFrom } = parseScenarioText(request.text);
      const fileName = request.fileName ?? 'the file';
      // Without a choice, keep both (never two scenarios of one name); the app asks first.
      const choice = request.onConflict ?? 'keep-both';
      const existing = alreadyThere(store, scenario);
      if (existing && choice === 'ask') throw new ImportConflictError(existing, fileName);
      if (existing && choice === 'replace') {
        // What is replaced stays one restore away in the scenario's history.
        store.createSnapshot(existing.scenario.id, `Before importing ${fileName}`, 'before-restore');
        const record = store.saveScenario(existing.scenario.id, { ...scenario, id: existing.scenario.id }, existing.revision);
        return { record, migratedFrom, replaced: true };
      }
      const taken = new Set(store.listScenarios().map((s) => s.name));
      const record = store.createScenario({ ...scenario, id: randomUUID(), name: distinctName(scenario.name, taken) }, { snapshotReason: 'import' });
      return { record, migratedFrom };
    },
  },
};
