/**
 * Turns whatever a failed call threw into something the UI can show: a
 * message, the API error code and status when there is one, field issues, and
 * for a conflict the record stored now. Reads the error structurally so that
 * it works for the API client's ApiError, a network TypeError and test fakes.
 */
import type { ApiErrorCode, ClusterErrorCause, PolicyIssue, ScenarioRecord } from '../../sim/api/contract.ts';
import type { ScenarioIssue } from '../../sim/scenario/index.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export interface ErrorInfo {
  message: string;
  code: ApiErrorCode | null;
  status: number | null;
  issues: ScenarioIssue[];
  current: ScenarioRecord | null;
  /** For `policy-invalid`: the policy's problems, each at its field. */
  policyIssues: PolicyIssue[];
  /** For `cluster`: why talking to the cluster failed (dns, refused, tls, unauthorized, forbidden, …). */
  clusterError: ClusterErrorCause | null;
}

const CLUSTER_CAUSES: ReadonlySet<string> = new Set<ClusterErrorCause>([
  'kubeconfig',
  'dns',
  'refused',
  'tls',
  'timeout',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'invalid',
  'server',
  'network',
]);

function readPolicyIssues(value: unknown): PolicyIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.message === 'string'
      ? [{ severity: item.severity === 'warning' ? ('warning' as const) : ('error' as const), path: typeof item.path === 'string' ? item.path : '', message: item.message }]
      : [],
  );
}


function readIssues(value: unknown): ScenarioIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.message === 'string'
      ? [{ path: typeof item.path === 'string' ? item.path : '', message: item.message }]
      : [],
  );
}

function readCurrent(value: unknown): ScenarioRecord | null {
  if (!isRecord(value) || !isRecord(value.scenario) || typeof value.revision !== 'number') return null;
  return value as unknown as ScenarioRecord;
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return {
      message: 'The Podplan backend cannot be reached. Is it still running?',
      code: null,
      status: null,
      issues: [],
      current: null,
      policyIssues: [],
      clusterError: null,
    };
  }
  if (isRecord(error)) {
    const message = typeof error.message === 'string' && error.message ? error.message : 'Something went wrong.';
    return {
      message,
      code: typeof error.code === 'string' ? (error.code as ApiErrorCode) : null,
      status: typeof error.status === 'number' ? error.status : null,
      issues: readIssues(error.issues),
      current: readCurrent(error.current),
      policyIssues: readPolicyIssues(error.policyIssues),
      clusterError: typeof error.clusterError === 'string' && CLUSTER_CAUSES.has(error.clusterError) ? (error.clusterError as ClusterErrorCause) : null,
    };
  }
  return { message: String(error), code: null, status: null, issues: [], current: null, policyIssues: [], clusterError: null };
}

export function isConflict(info: ErrorInfo): boolean {
  return info.code === 'conflict' || info.status === 409;
}

/** "teams[0].name: must not be empty" */
export function formatIssue(issue: ScenarioIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
