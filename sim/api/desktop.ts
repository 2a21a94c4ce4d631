/**
 * What the Electron preload exposes to the renderer as `window.podplanDesktop`:
 * only what a browser cannot do (native dialogs, recent files, menu commands,
 * printing a report to a PDF file).
 * Everything else goes through the HTTP API, so the desktop app and
 * `podplan serve` run the same code. In a browser this object is absent.
 */

export interface OpenedFile {
  /** Absolute path, shown to the user and kept in recent files. */
  filePath: string;
  text: string;
}

/**
 * Commands the native menu sends to the UI. `open-file` without an argument
 * is File ▸ Open… (the UI calls `openScenarioFile`); with one, it is a path
 * chosen in File ▸ Open Recent (the UI calls `openRecentFile` with it).
 * `undo`/`redo` are the UI's scenario history, not the native text undo.
 */
export type MenuCommand = 'open-file' | 'save-file-as' | 'new-scenario' | 'undo' | 'redo';

export interface DesktopApi {
  /** Native Open dialog filtered to `.podplan.json`; null when cancelled. */
  openScenarioFile(): Promise<OpenedFile | null>;
  /** Reads one of the recent files again (it may have changed on disk). */
  openRecentFile(filePath: string): Promise<OpenedFile>;
  /** Native Save dialog; writes atomically; null when cancelled. */
  saveScenarioFile(suggestedName: string, text: string): Promise<{ filePath: string } | null>;
  recentFiles(): Promise<string[]>;
  /** Prints a report's HTML to PDF with the app's own Chromium and saves it where the native Save dialog says; null when cancelled. */
  saveReportPdf(suggestedName: string, html: string, paper: 'a4' | 'letter'): Promise<{ filePath: string } | null>;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand, argument?: string) => void): () => void;
}

/** Name of the global the preload defines. */
export const DESKTOP_API_GLOBAL = 'podplanDesktop';
