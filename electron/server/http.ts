/**
 * Low-level request and response helpers: a size-limited JSON body reader
 * and the headers every response carries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody } from '../../sim/api/contract.ts';
import { HttpError } from './errors.ts';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

export function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'too-large',
    `The request body is larger than the ${formatBytes(limit)} limit. Nothing was changed; a Podplan scenario is far smaller than that.`,
  );
}

/**
 * Reads a JSON body of at most `limit` bytes. Refuses up front when
 * Content-Length is too large and stops reading as soon as a streamed body
 * passes the limit, so an oversized body is never held in memory.
 * Returns `undefined` for an empty body.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
  const type = req.headers['content-type'];
  // Also a CSRF guard: an HTML form cannot send application/json.
  const notJson = (): HttpError =>
    new HttpError(415, 'bad-request', `Send the request body as JSON with "Content-Type: application/json" (got "${type ?? 'none'}").`);
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) throw notJson();

  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  if (size === 0) return undefined;
  if (type === undefined) throw notJson();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw new HttpError(400, 'not-json', 'The request body is not valid UTF-8 text.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, 'not-json', `The request body is not valid JSON: ${detail}`);
  }
}

/**
 * Before an early answer (413, 401, …) to a request whose body was not read:
 * read the rest of the body and throw it away (never holding it). Answering
 * first would make Node close the socket with unread data in it, which resets
 * the connection and can lose the answer before the client reads it. Gives
 * up after `maxBytes` or `maxMs` (an endless upload): resolves false, and the
 * caller answers with `Connection: close`.
 */
export function drainRequest(req: IncomingMessage, limits: { maxBytes: number; maxMs: number }): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = (drained: boolean): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      if (!drained) req.pause();
      resolve(drained);
    };
    const onData = (chunk: Buffer): void => {
      discarded += chunk.length;
      if (discarded > limits.maxBytes) finish(false);
    };
    const onEnd = (): void => finish(true);
    const onClose = (): void => finish(req.complete);
    const timer = setTimeout(() => finish(false), limits.maxMs);
    req.removeAllListeners('data');
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.once('error', onClose);
    req.resume();
  });
}

/** Headers on every response, API and static alike. */
export function setBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, body: ApiErrorBody, headers: Readonly<Record<string, string>> = {}): void {
  sendJson(res, status, body, headers);
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A small self-contained HTML page (no scripts, no external resources) for errors a person sees in the browser. */
export function sendHtmlMessage(
  res: ServerResponse,
  status: number,
  title: string,
  paragraphs: string[],
  headers: Readonly<Record<string, string>> = {},
): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f2f2f2;padding:0 .25em}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`).join('\n')}
</body></html>
`;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  });
  res.end(html);
}
