import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, MENU_COMMAND_CHANNEL, MENU_COMMANDS } from './channels.ts';
import { createDesktopApi, type BridgeIpc } from './desktop-bridge.ts';
import type { MenuCommand } from '../../../sim/api/desktop.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Set<Listener>();
  const ipc = {
    invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve<unknown>('answer')),
    on: vi.fn((channel: string, listener: Listener) => {
      expect(channel).toBe(MENU_COMMAND_CHANNEL);
      listeners.add(listener);
    }),
    removeListener: vi.fn((_channel: string, listener: Listener) => listeners.delete(listener)),
  };
  const emit = (...args: unknown[]): void => {
    for (const l of listeners) l({ sender: 'ipc-event-object' }, ...args);
  };
  return { ipc: ipc as BridgeIpc, raw: ipc, emit, listeners };
}

describe('createDesktopApi', () => {
  it('exposes exactly the DesktopApi methods, frozen', () => {
    const api = createDesktopApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(['onMenuCommand', 'openRecentFile', 'openScenarioFile', 'recentFiles', 'saveReportPdf', 'saveScenarioFile']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes only the allowlisted channels with the given arguments', async () => {
    const { ipc, raw } = fakeIpc();
    const api = createDesktopApi(ipc);
    await api.openScenarioFile();
    await api.openRecentFile('/a.podplan.json');
    await api.saveScenarioFile('name', '{}');
    await api.recentFiles();
    expect(raw.invoke.mock.calls).toEqual([
      [INVOKE_CHANNELS.openScenarioFile],
      [INVOKE_CHANNELS.openRecentFile, '/a.podplan.json'],
      [INVOKE_CHANNELS.saveScenarioFile, 'name', '{}'],
      [INVOKE_CHANNELS.recentFiles],
    ]);
    for (const [channel] of raw.invoke.mock.calls) expect(channel).toMatch(/^podplan:/);
  });

  it('delivers known menu commands without the IPC event, drops unknown ones, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const api = createDesktopApi(ipc);
    const got: [MenuCommand, string | undefined][] = [];
    const off = api.onMenuCommand((command, argument) => got.push([command, argument]));
    emit('undo');
    emit('open-file', '/x.podplan.json');
    emit('format-disk');
    emit('open-file', { path: '/x' });
    emit(42);
    expect(got).toEqual([
      ['undo', undefined],
      ['open-file', '/x.podplan.json'],
    ]);
    expect(listeners.size).toBe(1);
    off();
    off();
    expect(listeners.size).toBe(0);
    emit('redo');
    expect(got).toHaveLength(2);
    expect(() => api.onMenuCommand('not a function' as unknown as () => void)).toThrow(TypeError);
  });

  it('knows every menu command', () => {
    expect([...MENU_COMMANDS].sort()).toEqual(['new-scenario', 'open-file', 'redo', 'save-file-as', 'undo']);
  });
});
