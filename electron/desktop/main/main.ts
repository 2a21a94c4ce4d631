/**
 * The Electron main process: app lifecycle only. It opens the store in
 * userData (samples on first start), starts the same HTTP backend that
 * `podplan serve` runs (127.0.0.1, random port, per-launch token), and loads
 * the UI from it in one locked-down window. IPC is kept for what only a
 * desktop can do: dialogs, recent files, menus, window state.
 *
 * Bundled by scripts/build-electron.mjs to dist/electron/main.cjs.
 */
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { openStoreInDir, seedSamplesOnFirstStart } from '../../../data/store/data-dir.ts';
import { seedOrganisationReadiness } from '../../../data/store/organisation.ts';
import type { ScenarioStore } from '../../../data/store/types.ts';
import { startBackend, type Backend } from '../../server/server.ts';
import { MENU_COMMAND_CHANNEL } from '../preload/channels.ts';
import type { MenuCommand } from '../../../sim/api/desktop.ts';
import { createDesktopHandlers, isTrustedEvent, registerDesktopIpc } from './ipc.ts';
import { printReportToPdf } from './report-pdf.ts';
import { buildMenuTemplate } from './menu.ts';
import { RecentFiles } from './recent-files.ts';
import { installSecurity, isAllowedNavigation } from './security.ts';
import { buildWindowOptions } from './window-options.ts';
import { loadWindowState, trackWindowState } from './window-state.ts';

/** dist/electron, where this bundle and the preload live (inside app.asar when packaged). */
const HERE = import.meta.dirname;
const PRELOAD_PATH = join(HERE, 'preload.cjs');
const RENDERER_DIR = join(HERE, '..', 'renderer');
const SCENARIO_FILTERS = [{ name: 'Podplan scenarios', extensions: ['podplan.json'] }];

// Tests (and anyone running two separate profiles) point the app at another
// data folder; this also scopes the single-instance lock to that folder.
const userDataOverride = process.env.PODPLAN_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', resolve(userDataOverride));
// Every renderer sandboxed, whatever its webPreferences say (must precede 'ready').
app.enableSandbox();

interface Running {
  store: ScenarioStore;
  backend: Backend;
  recent: RecentFiles;
  removeIpc: () => void;
}

let running: Running | null = null;
let mainWindow: BrowserWindow | null = null;
let shutdownDone = false;

function liveMainWindow(): BrowserWindow | null {
  return mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;
}

function focusMainWindow(): void {
  // macOS keeps running without windows: a second launch opens one again.
  const win = liveMainWindow() ?? (running ? createMainWindow(running.backend) : null);
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function sendMenuCommand(command: MenuCommand, argument?: string): void {
  const win = liveMainWindow();
  if (!win || !running) return;
  // Only ever to our own page (a file path is not for anyone else).
  if (!isAllowedNavigation(win.webContents.getURL(), running.backend.origin)) return;
  win.webContents.send(MENU_COMMAND_CHANNEL, command, argument);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'About Podplan',
    message: `Podplan ${app.getVersion()}`,
    detail: [
      'Plan an AI organisation with numbers: pods vs a central AI team, delivery timelines, GPU quota policy and Kueue manifests.',
      '',
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node.js ${process.versions.node}`,
      `Data folder: ${app.getPath('userData')}`,
    ].join('\n'),
    buttons: ['OK'],
  };
  const win = liveMainWindow();
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

function refreshMenu(): void {
  const recentFiles = running?.recent.list() ?? [];
  const template = buildMenuTemplate({
    recentFiles,
    isMac: process.platform === 'darwin',
    isDev: !app.isPackaged,
    actions: {
      send: sendMenuCommand,
      clearRecentFiles: () => {
        void running?.recent.clear();
        app.clearRecentDocuments();
      },
      showAbout,
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}

async function showOpenDialog(defaultPath: string): Promise<string | null> {
  const options: OpenDialogOptions = { title: 'Open Scenario', defaultPath, properties: ['openFile'], filters: SCENARIO_FILTERS };
  const win = liveMainWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function showSaveDialog(defaultPath: string): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Save Scenario As',
    defaultPath,
    filters: SCENARIO_FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const win = liveMainWindow();
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function showSavePdfDialog(defaultPath: string): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Save Report as PDF',
    defaultPath,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const win = liveMainWindow();
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function confirmOverwrite(filePath: string): Promise<boolean> {
  const options = {
    type: 'question' as const,
    title: 'Replace file?',
    message: `"${filePath}" already exists. Replace it?`,
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
  const win = liveMainWindow();
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0;
}

function createMainWindow(backend: Backend): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((display) => display.workArea));
  const win = new BrowserWindow(buildWindowOptions({ preloadPath: PRELOAD_PATH, state, devTools: !app.isPackaged }));
  mainWindow = win;
  trackWindowState(win, stateFile);
  const reveal = (): void => {
    if (win.isDestroyed() || win.isVisible()) return;
    if (state.isMaximized) win.maximize();
    win.show();
  };
  win.once('ready-to-show', reveal);
  win.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    // -3 is ERR_ABORTED: a load superseded by another one, not a failure.
    if (!isMainFrame || code === -3) return;
    reveal();
    dialog.showErrorBox('Podplan could not load its window', `The built-in server did not answer: ${description} (${code}).`);
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(backend.url).catch((error: unknown) => {
    // did-fail-load reports it to the user; an aborted load (redirect) is not an error.
    if (!String(error).includes('ERR_ABORTED')) console.error('podplan: loading the window failed', error);
  });
  return win;
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const store = openStoreInDir(userData);
  let backend: Backend;
  try {
    seedSamplesOnFirstStart(store);
    // Before the window opens a scenario: seeding may re-save scenarios that now follow the organisation.
    seedOrganisationReadiness(store);
    // Loopback only, a free port picked by the OS, a fresh random token (startBackend's default) per launch.
    backend = await startBackend({ store, host: '127.0.0.1', port: 0, staticDir: RENDERER_DIR });
  } catch (error) {
    store.close();
    throw error;
  }

  installSecurity({ app, session: session.defaultSession, shell, backendOrigin: backend.origin });

  const recent = new RecentFiles(join(userData, 'recent-files.json'), () => refreshMenu());
  const handlers = createDesktopHandlers({
    recent,
    showOpenDialog,
    showSaveDialog,
    confirmOverwrite,
    defaultDir: documentsDir,
    addRecentDocument: (filePath) => app.addRecentDocument(filePath),
    showSavePdfDialog,
    printReportToPdf,
  });
  const removeIpc = registerDesktopIpc({
    ipcMain,
    handlers,
    isTrusted: (event) => isTrustedEvent(event, liveMainWindow(), backend.origin),
  });
  running = { store, backend, recent, removeIpc };

  refreshMenu();
  createMainWindow(backend);
}

async function shutdown(): Promise<void> {
  const current = running;
  running = null;
  if (!current) return;
  current.removeIpc();
  await current.recent.flushed().catch(() => undefined);
  // Do not hang the quit on a stuck connection.
  await Promise.race([current.backend.close().catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))]);
  current.store.close();
}

function failStartup(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('podplan: startup failed', error);
  dialog.showErrorBox('Podplan could not start', message);
  shutdownDone = true;
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // Another Podplan has this data folder: it gets focus (second-instance), this one leaves.
  shutdownDone = true;
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (running && liveMainWindow() === null) createMainWindow(running.backend);
  });
  app.on('will-quit', (event) => {
    if (shutdownDone) return;
    event.preventDefault();
    void shutdown()
      .catch((error: unknown) => console.error('podplan: shutdown failed', error))
      .finally(() => {
        shutdownDone = true;
        app.quit();
      });
  });
  app.whenReady().then(start).catch(failStartup);
}
