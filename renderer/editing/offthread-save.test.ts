import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioRecord } from '../../sim/api/contract.ts';
import { applyScenarioChanges, type Scenario } from '../../sim/scenario/index.ts';
import { errorInfo, isConflict } from '../api/errors.ts';
import { makeScenario } from '../../sim/scenario/testing/scenarios.ts';
import { answerSave, createOffThreadSave, type SaveAnswer, type SavePort, type SaveChanges, type SaveRequest } from './offthread-save.ts';

/** A backend with the revision rule: a save on an older revision is a conflict carrying what is stored. */
function fakeBackend(initial: Scenario) {
  let stored: ScenarioRecord = { scenario: initial, revision: 1, createdAt: 't0', updatedAt: 't1' };
  const calls: string[] = [];
  const save: SaveChanges = (_id, changes, baseRevision) => {
    const scenario = applyScenarioChanges(stored.scenario, changes).document as Scenario;
    calls.push(scenario.name);
    if (baseRevision !== stored.revision) return Promise.reject(Object.assign(new Error('changed elsewhere'), { status: 409, code: 'conflict', current: stored }));
    stored = { ...stored, scenario, revision: stored.revision + 1, updatedAt: `t${stored.revision + 1}` };
    return Promise.resolve({ revision: stored.revision, createdAt: stored.createdAt, updatedAt: stored.updatedAt });
  };
  return { save, calls, stored: () => stored };
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A message channel whose far end answers like save.worker.ts. */
function workerLike(save: SaveChanges): SavePort & { fail(): void } {
  const channel = new MessageChannel();
  channels.push(channel);
  channel.port2.addEventListener('message', (event: MessageEvent<SaveRequest>) => {
    void answerSave(save, event.data).then((answer: SaveAnswer) => channel.port2.postMessage(answer));
  });
  channel.port2.start();
  channel.port1.start();
  const errorListeners: ((event: Event) => void)[] = [];
  return {
    postMessage: (message) => channel.port1.postMessage(message),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'error') errorListeners.push(listener as (event: Event) => void);
      else channel.port1.addEventListener('message', listener as (event: MessageEvent) => void);
    },
    fail: () => {
      for (const listener of errorListeners) listener(new Event('error'));
    },
  };
}

describe('createOffThreadSave', () => {
  it('saves the changes through the worker: the answer is the new revision, the backend has the change', async () => {
    const backend = fakeBackend(makeScenario());
    const save = createOffThreadSave(workerLike(backend.save), () => Promise.reject(new Error('not the direct way')));
    const saved = await save('scn-1', { set: { name: 'Saved off thread' } }, 1);
    expect(saved).toEqual({ revision: 2, createdAt: 't0', updatedAt: 't2' });
    expect(backend.stored().scenario.name).toBe('Saved off thread');
    expect(backend.calls).toEqual(['Saved off thread']);
  });

  it('a conflict comes back as a conflict, with the record stored now', async () => {
    const backend = fakeBackend(makeScenario());
    const save = createOffThreadSave(workerLike(backend.save), backend.save);
    await save('scn-1', { set: { name: 'theirs' } }, 1);
    const failure = await save('scn-1', { set: { name: 'mine' } }, 1).then(
      () => null,
      (error: unknown) => errorInfo(error),
    );
    expect(failure && isConflict(failure)).toBe(true);
    expect(failure?.current?.scenario.name).toBe('theirs');
    expect(failure?.current?.revision).toBe(2);
  });

  it('once the worker fails, the save waiting on it and the next ones go directly', async () => {
    const backend = fakeBackend(makeScenario());
    const worker = workerLike(() => new Promise(() => {})); // never answers
    const save = createOffThreadSave(worker, backend.save);
    const waiting = save('scn-1', { set: { name: 'first' } }, 1);
    worker.fail();
    expect((await waiting).revision).toBe(2);
    expect((await save('scn-1', { set: { name: 'second' } }, 2)).revision).toBe(3);
    expect(backend.calls).toEqual(['first', 'second']);
  });

  it('without a worker, saves go directly', async () => {
    const backend = fakeBackend(makeScenario());
    const save = createOffThreadSave(null, backend.save);
    expect((await save('scn-1', {}, 1)).revision).toBe(2);
  });
});
