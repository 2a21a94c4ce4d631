/**
 * Typed client for the Podplan API, for the renderer (browser or Electron
 * window) and for tests. Browser-safe: only `fetch`, no Node APIs.
 *
 * In the app the token travels as the HttpOnly cookie that the start link
 * set, so `createApiClient()` needs no options; scripts and tests pass the
 * token to send it as a bearer header.
 */
import type {
  ApiErrorBody,
  ApiErrorCode,
  ApiRoute,
  ApiRoutes,
  CreateScenarioRequest,
  HealthResponse,
  ImportScenarioRequest,
  ImportScenarioResponse,
  Scenario,
  ScenarioIssue,
  ScenarioRecord,
  ScenarioSummary,
  SnapshotRecord,
  SnapshotSummary,
} from './contract.ts';

/** Any non-2xx answer, or no answer at all (`status` 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Field-level problems (`invalid`, `bad-request`); empty otherwise. */
  readonly issues: ScenarioIssue[];
  /** For `conflict`: the record as stored now. */
  readonly current: ScenarioRecord | undefined;
  constructor(status: number, code: ApiErrorCode, message: string, issues: ScenarioIssue[] = [], current?: ScenarioRecord) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.current = current;
  }
}

export interface ApiClientOptions {
  /** Where the backend is; '' (the default) means the page's own origin. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <token>`; the app relies on the cookie instead. */
  token?: string;
  /** For tests and non-browser callers; default the global `fetch`. */
  fetch?: typeof fetch;
}

export interface ApiClient {
  health(): Promise<HealthResponse>;
  listScenarios(): Promise<ScenarioSummary[]>;
  /** The trash: soft-deleted scenarios, most recently deleted first. */
  listDeletedScenarios(): Promise<ScenarioSummary[]>;
  getScenario(id: string): Promise<ScenarioRecord>;
  createScenario(request?: CreateScenarioRequest): Promise<ScenarioRecord>;
  /** Fails with `conflict` (and `current`) when someone saved since `baseRevision`; nothing is overwritten then. */
  saveScenario(id: string, scenario: Scenario, baseRevision: number): Promise<ScenarioRecord>;
  deleteScenario(id: string): Promise<ScenarioSummary>;
  undeleteScenario(id: string): Promise<ScenarioRecord>;
  duplicateScenario(id: string, name?: string): Promise<ScenarioRecord>;
  /** The scenario as the text of a `.podplan.json` file. */
  exportScenarioFile(id: string): Promise<string>;
  /** URL that downloads the file (`<a href download>`): same-origin, so the cookie authenticates it. */
  scenarioFileUrl(id: string): string;
  listSnapshots(scenarioId: string): Promise<SnapshotSummary[]>;
  createSnapshot(scenarioId: string, label: string): Promise<SnapshotSummary>;
  getSnapshot(snapshotId: string): Promise<SnapshotRecord>;
  restoreSnapshot(scenarioId: string, snapshotId: string, baseRevision: number): Promise<ScenarioRecord>;
  /** Stores the file's scenario as a new one (a new id every time). */
  importScenario(text: string, fileName?: string): Promise<ImportScenarioResponse>;
  getSetting(key: string): Promise<{ key: string; value: unknown }>;
  putSetting(key: string, value: unknown): Promise<{ key: string; value: unknown }>;
}

const ERROR_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'invalid',
  'unsupported-version',
  'not-json',
  'too-large',
  'bad-request',
  'internal',
]);

function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-large';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'internal';
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string' &&
    ERROR_CODES.has(String((error as { code?: unknown }).code))
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    const { code, message, issues, current } = body.error;
    return new ApiError(response.status, code, message, issues ?? [], current);
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(response.status, codeForStatus(response.status), `The Podplan backend answered ${response.status}${reason}.`);
}

type Params = Record<string, string>;

/** `/api/scenarios/:id` + `{ id: 'a/b' }` → `/api/scenarios/a%2Fb`. */
function buildPath(route: ApiRoute, params: Params): string {
  const path = route.slice(route.indexOf(' ') + 1);
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${route}`);
    return encodeURIComponent(value);
  });
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(route: ApiRoute, params: Params, body: unknown): Promise<Response> {
    const method = route.slice(0, route.indexOf(' '));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${buildPath(route, params)}`, init);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ApiError(0, 'internal', `Could not reach the Podplan backend (${detail}). Is Podplan still running?`);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async function call<R extends ApiRoute>(route: R, params: Params = {}, body?: ApiRoutes[R]['req']): Promise<ApiRoutes[R]['res']> {
    const response = await send(route, params, body);
    return (await response.json()) as ApiRoutes[R]['res'];
  }

  return {
    health: () => call('GET /api/health'),
    listScenarios: () => call('GET /api/scenarios'),
    listDeletedScenarios: () => call('GET /api/trash'),
    getScenario: (id) => call('GET /api/scenarios/:id', { id }),
    createScenario: (request = {}) => call('POST /api/scenarios', {}, request),
    saveScenario: (id, scenario, baseRevision) => call('PUT /api/scenarios/:id', { id }, { scenario, baseRevision }),
    deleteScenario: (id) => call('DELETE /api/scenarios/:id', { id }),
    undeleteScenario: (id) => call('POST /api/scenarios/:id/undelete', { id }),
    duplicateScenario: (id, name) => call('POST /api/scenarios/:id/duplicate', { id }, name === undefined ? {} : { name }),
    exportScenarioFile: async (id) => (await send('GET /api/scenarios/:id/file', { id }, undefined)).text(),
    scenarioFileUrl: (id) => `${baseUrl}${buildPath('GET /api/scenarios/:id/file', { id })}`,
    listSnapshots: (scenarioId) => call('GET /api/scenarios/:id/snapshots', { id: scenarioId }),
    createSnapshot: (scenarioId, label) => call('POST /api/scenarios/:id/snapshots', { id: scenarioId }, { label }),
    getSnapshot: (snapshotId) => call('GET /api/snapshots/:snapshotId', { snapshotId }),
    restoreSnapshot: (scenarioId, snapshotId, baseRevision) =>
      call('POST /api/scenarios/:id/snapshots/:snapshotId/restore', { id: scenarioId, snapshotId }, { baseRevision }),
    importScenario: (text, fileName) => {
      const request: ImportScenarioRequest = fileName === undefined ? { text } : { text, fileName };
      return call('POST /api/import', {}, request);
    },
    getSetting: (key) => call('GET /api/settings/:key', { key }),
    putSetting: (key, value) => call('PUT /api/settings/:key', { key }, { value }),
  };
}
