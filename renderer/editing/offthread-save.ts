/**
 * Autosaves sent from a Web Worker (save.worker.ts). A save sends only what
 * changed since the revision it is based on (sim/scenario/changes.ts: the
 * changed sections, and the team list with each untouched team by its id),
 * so the message to the worker and the request body are small; the worker
 * uses the same API client, with the page's origin and cookie, and the
 * answer is the new revision and its times. Where workers are not available,
 * or the worker fails, saves go the usual way.
 */
import type { SavedRevision } from '../../sim/api/contract.ts';
import type { ScenarioChanges } from '../../sim/scenario/index.ts';
import { errorInfo, type ErrorInfo } from '../api/errors.ts';

export type SaveChanges = (id: string, changes: ScenarioChanges, baseRevision: number) => Promise<SavedRevision>;

export interface SaveRequest {
  requestId: number;
  id: string;
  changes: ScenarioChanges;
  baseRevision: number;
}

export type SaveAnswer =
  | ({ requestId: number; ok: true } & SavedRevision)
  /** `error` is read like any thrown error (errorInfo), so a conflict keeps the stored record. */
  | { requestId: number; ok: false; error: ErrorInfo };

/** The worker's side: one save, answered with the new revision. */
export async function answerSave(save: SaveChanges, request: SaveRequest): Promise<SaveAnswer> {
  try {
    const saved = await save(request.id, request.changes, request.baseRevision);
    return { requestId: request.requestId, ok: true, revision: saved.revision, createdAt: saved.createdAt, updatedAt: saved.updatedAt };
  } catch (error) {
    return { requestId: request.requestId, ok: false, error: errorInfo(error) };
  }
}

/** The smallest part of a Worker used here. */
export interface SavePort {
  postMessage(message: SaveRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SaveAnswer>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

/**
 * Saves through `port` (the worker), falling back to `direct` when there is
 * no port or once it has failed (saves waiting on it are sent directly).
 */
export function createOffThreadSave(port: SavePort | null, direct: SaveChanges): SaveChanges {
  if (!port) return direct;
  interface Waiting {
    request: SaveRequest;
    resolve(saved: SavedRevision): void;
    reject(error: unknown): void;
  }
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let broken = false;
  port.addEventListener('message', (event) => {
    const answer = event.data;
    const entry = waiting.get(answer.requestId);
    if (!entry) return;
    waiting.delete(answer.requestId);
    if (answer.ok) entry.resolve({ revision: answer.revision, createdAt: answer.createdAt, updatedAt: answer.updatedAt });
    else entry.reject(answer.error);
  });
  port.addEventListener('error', () => {
    broken = true;
    const pending = [...waiting.values()];
    waiting.clear();
    for (const { request, resolve, reject } of pending) direct(request.id, request.changes, request.baseRevision).then(resolve, reject);
  });
  return (id, changes, baseRevision) => {
    if (broken) return direct(id, changes, baseRevision);
    const request: SaveRequest = { requestId: ++nextId, id, changes, baseRevision };
    return new Promise<SavedRevision>((resolve, reject) => {
      waiting.set(request.requestId, { request, resolve, reject });
      port.postMessage(request);
    });
  };
}
