/**
 * The one API between the UI (browser or Electron window) and the backend.
 * Types only plus the route table, shared by the server (electron/server),
 * the CLI and the UI, whose client is renderer/api/client.ts.
 *
 * Every request carries the per-launch token (cookie `podplan_token_<port>`,
 * set by `GET /?token=…`, or header `Authorization: Bearer <token>`) and must
 * come with an allowed Host and, when present, a same-origin Origin.
 */
import type { CensoredTreatment, PendingTreatment, ReplayCounts, ReplayProblem, ReplayRow } from '../traces/kueue-workloads.ts';
import type { Scenario, ScenarioChanges, ScenarioIssue } from '../scenario/index.ts';
import type { ScenarioRecord, ScenarioSummary, SnapshotRecord, SnapshotSummary } from './records.ts';
import type { PolicyIssue } from '../cluster/validate.ts';
import type { ReadinessAnswers } from '../readiness/schema.ts';
import type { ApplyProgress, ApplyResult, ClusterCapabilities, ClusterErrorCause, ContextInfo, DiffResult } from './cluster.ts';

export type { Scenario, ScenarioChanges, ScenarioIssue } from '../scenario/index.ts';
export type {
  ScenarioRecord,
  ScenarioSummary,
  SnapshotReason,
  SnapshotRecord,
  SnapshotSummary,
} from './records.ts';

export type { PolicyIssue } from '../cluster/validate.ts';
export type { ReadinessAnswers } from '../readiness/schema.ts';
export type {
  ApplyProgress,
  ApplyResult,
  ApplyStatus,
  ClusterCapabilities,
  ClusterErrorCause,
  ContextInfo,
  DiffResult,
  DiffStatus,
  FieldChange,
  ObjectDiff,
  ObjectResult,
} from './cluster.ts';
export type { GpuNodeGroup } from '../cluster/import-capacity.ts';

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
  /** The scenario's quota policy has errors: manifests are not generated (issues name the fields). */
  | 'policy-invalid'
  /** Talking to the cluster failed; `clusterError` says why (dns, refused, tls, unauthorized, forbidden, …). */
  | 'cluster'
  /** The disk holding the data directory is full (507): nothing was lost; free space and retry. */
  | 'disk-full'
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
    /** For `policy-invalid`. */
    policyIssues?: PolicyIssue[];
    /** For `cluster`: the kind of failure, for the UI's advice. */
    clusterError?: ClusterErrorCause;
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

/** A save of only what changed since `baseRevision` (see sim/scenario/changes.ts). */
export interface SaveScenarioChangesRequest {
  changes: ScenarioChanges;
  baseRevision: number;
}

/** What a save answers: the client has the document; it needs the revision its next save is based on. */
export interface SavedRevision {
  revision: number;
  createdAt: string;
  updatedAt: string;
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

/**
 * What to do when the file is a scenario already in the workspace (same id,
 * or same name): 'ask' answers 409 `conflict` with the stored one as
 * `current`; 'replace' saves the file over it (the replaced version kept as
 * a snapshot); 'keep-both' (the default) imports it under a distinct name.
 */
export const IMPORT_CONFLICT_CHOICES = ['ask', 'replace', 'keep-both'] as const;
export type ImportConflictChoice = (typeof IMPORT_CONFLICT_CHOICES)[number];

export interface ImportScenarioRequest {
  /** The text of a `.podplan.json` file. */
  text: string;
  fileName?: string;
  onConflict?: ImportConflictChoice;
}

export interface ImportScenarioResponse {
  record: ScenarioRecord;
  /** Set when the file was of an older schema version and was upgraded. */
  migratedFrom: number | null;
  /** True when the file replaced the scenario already there. */
  replaced?: boolean;
}

export interface HealthResponse {
  ok: true;
  version: string;
  schemaVersion: number;
}

/**
 * Which cluster: kubeconfig files on the machine that runs the backend
 * (empty = $KUBECONFIG of the backend, else ~/.kube/config) and a context
 * (empty = the kubeconfig's current context). Paths only: credentials never
 * cross the API, and nothing of them is stored.
 */
export interface ClusterTarget {
  kubeconfigPaths?: string[];
  context?: string;
}

export interface ContextsResponse {
  kubeconfigPaths: string[];
  currentContext: string | null;
  contexts: ContextInfo[];
}

export interface ManifestObjectPreview {
  /** `Kind/namespace/name` or `Kind/name`. */
  ref: string;
  kind: string;
  name: string;
  namespace: string | null;
  yaml: string;
}

export interface ManifestsResponse {
  /** Policy problems; when any is an error, `objects` is empty and nothing can be exported or applied. */
  issues: PolicyIssue[];
  objects: ManifestObjectPreview[];
  /** The whole multi-document YAML, exactly as exported. */
  yaml: string;
}

export interface DiffRequest extends ClusterTarget {
  /** Take over objects that exist without podplan's labels (listed first in the diff). */
  adopt?: boolean;
}

export interface ApplyRequest extends ClusterTarget {
  dryRun?: boolean;
  forceConflicts?: boolean;
  adopt?: boolean;
  /**
   * Refs (as listed by the diff as `to-be-pruned`) the user confirmed for
   * deletion. All or nothing: objects are pruned only when this covers every
   * current prune candidate; otherwise nothing is pruned and the result's
   * `notPruned` lists them. A ref that is no longer a candidate (the cluster
   * changed since the diff) is refused with 400 before anything is applied.
   */
  prune?: string[];
}

/**
 * `POST …/cluster/apply` answers with `application/x-ndjson`: one
 * `{"type":"progress",…}` line per object as it is done, then one
 * `{"type":"result",…}` line (or `{"type":"error",…}` with an ApiErrorBody's error).
 */
export type ApplyStreamEvent =
  | ({ type: 'progress' } & ApplyProgress)
  | ({ type: 'result' } & ApplyStreamResult)
  | { type: 'error'; /** The HTTP status the failure would have had (502 for `cluster`). */ status: number; error: ApiErrorBody['error'] };

/**
 * The apply's result, plus what a prune left in place. Objects are pruned
 * only when `ApplyRequest.prune` confirms every current prune candidate (the
 * diff's `to-be-pruned` list): a partial confirmation prunes nothing, and
 * `notPruned` lists the candidates still on the cluster.
 */
export interface ApplyStreamResult extends ApplyResult {
  notPruned: string[];
}

export interface ImportFromClusterRequest extends ClusterTarget {
  /** Name of the new scenario; default "Imported from <context>". */
  name?: string;
}

export interface ImportFromClusterResponse {
  record: ScenarioRecord;
  notes: string[];
}

/**
 * A replay of the cluster's own Kueue Workloads (issue #15): which
 * namespaces (none = all), the `--since` window ("7d", "12h", a date), and
 * what running (censored) and never-admitted workloads become.
 */
export interface ClusterWorkloadsRequest extends ClusterTarget {
  namespaces?: string[];
  since?: string;
  censored?: CensoredTreatment;
  pending?: PendingTreatment;
}

/** Observed waits of one queue (or team); percentiles null when no workload was admitted. */
export interface ObservedWaitFigures {
  count: number;
  p50: number | null;
  p90: number | null;
  pending: number;
  unknown: number;
}

export interface ClusterWorkloadsResponse {
  context: string;
  server: string;
  /** The Workload API version read (v1beta2, else v1beta1). */
  apiVersion: string;
  namespaces: string[] | null;
  /** The read's time and the window's start, epoch seconds. */
  now: number;
  since: number | null;
  sinceText: string | null;
  censored: CensoredTreatment;
  pending: PendingTreatment;
  /** In submit order; times in epoch seconds. */
  rows: ReplayRow[];
  counts: ReplayCounts;
  problems: ReplayProblem[];
  moreProblems: number;
  /** Per "namespace/localQueue". */
  observedWaits: Record<string, ObservedWaitFigures>;
  pages: number;
}

/**
 * The organisation's readiness answers, shared by every scenario that does
 * not override them. Null until the workspace has any (seeded on start);
 * writes are last-write-wins, like settings.
 */
export interface OrganisationReadiness {
  answers: ReadinessAnswers | null;
}

/** Route table: method, path (with `:params`), request and response types. */
export interface ApiRoutes {
  'GET /api/health': { req: void; res: HealthResponse };
  'GET /api/scenarios': { req: void; res: ScenarioSummary[] };
  'POST /api/scenarios': { req: CreateScenarioRequest; res: ScenarioRecord };
  'GET /api/scenarios/:id': { req: void; res: ScenarioRecord };
  /** Replaces the document (validated once, by the store). */
  'PUT /api/scenarios/:id': { req: SaveScenarioRequest; res: SavedRevision };
  /** Applies the changes to the stored revision they are based on; only the changed teams and sections are validated again. */
  'PATCH /api/scenarios/:id': { req: SaveScenarioChangesRequest; res: SavedRevision };
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
  'GET /api/organisation/readiness': { req: void; res: OrganisationReadiness };
  /** Replaces the answers (validated; a bad one is named in `issues`). */
  'PUT /api/organisation/readiness': { req: { answers: ReadinessAnswers }; res: OrganisationReadiness };
  /** Manifests generated from the stored scenario's policy, for preview. */
  'GET /api/scenarios/:id/manifests': { req: void; res: ManifestsResponse };
  /** Download: one multi-document YAML (attachment). 422 policy-invalid while the policy has errors. */
  'GET /api/scenarios/:id/manifests.yaml': { req: void; res: string };
  /** Download: a kustomize directory (one file per object + kustomization.yaml) as a zip (attachment). */
  'GET /api/scenarios/:id/manifests.zip': { req: void; res: Uint8Array };
  /** Contexts of the kubeconfig files (query `kubeconfig` may repeat). */
  'GET /api/cluster/contexts': { req: void; res: ContextsResponse };
  'POST /api/cluster/capabilities': { req: ClusterTarget; res: ClusterCapabilities };
  'POST /api/scenarios/:id/cluster/diff': { req: DiffRequest; res: DiffResult };
  /** Streams ApplyStreamEvent lines (NDJSON). */
  'POST /api/scenarios/:id/cluster/apply': { req: ApplyRequest; res: ApplyStreamEvent[] };
  /** Reads the live policy (quotas, Kueue objects, GPU nodes) into a new scenario. */
  'POST /api/cluster/import': { req: ImportFromClusterRequest; res: ImportFromClusterResponse };
  /** Reads the cluster's Kueue Workloads (paged) as replay rows, with counts and observed waits. */
  'POST /api/cluster/workloads': { req: ClusterWorkloadsRequest; res: ClusterWorkloadsResponse };
}

export type ApiRoute = keyof ApiRoutes;

/** Largest request body the backend reads (an import of a large scenario file fits; a 60 MB file does not). */
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;
