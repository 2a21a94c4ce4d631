/**
 * Serves the built UI (`dist/renderer`): strict CSP on every file, hashed
 * assets cached forever, index.html never cached, SPA fallback for client
 * routes, and no way out of the static directory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { sendHtmlMessage } from './http.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Vite names built assets `name-<hash>.ext` under `assets/`: their content never changes under that name. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function cacheControlFor(urlPath: string): string {
  if (urlPath === '/' || urlPath.endsWith('.html')) return 'no-store';
  if (HASHED_ASSET.test(urlPath)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

type Resolved = { kind: 'file'; file: string; size: number; urlPath: string } | { kind: 'missing' };

export interface StaticHandler {
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

export function createStaticHandler(staticDir: string | undefined): StaticHandler {
  const root = staticDir ? path.resolve(staticDir) : undefined;

  async function resolve(urlPath: string): Promise<Resolved> {
    if (!root) return { kind: 'missing' };
    // No dot-files, no `..`, no NUL, no encoded separators: anything odd is simply not found.
    const segments: string[] = [];
    for (const raw of urlPath.split('/')) {
      if (!raw) continue;
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        return { kind: 'missing' };
      }
      if (segment.startsWith('.') || /[\0/\\]/.test(segment)) return { kind: 'missing' };
      segments.push(segment);
    }
    const file = path.resolve(root, ...segments);
    if (file !== root && !file.startsWith(root + path.sep)) return { kind: 'missing' };
    try {
      const info = await stat(file);
      if (info.isFile()) return { kind: 'file', file, size: info.size, urlPath };
      if (info.isDirectory()) {
        const index = path.join(file, 'index.html');
        const indexInfo = await stat(index).catch(() => null);
        if (indexInfo?.isFile()) return { kind: 'file', file: index, size: indexInfo.size, urlPath: `${urlPath.replace(/\/$/, '')}/index.html` };
      }
    } catch {
      // not found
    }
    return { kind: 'missing' };
  }

  function send(req: IncomingMessage, res: ServerResponse, found: { file: string; size: number; urlPath: string }): Promise<void> {
    const ext = path.extname(found.file).toLowerCase();
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': found.size,
      'Cache-Control': cacheControlFor(found.urlPath),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    if (req.method === 'HEAD') {
      res.end();
      return Promise.resolve();
    }
    return new Promise((done) => {
      const stream = createReadStream(found.file);
      stream.on('error', () => {
        res.destroy();
        done();
      });
      res.on('close', () => {
        stream.destroy();
        done();
      });
      stream.pipe(res);
    });
  }

  return {
    async serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end('Method not allowed\n');
        return;
      }
      const found = await resolve(pathname);
      if (found.kind === 'file') return send(req, res, found);

      // A file-like path (an asset, a favicon) that does not exist is a plain 404, not the app.
      const last = pathname.split('/').pop() ?? '';
      if (pathname.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(last)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : 'Not found\n');
        return;
      }
      // Client-side routes (`/compare`, `/scenarios/…`) load the app, which routes itself.
      const index = await resolve('/index.html');
      if (index.kind === 'file') return send(req, res, { ...index, urlPath: '/index.html' });
      sendHtmlMessage(res, 500, 'The UI is not built', [
        'The UI is not built: run npm run build:renderer, then start Podplan again.',
        root ? `Podplan looked for it in ${root}.` : 'No UI directory was configured for this backend.',
      ]);
    },
  };
}
