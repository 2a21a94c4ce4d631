/**
 * The main process's wiring, with Electron replaced by a fake (its binary is
 * not installed on every machine): what starts, in which order, with which
 * settings, and what shuts down. The store, the backend and the IPC handlers
 * are the real ones.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron';
import { INVOKE_CHANNELS, MENU_COMMAND_CHANNEL } from '../preload/channels.ts';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener): this {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]): void {
      for (const l of this.listeners.get(name) ?? []) l(...args);
    }
  }
  // What happened, in order (vitest clears mock call records between tests; this log stays).
  const log: string[] = [];
  const paths: Record<string, string> = { documents: '/tmp', home: '/tmp', userData: '/nonexistent' };
  const app = Object.assign(new Emitter(), {
    setPath: (name: string, value: string) => {
      log.push(`setPath ${name} ${value}`);
      paths[name] = value;
    },
    getPath: (name: string) => paths[name] ?? '/tmp',
    enableSandbox: () => log.push('enableSandbox'),
    requestSingleInstanceLock: () => log.push('requestSingleInstanceLock') > 0,
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
    isPackaged: false,
    getVersion: () => '0.0.0-test',
    addRecentDocument: vi.fn(),
    clearRecentDocuments: vi.fn(),
  });
  class WebContents extends Emitter {
    readonly mainFrame = { url: '', parent: null, processId: 7, routingId: 1 };
    readonly send = vi.fn();
    setWindowOpenHandler = (): number => log.push('setWindowOpenHandler');
    getURL(): string {
      return this.mainFrame.url;
    }
  }
  const windows: FakeWindow[] = [];
  class FakeWindow extends Emitter {
    readonly webContents = new WebContents();
    readonly show = vi.fn();
    readonly maximize = vi.fn();
    readonly loadURL = vi.fn((url: string) => {
      log.push('loadURL');
      // Like Chromium: the token link redirects to '/'.
      this.webContents.mainFrame.url = new URL('/', url).href;
      return Promise.resolve();
    });
    readonly options: unknown;
    constructor(options: unknown) {
      super();
      this.options = options;
      log.push('new BrowserWindow');
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    isDestroyed = (): boolean => false;
    isVisible = (): boolean => this.show.mock.calls.length > 0;
    isMinimized = (): boolean => false;
    isMaximized = (): boolean => false;
    isFullScreen = (): boolean => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
    restore = vi.fn();
    focus = vi.fn();
  }
  const handlers = new Map<string, Listener>();
  const menus: unknown[] = [];
  const session = {
    setPermissionRequestHandler: () => log.push('setPermissionRequestHandler'),
    setPermissionCheckHandler: () => log.push('setPermissionCheckHandler'),
    setDevicePermissionHandler: () => log.push('setDevicePermissionHandler'),
    webRequest: { onHeadersReceived: () => log.push('onHeadersReceived') },
  };
  const module = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: (title: string, message: string) => log.push(`showErrorBox ${title}: ${message}`), showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
    ipcMain: {
      handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => menus.push(menu) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
  };
  return { module, app, windows, handlers, menus, log };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const userData = mkdtempSync(join(tmpdir(), 'podplan-main-'));

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let url: string;

beforeAll(async () => {
  process.env.PODPLAN_USER_DATA_DIR = userData;
  await import('./main.ts');
  url = await until(() => fake.windows[0]?.loadURL.mock.calls[0]?.[0], 'the window to load the backend');
});

const logged = (entry: string): number => fake.log.indexOf(entry);

afterAll(() => {
  delete process.env.PODPLAN_USER_DATA_DIR;
  rmSync(userData, { recursive: true, force: true });
});

function window() {
  const win = fake.windows[0];
  if (!win) throw new Error('no window');
  return win;
}

function lastMenu(): MenuItemConstructorOptions[] {
  return fake.menus.at(-1) as MenuItemConstructorOptions[];
}

describe('main process', () => {
  it('takes the single-instance lock and sandboxes every renderer', () => {
    // The data folder is chosen before the lock, which is scoped to it.
    expect(logged(`setPath userData ${userData}`)).toBeGreaterThanOrEqual(0);
    expect(logged('requestSingleInstanceLock')).toBeGreaterThan(logged(`setPath userData ${userData}`));
    expect(logged('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(fake.log.filter((e) => e.startsWith('showErrorBox'))).toEqual([]);
  });

  it('opens the store in userData and seeds the samples', () => {
    expect(existsSync(join(userData, 'podplan.db'))).toBe(true);
  });

  it('serves the API on loopback with a per-launch token and loads it in one secure window', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32,}$/);
    const token = new URL(url).searchParams.get('token') ?? '';
    const list = (await (await fetch(new URL('/api/scenarios', url), { headers: { Authorization: `Bearer ${token}` } })).json()) as { name: string }[];
    expect(list.map((s) => s.name).sort()).toEqual(['Centralized AI team (today)', 'Three pilot pods with an AI platform team']);
    expect((await fetch(new URL('/api/scenarios', url))).status).toBe(401);

    expect(fake.windows).toHaveLength(1);
    const options = window().options as BrowserWindowConstructorOptions;
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(isAbsolute(options.webPreferences?.preload ?? '')).toBe(true);
    expect(options.webPreferences?.preload).toMatch(/preload\.cjs$/);
    expect(options.show).toBe(false);
  });

  it('installs the security policy before the window exists', () => {
    const windowAt = logged('new BrowserWindow');
    for (const step of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', 'onHeadersReceived']) {
      expect(fake.log.filter((e) => e === step), step).toHaveLength(1);
      expect(logged(step), step).toBeLessThan(windowAt);
    }
    // Every new WebContents gets the navigation and window-open rules before it loads anything.
    expect(logged('setWindowOpenHandler')).toBeGreaterThan(windowAt);
    expect(logged('setWindowOpenHandler')).toBeLessThan(logged('loadURL'));
    expect(window().webContents.listeners.has('will-navigate')).toBe(true);
    expect(window().webContents.listeners.has('will-attach-webview')).toBe(true);
  });

  it('shows the window once it is ready', () => {
    expect(window().show).not.toHaveBeenCalled();
    window().emit('ready-to-show');
    expect(window().show).toHaveBeenCalledOnce();
  });

  it('answers IPC from the main window on the backend origin only', async () => {
    const recentFiles = fake.handlers.get(INVOKE_CHANNELS.recentFiles);
    const win = window();
    const trusted = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    await expect(Promise.resolve(recentFiles?.(trusted))).resolves.toEqual([]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const iframe = { ...win.webContents.mainFrame, parent: win.webContents.mainFrame, routingId: 2 };
    await expect(Promise.resolve(recentFiles?.({ sender: win.webContents, senderFrame: iframe }))).rejects.toThrow(/rejected/);
    await expect(Promise.resolve(recentFiles?.({ sender: {}, senderFrame: win.webContents.mainFrame }))).rejects.toThrow(/rejected/);
    warn.mockRestore();
  });

  it('sends menu commands to the page, but not to a foreign one', () => {
    const file = lastMenu().find((m) => m.label === 'File')?.submenu as MenuItemConstructorOptions[];
    const newScenario = file.find((i) => i.label === 'New Scenario');
    const click = () => newScenario?.click?.({} as unknown as MenuItem, undefined, {} as unknown as KeyboardEvent);
    click();
    expect(window().webContents.send).toHaveBeenLastCalledWith(MENU_COMMAND_CHANNEL, 'new-scenario', undefined);
    const saved = window().webContents.mainFrame.url;
    window().webContents.mainFrame.url = 'https://evil.example/';
    click();
    expect(window().webContents.send).toHaveBeenCalledOnce();
    window().webContents.mainFrame.url = saved;
  });

  it('remembers the window state when the window closes', () => {
    window().emit('close');
    expect(existsSync(join(userData, 'window-state.json'))).toBe(true);
  });

  it('closes the backend and the store before quitting', async () => {
    const preventDefault = vi.fn();
    fake.app.emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    await until(() => (fake.app.quit.mock.calls.length > 0 ? true : undefined), 'app.quit after shutdown');
    await expect(fetch(url)).rejects.toThrow();
    expect(fake.handlers.size).toBe(0);
    // The second will-quit (from app.quit) goes through.
    const again = vi.fn();
    fake.app.emit('will-quit', { preventDefault: again });
    expect(again).not.toHaveBeenCalled();
  });
});
