/**
 * Which Chromium prints a report's PDF. Playwright cannot download its own
 * browser everywhere (not on our machines), so the CLI looks for one in a
 * fixed order — `--chromium PATH`, then $PODPLAN_CHROMIUM, then the browser
 * Playwright installed (if it did), then the usual system names — and when
 * none exists it says what it looked for and how to fix it.
 */
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../io.ts';

/** Executable names tried on $PATH and in the usual folders, in order. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const SYSTEM_PATHS = ['/usr/bin', '/usr/local/bin', '/snap/bin', '/opt/google/chrome'];
const MAC_APPS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Playwright keeps the Chromium it downloaded, when it did (never on our machines). */
async function playwrightChromium(): Promise<string | null> {
  try {
    const { chromium } = await import('playwright-core');
    const file = chromium.executablePath();
    return file && (await isExecutableFile(file)) ? file : null;
  } catch {
    return null;
  }
}

export interface ChromiumChoice {
  path: string;
  /** Where it came from, for messages: "--chromium", "PODPLAN_CHROMIUM", "Playwright", "system". */
  from: string;
}

export async function findChromium(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<ChromiumChoice> {
  if (flag !== undefined) {
    const file = path.resolve(cwd, flag);
    if (await isExecutableFile(file)) return { path: file, from: '--chromium' };
    throw new CliError(`--chromium ${flag}: no executable file there.`, { code: 'no-chromium' });
  }
  const fromEnv = env.PODPLAN_CHROMIUM;
  if (fromEnv) {
    if (await isExecutableFile(fromEnv)) return { path: fromEnv, from: 'PODPLAN_CHROMIUM' };
    throw new CliError(`PODPLAN_CHROMIUM=${fromEnv}: no executable file there.`, { code: 'no-chromium' });
  }
  const playwright = await playwrightChromium();
  if (playwright) return { path: playwright, from: 'Playwright' };
  const dirs = [...SYSTEM_PATHS, ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  const candidates = [...new Set(CHROMIUM_NAMES.flatMap((name) => dirs.map((dir) => path.join(dir, name))))];
  for (const file of [...candidates, ...MAC_APPS]) if (await isExecutableFile(file)) return { path: file, from: 'system' };
  throw new CliError(
    `No Chromium to print the PDF with: there is no --chromium PATH, no PODPLAN_CHROMIUM, no browser installed by Playwright, and none of ${CHROMIUM_NAMES.join(', ')} on the PATH or in ${SYSTEM_PATHS.join(', ')}. ` +
      'Install Chromium (Debian/Ubuntu: apt-get install chromium) or pass --chromium PATH; or write --format html and print it from a browser.',
    { code: 'no-chromium' },
  );
}
