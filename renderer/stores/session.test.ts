/**
 * The editor ⇄ autosave wiring against a fake API with the backend's
 * revision rule: edits are saved on the right revision, a conflict keeps the
 * user's document, and "Reload theirs" leaves it one undo away.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioRecord } from '../../sim/api/contract.ts';
import { applyScenarioChanges, type Scenario } from '../../sim/scenario/index.ts';
import { setApi, type PodplanApi } from '../api/api.ts';
import { updateScenario } from '../../sim/edits/scenario.ts';
import { makeScenario } from '../../sim/scenario/testing/scenarios.ts';
import { selectDoc, useEditor } from './editor.ts';
import { useSave } from './save.ts';
import { closeScenario, discardAndClose, keepMine, openScenario, reloadTheirs } from './session.ts';

function fakeApi(initial: Scenario) {
  let stored: ScenarioRecord = { scenario: initial, revision: 1, createdAt: 't0', updatedAt: 't1' };
  const saves: number[] = [];
  const notUsed = () => Promise.reject(new Error('not used in this test'));
  const client: PodplanApi = {
    getScenario: () => Promise.resolve(stored),
    saveScenario: (_id, scenario, baseRevision) => {
      saves.push(baseRevision);
      if (baseRevision !== stored.revision) {
        return Promise.reject(Object.assign(new Error('changed elsewhere'), { status: 409, code: 'conflict', current: stored }));
      }
      stored = { ...stored, scenario, revision: stored.revision + 1, updatedAt: `t${stored.revision + 1}` };
      return Promise.resolve(stored);
    },
    // What the autosave sends: the changes since the revision it is based on.
    saveScenarioChanges: (id, changes, baseRevision) => client.saveScenario(id, applyScenarioChanges(stored.scenario, changes).document as Scenario, baseRevision),
    listScenarios: notUsed,
    createScenario: notUsed,
    deleteScenario: notUsed,
    undeleteScenario: notUsed,
    duplicateScenario: notUsed,
    exportScenarioFile: notUsed,
    listSnapshots: notUsed,
    createSnapshot: notUsed,
    getSnapshot: notUsed,
    restoreSnapshot: notUsed,
    importScenario: notUsed,
    getOrganisationReadiness: notUsed,
    putOrganisationReadiness: notUsed,
    getSetting: notUsed,
    putSetting: notUsed,
    manifests: notUsed,
    manifestsYamlUrl: () => '',
    manifestsZipUrl: () => '',
    clusterContexts: notUsed,
    clusterCapabilities: notUsed,
    diffScenario: notUsed,
    applyScenario: notUsed,
    importFromCluster: notUsed,
    clusterWorkloads: notUsed,
  };
  return {
    client,
    saves,
    get stored() {
      return stored;
    },
    theirSave(scenario: Scenario) {
      stored = { ...stored, scenario, revision: stored.revision + 1 };
    },
  };
}

const doc = () => selectDoc(useEditor.getState());
const status = () => useSave.getState().save?.status;

describe('session: editing with autosave', () => {
  let backend: ReturnType<typeof fakeApi>;

  beforeEach(async () => {
    vi.useFakeTimers();
    backend = fakeApi(makeScenario());
    setApi(backend.client);
    await openScenario('scn-1');
  });
  afterEach(() => {
    discardAndClose();
    vi.useRealTimers();
  });

  it('saves edits 400 ms after the last one, on the stored revision', async () => {
    useEditor.getState().apply((d) => updateScenario(d, { name: 'One' }), 'scenario:name');
    expect(status()).toBe('dirty');
    await vi.advanceTimersByTimeAsync(400);
    expect(status()).toBe('saved');
    expect(backend.stored.scenario.name).toBe('One');
    useEditor.getState().apply((d) => updateScenario(d, { description: 'Two' }));
    await vi.advanceTimersByTimeAsync(400);
    expect(backend.saves).toEqual([1, 2]);
    // Undo is an edit like any other and is saved too.
    useEditor.getState().undo();
    await vi.advanceTimersByTimeAsync(400);
    expect(backend.stored.scenario.description).toBe('');
  });

  it('a conflict keeps the edit; keep mine overwrites', async () => {
    backend.theirSave({ ...makeScenario(), name: 'Theirs' });
    useEditor.getState().apply((d) => updateScenario(d, { name: 'Mine' }));
    await vi.advanceTimersByTimeAsync(400);
    expect(status()).toBe('conflict');
    expect(doc()?.name).toBe('Mine');
    // Leaving is refused while the edit is not stored.
    await expect(closeScenario()).resolves.toBe(false);
    expect(doc()?.name).toBe('Mine');
    await keepMine();
    expect(status()).toBe('saved');
    expect(backend.stored.scenario.name).toBe('Mine');
    expect(backend.stored.revision).toBe(3);
  });

  it('reload theirs shows their version, and undo brings mine back (and saves it)', async () => {
    backend.theirSave({ ...makeScenario(), name: 'Theirs' });
    useEditor.getState().apply((d) => updateScenario(d, { name: 'Mine' }));
    await vi.advanceTimersByTimeAsync(400);
    reloadTheirs();
    expect(doc()?.name).toBe('Theirs');
    expect(status()).toBe('saved');
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.saves).toEqual([1]);
    useEditor.getState().undo();
    expect(doc()?.name).toBe('Mine');
    await vi.advanceTimersByTimeAsync(400);
    expect(backend.stored.scenario.name).toBe('Mine');
    expect(backend.saves).toEqual([1, 2]);
  });
});
