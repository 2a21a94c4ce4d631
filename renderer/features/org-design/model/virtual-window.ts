/**
 * Which items of a long vertical list to render: the ones overlapping the
 * view plus an overscan margin above and below it (so Tab and Shift+Tab always
 * find the next item rendered, and a short scroll shows no gap). Items outside
 * stay as placeholders of their (measured or estimated) height, so the
 * scroll height and position are right.
 */

export interface WindowInput {
  /** Height of each item in px, in list order. */
  heights: readonly number[];
  /** Space between two items in px. */
  gap: number;
  /** The visible part, in px from the top of the list (negative above it). */
  viewTop: number;
  viewBottom: number;
  /** Extra px rendered above and below the view. */
  overscan: number;
}

/** Items `start` (inclusive) to `end` (exclusive). */
export interface ItemRange {
  start: number;
  end: number;
}

export function visibleRange({ heights, gap, viewTop, viewBottom, overscan }: WindowInput): ItemRange {
  const top = viewTop - overscan;
  const bottom = viewBottom + overscan;
  let start = heights.length;
  let end = heights.length;
  let y = 0;
  for (let i = 0; i < heights.length; i++) {
    if (y >= bottom) {
      end = i;
      break;
    }
    const height = heights[i] ?? 0;
    if (start === heights.length && y + height > top) start = i;
    y += height + gap;
  }
  return { start: Math.min(start, end), end };
}

export function sameRange(a: ItemRange, b: ItemRange): boolean {
  return a.start === b.start && a.end === b.end;
}

/**
 * A team card's parts in px (styles/app.css, measured at 1280 px wide): for the
 * teams not rendered yet; a rendered card's measured height replaces it.
 */
export const TEAM_CARD_LAYOUT = { base: 290, table: 32, row: 37, noPositions: 42, warning: 33 };

/** The height a team card will likely take: its fixed parts, its table (or the "no positions" line) and its guardrail warnings. */
export function estimateTeamHeight(positions: number, warnings: number): number {
  const { base, table, row, noPositions, warning } = TEAM_CARD_LAYOUT;
  return base + (positions > 0 ? table + positions * row : noPositions) + warnings * warning;
}
