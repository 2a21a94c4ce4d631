import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { INVOKE_CHANNELS } from '../preload/channels.ts';
import { createDesktopHandlers, isTrustedEvent, MAX_SCENARIO_FILE_BYTES, registerDesktopIpc, type DesktopHandlerDeps, type SenderEvent } from './ipc.ts';
import { RecentFiles } from './recent-files.ts';

let dir: string;
let deps: DesktopHandlerDeps & {
  showOpenDialog: ReturnType<typeof vi.fn<(p: string) => Promise<string | null>>>;
  showSaveDialog: ReturnType<typeof vi.fn<(p: string) => Promise<string | null>>>;
  confirmOverwrite: ReturnType<typeof vi.fn<(p: string) => Promise<boolean>>>;
  addRecentDocument: ReturnType<typeof vi.fn<(p: string) => void>>;
  showSavePdfDialog: ReturnType<typeof vi.fn<(p: string) => Promise<string | null>>>;
  printReportToPdf: ReturnType<typeof vi.fn<(html: string, paper: 'a4' | 'letter') => Promise<Uint8Array>>>;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podplan-ipc-'));
  deps = {
    recent: new RecentFiles(join(dir, 'recent-files.json')),
    showOpenDialog: vi.fn<(p: string) => Promise<string | null>>(() => Promise.resolve(null)),
    showSaveDialog: vi.fn<(p: string) => Promise<string | null>>(() => Promise.resolve(null)),
    confirmOverwrite: vi.fn<(p: string) => Promise<boolean>>(() => Promise.resolve(false)),
    defaultDir: () => join(dir, 'Documents'),
    addRecentDocument: vi.fn<(p: string) => void>(),
    showSavePdfDialog: vi.fn<(p: string) => Promise<string | null>>(() => Promise.resolve(null)),
    printReportToPdf: vi.fn<(html: string, paper: 'a4' | 'letter') => Promise<Uint8Array>>(() => Promise.resolve(new TextEncoder().encode('%PDF-1.7 report'))),
  };
});
afterEach(async () => {
  await deps.recent.flushed();
  rmSync(dir, { recursive: true, force: true });
});

describe('desktop handlers', () => {
  it('opens a chosen file and remembers it', async () => {
    const handlers = createDesktopHandlers(deps);
    expect(await handlers.openScenarioFile([])).toBeNull();
    expect(deps.showOpenDialog).toHaveBeenCalledWith(join(dir, 'Documents'));

    const file = join(dir, 'q3.podplan.json');
    writeFileSync(file, '{"schemaVersion":2}');
    deps.showOpenDialog.mockResolvedValueOnce(file);
    expect(await handlers.openScenarioFile([])).toEqual({ filePath: file, text: '{"schemaVersion":2}' });
    expect(await handlers.recentFiles([])).toEqual([file]);
    expect(deps.addRecentDocument).toHaveBeenCalledWith(file);
    // The next dialog starts where the last file was.
    await handlers.openScenarioFile([]);
    expect(deps.showOpenDialog).toHaveBeenLastCalledWith(dir);
  });

  it('refuses files that are too large', async () => {
    const file = join(dir, 'huge.podplan.json');
    writeFileSync(file, Buffer.alloc(MAX_SCENARIO_FILE_BYTES + 1, 32));
    deps.showOpenDialog.mockResolvedValueOnce(file);
    await expect(createDesktopHandlers(deps).openScenarioFile([])).rejects.toThrow(/too large/);
    expect(deps.recent.list()).toEqual([]);
  });

  it('reopens only files on the recent list, and forgets ones that disappeared', async () => {
    const handlers = createDesktopHandlers(deps);
    const file = join(dir, 'a.podplan.json');
    writeFileSync(file, 'A');
    await expect(handlers.openRecentFile([file])).rejects.toThrow(/not in the recent files/);
    await deps.recent.add(file);
    expect(await handlers.openRecentFile([file])).toEqual({ filePath: file, text: 'A' });

    await expect(handlers.openRecentFile(['/etc/passwd'])).rejects.toThrow(/\.podplan\.json/);
    await expect(handlers.openRecentFile(['relative.podplan.json'])).rejects.toThrow(/absolute/);
    await expect(handlers.openRecentFile([42])).rejects.toThrow(/string/);
    await expect(handlers.openRecentFile([file, 'extra'])).rejects.toThrow(/takes 1/);

    rmSync(file);
    await expect(handlers.openRecentFile([file])).rejects.toThrow(/no longer exists/);
    expect(await handlers.recentFiles([])).toEqual([]);
  });

  it('prints a report to PDF and saves it where the dialog says, with a .pdf suffix; refuses a bad paper size', async () => {
    const handlers = createDesktopHandlers(deps);
    expect(await handlers.saveReportPdf(['Q3: plan', '<html></html>', 'a4'])).toBeNull();
    expect(deps.printReportToPdf).toHaveBeenCalledWith('<html></html>', 'a4');
    expect(deps.showSavePdfDialog).toHaveBeenCalledWith(join(dir, 'Documents', 'Q3- plan.pdf'));
    deps.showSavePdfDialog.mockResolvedValueOnce(join(dir, 'decision'));
    expect(await handlers.saveReportPdf(['x', '<html></html>', 'letter'])).toEqual({ filePath: join(dir, 'decision.pdf') });
    expect(readFileSync(join(dir, 'decision.pdf'), 'utf8')).toBe('%PDF-1.7 report');
    await expect(handlers.saveReportPdf(['x', '<html></html>', 'a3'])).rejects.toThrow(/paper/);
    await expect(handlers.saveReportPdf(['x', 42, 'a4'])).rejects.toThrow(/string/);
  });

  it('refuses a file that is not UTF-8, naming the byte, instead of reading it with replacement characters', async () => {
    const handlers = createDesktopHandlers(deps);
    const file = join(dir, 'latin1.podplan.json');
    writeFileSync(file, Buffer.from([0x7b, 0x22, 0x6e, 0xe9, 0x22, 0x7d]));
    await deps.recent.add(file);
    await expect(handlers.openRecentFile([file])).rejects.toThrow(/not UTF-8 text: byte 3/);
  });

  it('saves atomically to the chosen path, suggesting a safe name', async () => {
    const handlers = createDesktopHandlers(deps);
    expect(await handlers.saveScenarioFile(['Q3: AI/ML', '{}'])).toBeNull();
    expect(deps.showSaveDialog).toHaveBeenCalledWith(join(dir, 'Documents', 'Q3- AI-ML.podplan.json'));

    const target = join(dir, 'plan.podplan.json');
    writeFileSync(target, 'old');
    deps.showSaveDialog.mockResolvedValueOnce(target);
    expect(await handlers.saveScenarioFile(['Plan', '{"new":true}'])).toEqual({ filePath: target });
    expect(readFileSync(target, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await handlers.recentFiles([])).toEqual([target]);
    expect(deps.confirmOverwrite).not.toHaveBeenCalled();
  });

  it('adds the .podplan.json suffix and asks before replacing a file the dialog did not confirm', async () => {
    const handlers = createDesktopHandlers(deps);
    deps.showSaveDialog.mockResolvedValueOnce(join(dir, 'typed'));
    expect(await handlers.saveScenarioFile(['x', 'one'])).toEqual({ filePath: join(dir, 'typed.podplan.json') });
    expect(deps.confirmOverwrite).not.toHaveBeenCalled();

    deps.showSaveDialog.mockResolvedValueOnce(join(dir, 'typed'));
    expect(await handlers.saveScenarioFile(['x', 'two'])).toBeNull();
    expect(deps.confirmOverwrite).toHaveBeenCalledWith(join(dir, 'typed.podplan.json'));
    expect(readFileSync(join(dir, 'typed.podplan.json'), 'utf8')).toBe('one');

    deps.confirmOverwrite.mockResolvedValueOnce(true);
    deps.showSaveDialog.mockResolvedValueOnce(join(dir, 'typed.json'));
    expect(await handlers.saveScenarioFile(['x', 'three'])).toEqual({ filePath: join(dir, 'typed.podplan.json') });
    expect(readFileSync(join(dir, 'typed.podplan.json'), 'utf8')).toBe('three');
  });

  it('validates save arguments before showing any dialog', async () => {
    const handlers = createDesktopHandlers(deps);
    await expect(handlers.saveScenarioFile([1, '{}'])).rejects.toThrow(/suggestedName must be a string/);
    await expect(handlers.saveScenarioFile(['x', { text: '{}' }])).rejects.toThrow(/text must be a string/);
    await expect(handlers.saveScenarioFile(['x'])).rejects.toThrow(/text must be a string, got undefined/);
    await expect(handlers.saveScenarioFile(['x', '{}', 'extra'])).rejects.toThrow(/takes 2/);
    await expect(handlers.recentFiles(['x'])).rejects.toThrow(/takes 0/);
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
  });
});

// --- sender checks ---------------------------------------------------------

const backend = 'http://127.0.0.1:43123';

function fakeFrame(url: string, extra: Partial<{ parent: unknown; processId: number; routingId: number }> = {}): WebFrameMain {
  return { url, parent: null, processId: 1, routingId: 1, ...extra } as unknown as WebFrameMain;
}

function fakeWindow(mainFrame: WebFrameMain, destroyed = false): BrowserWindow {
  const webContents = { mainFrame } as unknown as WebContents;
  return { webContents, isDestroyed: () => destroyed } as unknown as BrowserWindow;
}

describe('isTrustedEvent', () => {
  it('trusts only the main window top frame on the backend origin', () => {
    const main = fakeFrame(`${backend}/`);
    const win = fakeWindow(main);
    const event = (senderFrame: WebFrameMain | null, sender: WebContents = win.webContents): SenderEvent => ({ sender, senderFrame });

    expect(isTrustedEvent(event(main), win, backend)).toBe(true);
    // A child frame of the same page.
    expect(isTrustedEvent(event(fakeFrame(`${backend}/`, { parent: main, routingId: 2 })), win, backend)).toBe(false);
    // The top frame after navigating elsewhere.
    const navigated = fakeFrame('https://evil.example/');
    expect(isTrustedEvent(event(navigated), fakeWindow(navigated), backend)).toBe(false);
    // Another WebContents (a second window, DevTools…).
    expect(isTrustedEvent(event(main, {} as unknown as WebContents), win, backend)).toBe(false);
    expect(isTrustedEvent(event(null), win, backend)).toBe(false);
    expect(isTrustedEvent(event(main), null, backend)).toBe(false);
    expect(isTrustedEvent(event(main), fakeWindow(main, true), backend)).toBe(false);
    // A disposed frame throws on access.
    const disposed = Object.defineProperty({}, 'url', { get: () => { throw new Error('Render frame was disposed'); } }) as WebFrameMain;
    expect(isTrustedEvent(event(disposed), fakeWindow(disposed), backend)).toBe(false);
  });
});

describe('registerDesktopIpc', () => {
  it('registers every allowlisted channel, rejects untrusted callers, and unregisters', async () => {
    const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) => registered.set(channel, listener),
      removeHandler: (channel: string) => registered.delete(channel),
    } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
    const trusted = { trusted: true } as unknown as IpcMainInvokeEvent;
    const untrusted = { trusted: false } as unknown as IpcMainInvokeEvent;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const remove = registerDesktopIpc({
      ipcMain,
      handlers: createDesktopHandlers(deps),
      isTrusted: (event) => (event as unknown as { trusted: boolean }).trusted,
    });
    expect([...registered.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());

    const recentFiles = registered.get(INVOKE_CHANNELS.recentFiles);
    await expect(recentFiles?.(trusted)).resolves.toEqual([]);
    await expect(recentFiles?.(untrusted)).rejects.toThrow(/rejected/);
    const open = registered.get(INVOKE_CHANNELS.openScenarioFile);
    await expect(open?.(untrusted)).rejects.toThrow(/rejected/);
    expect(deps.showOpenDialog).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();

    remove();
    expect(registered.size).toBe(0);
  });
});
