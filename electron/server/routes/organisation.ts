/**
 * The organisation's readiness answers: one set per workspace, which every
 * scenario shares unless it overrides them. Validated here (a bad answer is
 * named), stored by data/store/organisation.ts.
 */
import { z } from 'zod';
import { getOrganisationReadiness, setOrganisationReadiness, StoredReadinessError } from '../../../data/store/organisation.ts';
import type { ScenarioStore } from '../../../data/store/types.ts';
import { ReadinessAnswersSchema, type ReadinessAnswers } from '../../../sim/readiness/schema.ts';
import { HttpError } from '../errors.ts';
import { parseBody, type RouteTable } from '../router.ts';

const PutBody = z.object({ answers: ReadinessAnswersSchema });

/** The stored answers; damaged ones are a clear 500 that says how to repair them (answering again). */
export function readOrganisationReadiness(store: ScenarioStore): ReadinessAnswers | null {
  try {
    return getOrganisationReadiness(store);
  } catch (error) {
    if (error instanceof StoredReadinessError) throw new HttpError(500, 'internal', error.message);
    throw error;
  }
}

export const organisationRoutes: Pick<RouteTable, 'GET /api/organisation/readiness' | 'PUT /api/organisation/readiness'> = {
  'GET /api/organisation/readiness': {
    handle: ({ store }) => ({ answers: readOrganisationReadiness(store) }),
  },
  'PUT /api/organisation/readiness': {
    handle: ({ body, store }) => {
      const { answers } = parseBody(PutBody, body);
      return { answers: setOrganisationReadiness(store, answers) };
    },
  },
};
