import type { RouteTable } from '../router.ts';
import { clusterRoutes } from './cluster.ts';
import { fileRoutes } from './files.ts';
import { healthRoutes } from './health.ts';
import { manifestRoutes } from './manifests.ts';
import { organisationRoutes } from './organisation.ts';
import { scenarioRoutes } from './scenarios.ts';
import { settingRoutes } from './settings.ts';
import { snapshotRoutes } from './snapshots.ts';

/** Every contract route, each handled exactly once (the type makes a missing one a compile error). */
export const apiRoutes: RouteTable = {
  ...healthRoutes,
  ...scenarioRoutes,
  ...snapshotRoutes,
  ...fileRoutes,
  ...settingRoutes,
  ...organisationRoutes,
  ...manifestRoutes,
  ...clusterRoutes,
};
