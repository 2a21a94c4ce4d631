import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioRecord } from '../../sim/api/contract.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { makeScenario } from '../../sim/scenario/testing/scenarios.ts';
import { Autosaver, statusLabel, type AutosaveState } from './autosave.ts';

function recordOf(scenario: Scenario, revision: number): ScenarioRecord {
  return { scenario, revision, createdAt: '2025-01-01T00:00:00Z', updatedAt: `2025-01-01T00:00:0${revision % 10}Z` };
}

/** A fake backend with revision checks, like the real store. */
function fakeBackend(initial: ScenarioRecord) {
  let stored = initial;
  const calls: { scenario: Scenario; baseRevision: number }[] = [];
  let delay = 0;
  return {
    calls,
    get stored() {
      return stored;
    },
    setDelay(ms: number) {
      delay = ms;
    },
    /** Someone else saves. */
    theirSave(scenario: Scenario) {
      stored = recordOf(scenario, stored.revision + 1);
    },
    save: async (_id: string, scenario: Scenario, baseRevision: number): Promise<ScenarioRecord> => {
      calls.push({ scenario, baseRevision });
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      if (baseRevision !== stored.revision) {
        throw Object.assign(new Error('changed elsewhere'), { status: 409, code: 'conflict', current: stored });
      }
      stored = recordOf(scenario, stored.revision + 1);
      return stored;
    },
  };
}

describe('Autosaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const base = makeScenario();
    const backend = fakeBackend(recordOf(base, 1));
    const states: AutosaveState[] = [];
    const saver = new Autosaver(backend.stored, {
      save: backend.save,
      onState: (s) => states.push(s),
      delayMs: 400,
    });
    return { base, backend, saver, states };
  }

  it('debounces: rapid edits make one save, 400 ms after the last edit', async () => {
    const { base, backend, saver } = setup();
    let doc = base;
    for (let i = 0; i < 5; i++) {
      doc = { ...doc, name: `name ${i}` };
      saver.edit(doc);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saver.state.status).toBe('dirty');
    expect(statusLabel(saver.state)).toBe('Unsaved changes');
    expect(backend.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(backend.calls).toHaveLength(1);
    expect(backend.calls[0]?.scenario.name).toBe('name 4');
    expect(backend.calls[0]?.baseRevision).toBe(1);
    expect(saver.state.status).toBe('saved');
    expect(saver.state.revision).toBe(2);
  });

  it('shows Saving… while the request is in flight and carries the new revision to the next save', async () => {
    const { base, backend, saver } = setup();
    backend.setDelay(1000);
    saver.edit({ ...base, name: 'one' });
    await vi.advanceTimersByTimeAsync(400);
    expect(saver.state.status).toBe('saving');
    expect(statusLabel(saver.state)).toBe('Saving…');
    // An edit during the save waits for it, then saves on the new revision.
    saver.edit({ ...base, name: 'two' });
    expect(backend.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saver.state.revision).toBe(2);
    await vi.advanceTimersByTimeAsync(1400);
    expect(backend.calls).toHaveLength(2);
    expect(backend.calls[1]?.baseRevision).toBe(2);
    expect(backend.stored.scenario.name).toBe('two');
    expect(saver.state.status).toBe('saved');
  });

  it('going back to the saved document (undo) needs no save', async () => {
    const { base, backend, saver } = setup();
    saver.edit({ ...base, name: 'changed' });
    saver.edit(base);
    expect(saver.state.status).toBe('saved');
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.calls).toHaveLength(0);
  });

  it('flush saves immediately', async () => {
    const { base, backend, saver } = setup();
    saver.edit({ ...base, name: 'now' });
    await expect(saver.flush()).resolves.toBe(true);
    expect(backend.calls).toHaveLength(1);
    expect(saver.hasUnsavedChanges).toBe(false);
  });

  it('a conflict stops autosaving, keeps the edit, and reports theirs', async () => {
    const { base, backend, saver } = setup();
    backend.theirSave({ ...base, name: 'theirs' });
    const mine = { ...base, name: 'mine' };
    saver.edit(mine);
    await vi.advanceTimersByTimeAsync(400);
    expect(saver.state.status).toBe('conflict');
    expect(saver.state.conflict?.scenario.name).toBe('theirs');
    expect(saver.state.conflict?.revision).toBe(2);
    // Further edits are kept but not sent while the conflict is open.
    const mine2 = { ...mine, description: 'more' };
    saver.edit(mine2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(backend.calls).toHaveLength(1);
    expect(saver.hasUnsavedChanges).toBe(true);
    expect(backend.stored.scenario.name).toBe('theirs');
  });

  it('keep mine overwrites on the current revision', async () => {
    const { base, backend, saver } = setup();
    backend.theirSave({ ...base, name: 'theirs' });
    saver.edit({ ...base, name: 'mine' });
    await vi.advanceTimersByTimeAsync(400);
    expect(saver.state.status).toBe('conflict');
    await expect(saver.keepMine()).resolves.toBe(true);
    expect(backend.calls.at(-1)?.baseRevision).toBe(2);
    expect(backend.stored.scenario.name).toBe('mine');
    expect(backend.stored.revision).toBe(3);
    expect(saver.state.status).toBe('saved');
  });

  it('take theirs returns their document and resumes autosave on their revision', async () => {
    const { base, backend, saver } = setup();
    backend.theirSave({ ...base, name: 'theirs' });
    saver.edit({ ...base, name: 'mine' });
    await vi.advanceTimersByTimeAsync(400);
    const theirs = saver.takeTheirs();
    expect(theirs?.name).toBe('theirs');
    expect(saver.state).toMatchObject({ status: 'saved', revision: 2, conflict: null });
    // Editing theirs saves normally.
    if (!theirs) throw new Error('expected theirs');
    saver.edit({ ...theirs, description: 'after reload' });
    await vi.advanceTimersByTimeAsync(400);
    expect(backend.stored.scenario).toMatchObject({ name: 'theirs', description: 'after reload' });
    expect(saver.state.status).toBe('saved');
  });

  it('fetches the stored record when a conflict response does not carry it', async () => {
    const base = makeScenario();
    const theirs = recordOf({ ...base, name: 'theirs' }, 5);
    const saver = new Autosaver(recordOf(base, 1), {
      save: () => Promise.reject(Object.assign(new Error('conflict'), { status: 409 })),
      fetchCurrent: () => Promise.resolve(theirs),
    });
    saver.edit({ ...base, name: 'mine' });
    await expect(saver.flush()).resolves.toBe(false);
    expect(saver.state.conflict).toBe(theirs);
  });

  it('other errors are shown and retried on the next edit or on retry', async () => {
    const base = makeScenario();
    let fail = true;
    const save = vi.fn((_id: string, scenario: Scenario, baseRevision: number) =>
      fail ? Promise.reject(new Error('disk full')) : Promise.resolve(recordOf(scenario, baseRevision + 1)),
    );
    const saver = new Autosaver(recordOf(base, 1), { save });
    saver.edit({ ...base, name: 'x' });
    await vi.advanceTimersByTimeAsync(400);
    expect(saver.state.status).toBe('error');
    expect(statusLabel(saver.state)).toBe('Not saved: disk full');
    fail = false;
    await expect(saver.retry()).resolves.toBe(true);
    expect(saver.state.status).toBe('saved');
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('does not send a document that fails local validation', async () => {
    const base = makeScenario();
    const save = vi.fn((_id: string, scenario: Scenario) => Promise.resolve(recordOf(scenario, 2)));
    const saver = new Autosaver(recordOf(base, 1), {
      save,
      validate: (doc) => (doc.name.trim() ? [] : [{ path: 'name', message: 'must not be empty' }]),
    });
    saver.edit({ ...base, name: '' });
    await vi.advanceTimersByTimeAsync(400);
    expect(save).not.toHaveBeenCalled();
    expect(saver.state.status).toBe('error');
    expect(saver.state.error?.issues).toEqual([{ path: 'name', message: 'must not be empty' }]);
    saver.edit({ ...base, name: 'fixed' });
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.state.status).toBe('saved');
  });

  it('saves nothing while held (a drag in progress); once every hold is released, it saves after the debounce', async () => {
    const { base, backend, saver } = setup();
    saver.edit({ ...base, name: 'before the drag' });
    const releaseDrag = saver.hold();
    const releaseOther = saver.hold();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(backend.calls).toHaveLength(0);
    expect(saver.state.status).toBe('dirty');
    releaseDrag();
    releaseDrag(); // a second call of the same release changes nothing
    await vi.advanceTimersByTimeAsync(2_000);
    expect(backend.calls).toHaveLength(0);
    releaseOther();
    await vi.advanceTimersByTimeAsync(399);
    expect(backend.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(backend.calls.map((c) => c.scenario.name)).toEqual(['before the drag']);
    expect(saver.state.status).toBe('saved');
  });

  it('an edit made while held (the drop) is saved after the release; a flush does not wait for the release', async () => {
    const { base, backend, saver } = setup();
    const release = saver.hold();
    saver.edit({ ...base, name: 'dropped' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(backend.calls).toHaveLength(0);
    expect(await saver.flush()).toBe(true);
    expect(backend.calls.map((c) => c.scenario.name)).toEqual(['dropped']);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(backend.calls).toHaveLength(1);
  });

  it('dispose cancels a pending save', async () => {
    const { base, backend, saver } = setup();
    saver.edit({ ...base, name: 'x' });
    saver.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.calls).toHaveLength(0);
  });
});
