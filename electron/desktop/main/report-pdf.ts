/**
 * A report's PDF in the desktop app: the report's self-contained HTML
 * (`reportHtml`) loaded in a hidden, script-less, sandboxed window and
 * printed by Electron's own Chromium (`webContents.printToPDF`), so the
 * desktop app needs no other browser and prints exactly what the CLI
 * (Chromium through playwright-core) and a browser's print dialog print.
 *
 * The page comes as a data: URL (a programmatic load, which the navigation
 * guards of `security.ts` leave alone); a report is far below Chromium's
 * 2 MB URL limit. Not covered by tests here: the Electron binary cannot run
 * on our machines; the CLI's PDF tests cover the HTML and its print layout.
 */
import { BrowserWindow } from 'electron';

export type ReportPaper = 'a4' | 'letter';

/** Chromium refuses URLs longer than this; a report of 4 scenarios is about 100 KB. */
const MAX_DATA_URL = 2 * 1024 * 1024;

export async function printReportToPdf(html: string, paper: ReportPaper): Promise<Uint8Array> {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > MAX_DATA_URL) throw new Error(`The report is too large to print (${Math.round(url.length / 1024)} KB as a page; at most ${MAX_DATA_URL / 1024} KB).`);
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      images: true,
      spellcheck: false,
    },
  });
  try {
    await win.loadURL(url);
    const pdf = await win.webContents.printToPDF({ pageSize: paper === 'letter' ? 'Letter' : 'A4', printBackground: true, preferCSSPageSize: false });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    win.destroy();
  }
}
