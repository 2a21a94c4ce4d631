/**
 * The main-process side of the DesktopApi: native dialogs, file reads and
 * atomic writes, recent files. Every call is checked first: it must come from
 * the main window's top frame showing a backend page (`isTrustedSender`), and
 * its arguments must have the right types. A recent file is read only if it
 * is on the recent list, so a page cannot use this to read arbitrary files.
 *
 * Electron objects come in as arguments (types only here), so the handlers
 * are tested with fakes.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { decodeScenarioBytes, ScenarioValidationError } from '../../../sim/scenario/index.ts';
import { MAX_REQUEST_BYTES } from '../../../sim/api/contract.ts';
import { INVOKE_CHANNELS, type InvokeMethod } from '../preload/channels.ts';
import type { OpenedFile } from '../../../sim/api/desktop.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { expectArgCount, expectScenarioPath, expectString, isTrustedSender, suggestedFileName, withScenarioSuffix } from './ipc-guards.ts';
import type { RecentFiles } from './recent-files.ts';

/** Largest scenario file opened or saved: what the backend would accept as an import. */
export const MAX_SCENARIO_FILE_BYTES = MAX_REQUEST_BYTES;

export interface DesktopHandlerDeps {
  recent: RecentFiles;
  /** Native Open dialog (filtered to .podplan.json) starting in `defaultPath`; the chosen path or null. */
  showOpenDialog(defaultPath: string): Promise<string | null>;
  /** Native Save dialog; the chosen path or null. */
  showSaveDialog(defaultPath: string): Promise<string | null>;
  /** Asked when `.podplan.json` had to be appended and that file exists (the dialog confirmed another name). */
  confirmOverwrite(filePath: string): Promise<boolean>;
  /** Where dialogs start when there are no recent files (the Documents folder). */
  defaultDir(): string;
  /** The OS's own recent documents (app.addRecentDocument). */
  addRecentDocument(filePath: string): void;
  /** Native Save dialog for a PDF; the chosen path or null. */
  showSavePdfDialog(defaultPath: string): Promise<string | null>;
  /** Prints a report's HTML to PDF (`report-pdf.ts`: the app's own Chromium). */
  printReportToPdf(html: string, paper: 'a4' | 'letter'): Promise<Uint8Array>;
}

/** Largest report HTML the desktop prints: a report of four scenarios is about 100 KB. */
export const MAX_REPORT_HTML_BYTES = 1024 * 1024;

export type DesktopHandlers = Record<InvokeMethod, (args: readonly unknown[]) => Promise<unknown>>;

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function readScenarioFile(filePath: string): Promise<OpenedFile> {
  const info = await stat(filePath);
  if (!info.isFile()) throw new Error(`"${filePath}" is not a file`);
  if (info.size > MAX_SCENARIO_FILE_BYTES) {
    throw new Error(`"${filePath}" is too large to be a scenario (${(info.size / 1048576).toFixed(1)} MB; at most ${MAX_SCENARIO_FILE_BYTES / 1048576} MB)`);
  }
  // Strict UTF-8: a file with bad bytes is refused naming the byte, never read with replacement characters.
  try {
    return { filePath, text: decodeScenarioBytes(await readFile(filePath)) };
  } catch (error) {
    if (error instanceof ScenarioValidationError) throw new Error(`"${filePath}": ${error.message}`, { cause: error });
    throw error;
  }
}

export function createDesktopHandlers(deps: DesktopHandlerDeps): DesktopHandlers {
  const startDir = (): string => {
    const latest = deps.recent.list()[0];
    return latest !== undefined ? dirname(latest) : deps.defaultDir();
  };
  const remember = async (filePath: string): Promise<void> => {
    await deps.recent.add(filePath);
    deps.addRecentDocument(filePath);
  };

  return {
    async openScenarioFile(args) {
      expectArgCount(args, 0, 'openScenarioFile');
      const chosen = await deps.showOpenDialog(startDir());
      if (chosen === null) return null;
      const opened = await readScenarioFile(chosen);
      await remember(chosen);
      return opened;
    },

    async openRecentFile(args) {
      expectArgCount(args, 1, 'openRecentFile');
      const filePath = expectScenarioPath(args[0], 'filePath');
      if (!deps.recent.has(filePath)) throw new Error(`"${filePath}" is not in the recent files; open it with File ▸ Open…`);
      let opened: OpenedFile;
      try {
        opened = await readScenarioFile(filePath);
      } catch (error) {
        if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
          await deps.recent.remove(filePath);
          throw new Error(`"${filePath}" no longer exists; it was removed from the recent files`, { cause: error });
        }
        throw error;
      }
      await remember(filePath);
      return opened;
    },

    async saveScenarioFile(args) {
      expectArgCount(args, 2, 'saveScenarioFile');
      const suggestedName = expectString(args[0], 'suggestedName', 1024);
      const text = expectString(args[1], 'text', MAX_SCENARIO_FILE_BYTES);
      if (Buffer.byteLength(text, 'utf8') > MAX_SCENARIO_FILE_BYTES) throw new Error(`The scenario is too large to save (at most ${MAX_SCENARIO_FILE_BYTES / 1048576} MB)`);
      const chosen = await deps.showSaveDialog(join(startDir(), suggestedFileName(suggestedName)));
      if (chosen === null) return null;
      const target = withScenarioSuffix(chosen);
      if (target !== chosen) {
        const exists = await stat(target).then(() => true, () => false);
        if (exists && !(await deps.confirmOverwrite(target))) return null;
      }
      await writeFileAtomic(target, text);
      await remember(target);
      return { filePath: target };
    },

    async saveReportPdf(args) {
      expectArgCount(args, 3, 'saveReportPdf');
      const suggestedName = expectString(args[0], 'suggestedName', 1024);
      const html = expectString(args[1], 'html', MAX_REPORT_HTML_BYTES);
      const paper = args[2];
      if (paper !== 'a4' && paper !== 'letter') throw new Error('saveReportPdf: paper must be "a4" or "letter"');
      // Print first: a failure to print must not leave the user with a chosen but empty file.
      const pdf = await deps.printReportToPdf(html, paper);
      const stem = suggestedFileName(suggestedName).replace(/\.podplan\.json$/, '');
      const chosen = await deps.showSavePdfDialog(join(startDir(), `${stem}.pdf`));
      if (chosen === null) return null;
      const target = chosen.toLowerCase().endsWith('.pdf') ? chosen : `${chosen}.pdf`;
      await writeFileAtomic(target, pdf);
      return { filePath: target };
    },

    async recentFiles(args) {
      expectArgCount(args, 0, 'recentFiles');
      return deps.recent.list();
    },
  };
}

/** The parts of an IPC event the sender check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Whether an IPC call comes from `win`'s top frame while it shows a page of `backendOrigin`. */
export function isTrustedEvent(event: SenderEvent, win: BrowserWindow | null, backendOrigin: string): boolean {
  try {
    if (win === null || win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    if (frame === null) return false;
    const main = win.webContents.mainFrame;
    const isMainFrame = frame === main || (frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId);
    return isTrustedSender(frame.url, isMainFrame, backendOrigin);
  } catch {
    // A frame that was disposed mid-call throws on access: not trusted.
    return false;
  }
}

export interface RegisterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: DesktopHandlers;
  isTrusted(event: SenderEvent): boolean;
}

/** Registers one handler per allowlisted channel; returns a function that removes them. */
export function registerDesktopIpc({ ipcMain, handlers, isTrusted }: RegisterOptions): () => void {
  const methods = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
  for (const method of methods) {
    ipcMain.handle(INVOKE_CHANNELS[method], async (event, ...args: unknown[]) => {
      if (!isTrusted(event)) {
        console.warn(`podplan: rejected ${method} from an untrusted sender`);
        throw new Error(`${method}: rejected, the caller is not Podplan's window`);
      }
      return handlers[method](args);
    });
  }
  return () => {
    for (const method of methods) ipcMain.removeHandler(INVOKE_CHANNELS[method]);
  };
}
