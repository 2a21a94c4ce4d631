import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeScenario } from '../../sim/scenario/testing/scenarios.ts';
import { addTeam, updateScenario, updateTeam } from '../../sim/edits/scenario.ts';
import { selectCanRedo, selectCanUndo, selectDoc, useEditor } from './editor.ts';

const doc = () => selectDoc(useEditor.getState());

describe('editor store: undo/redo', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    useEditor.getState().load(makeScenario());
  });
  afterEach(() => {
    useEditor.getState().close();
    vi.useRealTimers();
  });

  it('undo restores the previous document, redo re-applies it', () => {
    const original = doc();
    useEditor.getState().apply((d) => addTeam(d).scenario);
    const withTeam = doc();
    expect(withTeam?.teams).toHaveLength(2);
    useEditor.getState().undo();
    expect(doc()).toBe(original);
    expect(selectCanRedo(useEditor.getState())).toBe(true);
    useEditor.getState().redo();
    expect(doc()).toBe(withTeam);
  });

  it('a new edit clears redo', () => {
    useEditor.getState().apply((d) => updateScenario(d, { name: 'A' }));
    useEditor.getState().undo();
    useEditor.getState().apply((d) => updateScenario(d, { description: 'B' }));
    expect(selectCanRedo(useEditor.getState())).toBe(false);
    useEditor.getState().redo();
    expect(doc()?.name).toBe('Test scenario');
    expect(doc()?.description).toBe('B');
  });

  it('typing in one field is one undo step; another field or a blur starts a new one', () => {
    for (const name of ['P', 'Pa', 'Pay', 'Paym']) {
      vi.advanceTimersByTime(150);
      useEditor.getState().apply((d) => updateTeam(d, 'pod-1', { name }), 'team:pod-1:name');
    }
    expect(doc()?.teams[0]?.name).toBe('Paym');
    useEditor.getState().seal(); // blur
    vi.advanceTimersByTime(150);
    useEditor.getState().apply((d) => updateTeam(d, 'pod-1', { name: 'Payme' }), 'team:pod-1:name');
    vi.advanceTimersByTime(150);
    useEditor.getState().apply((d) => updateScenario(d, { name: 'X' }), 'scenario:name');

    useEditor.getState().undo();
    expect(doc()?.name).toBe('Test scenario');
    expect(doc()?.teams[0]?.name).toBe('Payme');
    useEditor.getState().undo();
    expect(doc()?.teams[0]?.name).toBe('Paym');
    useEditor.getState().undo();
    expect(doc()?.teams[0]?.name).toBe('Recommendations pod');
    expect(selectCanUndo(useEditor.getState())).toBe(false);
  });

  it('an edit that changes nothing records nothing', () => {
    useEditor.getState().apply((d) => d);
    expect(selectCanUndo(useEditor.getState())).toBe(false);
  });

  it('loading a scenario starts a fresh history', () => {
    useEditor.getState().apply((d) => updateScenario(d, { name: 'A' }));
    useEditor.getState().load(makeScenario({ id: 'other' }));
    expect(selectCanUndo(useEditor.getState())).toBe(false);
    expect(doc()?.id).toBe('other');
  });
});
