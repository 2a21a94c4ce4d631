import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReadinessAnswers } from '../../sim/readiness/schema.ts';
import { setApi, type PodplanApi } from '../api/api.ts';
import { followOrganisation, overrideReadiness } from '../../sim/edits/readiness.ts';
import { makeScenario } from '../../sim/scenario/testing/scenarios.ts';
import { selectDoc, useEditor } from './editor.ts';
import { selectOrganisationAnswers, useOrganisation } from './organisation.ts';
import { redoNextEdit, undoLastEdit } from './undo.ts';

const company: ReadinessAnswers = { ownerCandidates: 3, optimizingFor: 'velocity', notes: '' };

/** A backend that keeps the organisation's answers; every other call is not used here. */
function fakeBackend(initial: ReadinessAnswers | null) {
  let stored = initial;
  const puts: ReadinessAnswers[] = [];
  let failNext = false;
  const notUsed = () => Promise.reject(new Error('not used in this test'));
  const client = {
    getOrganisationReadiness: () => Promise.resolve({ answers: stored }),
    putOrganisationReadiness: (answers: ReadinessAnswers) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(Object.assign(new Error('The Podplan backend answered 500.'), { status: 500, code: 'internal' }));
      }
      puts.push(answers);
      stored = answers;
      return Promise.resolve({ answers });
    },
  };
  const api = new Proxy(client, { get: (target, key) => (key in target ? target[key as keyof typeof target] : notUsed) }) as unknown as PodplanApi;
  return {
    api,
    puts,
    get stored() {
      return stored;
    },
    failNextSave() {
      failNext = true;
    },
  };
}

const answers = () => selectOrganisationAnswers(useOrganisation.getState());
const doc = () => selectDoc(useEditor.getState())!;
const settle = () => vi.waitFor(() => expect(useOrganisation.getState().save).not.toBe('saving'));

let backend: ReturnType<typeof fakeBackend>;
beforeEach(async () => {
  backend = fakeBackend(company);
  setApi(backend.api);
  useOrganisation.setState({ status: 'idle', history: null, save: 'saved', saveError: null, loadError: null });
  useEditor.getState().load(makeScenario());
  await useOrganisation.getState().load();
});
afterEach(() => useEditor.getState().close());

describe('the organisation’s readiness answers in the UI', () => {
  it('load once, and each edit is saved, the latest last', async () => {
    expect(useOrganisation.getState().status).toBe('ready');
    expect(answers()).toEqual(company);
    useOrganisation.getState().edit({ ownerCandidates: 4 });
    useOrganisation.getState().edit({ bottleneck: 'data' });
    await settle();
    expect(backend.stored).toEqual({ ...company, ownerCandidates: 4, bottleneck: 'data' });
    expect(backend.puts.at(-1)).toEqual(backend.stored);
  });

  it('a failed save is shown and can be tried again; nothing the user answered is lost', async () => {
    backend.failNextSave();
    useOrganisation.getState().edit({ ownerCandidates: 0 });
    await settle();
    expect(useOrganisation.getState().save).toBe('error');
    expect(answers()?.ownerCandidates).toBe(0);
    useOrganisation.getState().retrySave();
    await settle();
    expect(backend.stored?.ownerCandidates).toBe(0);
  });

  it('a reload does not overwrite an edit made while it was on its way', async () => {
    const reload = useOrganisation.getState().load();
    useOrganisation.getState().edit({ ownerCandidates: 7 });
    await reload;
    expect(answers()?.ownerCandidates).toBe(7);
  });
});

describe('one undo over the scenario’s and the organisation’s edits', () => {
  it('takes edits back in the order they were made, and redoes them in that order', async () => {
    const apply = useEditor.getState().apply;
    apply((d) => ({ ...d, name: 'Renamed' })); // scenario edit 1
    useOrganisation.getState().edit({ ownerCandidates: 5 }); // organisation edit
    apply((d) => overrideReadiness(d, answers())); // scenario edit 2: override, starting from the organisation's answers
    expect(doc().readiness).toMatchObject({ ownerCandidates: 5, scope: 'scenario' });

    undoLastEdit();
    expect(doc().readiness.scope).toBe('organisation');
    expect(answers()?.ownerCandidates).toBe(5);
    undoLastEdit();
    expect(answers()?.ownerCandidates).toBe(3);
    expect(doc().name).toBe('Renamed');
    undoLastEdit();
    expect(doc().name).toBe('Test scenario');

    redoNextEdit();
    expect(doc().name).toBe('Renamed');
    expect(answers()?.ownerCandidates).toBe(3);
    redoNextEdit();
    expect(answers()?.ownerCandidates).toBe(5);
    redoNextEdit();
    expect(doc().readiness.scope).toBe('scenario');
    await settle();
    expect(backend.stored?.ownerCandidates).toBe(5);
  });

  it('switching back to the organisation’s answers is one scenario edit that undo takes back', () => {
    useEditor.getState().apply((d) => overrideReadiness(d, answers()));
    useEditor.getState().apply((d) => ({ ...d, readiness: { ...d.readiness, ownerCandidates: 1 } }));
    useEditor.getState().apply(followOrganisation);
    undoLastEdit();
    expect(doc().readiness).toMatchObject({ ownerCandidates: 1, scope: 'scenario' });
  });
});
