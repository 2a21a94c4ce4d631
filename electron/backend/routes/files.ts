import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseScenarioText, scenarioFileName, serializeScenario } from '../../../sim/scenario/index.ts';
import { scenarioForFile } from '../../../data/store/organisation.ts';
import { parseBody, RawResponse, type RouteTable } from '../router.ts';
import { readOrganisationReadiness } from './organisation.ts';

const ImportBody = z.object({
  text: z.string({ error: 'must be the text of a .podplan.json file' }),
  fileName: z.string().max(1000).optional(),
});

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
      // Always a new scenario: importing the same file twice gives two.
      const record = store.createScenario({ ...scenario, id: randomUUID() }, { snapshotReason: 'import' });
      return { record, migratedFrom };
    },
  },
};
