/**
 * The main window's options, as a pure function so that a unit test can hold
 * the security settings to the Electron security checklist without starting
 * Electron.
 */
import { isAbsolute } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state.ts';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** Restored (already sanitised) bounds; x/y absent = centred. */
  state: WindowState;
  /** DevTools are available in development builds only. */
  devTools: boolean;
}

export function buildWindowOptions({ preloadPath, state, devTools }: WindowOptionsInput): BrowserWindowConstructorOptions {
  if (!isAbsolute(preloadPath)) throw new Error(`The preload path must be absolute, got "${preloadPath}"`);
  const position = state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true };
  return {
    title: 'Podplan',
    width: state.width,
    height: state.height,
    ...position,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on 'ready-to-show', so the window never flashes empty.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools,
    },
  };
}
