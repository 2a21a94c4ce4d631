/**
 * Typed route matching against the contract's `ApiRoutes`: the route table
 * must have one handler per contract route (the compiler checks), every
 * handler returns exactly the contract's response type, and path parameters
 * are typed from the route's pattern.
 */
import type { z } from 'zod';
import type { ApiRoute, ApiRoutes } from '../../sim/api/contract.ts';
import type { ScenarioStore } from '../../data/store/types.ts';
import { HttpError } from './errors.ts';
import { formatIssuePath } from '../../sim/scenario/index.ts';

type PathOf<R extends string> = R extends `${string} ${infer P}` ? P : never;

/** `{ id: string; snapshotId: string }` from `/api/scenarios/:id/snapshots/:snapshotId/restore`. */
export type PathParams<P extends string> = P extends `${string}:${infer Param}/${infer Rest}`
  ? { [K in Param]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Param}`
    ? { [K in Param]: string }
    : Record<never, string>;

export type RouteParams<R extends ApiRoute> = PathParams<PathOf<R>>;

export interface RouteContext<R extends ApiRoute> {
  params: RouteParams<R>;
  /** The parsed JSON body (`undefined` when empty); validate it with `parseBody`. */
  body: unknown;
  /** The query string (`?kubeconfig=a&kubeconfig=b`). */
  query: URLSearchParams;
  store: ScenarioStore;
}

/** A response that is not JSON (a file download). */
export class RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
  constructor(body: string | Uint8Array, headers: Record<string, string>, status = 200) {
    this.body = body;
    this.headers = headers;
    this.status = status;
  }
}

/**
 * A streamed answer in NDJSON (one JSON document per line, flushed as it is
 * written) for long operations. Checks that can fail with a proper status
 * belong in the handler, before it returns this: once `produce` runs the
 * 200 and its headers are on the wire, and a failure can only become a
 * last `{"type":"error","status":…,"error":{…}}` line.
 */
export class NdjsonResponse<E> {
  readonly produce: (send: (event: E) => void) => Promise<void>;
  constructor(produce: (send: (event: E) => void) => Promise<void>) {
    this.produce = produce;
  }
}

/** The events of a streaming route: its contract response is the list of lines. */
type StreamEvent<R extends ApiRoute> = ApiRoutes[R]['res'] extends ReadonlyArray<infer E> ? E : never;

export type RouteResult<R extends ApiRoute> = ApiRoutes[R]['res'] | RawResponse | NdjsonResponse<StreamEvent<R>>;

export interface RouteDefinition<R extends ApiRoute> {
  /** Success status; 200 unless the route creates something. */
  status?: 200 | 201;
  handle(context: RouteContext<R>): RouteResult<R> | Promise<RouteResult<R>>;
}

export type RouteTable = { [R in ApiRoute]: RouteDefinition<R> };

/** Validates a request body (or part of one), naming every bad field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  const summary = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  throw new HttpError(400, 'bad-request', `Invalid request: ${summary}`, { issues });
}

interface CompiledRoute {
  route: ApiRoute;
  method: string;
  segments: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: ApiRoute; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export interface Router {
  match(method: string, pathname: string): RouteMatch;
  /** Runs a matched route's handler; the caller catches errors. */
  run(
    route: ApiRoute,
    params: Record<string, string>,
    body: unknown,
    store: ScenarioStore,
    query?: URLSearchParams,
  ): Promise<{ status: number; result: unknown }>;
  /** Whether a matched route reads a request body (POST and PUT). */
  takesBody(route: ApiRoute): boolean;
}

export function createRouter(table: RouteTable): Router {
  const compiled: CompiledRoute[] = (Object.keys(table) as ApiRoute[]).map((route) => {
    const [method = '', path = ''] = route.split(' ');
    return { route, method, segments: path.split('/').slice(1) };
  });

  const matchPath = (segments: string[], pathname: string): Record<string, string> | null => {
    const parts = pathname.split('/').slice(1);
    if (parts.length !== segments.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const pattern = segments[i] ?? '';
      const part = parts[i] ?? '';
      if (pattern.startsWith(':')) {
        if (part === '') return null;
        let value: string;
        try {
          value = decodeURIComponent(part);
        } catch {
          throw new HttpError(400, 'bad-request', `The path segment "${part}" is not valid URL encoding.`);
        }
        params[pattern.slice(1)] = value;
      } else if (pattern !== part) {
        return null;
      }
    }
    return params;
  };

  return {
    match(method, pathname) {
      const allow: string[] = [];
      for (const route of compiled) {
        const params = matchPath(route.segments, pathname);
        if (!params) continue;
        if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
          return { kind: 'found', route: route.route, params };
        }
        allow.push(route.method);
      }
      return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
    },
    async run(route, params, body, store, query = new URLSearchParams()) {
      // The table is keyed by route, so the definition matches the params the pattern produced.
      const definition = table[route] as RouteDefinition<ApiRoute>;
      const result: unknown = await definition.handle({ params: params as RouteParams<ApiRoute>, body, query, store });
      return { status: definition.status ?? 200, result };
    },
    takesBody(route) {
      return route.startsWith('POST ') || route.startsWith('PUT ') || route.startsWith('PATCH ');
    },
  };
}
