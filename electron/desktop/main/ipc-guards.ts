/**
 * Pure checks for the IPC handlers: who may call, and what arguments they
 * may pass. Kept free of Electron so that they are unit-tested directly.
 */
import { extname, isAbsolute } from 'node:path';

export const SCENARIO_FILE_SUFFIX = '.podplan.json';

/** Origin of a URL, or null when it is not a URL with a real (non-opaque) origin. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * An IPC call is trusted only when it comes from the main window's top frame
 * (not an iframe) and that frame shows a page of the backend's origin.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean, backendOrigin: string): boolean {
  if (!isMainFrame || typeof frameUrl !== 'string' || frameUrl.length === 0) return false;
  const expected = originOf(backendOrigin);
  const actual = originOf(frameUrl);
  return expected !== null && actual === expected;
}

export class IpcArgumentError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'IpcArgumentError';
  }
}

export function expectArgCount(args: readonly unknown[], count: number, method: string): void {
  if (args.length > count) throw new IpcArgumentError(`${method} takes ${count} argument(s), got ${args.length}`);
}

export function expectString(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string') throw new IpcArgumentError(`${name} must be a string, got ${value === null ? 'null' : typeof value}`);
  if (value.length > maxLength) throw new IpcArgumentError(`${name} is too long (${value.length} characters, at most ${maxLength})`);
  if (value.includes('\0')) throw new IpcArgumentError(`${name} must not contain NUL characters`);
  return value;
}

/** An absolute path to a `.podplan.json` file. */
export function expectScenarioPath(value: unknown, name: string): string {
  const path = expectString(value, name, 4096);
  if (!isAbsolute(path)) throw new IpcArgumentError(`${name} must be an absolute path`);
  if (!path.toLowerCase().endsWith(SCENARIO_FILE_SUFFIX)) throw new IpcArgumentError(`${name} must name a ${SCENARIO_FILE_SUFFIX} file`);
  return path;
}

/** Adds `.podplan.json` unless the name already ends with it (a bare `.json` is replaced). */
export function withScenarioSuffix(filePath: string): string {
  if (filePath.toLowerCase().endsWith(SCENARIO_FILE_SUFFIX)) return filePath;
  if (extname(filePath).toLowerCase() === '.json') return `${filePath.slice(0, -'.json'.length)}${SCENARIO_FILE_SUFFIX}`;
  return `${filePath}${SCENARIO_FILE_SUFFIX}`;
}

/**
 * A safe default file name for the Save dialog from what the UI suggests
 * (usually the scenario name): no folders, no characters that are invalid on
 * any desktop OS, not empty, not overlong, ending in `.podplan.json`.
 */
export function suggestedFileName(suggested: string): string {
  // A name, not a path: separators become dashes, so nothing can point elsewhere.
  let stem = suggested.toLowerCase().endsWith(SCENARIO_FILE_SUFFIX) ? suggested.slice(0, -SCENARIO_FILE_SUFFIX.length) : suggested;
  stem = stem
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120)
    .trim();
  return `${stem.length > 0 ? stem : 'scenario'}${SCENARIO_FILE_SUFFIX}`;
}
