/**
 * Autosaves sent from a Web Worker (save.worker.ts). Sending a 5,000-position
 * scenario from the page costs ~20 ms of its main thread (the JSON text and
 * the request body copied to the network), and reading the answer, which
 * holds the whole scenario again, ~10 ms more; handing the document to a
 * worker costs ~2 ms. The worker uses the same API client, with the page's
 * origin and cookie; only the answer's revision and times come back. Where
 * workers are not available, or the worker fails, saves go the usual way.
 */
import type { ScenarioRecord } from '../../sim/api/contract.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { errorInfo, type ErrorInfo } from '../api/errors.ts';

export type SaveScenario = (id: string, scenario: Scenario, baseRevision: number) => Promise<ScenarioRecord>;

export interface SaveRequest {
  requestId: number;
  id: string;
  scenario: Scenario;
  baseRevision: number;
}

export type SaveAnswer =
  | { requestId: number; ok: true; revision: number; createdAt: string; updatedAt: string }
  /** `error` is read like any thrown error (errorInfo), so a conflict keeps the stored record. */
  | { requestId: number; ok: false; error: ErrorInfo };

/** The worker's side: one save, answered without the scenario (the page has it). */
export async function answerSave(save: SaveScenario, request: SaveRequest): Promise<SaveAnswer> {
  try {
    const record = await save(request.id, request.scenario, request.baseRevision);
    return { requestId: request.requestId, ok: true, revision: record.revision, createdAt: record.createdAt, updatedAt: record.updatedAt };
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
export function createOffThreadSave(port: SavePort | null, direct: SaveScenario): SaveScenario {
  if (!port) return direct;
  interface Waiting {
    request: SaveRequest;
    resolve(record: ScenarioRecord): void;
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
    if (answer.ok) entry.resolve({ scenario: entry.request.scenario, revision: answer.revision, createdAt: answer.createdAt, updatedAt: answer.updatedAt });
    else entry.reject(answer.error);
  });
  port.addEventListener('error', () => {
    broken = true;
    const pending = [...waiting.values()];
    waiting.clear();
    for (const { request, resolve, reject } of pending) direct(request.id, request.scenario, request.baseRevision).then(resolve, reject);
  });
  return (id, scenario, baseRevision) => {
    if (broken) return direct(id, scenario, baseRevision);
    const request: SaveRequest = { requestId: ++nextId, id, scenario, baseRevision };
    return new Promise<ScenarioRecord>((resolve, reject) => {
      waiting.set(request.requestId, { request, resolve, reject });
      port.postMessage(request);
    });
  };
}
