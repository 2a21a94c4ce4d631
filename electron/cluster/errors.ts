/**
 * Every failure talking to a cluster becomes a ClusterError with a cause a
 * person can act on (DNS, refused, TLS, 401, 403, timeout, conflict, …) and
 * a message that names the server, or the verb, resource and namespace.
 * Messages never include credentials: every message is redacted when the
 * error is made, and a server's answer is summarised (status, reason, the
 * Status message), never quoted raw.
 */
import { KubeApiError, NotKubernetesJsonError } from './kube-client.ts';
import { redactSecrets } from './redact.ts';
import type { ClusterErrorCause, FieldConflict } from '../../sim/api/cluster.ts';
export type { ClusterErrorCause, FieldConflict } from '../../sim/api/cluster.ts';

export class ClusterError extends Error {
  /** What went wrong, for the UI to pick its advice (named `kind`: Error already has `cause`). */
  readonly kind: ClusterErrorCause;
  readonly status: number | undefined;
  /** For conflicts: the other field managers and the fields they own. */
  readonly conflicts: FieldConflict[];
  constructor(kind: ClusterErrorCause, message: string, options: { status?: number; conflicts?: FieldConflict[] } = {}) {
    // Servers and plugins put tokens in what they say; no ClusterError carries one.
    super(redactSecrets(message));
    this.name = 'ClusterError';
    this.kind = kind;
    this.status = options.status;
    this.conflicts = options.conflicts ?? [];
  }
}

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ message?: string; field?: string; reason?: string }> };
  /** Set by KubeClient for an answer that was not JSON: what it was, not what it said. */
  nonJson?: { contentType: string; bytes: number };
}

/** At most this much of a Status message is shown: enough for a validation error, not a dumped body. */
const MAX_STATUS_MESSAGE = 1_000;

function parseStatusBody(body: unknown): StatusBody {
  if (typeof body !== 'object' || body === null) return {};
  const status = body as StatusBody;
  const message = typeof status.message === 'string' ? status.message : undefined;
  return { ...status, ...(message === undefined ? {} : { message: message.length > MAX_STATUS_MESSAGE ? `${message.slice(0, MAX_STATUS_MESSAGE - 1)}…` : message }) };
}

/** The part of an error answer that may be shown: the Status message, else what kind of answer it was. */
function summary(status: StatusBody, httpStatus: number): string {
  if (status.message) return status.message;
  if (status.nonJson) return `HTTP ${httpStatus}, a ${status.nonJson.contentType} answer of ${status.nonJson.bytes} bytes (not a Kubernetes Status)`;
  return status.reason ? `HTTP ${httpStatus} ${status.reason}` : `HTTP ${httpStatus}`;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** Walks an error's `cause` chain for a system error code (fetch wraps them). */
function systemCode(error: unknown): string | undefined {
  for (let at: unknown = error, depth = 0; at && depth < 6; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Parses `conflict with "kubectl" using v1: .spec.hard.pods` lines of a server-side apply 409. */
export function parseConflicts(status: StatusBody): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  const texts = status.details?.causes?.map((c) => `${c.message ?? ''} ${c.field ?? ''}`) ?? [status.message ?? ''];
  for (const text of texts) {
    // Cause messages read `conflict with "kubectl"` (field separate) or `conflict with "kubectl" using v1: .spec.hard.pods`.
    for (const match of text.matchAll(/conflict with "([^"]+)"(?: using [^:\s]+)?:?\s*(\.\S+)?/g)) {
      conflicts.push({ manager: match[1]!, field: match[2] ?? '' });
    }
  }
  return conflicts;
}

/** Turns anything thrown by client-node or the network into a ClusterError. `server` names the API server for messages. */
export function toClusterError(error: unknown, server: string, doing = 'talking to the cluster'): ClusterError {
  if (error instanceof ClusterError) return error;
  if (error instanceof NotKubernetesJsonError) {
    return new ClusterError(
      'server',
      `The server at ${server} answered with something that is not Kubernetes JSON (HTTP ${error.status}, ${error.contentType}, ${error.bytes} bytes) while ${doing}. ` +
        'Check the server address in the kubeconfig: it may point at a web page or a proxy rather than a Kubernetes API server.',
      { status: error.status },
    );
  }
  if (error instanceof KubeApiError) {
    const status = parseStatusBody(error.body);
    const message = summary(status, error.status);
    switch (error.status) {
      case 401:
        return new ClusterError('unauthorized', `${server} rejected the credentials of this kubeconfig (401 Unauthorized) while ${doing}: ${message}`, { status: 401 });
      case 403:
        return new ClusterError('forbidden', `Forbidden (403) while ${doing}: ${message}`, { status: 403 });
      case 404:
        return new ClusterError('not-found', `Not found (404) while ${doing}: ${message}`, { status: 404 });
      case 409: {
        const conflicts = parseConflicts(status);
        const who = [...new Set(conflicts.map((c) => c.manager))].join(', ');
        return new ClusterError(
          'conflict',
          conflicts.length
            ? `Field conflict while ${doing}: ${conflicts.map((c) => `${c.field || 'a field'} is owned by "${c.manager}"`).join('; ')}. Re-run with force to take ownership from ${who}.`
            : `Conflict (409) while ${doing}: ${message}`,
          { status: 409, conflicts },
        );
      }
      case 422:
      case 400:
        return new ClusterError('invalid', `The API server refused the object while ${doing}: ${message}`, { status: error.status });
      default:
        return new ClusterError('server', `${server} answered ${error.status} while ${doing}: ${message}`, { status: error.status });
    }
  }
  const code = systemCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ClusterError('dns', `Cannot resolve the API server's host name (${server}): ${code}`);
  if (code === 'ECONNREFUSED') return new ClusterError('refused', `Connection refused by ${server}: is the API server running and the address right?`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return new ClusterError('network', `The connection to ${server} was cut while ${doing} (${code})`);
  if ((code && TLS_CODES.has(code)) || /certificate|self[- ]signed|SSL|TLS/i.test(detail)) {
    return new ClusterError('tls', `TLS check of ${server} failed: ${code ?? detail}. The server's certificate is not trusted by this kubeconfig's certificate-authority data.`);
  }
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return new ClusterError('timeout', `${server} did not answer in time while ${doing}`);
  return new ClusterError('network', `Could not reach ${server} while ${doing}: ${detail}`);
}

/** Rejects with a `timeout` ClusterError when the promise takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, server: string, doing: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClusterError('timeout', `${server} did not answer within ${Math.round(ms / 1000)} s while ${doing}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
