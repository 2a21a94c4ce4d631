/**
 * A report's PDF in the CLI: Chromium (driven by playwright-core) prints the
 * report's HTML with its print stylesheet, as the desktop app's
 * `webContents.printToPDF` and a browser's print dialog do. JavaScript is
 * off — the report has none — and nothing is loaded from the network.
 */
import type { ChromiumChoice } from './chromium.ts';
import { CliError } from '../io.ts';

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

export async function printPdf(html: string, chromium: ChromiumChoice, paper: Paper): Promise<Uint8Array> {
  const { chromium: launcher } = await import('playwright-core');
  // Chromium refuses to start its sandbox as root (CI, containers); the page is our own script-free HTML.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let browser;
  try {
    browser = await launcher.launch({ executablePath: chromium.path, args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking'] });
  } catch (error) {
    throw new CliError(`Chromium (${chromium.path}, from ${chromium.from}) did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { code: 'chromium' });
  }
  try {
    const page = await browser.newPage({ javaScriptEnabled: false, offline: true });
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: paper === 'letter' ? 'Letter' : 'A4', printBackground: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
