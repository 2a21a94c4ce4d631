import packageJson from '../../../package.json' with { type: 'json' };
import { SCENARIO_SCHEMA_VERSION } from '../../../sim/scenario/index.ts';
import type { RouteTable } from '../router.ts';

export const healthRoutes: Pick<RouteTable, 'GET /api/health'> = {
  'GET /api/health': {
    handle: () => ({ ok: true, version: packageJson.version, schemaVersion: SCENARIO_SCHEMA_VERSION }),
  },
};
