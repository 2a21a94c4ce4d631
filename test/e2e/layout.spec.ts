/**
 * The app shell at laptop sizes (issue #13 findings 14–16): on every tab at
 * 1024×700 and 1280×800 the header, the tab bar and the status bar stay put
 * while the content scrolls under the mouse wheel; the tab bar keeps one row;
 * inputs show their whole value, headers break between words only, and the
 * GPU simulation's tables fit. Every tab is photographed at both sizes
 * (`layout-<width>-<tab>.png` in the test's output folder).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, SAMPLE_PODS, test } from './fixtures.ts';

const TABS = ['Decision', 'Org design', 'Org chart', 'Costs', 'Ownership', 'Phases', 'Readiness', 'Delivery simulation', 'GPU capacity', 'Quota policy', 'Manifests', 'Cluster', 'GPU simulation'];
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
];

type Box = { x: number; y: number; width: number; height: number };

/** Waits for the page to paint `n` more frames: scrolling from a wheel event lands by then. */
async function frames(page: Page, n = 2): Promise<void> {
  await page.evaluate((count) => new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  }), n);
}

/** Waits until the tab has nothing running: no progress bar, nothing busy, a Decision settled. */
async function idle(page: Page): Promise<void> {
  await expect(page.locator('[role="progressbar"], [aria-busy="true"], .decision-view[data-settled="false"]')).toHaveCount(0, { timeout: 120_000 });
}

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not visible');
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
}

async function chrome(page: Page): Promise<Record<string, Box>> {
  return {
    header: await box(page.locator('header.app-header')),
    tabs: await box(page.getByRole('tablist', { name: 'Scenario sections' })),
    status: await box(page.locator('footer.status-bar')),
  };
}

/** Elements of the open panel that are wider inside than their box: clipped values and headers. */
async function overflowing(page: Page): Promise<string[]> {
  return page.locator('.editor-panel').evaluate((panel) => {
    const found: string[] = [];
    const name = (el: Element) => el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60) ?? el.tagName;
    for (const el of panel.querySelectorAll<HTMLInputElement>('input:not([type=checkbox]):not([type=radio]):not([type=range])')) {
      if (el.offsetParent === null) continue;
      // Prose (a title, a description) may scroll inside its box; a name, a quantity or a number must show whole.
      if (el instanceof HTMLInputElement && !/\s/.test(el.value) && el.scrollWidth > el.clientWidth + 1) found.push(`input "${name(el)}" (${el.value})`);
    }
    for (const th of panel.querySelectorAll<HTMLElement>('th')) {
      if (th.offsetParent === null) continue;
      if (th.scrollWidth > th.clientWidth + 1) found.push(`header "${name(th)}" overflows`);
      // A word split across lines: one word, more than one line box.
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s\u2013\u2014/-]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) found.push(`header "${name(th)}" breaks "${match[0]}"`);
        }
      }
    }
    return found;
  });
}

for (const size of SIZES) {
  test(`every tab at ${size.width}×${size.height}: the shell stays put under the wheel, one row of tabs, nothing clipped`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await page.getByRole('link', { name: SAMPLE_PODS }).click();
    await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
    const problems: string[] = [];
    for (const name of TABS) {
      const tab = page.getByRole('tab', { name: new RegExp(`^${name}`) });
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel')).toBeVisible();
      await idle(page);
      await page.screenshot({ path: testInfo.outputPath(`layout-${size.width}-${name.replace(/\W+/g, '-').toLowerCase()}.png`) });

      // One row of tabs: every tab starts at the same height.
      const tops = new Set(await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => Math.round(t.getBoundingClientRect().top))));
      if (tops.size > 1) problems.push(`${name}: the tab bar wraps to ${tops.size} rows`);
      // …and every tab is in view: none is hidden off the end of the strip.
      const strip = await page.getByRole('tablist', { name: 'Scenario sections' }).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      if (strip.scroll > strip.client + 1) problems.push(`${name}: the tab strip needs ${strip.scroll}px, has ${strip.client}px`);

      // The wheel over the content moves the content, never the shell.
      const before = await chrome(page);
      const panel = await box(page.getByRole('tabpanel'));
      await page.mouse.move(Math.min(panel.x + panel.width / 2, size.width / 2), Math.min(panel.y + 60, size.height - 80));
      // Past the end of the content too: the wheel must not carry on to the page (the "slide" of the shell).
      await page.mouse.wheel(0, 900);
      await frames(page);
      await page.mouse.wheel(0, 40_000);
      await frames(page, 3);
      const after = await chrome(page);
      if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${name}: the shell moved under the wheel ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      const pageScroll = await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0);
      if (pageScroll !== 0) problems.push(`${name}: the page itself scrolled by ${pageScroll}px`);
      // The status bar ends at the bottom of the window.
      if (Math.abs(after.status!.y + after.status!.height - size.height) > 1) problems.push(`${name}: the status bar ends at ${after.status!.y + after.status!.height}, not ${size.height}`);
      await page.getByRole('tabpanel').evaluate((el) => el.scrollTo(0, 0));

      if (size.width === 1024) for (const p of await overflowing(page)) problems.push(`${name}: ${p}`);
      if (name === 'GPU simulation' && size.width === 1024) {
        const wide = await page.getByRole('tabpanel').evaluate((el) =>
          [...el.querySelectorAll('table')].filter((t) => t.offsetParent !== null && t.parentElement && t.scrollWidth > t.parentElement.clientWidth + 1).map((t) => t.getAttribute('aria-label') ?? 'a table'),
        );
        for (const t of wide) problems.push(`GPU simulation: ${t} is wider than its box`);
      }
    }
    expect(problems).toEqual([]);
  });
}

test('the quota policy summary is one scroll area and shows its text whole', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await page.getByRole('tab', { name: /^Quota policy/ }).click();
  const summary = page.getByRole('complementary', { name: 'Policy summary' });
  await expect(summary).toBeVisible();
  const nested = await summary.evaluate((root) => {
    const scrolls = (el: Element) => {
      const s = getComputedStyle(el);
      return /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    };
    // The summary is part of the page's scroll area: neither it nor anything in it scrolls (or clips) on its own.
    const own = /(auto|scroll|hidden)/.test(getComputedStyle(root).overflowY) ? 1 : 0;
    return own + [...root.querySelectorAll('*')].filter(scrolls).length;
  });
  expect(nested).toBe(0);
});

test('an empty scenario shows no ownership warning count; sources read "article", not "seed"', async ({ page }) => {
  await page.getByRole('button', { name: 'New scenario' }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Untitled scenario');
  await expect(page.getByRole('tab', { name: /^Ownership/ })).toHaveText('Ownership');
  await page.getByRole('tab', { name: /^Ownership/ }).click();
  const badge = page.getByRole('button', { name: /^Source of the capability catalog/ });
  await expect(badge).toHaveText('article');
  await expect(badge).toHaveAccessibleName(/article — What an AI platform team actually owns/);
  await expect(page.locator('.source-badge', { hasText: /^seed$/ })).toHaveCount(0);
});
