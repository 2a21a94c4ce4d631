/**
 * Window bounds and maximized state, remembered across launches in a JSON
 * file in userData (written atomically). Saved bounds that no longer land on
 * any display (a monitor was unplugged) keep their size but lose their
 * position, so the window opens centred instead of off-screen.
 */
import { readFileSync } from 'node:fs';
import type { BrowserWindow, Rectangle } from 'electron';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-write.ts';

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** A saved window must overlap a display's work area by at least this much (each way) to keep its position. */
export const MIN_VISIBLE_PX = 64;

export interface WindowState {
  /** Position is absent when it should be centred. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { ...DEFAULT_WINDOW_SIZE, isMaximized: false };

const MAX_DIMENSION = 100_000;

function finiteInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_DIMENSION ? Math.round(value) : undefined;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Turns whatever was read from disk into usable window state for the given
 * display work areas: bad or missing values fall back to defaults, the size
 * is at least the minimum and at most the largest display, and a position
 * that is off every display is dropped.
 */
export function sanitizeWindowState(raw: unknown, workAreas: readonly Rectangle[]): WindowState {
  const record: Record<string, unknown> = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  // No display information (should not happen): no upper bound beyond sanity.
  const maxWidth = workAreas.length > 0 ? Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((a) => a.width)) : MAX_DIMENSION;
  const maxHeight = workAreas.length > 0 ? Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((a) => a.height)) : MAX_DIMENSION;
  const clamp = (value: number | undefined, min: number, max: number, fallback: number): number =>
    value === undefined ? Math.min(fallback, max) : Math.min(Math.max(value, min), max);

  const width = clamp(finiteInt(record.width), MIN_WINDOW_SIZE.width, maxWidth, DEFAULT_WINDOW_SIZE.width);
  const height = clamp(finiteInt(record.height), MIN_WINDOW_SIZE.height, maxHeight, DEFAULT_WINDOW_SIZE.height);
  const state: WindowState = { width, height, isMaximized: record.isMaximized === true };

  const x = finiteInt(record.x);
  const y = finiteInt(record.y);
  if (x !== undefined && y !== undefined) {
    const bounds = { x, y, width, height };
    const visible = workAreas.some((area) => {
      const o = overlap(bounds, area);
      return o.width >= MIN_VISIBLE_PX && o.height >= MIN_VISIBLE_PX;
    });
    // The title bar must be reachable too: the top edge inside some display vertically.
    const titleBarReachable = workAreas.some((area) => y >= area.y && y < area.y + area.height && x + width > area.x && x < area.x + area.width);
    if (visible && titleBarReachable) {
      state.x = x;
      state.y = y;
    }
  }
  return state;
}

export function loadWindowState(file: string, workAreas: readonly Rectangle[]): WindowState {
  let raw: unknown = null;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // Missing or damaged: defaults.
  }
  return sanitizeWindowState(raw, workAreas);
}

function serialize(state: WindowState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** What to remember about a window now: its normal (unmaximized) bounds and whether it is maximized. */
export function captureWindowState(win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'isFullScreen'>): WindowState {
  const bounds = win.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, isMaximized: win.isMaximized() || win.isFullScreen() };
}

/**
 * Saves the window's state while it moves or resizes (debounced) and once
 * more, synchronously, when it closes.
 */
export function trackWindowState(win: BrowserWindow, file: string, debounceMs = 500): void {
  let timer: NodeJS.Timeout | undefined;
  let lastWritten = '';
  const saveSoon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (win.isDestroyed()) return;
      const text = serialize(captureWindowState(win));
      if (text === lastWritten) return;
      lastWritten = text;
      writeFileAtomic(file, text).catch((error: unknown) => console.warn(`podplan: could not save the window state: ${String(error)}`));
    }, debounceMs);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('enter-full-screen', saveSoon);
  win.on('leave-full-screen', saveSoon);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    try {
      writeFileAtomicSync(file, serialize(captureWindowState(win)));
    } catch (error) {
      console.warn(`podplan: could not save the window state: ${String(error)}`);
    }
  });
}
