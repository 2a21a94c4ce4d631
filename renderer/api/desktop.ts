/** The Electron preload API, when the UI runs in the desktop shell; null in a browser. */
import { DESKTOP_API_GLOBAL, type DesktopApi } from '../../sim/api/desktop.ts';

export function desktopApi(): DesktopApi | null {
  if (typeof window === 'undefined') return null;
  const value: unknown = Reflect.get(window, DESKTOP_API_GLOBAL);
  if (typeof value !== 'object' || value === null) return null;
  return value as DesktopApi;
}
