/**
 * Who may talk to the backend: a request must name an allowed Host (DNS
 * rebinding), come from our own origin when it says where it comes from
 * (CSRF), and carry the per-launch token (cookie or bearer header).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, base64url: 43 characters, safe in a cookie, a header and a URL. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,512}$/;

/** Throws when a caller-supplied token is too short or would not survive a cookie or URL unescaped. */
export function assertUsableToken(token: string): void {
  if (!TOKEN_PATTERN.test(token)) {
    throw new Error('The backend token must be 16 to 512 characters of A-Z, a-z, 0-9, "-" or "_".');
  }
}

/** Cookies are not port-scoped, so two backends on one machine each get their own cookie name. */
export function tokenCookieName(port: number): string {
  return `podplan_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Constant-time comparison; hashing first makes both sides the same length whatever was sent. */
export function tokensEqual(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** `[::1]` for IPv6 literals, the name itself otherwise; lower case. */
function hostForHeader(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare.includes(':') ? `[${bare}]` : bare;
}

/** Hosts that reach the server without a DNS lookup anyone else controls. */
export function allowedHosts(configuredHost: string, port: number): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const configured = hostForHeader(configuredHost);
  // A wildcard bind address is not a name a browser would send.
  if (configured !== '0.0.0.0' && configured !== '[::]') names.push(configured);
  return new Set(names.map((name) => `${name}:${port}`));
}

export interface RequestGuard {
  /** Host and Origin: returns why the request is refused (a 403), or null. */
  checkOrigin(req: IncomingMessage): string | null;
  /** Cookie or bearer token: a failure is a 401. */
  hasToken(req: IncomingMessage): boolean;
  isToken(value: string): boolean;
}

export function createRequestGuard(options: { host: string; port: number; token: string }): RequestGuard {
  const hosts = allowedHosts(options.host, options.port);
  const cookieName = tokenCookieName(options.port);
  const isToken = (value: string): boolean => tokensEqual(options.token, value);
  return {
    checkOrigin(req) {
      const host = req.headers.host?.toLowerCase();
      if (!host || !hosts.has(host)) {
        return `Host "${req.headers.host ?? ''}" is not allowed: Podplan only answers requests addressed to ${[...hosts].join(', ')}.`;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
        return `Cross-origin requests are not allowed (Origin "${origin}").`;
      }
      return null;
    },
    hasToken(req) {
      const given = bearer(req.headers.authorization) ?? readCookie(req.headers.cookie, cookieName);
      return given !== undefined && isToken(given);
    },
    isToken,
  };
}
