import { describe, expect, it, vi } from 'vitest';
import type { KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions } from './menu.ts';

function actions() {
  return {
    send: vi.fn<MenuActions['send']>(),
    clearRecentFiles: vi.fn<MenuActions['clearRecentFiles']>(),
    showAbout: vi.fn<MenuActions['showAbout']>(),
  } satisfies MenuActions;
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const sub = item?.submenu;
  if (!Array.isArray(sub)) throw new Error(`${item?.label ?? '?'} has no submenu`);
  return sub;
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item "${label}" in ${items.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  if (!item.click) throw new Error(`${item.label ?? '?'} is not clickable`);
  item.click({} as unknown as MenuItem, undefined, {} as unknown as KeyboardEvent);
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Linux/Windows, with Quit in File', () => {
    const template = buildMenuTemplate({ recentFiles: [], isMac: false, isDev: false, actions: actions() });
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = submenu(find(template, 'File'));
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual(['New Scenario', 'Open…', 'Open Recent', 'separator', 'Save As…', 'separator', 'Quit']);
    expect(file.at(-1)?.role).toBe('quit');
  });

  it('sends File commands to the UI', () => {
    const a = actions();
    const file = submenu(find(buildMenuTemplate({ recentFiles: [], isMac: false, isDev: false, actions: a }), 'File'));
    click(find(file, 'New Scenario'));
    click(find(file, 'Open…'));
    click(find(file, 'Save As…'));
    expect(a.send.mock.calls).toEqual([['new-scenario'], ['open-file'], ['save-file-as']]);
  });

  it('lists recent files; choosing one sends open-file with its path', () => {
    const a = actions();
    const recentFiles = ['/home/me/plans/q3.podplan.json', '/home/me/a/same.podplan.json', '/home/me/b/same.podplan.json'];
    const file = submenu(find(buildMenuTemplate({ recentFiles, isMac: false, isDev: false, actions: a }), 'File'));
    const recent = submenu(find(file, 'Open Recent'));
    // Unique names show the file name; clashing names show the full path.
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['q3.podplan.json', '/home/me/a/same.podplan.json', '/home/me/b/same.podplan.json', 'separator', 'Clear Menu']);
    click(find(recent, 'q3.podplan.json'));
    expect(a.send).toHaveBeenCalledWith('open-file', '/home/me/plans/q3.podplan.json');
    click(find(recent, 'Clear Menu'));
    expect(a.clearRecentFiles).toHaveBeenCalledOnce();
  });

  it('shows a disabled placeholder when there are no recent files', () => {
    const file = submenu(find(buildMenuTemplate({ recentFiles: [], isMac: false, isDev: false, actions: actions() }), 'File'));
    expect(submenu(find(file, 'Open Recent'))).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('routes Undo/Redo to the UI, not to the native undo role', () => {
    const a = actions();
    const edit = submenu(find(buildMenuTemplate({ recentFiles: [], isMac: false, isDev: false, actions: a }), 'Edit'));
    const undo = find(edit, 'Undo');
    const redo = find(edit, 'Redo');
    expect(undo.role).toBeUndefined();
    expect(redo.role).toBeUndefined();
    expect(edit.some((i) => i.role === 'undo' || i.role === 'redo')).toBe(false);
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
    click(undo);
    click(redo);
    expect(a.send.mock.calls).toEqual([['undo'], ['redo']]);
    expect(edit.map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers DevTools and Reload only in development', () => {
    const roles = (isDev: boolean): string[] =>
      submenu(find(buildMenuTemplate({ recentFiles: [], isMac: false, isDev, actions: actions() }), 'View')).flatMap((i) => (i.role ? [i.role] : []));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('has an About item in Help, and an app menu on macOS', () => {
    const a = actions();
    const help = submenu(find(buildMenuTemplate({ recentFiles: [], isMac: false, isDev: false, actions: a }), 'Help'));
    click(find(help, 'About Podplan'));
    expect(a.showAbout).toHaveBeenCalledOnce();
    const mac = buildMenuTemplate({ recentFiles: [], isMac: true, isDev: false, actions: a });
    expect(mac[0]?.label).toBe('Podplan');
    expect(submenu(mac[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(submenu(find(mac, 'File')).some((i) => i.role === 'quit')).toBe(false);
  });
});
