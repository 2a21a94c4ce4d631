/**
 * Time from `podplan serve` being started to the scenario list being
 * interactive in Chromium (docs/performance-targets.md: window shown to interactive ≤ 1 s).
 * Measured end to end: process spawn, database open, HTTP listen, page load,
 * first API call, list rendered and a button enabled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, startServe } from './app.ts';
import { median, type BenchResult } from './types.ts';

export async function benchStartup(runs = 7): Promise<BenchResult[]> {
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'podplan-bench-start-'));
      const page = await browser.newPage();
      const started = performance.now();
      const server = await startServe(dataDir);
      try {
        await page.goto(server.url);
        await page.getByText('Three pilot pods with an AI platform team').first().waitFor();
        await page.getByRole('button', { name: /new scenario/i }).first().waitFor({ state: 'visible' });
        // Skip the first run: it warms the OS file cache, as a user's second launch would.
        if (run > 0) times.push(performance.now() - started);
      } finally {
        server.stop();
        await page.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const value = median(times);
  return [
    {
      name: 'serve start → scenario list interactive (Chromium)',
      value: Math.round(value),
      unit: 'ms',
      target: '≤ 1000 ms',
      pass: value <= 1000,
      detail: `median of ${times.length} runs, min ${Math.round(Math.min(...times))} ms, max ${Math.round(Math.max(...times))} ms`,
    },
  ];
}
