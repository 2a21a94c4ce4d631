/**
 * A report's PDF in the CLI: Chromium (driven by playwright-core) prints the
 * report's HTML with its print stylesheet, as the desktop app's
 * `webContents.printToPDF` and a browser's print dialog do. JavaScript is
 * off — the report has none — and nothing is loaded from the network.
 *
 * The browser is launched first and prints last: `podplan report` starts it
 * while the simulations run, so its start-up (about half a second) is not
 * added to the report's time.
 */
import type { Browser } from 'playwright-core';
import type { ChromiumChoice } from './chromium.ts';
import { CliError } from '../io.ts';

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

export interface PdfPrinter {
  print(html: string, paper: Paper): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function launchPdfPrinter(chromium: ChromiumChoice): Promise<PdfPrinter> {
  const { chromium: launcher } = await import('playwright-core');
  // Chromium refuses to start its sandbox as root (CI, containers); the page is our own script-free HTML.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let browser: Browser;
  try {
    browser = await launcher.launch({ executablePath: chromium.path, args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking'] });
  } catch (error) {
    throw new CliError(`Chromium (${chromium.path}, from ${chromium.from}) did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { code: 'chromium' });
  }
  return {
    async print(html, paper) {
      const page = await browser.newPage({ javaScriptEnabled: false, offline: true });
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({ format: paper === 'letter' ? 'Letter' : 'A4', printBackground: true });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
