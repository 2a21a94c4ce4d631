/**
 * The desktop shell end to end: the real Electron binary runs the built main
 * bundle (`electron .` → dist/electron/main.cjs), which starts the backend
 * and loads the UI from it. Where the Electron binary is not installed
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on our CI machines) the spec says so
 * and skips; the shell's logic is unit-tested in electron/main either way.
 *
 * Needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { DesktopApi } from '../../sim/api/desktop.ts';

const SKIP_MESSAGE = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); skipping the desktop-shell spec';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLE_NAMES = ['Centralized AI team (today)', 'Three pilot pods with an AI platform team'];

/**
 * The path `require('electron')` would return, if that file exists; null
 * otherwise. Worked out without requiring the package: its index.js starts a
 * download when the binary is missing, and a test must never download.
 */
function electronBinary(): string | null {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative ?? 'electron') : relative ? path.join(packageDir, 'dist', relative) : undefined;
  return candidate !== undefined && existsSync(candidate) ? candidate : null;
}

function launchArgs(): string[] {
  // `electron .`: package.json "main" → dist/electron/main.cjs. (Playwright adds --no-sandbox on Linux itself.)
  const args = [repoRoot];
  // No display server: Chromium's headless Ozone platform.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) args.push('--ozone-platform=headless');
  return args;
}

test('desktop shell: a locked-down window on the backend, showing the samples', async () => {
  const executablePath = electronBinary();
  if (executablePath === null) {
    console.log(SKIP_MESSAGE);
    test.skip(true, SKIP_MESSAGE);
    return;
  }
  expect(existsSync(path.join(repoRoot, 'dist', 'electron', 'main.cjs')), 'dist/electron/main.cjs is missing: run `npm run build` first').toBe(true);

  const userData = mkdtempSync(path.join(tmpdir(), 'podplan-electron-e2e-'));
  const app = await electron.launch({
    executablePath,
    args: launchArgs(),
    cwd: repoRoot,
    env: { ...process.env, PODPLAN_USER_DATA_DIR: userData },
    timeout: 30_000,
  });
  try {
    const page = await app.firstWindow();

    await test.step('loads the UI from the loopback backend, the token traded for a cookie', async () => {
      await page.waitForURL((url) => url.hostname === '127.0.0.1' && !url.searchParams.has('token'));
      for (const name of SAMPLE_NAMES) await expect(page.getByText(name).first()).toBeVisible();
    });

    await test.step('the page has no Node and only the desktop bridge', async () => {
      const facts = await page.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>;
        const desktop = g.podplanDesktop as Record<string, unknown> | undefined;
        return {
          require: typeof g.require,
          process: typeof g.process,
          module: typeof g.module,
          Buffer: typeof g.Buffer,
          ipcRenderer: typeof g.ipcRenderer,
          electron: typeof g.electron,
          desktopKeys: desktop ? Object.keys(desktop).sort() : null,
          desktopTypes: desktop ? Object.values(desktop).map((v) => typeof v) : null,
        };
      });
      expect(facts).toEqual({
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
        Buffer: 'undefined',
        ipcRenderer: 'undefined',
        electron: 'undefined',
        desktopKeys: ['onMenuCommand', 'openRecentFile', 'openScenarioFile', 'recentFiles', 'saveScenarioFile'],
        desktopTypes: ['function', 'function', 'function', 'function', 'function'],
      });
      const recent = await page.evaluate(() => (globalThis as unknown as { podplanDesktop: DesktopApi }).podplanDesktop.recentFiles());
      expect(recent).toEqual([]);
      // A recent-file read of anything not on the list is refused by the main process.
      const refused = await page.evaluate(() =>
        (globalThis as unknown as { podplanDesktop: DesktopApi }).podplanDesktop.openRecentFile('/etc/passwd').then(
          () => 'read',
          (error: unknown) => String(error),
        ),
      );
      expect(refused).toMatch(/podplan\.json/);
    });

    await test.step('the native menu is in place', async () => {
      const menu = await app.evaluate(({ Menu }) => {
        const items = Menu.getApplicationMenu()?.items ?? [];
        const file = items.find((i) => i.label === 'File')?.submenu?.items.map((i) => i.label) ?? [];
        return { top: items.map((i) => i.label), file };
      });
      expect(menu.top).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
      expect(menu.file).toEqual(expect.arrayContaining(['New Scenario', 'Open…', 'Open Recent', 'Save As…']));
    });

    await test.step('navigation away and new windows are denied', async () => {
      const before = page.url();
      expect(await page.evaluate(() => window.open('https://example.invalid/') === null)).toBe(true);
      await page.evaluate(() => {
        window.location.href = 'https://example.invalid/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
      expect(app.windows()).toHaveLength(1);
      // The CSP the backend sends is in force.
      const cspHeader = await page.evaluate(async () => (await fetch('/', { credentials: 'same-origin' })).headers.get('content-security-policy'));
      expect(cspHeader).toMatch(/script-src 'self'/);
    });
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
