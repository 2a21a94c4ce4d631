import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureWindowState, DEFAULT_WINDOW_STATE, loadWindowState, MIN_WINDOW_SIZE, sanitizeWindowState } from './window-state.ts';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
// A second monitor to the right of the laptop.
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('sanitizeWindowState', () => {
  it('keeps bounds that are on a display', () => {
    expect(sanitizeWindowState({ x: 100, y: 80, width: 1400, height: 900, isMaximized: true }, [laptop])).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      isMaximized: true,
    });
    expect(sanitizeWindowState({ x: 2000, y: 100, width: 1400, height: 900, isMaximized: false }, [laptop, rightMonitor])).toMatchObject({ x: 2000, y: 100 });
  });

  it('drops the position when it is off every display (monitor unplugged), keeping the size', () => {
    const state = sanitizeWindowState({ x: 2000, y: 100, width: 1400, height: 900, isMaximized: false }, [laptop]);
    expect(state).toEqual({ width: 1400, height: 900, isMaximized: false });
  });

  it('drops a position that leaves only a sliver visible or hides the title bar', () => {
    expect(sanitizeWindowState({ x: 1900, y: 100, width: 1000, height: 700 }, [laptop])).not.toHaveProperty('x');
    expect(sanitizeWindowState({ x: 100, y: -500, width: 1000, height: 700 }, [laptop])).not.toHaveProperty('y');
    expect(sanitizeWindowState({ x: -5000, y: -5000, width: 1000, height: 700 }, [laptop, rightMonitor])).not.toHaveProperty('x');
  });

  it('clamps the size between the minimum and the largest display', () => {
    expect(sanitizeWindowState({ width: 10, height: 10 }, [laptop])).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
    expect(sanitizeWindowState({ width: 9000, height: 9000 }, [laptop])).toMatchObject({ width: 1920, height: 1050 });
    expect(sanitizeWindowState({ width: 9000, height: 9000 }, [laptop, rightMonitor])).toMatchObject({ width: 2560, height: 1400 });
  });

  it('falls back to defaults for junk', () => {
    for (const junk of [null, undefined, 'x', 42, [], { width: 'wide' }, { width: Number.NaN, height: Infinity }]) {
      const state = sanitizeWindowState(junk, [laptop]);
      expect(state.width).toBe(DEFAULT_WINDOW_STATE.width);
      expect(state.height).toBe(DEFAULT_WINDOW_STATE.height);
      expect(state.isMaximized).toBe(false);
      expect(state).not.toHaveProperty('x');
    }
    // Only a real `true` maximizes; a position needs both coordinates.
    expect(sanitizeWindowState({ isMaximized: 'yes', x: 10 }, [laptop])).toEqual({ ...DEFAULT_WINDOW_STATE });
  });

  it('never exceeds a small display, even with defaults', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 };
    expect(sanitizeWindowState(null, [small])).toMatchObject({ width: 1024, height: 700 });
  });

  it('copes with no displays at all', () => {
    expect(sanitizeWindowState({ x: 0, y: 0, width: 1000, height: 700 }, [])).toEqual({ width: 1000, height: 700, isMaximized: false });
  });
});

describe('loadWindowState / captureWindowState', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a saved file, and survives a missing or damaged one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podplan-winstate-'));
    dirs.push(dir);
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{"x": 10, "y": 20, "width": 1000, "height": 700, "isMaximized": true}');
    expect(loadWindowState(file, [laptop])).toEqual({ x: 10, y: 20, width: 1000, height: 700, isMaximized: true });
    writeFileSync(file, '{"x": 10, "y": 2');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(readdirSync(dir)).toEqual(['window-state.json']);
    expect(readFileSync(file, 'utf8')).toContain('"y": 2');
  });

  it('captures the normal bounds and treats full screen as maximized', () => {
    const win = {
      getNormalBounds: () => ({ x: 5, y: 6, width: 1100, height: 750 }),
      isMaximized: () => false,
      isFullScreen: () => true,
    };
    expect(captureWindowState(win)).toEqual({ x: 5, y: 6, width: 1100, height: 750, isMaximized: true });
  });
});
