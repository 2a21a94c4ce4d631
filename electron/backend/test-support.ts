/**
 * Helpers for the backend and CLI tests: a real SQLite store in a temp
 * directory, a real server on 127.0.0.1, and raw HTTP requests for the
 * cases `fetch` will not send (a forged Host header, a streamed body).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStoreInDir } from '../../data/store/data-dir.ts';
import type { ScenarioStore } from '../../data/store/types.ts';
import { createApiClient, type ApiClient } from '../api/client.ts';
import { startBackend, type Backend, type BackendOptions } from './server.ts';

export function makeTempDir(prefix = 'podplan-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestBackend {
  backend: Backend;
  store: ScenarioStore;
  /** Authenticated with the bearer token. */
  client: ApiClient;
  dataDir: string;
  /** Unexpected errors the server logged. */
  logged: unknown[];
  stop(): Promise<void>;
}

export async function startTestBackend(options: Omit<BackendOptions, 'store'> = {}): Promise<TestBackend> {
  const temp = makeTempDir();
  const store = openStoreInDir(temp.dir);
  const logged: unknown[] = [];
  const backend = await startBackend({ log: (_message, error) => logged.push(error), ...options, store });
  return {
    backend,
    store,
    client: createApiClient({ baseUrl: backend.origin, token: backend.token }),
    dataDir: temp.dir,
    logged,
    async stop() {
      await backend.close();
      store.close();
      temp.remove();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request exactly as given: any Host, any headers, a body sent in
 * one piece or streamed as `chunks` (chunked encoding, no Content-Length).
 */
export function rawRequest(options: {
  port: number;
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  chunks?: AsyncIterable<Buffer> | Iterable<Buffer>;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${options.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // The server may answer and hang up before a large body is fully sent; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.chunks) {
      void (async () => {
        try {
          for await (const chunk of options.chunks ?? []) {
            if (req.destroyed) return;
            if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          }
          req.end();
        } catch {
          // the server hung up: the response (or error) above decides
        }
      })();
    } else {
      req.end(options.body);
    }
  });
}
