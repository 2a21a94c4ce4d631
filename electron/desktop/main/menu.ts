/**
 * The native menu, as a pure template builder. File and Edit ▸ Undo/Redo send
 * commands to the UI (which owns scenarios and their undo history) instead of
 * acting on their own; the native webContents undo would only undo text
 * typing, not scenario edits. Open Recent sends `open-file` with the path.
 */
import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../sim/api/desktop.ts';

export interface MenuActions {
  /** Sends a command to the UI. */
  send(command: MenuCommand, argument?: string): void;
  clearRecentFiles(): void;
  showAbout(): void;
}

export interface MenuInput {
  recentFiles: readonly string[];
  isMac: boolean;
  /** Development builds get Reload and DevTools. */
  isDev: boolean;
  actions: MenuActions;
}

function recentItems(recentFiles: readonly string[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recentFiles.length === 0) return [{ label: 'No Recent Files', enabled: false }];
  // Same base name twice: show the full path so the entries can be told apart.
  const names = recentFiles.map((p) => basename(p));
  return [
    ...recentFiles.map((filePath, i): MenuItemConstructorOptions => ({
      label: names.filter((n) => n === names[i]).length > 1 ? filePath : (names[i] ?? filePath),
      toolTip: filePath,
      click: () => actions.send('open-file', filePath),
    })),
    { type: 'separator' },
    { label: 'Clear Menu', click: () => actions.clearRecentFiles() },
  ];
}

export function buildMenuTemplate({ recentFiles, isMac, isDev, actions }: MenuInput): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Scenario', accelerator: 'CmdOrCtrl+N', click: () => actions.send('new-scenario') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.send('open-file') },
      { label: 'Open Recent', submenu: recentItems(recentFiles, actions) },
      { type: 'separator' },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.send('save-file-as') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.send('undo') },
      { label: 'Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: () => actions.send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(isDev ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: 'Help',
    submenu: [{ label: 'About Podplan', click: () => actions.showAbout() }],
  };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'Podplan',
          submenu: [
            { label: 'About Podplan', click: () => actions.showAbout() },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [...appMenu, file, edit, view, ...(isMac ? [{ role: 'windowMenu' } as const] : []), help];
}
