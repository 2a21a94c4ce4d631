/**
 * Every failure talking to a cluster becomes a ClusterError with a cause a
 * person can act on (DNS, refused, TLS, 401, 403, timeout, conflict, …) and
 * a message that names the server, or the verb, resource and namespace.
 * Messages never include credentials.
 */
import { KubeApiError } from './kube-client.ts';

export type ClusterErrorCause =
  | 'kubeconfig'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'server'
  | 'network';

export class ClusterError extends Error {
  /** What went wrong, for the UI to pick its advice (named `kind`: Error already has `cause`). */
  readonly kind: ClusterErrorCause;
  readonly status: number | undefined;
  /** For conflicts: the other field managers and the fields they own. */
  readonly conflicts: FieldConflict[];
  constructor(kind: ClusterErrorCause, message: string, options: { status?: number; conflicts?: FieldConflict[] } = {}) {
    super(message);
    this.name = 'ClusterError';
    this.kind = kind;
    this.status = options.status;
    this.conflicts = options.conflicts ?? [];
  }
}

export interface FieldConflict {
  manager: string;
  field: string;
}

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ message?: string; field?: string; reason?: string }> };
}

function parseStatusBody(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body };
    }
  }
  return typeof body === 'object' && body !== null ? (body as StatusBody) : {};
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
  if (error instanceof KubeApiError) {
    const status = parseStatusBody(error.body);
    const message = status.message || `HTTP ${error.status}`;
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
