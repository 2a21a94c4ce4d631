import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from './window-options.ts';
import { DEFAULT_WINDOW_STATE, MIN_WINDOW_SIZE } from './window-state.ts';

const preloadPath = join('/', 'opt', 'podplan', 'dist', 'electron', 'preload.cjs');

describe('buildWindowOptions', () => {
  const options = buildWindowOptions({ preloadPath, state: DEFAULT_WINDOW_STATE, devTools: false });
  const web = options.webPreferences ?? {};

  it('meets the Electron security checklist', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.devTools).toBe(false);
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web).not.toHaveProperty('additionalArguments');
  });

  it('uses the given absolute preload path and refuses a relative one', () => {
    expect(web.preload).toBe(preloadPath);
    expect(isAbsolute(web.preload ?? '')).toBe(true);
    expect(() => buildWindowOptions({ preloadPath: 'dist/electron/preload.cjs', state: DEFAULT_WINDOW_STATE, devTools: false })).toThrow(/absolute/);
  });

  it('has a minimum size, starts hidden until ready, and is centred without saved position', () => {
    expect(options.minWidth).toBe(MIN_WINDOW_SIZE.width);
    expect(options.minHeight).toBe(MIN_WINDOW_SIZE.height);
    expect(options.show).toBe(false);
    expect(options.center).toBe(true);
    expect(options).not.toHaveProperty('x');
  });

  it('restores saved bounds', () => {
    const restored = buildWindowOptions({ preloadPath, state: { x: 40, y: 30, width: 1400, height: 900, isMaximized: true }, devTools: true });
    expect(restored).toMatchObject({ x: 40, y: 30, width: 1400, height: 900 });
    expect(restored).not.toHaveProperty('center');
    expect(restored.webPreferences?.devTools).toBe(true);
    // Security settings do not depend on the other inputs.
    expect(restored.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });
});
