/**
 * The Podplan backend: one HTTP server on loopback that serves the typed API
 * and the built UI, for the Electron window and `podplan serve` alike.
 * Every request (static files included) must name an allowed Host, come from
 * our own origin when it carries an Origin, and carry the per-launch token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_REQUEST_BYTES } from '../../sim/api/contract.ts';
import type { ScenarioStore } from '../../data/store/types.ts';
import { assertUsableToken, createRequestGuard, generateToken, tokenCookie, type RequestGuard } from './auth.ts';
import { HttpError, toErrorResponse } from './errors.ts';
import { drainRequest, readJsonBody, sendError, sendHtmlMessage, sendJson, setBaseHeaders } from './http.ts';
import { createRouter, NdjsonResponse, RawResponse } from './router.ts';
import { apiRoutes } from './routes/index.ts';
import { createStaticHandler } from './static.ts';

export interface BackendOptions {
  store: ScenarioStore;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  /** The built UI (`dist/renderer`); without it `/` explains how to build it. */
  staticDir?: string;
  /** Where unexpected errors are reported (with their stack); default stderr. */
  log?: (message: string, error?: unknown) => void;
  /** A request (headers and body) must arrive within this; default `REQUEST_TIMEOUT_MS`. */
  requestTimeoutMs?: number;
}

/**
 * How long a client may take to send one request. Node's default (300 s)
 * lets a slow body hold a connection for five minutes; the largest scenario
 * (20 MB) arrives over loopback in well under a second.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface Backend {
  /** `http://127.0.0.1:PORT/?token=…`: opening it signs the browser in. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Stops accepting connections and ends open ones; the store stays open (it belongs to the caller). */
  close(): Promise<void>;
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`[podplan backend] ${message}`, error ?? '');
}

/** The host as it appears in a URL; wildcard binds are reached through loopback. */
function urlHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === '0.0.0.0') return '127.0.0.1';
  if (bare === '::') return '[::1]';
  return bare.includes(':') ? `[${bare}]` : bare;
}

/** How much of an unwanted request body (too large, unauthorised) is read and dropped before answering. */
const DRAIN_LIMITS = { maxBytes: 4 * MAX_REQUEST_BYTES, maxMs: 10_000 };

const wantsJson = (pathname: string): boolean => pathname === '/api' || pathname.startsWith('/api/');

export async function startBackend(options: BackendOptions): Promise<Backend> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? generateToken();
  assertUsableToken(token);
  const log = options.log ?? defaultLog;
  const router = createRouter(apiRoutes);
  const staticFiles = createStaticHandler(options.staticDir);
  const { store } = options;
  // Known once the server listens (the port may be picked by the OS).
  const listening: { guard?: RequestGuard; port: number } = { port: 0 };

  async function fail(req: IncomingMessage, res: ServerResponse, pathname: string, error: unknown): Promise<void> {
    const answer = toErrorResponse(error);
    if (answer.unexpected) log(`${req.method ?? '?'} ${pathname} failed`, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (!req.complete && !(await drainRequest(req, DRAIN_LIMITS))) res.setHeader('Connection', 'close');
    if (res.destroyed) return;
    if (wantsJson(pathname)) {
      sendError(res, answer.status, answer.body, answer.headers);
    } else if (answer.status === 401) {
      sendHtmlMessage(res, 401, 'Open Podplan from its link', [
        'This page needs the access link that Podplan printed when it started.',
        'Open the URL that `podplan serve` printed (it ends in `?token=…`), or start Podplan again to get a new one.',
      ], answer.headers);
    } else {
      sendHtmlMessage(res, answer.status, answer.status === 403 ? 'Forbidden' : 'Podplan could not answer', [answer.body.error.message], answer.headers);
    }
  }

  /**
   * Streams NDJSON: headers now, then each event as its own line, flushed as
   * written. A failure after the headers becomes a last `{"type":"error"}`
   * line (the status is already sent); a client that went away stops the
   * writing, not the work.
   */
  async function streamNdjson(req: IncomingMessage, res: ServerResponse, pathname: string, stream: NdjsonResponse<unknown>): Promise<void> {
    res.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    // Writing to a socket the client closed must not crash or log: the lines are just dropped.
    res.on('error', () => undefined);
    const write = (event: unknown): void => {
      if (res.destroyed || res.writableEnded) return;
      res.write(`${JSON.stringify(event)}\n`);
    };
    try {
      await stream.produce(write);
    } catch (error) {
      const answer = toErrorResponse(error);
      if (answer.unexpected) log(`${req.method ?? '?'} ${pathname} failed while streaming`, error);
      write({ type: 'error', status: answer.status, error: answer.body.error });
    }
    if (!res.destroyed && !res.writableEnded) res.end();
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> {
    const match = router.match(req.method ?? 'GET', pathname);
    if (match.kind === 'not-found') throw new HttpError(404, 'not-found', `There is no API route ${req.method ?? ''} ${pathname}.`);
    if (match.kind === 'method-not-allowed') {
      throw new HttpError(405, 'bad-request', `${req.method ?? ''} is not supported on ${pathname} (use ${match.allow.join(' or ')}).`, {
        headers: { Allow: match.allow.join(', ') },
      });
    }
    const body = router.takesBody(match.route) ? await readJsonBody(req, MAX_REQUEST_BYTES) : undefined;
    const { status, result } = await router.run(match.route, match.params, body, store, query);
    if (result instanceof RawResponse) {
      const length = typeof result.body === 'string' ? Buffer.byteLength(result.body) : result.body.byteLength;
      res.writeHead(result.status, { ...result.headers, 'Content-Length': length });
      res.end(result.body);
      return;
    }
    if (result instanceof NdjsonResponse) return streamNdjson(req, res, pathname, result);
    sendJson(res, status, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setBaseHeaders(res);
    const rawUrl = req.url ?? '/';
    // Only origin-form targets (`/path?query`); absolute-form would let a client pick another authority.
    if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) {
      throw new HttpError(400, 'bad-request', 'The request target must be a path starting with "/".');
    }
    const url = new URL(rawUrl, 'http://podplan.invalid');
    // `/\\host` parses as an authority in WHATWG URLs: refuse anything that did not stay a path.
    if (url.host !== 'podplan.invalid') throw new HttpError(400, 'bad-request', 'The request target must be a path starting with "/".');
    const pathname = url.pathname;
    const { guard, port } = listening;
    if (!guard) throw new HttpError(503, 'internal', 'Podplan is still starting.');

    const refused = guard.checkOrigin(req);
    if (refused) throw new HttpError(403, 'forbidden', refused);

    const method = req.method ?? 'GET';
    const linkToken = url.searchParams.get('token');
    if (linkToken !== null && !wantsJson(pathname) && (method === 'GET' || method === 'HEAD')) {
      if (!guard.isToken(linkToken)) throw new HttpError(401, 'unauthorized', 'The access link is not valid (Podplan gets a new one every time it starts).');
      // Trade the token in the address bar for a cookie, then drop it from the URL (and history).
      url.searchParams.delete('token');
      res.writeHead(302, {
        // One leading slash: `//host` would be a redirect to another site.
        Location: `/${pathname.replace(/^\/+/, '')}${url.search}`,
        'Set-Cookie': tokenCookie(port, linkToken),
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (!guard.hasToken(req)) {
      throw new HttpError(401, 'unauthorized', 'Missing or wrong access token: open the URL that Podplan printed, or send "Authorization: Bearer <token>".');
    }
    if (wantsJson(pathname)) return handleApi(req, res, pathname, url.searchParams);
    return staticFiles.serve(req, res, pathname);
  }

  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = createServer(
    // Node checks the timeouts every connectionsCheckingInterval (default 30 s): check often enough to keep them.
    { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.max(100, Math.min(5_000, requestTimeout / 4)) },
    (req, res) => {
    handle(req, res).catch((error: unknown) => {
      let pathname = '/';
      try {
        pathname = new URL(req.url ?? '/', 'http://podplan.invalid').pathname;
      } catch {
        // keep '/'
      }
      fail(req, res, pathname, error).catch((failure: unknown) => {
        log('could not send an error response', failure);
        res.destroy();
      });
    });
    },
  );
  server.on('clientError', (error: Error & { code?: string }, socket) => {
    // A request that did not arrive within the timeout is the client's slowness, not a malformed request.
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port ?? 0, host);
  });
  const { port } = server.address() as AddressInfo;
  listening.port = port;
  listening.guard = createRequestGuard({ host, port, token });

  const origin = `http://${urlHost(host)}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Requests still in flight get a moment to finish, then their connections are cut.
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      });
      return closing;
    },
  };
}
