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
  ApplyProgress,
  ApplyRequest,
  ApplyStreamEvent,
  ApplyStreamResult,
  ClusterCapabilities,
  ClusterErrorCause,
  ClusterTarget,
  ContextsResponse,
  CreateScenarioRequest,
  DiffRequest,
  DiffResult,
  HealthResponse,
  ImportConflictChoice,
  ImportFromClusterRequest,
  ImportFromClusterResponse,
  ClusterWorkloadsRequest,
  ClusterWorkloadsResponse,
  ImportScenarioRequest,
  ImportScenarioResponse,
  ManifestsResponse,
  OrganisationReadiness,
  PolicyIssue,
  ReadinessAnswers,
  SavedRevision,
  Scenario,
  ScenarioChanges,
  ScenarioIssue,
  ScenarioRecord,
  ScenarioSummary,
  SnapshotRecord,
  SnapshotSummary,
} from '../../sim/api/contract.ts';

/** Any non-2xx answer, or no answer at all (`status` 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Field-level problems (`invalid`, `bad-request`); empty otherwise. */
  readonly issues: ScenarioIssue[];
  /** For `conflict`: the record as stored now. */
  readonly current: ScenarioRecord | undefined;
  /** For `policy-invalid`: the policy's problems, each with its field path; empty otherwise. */
  readonly policyIssues: PolicyIssue[];
  /** For `cluster`: why talking to the cluster failed (dns, refused, tls, unauthorized, forbidden, kubeconfig, …). */
  readonly clusterError: ClusterErrorCause | undefined;
  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    issues: ScenarioIssue[] = [],
    current?: ScenarioRecord,
    extra: { policyIssues?: PolicyIssue[]; clusterError?: ClusterErrorCause } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.current = current;
    this.policyIssues = extra.policyIssues ?? [];
    this.clusterError = extra.clusterError;
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
  saveScenario(id: string, scenario: Scenario, baseRevision: number): Promise<SavedRevision>;
  /** Sends only what changed since `baseRevision` (conflicts as for saveScenario). */
  saveScenarioChanges(id: string, changes: ScenarioChanges, baseRevision: number): Promise<SavedRevision>;
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
  importScenario(text: string, fileName?: string, onConflict?: ImportConflictChoice): Promise<ImportScenarioResponse>;
  getSetting(key: string): Promise<{ key: string; value: unknown }>;
  putSetting(key: string, value: unknown): Promise<{ key: string; value: unknown }>;
  /** The organisation's readiness answers (null until the workspace has any). */
  getOrganisationReadiness(): Promise<OrganisationReadiness>;
  /** Replaces them (last write wins); a bad answer fails with `bad-request` naming the field. */
  putOrganisationReadiness(answers: ReadinessAnswers): Promise<OrganisationReadiness>;
  /** The scenario's manifests for preview; `issues` (and no objects) while the policy has errors. */
  manifests(id: string): Promise<ManifestsResponse>;
  /** URL that downloads the multi-document YAML (`<a href download>`); 422 while the policy has errors. */
  manifestsYamlUrl(id: string): string;
  /** URL that downloads the kustomize directory as a zip. */
  manifestsZipUrl(id: string): string;
  /** Contexts of kubeconfig files on the backend's machine (absolute paths; none = $KUBECONFIG or ~/.kube/config). */
  clusterContexts(kubeconfigPaths?: string[]): Promise<ContextsResponse>;
  clusterCapabilities(target?: ClusterTarget): Promise<ClusterCapabilities>;
  diffScenario(id: string, request?: DiffRequest): Promise<DiffResult>;
  /**
   * Applies the scenario's manifests, calling `onProgress` after each object
   * as the backend streams it, and resolves with the result. Failures before
   * the stream starts and an error line during it both reject with ApiError.
   */
  applyScenario(id: string, request?: ApplyRequest, onProgress?: (progress: ApplyProgress) => void): Promise<ApplyStreamResult>;
  /** Reads the live policy into a new scenario (an 'import' snapshot; teams empty). */
  importFromCluster(request?: ImportFromClusterRequest): Promise<ImportFromClusterResponse>;
  /** Reads the cluster's Kueue Workloads as replay rows (issue #15), with counts and observed waits. */
  clusterWorkloads(request?: ClusterWorkloadsRequest): Promise<ClusterWorkloadsResponse>;
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
  'policy-invalid',
  'cluster',
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

function fromErrorBody(status: number, error: ApiErrorBody['error']): ApiError {
  const { code, message, issues, current, policyIssues, clusterError } = error;
  return new ApiError(status, code, message, issues ?? [], current, {
    ...(policyIssues ? { policyIssues } : {}),
    ...(clusterError ? { clusterError } : {}),
  });
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) return fromErrorBody(response.status, body.error);
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(response.status, codeForStatus(response.status), `The Podplan backend answered ${response.status}${reason}.`);
}

type Params = Record<string, string>;

const streamBroken = (detail: string): ApiError =>
  new ApiError(
    0,
    'internal',
    `The connection to the Podplan backend broke during the apply (${detail}). Some objects may have been applied: run the diff to see where the cluster stands.`,
  );

/**
 * Reads an apply's NDJSON stream (browser-safe: `getReader()`), passing
 * progress on, and returns the result line; an error line rejects.
 */
async function readApplyStream(response: Response, onProgress: ((progress: ApplyProgress) => void) | undefined): Promise<ApplyStreamResult> {
  if (!response.body) throw streamBroken('the answer has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let result: ApplyStreamResult | undefined;
  const handle = (line: string): void => {
    if (line.trim() === '') return;
    let event: ApplyStreamEvent;
    try {
      event = JSON.parse(line) as ApplyStreamEvent;
    } catch {
      throw streamBroken('a line of the answer is not JSON');
    }
    if (event.type === 'progress') {
      onProgress?.({ done: event.done, total: event.total, phase: event.phase, last: event.last });
    } else if (event.type === 'result') {
      const { type: _type, ...rest } = event;
      result = rest;
    } else if (event.type === 'error') {
      throw isErrorBody(event) ? fromErrorBody(event.status, event.error) : streamBroken('an error line without a message');
    }
  };
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw streamBroken(error instanceof Error ? error.message : String(error));
      }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        handle(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
      }
    }
    handle(buffer + decoder.decode());
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  if (!result) throw streamBroken('it ended before the result');
  return result;
}

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

  function url(route: ApiRoute, params: Params, query?: URLSearchParams): string {
    const search = query?.toString() ?? '';
    return `${baseUrl}${buildPath(route, params)}${search ? `?${search}` : ''}`;
  }

  async function send(route: ApiRoute, params: Params, body: unknown, extra: { query?: URLSearchParams; accept?: string } = {}): Promise<Response> {
    const method = route.slice(0, route.indexOf(' '));
    const headers: Record<string, string> = { Accept: extra.accept ?? 'application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await doFetch(url(route, params, extra.query), init);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ApiError(0, 'internal', `Could not reach the Podplan backend (${detail}). Is Podplan still running?`);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async function call<R extends ApiRoute>(route: R, params: Params = {}, body?: ApiRoutes[R]['req'], query?: URLSearchParams): Promise<ApiRoutes[R]['res']> {
    const response = await send(route, params, body, query ? { query } : {});
    return (await response.json()) as ApiRoutes[R]['res'];
  }

  return {
    health: () => call('GET /api/health'),
    listScenarios: () => call('GET /api/scenarios'),
    listDeletedScenarios: () => call('GET /api/trash'),
    getScenario: (id) => call('GET /api/scenarios/:id', { id }),
    createScenario: (request = {}) => call('POST /api/scenarios', {}, request),
    saveScenario: (id, scenario, baseRevision) => call('PUT /api/scenarios/:id', { id }, { scenario, baseRevision }),
    saveScenarioChanges: (id, changes, baseRevision) => call('PATCH /api/scenarios/:id', { id }, { changes, baseRevision }),
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
    importScenario: (text, fileName, onConflict) => {
      const request: ImportScenarioRequest = { text, ...(fileName === undefined ? {} : { fileName }), ...(onConflict === undefined ? {} : { onConflict }) };
      return call('POST /api/import', {}, request);
    },
    getSetting: (key) => call('GET /api/settings/:key', { key }),
    putSetting: (key, value) => call('PUT /api/settings/:key', { key }, { value }),
    getOrganisationReadiness: () => call('GET /api/organisation/readiness'),
    putOrganisationReadiness: (answers) => call('PUT /api/organisation/readiness', {}, { answers }),
    manifests: (id) => call('GET /api/scenarios/:id/manifests', { id }),
    manifestsYamlUrl: (id) => url('GET /api/scenarios/:id/manifests.yaml', { id }),
    manifestsZipUrl: (id) => url('GET /api/scenarios/:id/manifests.zip', { id }),
    clusterContexts: (kubeconfigPaths = []) =>
      call('GET /api/cluster/contexts', {}, undefined, new URLSearchParams(kubeconfigPaths.map((p) => ['kubeconfig', p]))),
    clusterCapabilities: (target = {}) => call('POST /api/cluster/capabilities', {}, target),
    diffScenario: (id, request = {}) => call('POST /api/scenarios/:id/cluster/diff', { id }, request),
    applyScenario: async (id, request = {}, onProgress) => {
      const response = await send('POST /api/scenarios/:id/cluster/apply', { id }, request, { accept: 'application/x-ndjson' });
      return readApplyStream(response, onProgress);
    },
    importFromCluster: (request = {}) => call('POST /api/cluster/import', {}, request),
    clusterWorkloads: (request = {}) => call('POST /api/cluster/workloads', {}, request),
  };
}
