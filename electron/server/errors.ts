/**
 * Every failure the backend can answer with, mapped to one `ApiErrorBody`.
 * Messages are written for the user; stack traces and internals never leave
 * the process (they go to the server log instead).
 */
import type { ApiErrorBody, ApiErrorCode, PolicyIssue, ScenarioIssue, ScenarioRecord } from '../../sim/api/contract.ts';
import { ClusterError } from '../cluster/errors.ts';
import { ScenarioValidationError } from '../../sim/scenario/index.ts';
import { dirname } from 'node:path';
import {
  AlreadyExistsError,
  DatabaseVersionError,
  DiskFullError,
  isDiskFull,
  NotFoundError,
  RevisionConflictError,
  StoredScenarioError,
} from '../../data/store/errors.ts';

/** A failure the HTTP layer itself detects (auth, routing, request shape, size). */
/**
 * An imported file is a scenario already in the workspace (same id — one's
 * own export — or same name): 409 with the stored one, so the UI can offer
 * to replace it or keep both.
 */
export class ImportConflictError extends Error {
  readonly current: ScenarioRecord;
  constructor(current: ScenarioRecord, fileName: string) {
    super(`“${current.scenario.name}” is already in your workspace (${fileName} holds it too). Replace it with the file, or keep both under distinct names; nothing was imported yet.`);
    this.name = 'ImportConflictError';
    this.current = current;
  }
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues: ScenarioIssue[] | undefined;
  readonly policyIssues: PolicyIssue[] | undefined;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    options: { issues?: ScenarioIssue[]; policyIssues?: PolicyIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.issues = options.issues;
    this.policyIssues = options.policyIssues;
    this.headers = options.headers ?? {};
  }
}

/**
 * A cluster failure's message as it may leave the backend. A kubeconfig that
 * does not parse gets a YAML error whose later lines quote the file (which
 * may hold a token or a key): only the first line, with the position, is kept.
 */
export function clusterErrorMessage(error: ClusterError): string {
  if (error.kind !== 'kubeconfig') return error.message;
  const [first = ''] = error.message.split('\n');
  return first.trim();
}

export interface ErrorResponse {
  status: number;
  body: ApiErrorBody;
  headers: Readonly<Record<string, string>>;
  /** True when the error was unexpected: log it, show the user only a generic message. */
  unexpected: boolean;
}

const VALIDATION_STATUS: Record<ScenarioValidationError['code'], number> = {
  // A file or body that is not JSON, or not a valid scenario: the request is malformed.
  'not-json': 400,
  invalid: 400,
  // Well-formed, but written by a newer Podplan: understood, cannot be processed.
  'unsupported-version': 422,
  'too-large': 413,
};

function response(status: number, code: ApiErrorCode, message: string, extra: Partial<ApiErrorBody['error']> = {}): ErrorResponse {
  return { status, body: { error: { code, message, ...extra } }, headers: {}, unexpected: false };
}

export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof HttpError) {
    const extra = { ...(error.issues ? { issues: error.issues } : {}), ...(error.policyIssues ? { policyIssues: error.policyIssues } : {}) };
    return { ...response(error.status, error.code, error.message, extra), headers: error.headers };
  }
  if (error instanceof ClusterError) {
    // The cluster failed, not Podplan and not the request: 502 (Bad Gateway), except a kubeconfig that cannot be used (the request named it).
    return response(error.kind === 'kubeconfig' ? 400 : 502, 'cluster', clusterErrorMessage(error), { clusterError: error.kind });
  }
  if (error instanceof ScenarioValidationError) {
    return response(VALIDATION_STATUS[error.code], error.code, error.message, { issues: error.issues });
  }
  if (error instanceof DiskFullError) {
    // 507 Insufficient Storage: the request was fine and nothing stored changed; it can be retried as it is.
    return response(507, 'disk-full', error.message);
  }
  if (isDiskFull(error)) {
    const file = (error as NodeJS.ErrnoException).path;
    return response(507, 'disk-full', file ? new DiskFullError(file, dirname(file)).message : 'The disk is full; nothing was lost; free space and retry.');
  }
  if (error instanceof NotFoundError) return response(404, 'not-found', error.message);
  if (error instanceof RevisionConflictError || error instanceof ImportConflictError) return response(409, 'conflict', error.message, { current: error.current });
  if (error instanceof AlreadyExistsError) return response(409, 'conflict', error.message);
  if (error instanceof StoredScenarioError || error instanceof DatabaseVersionError) {
    // Written for the user and free of internals; still worth a line in the log.
    return { ...response(500, 'internal', error.message), unexpected: true };
  }
  return {
    ...response(500, 'internal', 'Something went wrong in the Podplan backend. The details are in the backend log (the terminal running podplan serve, or the desktop app log).'),
    unexpected: true,
  };
}
