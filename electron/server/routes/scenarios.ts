import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SCENARIO_SCHEMA_VERSION, validateScenario, type Scenario, type ScenarioChanges } from '../../../sim/scenario/index.ts';
import { parseBody, type RouteTable } from '../router.ts';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const revision = z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative');

const CreateBody = z.object({ scenario: z.unknown().optional(), name: name.optional() }).default({});
const SaveBody = z.object({ scenario: z.unknown(), baseRevision: revision });
/** The shape of a save of changes; what the changed parts hold is the scenario schema's to judge. */
const SaveChangesBody = z.object({
  baseRevision: revision,
  changes: z.strictObject({
    set: z.record(z.string(), z.unknown()).optional(),
    unset: z.array(z.string()).optional(),
    teams: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
  }),
});
const DuplicateBody = z.object({ name: name.optional() }).default({});

/** Validates a scenario sent by a client and gives it a fresh id, so nothing stored is ever overwritten by a create. */
function asNewScenario(value: unknown, newName: string | undefined): Scenario {
  const scenario = validateScenario(value);
  return { ...scenario, id: randomUUID(), ...(newName === undefined ? {} : { name: newName }) };
}

export const scenarioRoutes: Pick<
  RouteTable,
  | 'GET /api/scenarios'
  | 'POST /api/scenarios'
  | 'GET /api/scenarios/:id'
  | 'PUT /api/scenarios/:id'
  | 'PATCH /api/scenarios/:id'
  | 'DELETE /api/scenarios/:id'
  | 'GET /api/trash'
  | 'POST /api/scenarios/:id/undelete'
  | 'POST /api/scenarios/:id/duplicate'
> = {
  'GET /api/scenarios': {
    handle: ({ store }) => store.listScenarios(),
  },
  'POST /api/scenarios': {
    status: 201,
    handle: ({ body, store }) => {
      const request = parseBody(CreateBody, body);
      const scenario =
        request.scenario === undefined
          ? validateScenario({
              schemaVersion: SCENARIO_SCHEMA_VERSION,
              id: randomUUID(),
              name: request.name ?? 'Untitled scenario',
              description: '',
              teams: [],
            })
          : asNewScenario(request.scenario, request.name);
      return store.createScenario(scenario);
    },
  },
  'GET /api/scenarios/:id': {
    handle: ({ params, store }) => store.getScenario(params.id),
  },
  'PUT /api/scenarios/:id': {
    handle: ({ params, body, store }) => {
      const request = parseBody(SaveBody, body);
      // Validated once, by the store (which also refuses an id that is not the one in the path).
      const { revision, createdAt, updatedAt } = store.saveScenario(params.id, request.scenario as Scenario, request.baseRevision);
      return { revision, createdAt, updatedAt };
    },
  },
  'PATCH /api/scenarios/:id': {
    handle: ({ params, body, store }) => {
      const request = parseBody(SaveChangesBody, body);
      return store.saveScenarioChanges(params.id, request.changes as ScenarioChanges, request.baseRevision);
    },
  },
  'DELETE /api/scenarios/:id': {
    handle: ({ params, store }) => store.softDeleteScenario(params.id),
  },
  'GET /api/trash': {
    handle: ({ store }) => store.listScenarios({ deleted: true }),
  },
  'POST /api/scenarios/:id/undelete': {
    handle: ({ params, store }) => store.undeleteScenario(params.id),
  },
  'POST /api/scenarios/:id/duplicate': {
    status: 201,
    handle: ({ params, body, store }) => {
      const request = parseBody(DuplicateBody, body);
      return store.duplicateScenario(params.id, randomUUID(), request.name);
    },
  },
};
