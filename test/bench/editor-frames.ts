/**
 * Editing a 500-team, 5,000-position scenario stays smooth (issue 4: no frame
 * over 50 ms while dragging a position to another team). Measured in
 * Chromium against `podplan serve`: a requestAnimationFrame loop records
 * frame gaps while the mouse drags a position's handle onto another team and
 * drops it (which moves the position, re-renders, recosts and autosaves).
 * Each run checks that both ends are in the view, that the drop moved the
 * position and that the autosave finished before the frame recording stops,
 * so the figure includes both. (Until these checks, the drag started on a
 * handle scrolled out of the view: the mouse selected text instead, and the
 * ~170 ms frames were the selection repainting 5,000 rows, not a move.)
 * The open time runs from navigating to the editor to its first drag handle.
 * PODPLAN_BENCH_PROFILE=DIR also writes a CPU profile and a performance
 * trace of each drag. Frame gaps come in whole frames (17, 33, 50 ms…), and
 * on a shared machine a frame also waits for the backend's save (same
 * cores): compare a trace's RunTask wall time with its thread time (tdur).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { launchChromium, startServe } from './app.ts';
import { makeScenario } from '../../data/store/test-support/fixtures.ts';
import { serializeScenario } from '../../sim/scenario/index.ts';
import { median, type BenchResult } from './types.ts';


/** Ends a CDP trace and reads it back (Chromium's trace event format). */
async function stopTracing(cdp: CDPSession): Promise<string> {
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')));
  await cdp.send('Tracing.end');
  const handle = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return text;
}

export async function benchEditorFrames(runs = 3): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podplan-bench-frames-'));
  const server = await startServe(dataDir);
  const url = server.url;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    const scenario = makeScenario('bench-500', { name: 'Bench 500 teams', teams: 500, positionsPerTeam: 10 });
    const origin = new URL(url).origin;
    const imported = await page.evaluate(
      async ({ origin, text }) => {
        const response = await fetch(`${origin}/api/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text, fileName: 'bench.podplan.json' }) });
        return (await response.json()) as { record: { scenario: { id: string } } };
      },
      { origin, text: serializeScenario(scenario) },
    );
    const id = imported.record.scenario.id;
    // Open time: from navigating to the editor's URL (page load, scenario fetch, first render) to the first drag handle.
    const loadStarted = performance.now();
    await page.goto(`${url.split('?')[0]}#/scenario/${id}/org`);
    const handles = page.locator('.drag-handle');
    await handles.first().waitFor({ timeout: 120_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: join(tmpdir(), "podplan-bench-frames.png") });
      throw error;
    });
    const openMs = performance.now() - loadStarted;

    // PODPLAN_BENCH_PROFILE=DIR: a CPU profile and a performance trace of each drag (drag-N.cpuprofile, drag-N.trace.json; open them in Chromium's DevTools) to find what the long frames do.
    const profileDir = process.env.PODPLAN_BENCH_PROFILE;
    const cdp = profileDir ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    }
    const worst: number[] = [];
    const p95s: number[] = [];
    for (let run = 0; run < runs; run++) {
      // The last positions of team 1, dropped on team 2's counts just below it: both on screen at once.
      const source = handles.nth(9 - run);
      await source.evaluate((el) => {
        const main = el.closest('.editor-main')!;
        main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 80;
      });
      const target = page.locator('[aria-label="Counts for Pod 2"]');
      const from = (await source.boundingBox())!;
      const to = (await target.boundingBox())!;
      const view = (await page.locator('.editor-main').boundingBox())!;
      if (from.y < view.y || to.y + to.height > view.y + view.height) throw new Error(`drag source (y ${from.y}) or target (y ${to.y}) is not in the view (${view.y}–${view.y + view.height})`);
      await page.evaluate(() => {
        const gaps: number[] = [];
        let last = performance.now();
        const tick = (now: number) => {
          gaps.push(now - last);
          last = now;
          if ((window as unknown as { __frames?: boolean }).__frames !== false) requestAnimationFrame(tick);
        };
        (window as unknown as { __gaps: number[]; __frames: boolean }).__gaps = gaps;
        (window as unknown as { __frames: boolean }).__frames = true;
        requestAnimationFrame(tick);
      });
      if (cdp) {
        await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute'] }, transferMode: 'ReturnAsStream' });
        await cdp.send('Profiler.start');
      }
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 - 4, { steps: 4 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
      await page.mouse.up();
      // The drop really moved it (team 2 grows by one per run) and the autosave ran, all inside the measured frames.
      // Checked with one querySelector every 50 ms: Playwright's role and text locators walk the whole
      // page (thousands of elements) on each poll, tens of ms of the page's main thread the app would not spend.
      const shows = (selector: string, text: RegExp) =>
        page.waitForFunction(([selector, source]) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''), [selector, text.source] as const, { polling: 50, timeout: 10_000 });
      await shows('[aria-label="Counts for Pod 2"]', new RegExp(`\\b${11 + run} positions`));
      await shows('[role="status"][aria-label="Save status"]', /^Saved$/);
      await page.waitForTimeout(200);
      if (cdp && profileDir) {
        writeFileSync(join(profileDir, `drag-${run + 1}.cpuprofile`), JSON.stringify((await cdp.send('Profiler.stop')).profile));
        writeFileSync(join(profileDir, `drag-${run + 1}.trace.json`), await stopTracing(cdp));
      }
      const gaps = await page.evaluate(() => {
        (window as unknown as { __frames: boolean }).__frames = false;
        return (window as unknown as { __gaps: number[] }).__gaps.slice(1);
      });
      gaps.sort((a, b) => a - b);
      worst.push(gaps.at(-1) ?? 0);
      p95s.push(gaps[Math.floor(gaps.length * 0.95)] ?? 0);
    }
    const value = median(worst);
    return [
      {
        name: 'drag a position between teams, 500 teams × 10 positions: longest frame',
        value: Math.round(value),
        unit: 'ms',
        target: '≤ 50 ms',
        pass: value <= 50,
        detail: `editor opened in ${Math.round(openMs)} ms; median over ${runs} drags of the longest frame gap (drag, drop, re-render, recost, autosave); worst frames ${worst.map((w) => Math.round(w)).join(', ')} ms; p95 frame ${Math.round(median(p95s))} ms`,
      },
    ];
  } finally {
    await browser.close();
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const r of await benchEditorFrames()) console.log(`${r.name}: ${r.value} ${r.unit} (target ${r.target}) ${r.detail ?? ''}`);
}
