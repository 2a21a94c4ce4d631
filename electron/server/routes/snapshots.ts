import { z } from 'zod';
import { parseBody, type RouteTable } from '../router.ts';

const SnapshotBody = z.object({
  label: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});
const RestoreBody = z.object({
  baseRevision: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative'),
});

export const snapshotRoutes: Pick<
  RouteTable,
  | 'GET /api/scenarios/:id/snapshots'
  | 'POST /api/scenarios/:id/snapshots'
  | 'GET /api/snapshots/:snapshotId'
  | 'POST /api/scenarios/:id/snapshots/:snapshotId/restore'
> = {
  'GET /api/scenarios/:id/snapshots': {
    handle: ({ params, store }) => store.listSnapshots(params.id),
  },
  'POST /api/scenarios/:id/snapshots': {
    status: 201,
    handle: ({ params, body, store }) => store.createSnapshot(params.id, parseBody(SnapshotBody, body).label, 'manual'),
  },
  'GET /api/snapshots/:snapshotId': {
    handle: ({ params, store }) => store.getSnapshot(params.snapshotId),
  },
  'POST /api/scenarios/:id/snapshots/:snapshotId/restore': {
    handle: ({ params, body, store }) =>
      store.restoreSnapshot(params.id, params.snapshotId, parseBody(RestoreBody, body).baseRevision),
  },
};
