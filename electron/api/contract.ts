/**
 * The one API between the UI (browser or Electron window) and the backend.
 * Types only plus the route table: the renderer imports this file and
 * `client.ts`, nothing else from electron/.
 *
 * Every request carries the per-launch token (cookie `podplan_token_<port>`,
 * set by `GET /?token=…`, or header `Authorization: Bearer <token>`) and must
 * come with an allowed Host and, when present, a same-origin Origin.
 */
import type { Scenario, ScenarioIssue } from '../../sim/scenario/index.ts';
import type { ScenarioRecord, ScenarioSummary, SnapshotRecord, SnapshotSummary } from '../../data/store/types.ts';

export type { Scenario, ScenarioIssue } from '../../sim/scenario/index.ts';
export type {
  ScenarioRecord,
  ScenarioSummary,
  SnapshotReason,
  SnapshotRecord,
  SnapshotSummary,
} from '../../data/store/types.ts';

export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'unsupported-version'
  | 'not-json'
  | 'too-large'
  | 'bad-request'
  | 'internal';

/** Body of every non-2xx response. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Field-level problems for `invalid`. */
    issues?: ScenarioIssue[];
    /** For `conflict`: what is stored now, so the UI can offer to reload or overwrite. */
    current?: ScenarioRecord;
  };
}

export interface CreateScenarioRequest {
  /** A full scenario to store as new (its id is replaced); omitted = an empty scenario named `name`. */
  scenario?: Scenario;
  name?: string;
}

export interface SaveScenarioRequest {
  scenario: Scenario;
  baseRevision: number;
}

export interface DuplicateScenarioRequest {
  name?: string;
}

export interface CreateSnapshotRequest {
  label: string;
}

export interface RestoreSnapshotRequest {
  baseRevision: number;
}

export interface ImportScenarioRequest {
  /** The text of a `.podplan.json` file. */
  text: string;
  fileName?: string;
}

export interface ImportScenarioResponse {
  record: ScenarioRecord;
  /** Set when the file was of an older schema version and was upgraded. */
  migratedFrom: number | null;
}

export interface HealthResponse {
  ok: true;
  version: string;
  schemaVersion: number;
}

/** Route table: method, path (with `:params`), request and response types. */
export interface ApiRoutes {
  'GET /api/health': { req: void; res: HealthResponse };
  'GET /api/scenarios': { req: void; res: ScenarioSummary[] };
  'POST /api/scenarios': { req: CreateScenarioRequest; res: ScenarioRecord };
  'GET /api/scenarios/:id': { req: void; res: ScenarioRecord };
  'PUT /api/scenarios/:id': { req: SaveScenarioRequest; res: ScenarioRecord };
  /** Soft delete: the scenario disappears from the list and can be restored. */
  'DELETE /api/scenarios/:id': { req: void; res: ScenarioSummary };
  /** The trash: soft-deleted scenarios (with `deletedAt`), most recently deleted first. */
  'GET /api/trash': { req: void; res: ScenarioSummary[] };
  'POST /api/scenarios/:id/undelete': { req: void; res: ScenarioRecord };
  'POST /api/scenarios/:id/duplicate': { req: DuplicateScenarioRequest; res: ScenarioRecord };
  'GET /api/scenarios/:id/file': { req: void; res: string };
  'GET /api/scenarios/:id/snapshots': { req: void; res: SnapshotSummary[] };
  'POST /api/scenarios/:id/snapshots': { req: CreateSnapshotRequest; res: SnapshotSummary };
  'GET /api/snapshots/:snapshotId': { req: void; res: SnapshotRecord };
  'POST /api/scenarios/:id/snapshots/:snapshotId/restore': { req: RestoreSnapshotRequest; res: ScenarioRecord };
  'POST /api/import': { req: ImportScenarioRequest; res: ImportScenarioResponse };
  'GET /api/settings/:key': { req: void; res: { key: string; value: unknown } };
  'PUT /api/settings/:key': { req: { value: unknown }; res: { key: string; value: unknown } };
}

export type ApiRoute = keyof ApiRoutes;

/** Largest request body the backend reads (an import of a large scenario file fits; a 60 MB file does not). */
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;
