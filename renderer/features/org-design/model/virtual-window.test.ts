import { describe, expect, it } from 'vitest';
import { estimateTeamHeight, sameRange, TEAM_CARD_LAYOUT, visibleRange } from './virtual-window.ts';

// Ten items of 100 px with 10 px between them: item i spans [110 i, 110 i + 100).
const heights = Array.from({ length: 10 }, () => 100);

describe('visibleRange', () => {
  it('renders the items overlapping the view', () => {
    expect(visibleRange({ heights, gap: 10, viewTop: 0, viewBottom: 250, overscan: 0 })).toEqual({ start: 0, end: 3 });
    expect(visibleRange({ heights, gap: 10, viewTop: 230, viewBottom: 441, overscan: 0 })).toEqual({ start: 2, end: 5 });
  });

  it('an item that only touches the edge of the view is not rendered', () => {
    // Item 1 ends at 210, item 3 starts at 330.
    expect(visibleRange({ heights, gap: 10, viewTop: 210, viewBottom: 330, overscan: 0 })).toEqual({ start: 2, end: 3 });
  });

  it('adds the overscan above and below, within the list', () => {
    expect(visibleRange({ heights, gap: 10, viewTop: 450, viewBottom: 550, overscan: 120 })).toEqual({ start: 3, end: 7 });
    expect(visibleRange({ heights, gap: 10, viewTop: 940, viewBottom: 1200, overscan: 500 })).toEqual({ start: 4, end: 10 });
  });

  it('uses each item its own height', () => {
    expect(visibleRange({ heights: [500, 20, 20, 20, 500], gap: 0, viewTop: 510, viewBottom: 540, overscan: 0 })).toEqual({ start: 1, end: 3 });
  });

  it('renders nothing when the list is scrolled out of the view, or empty', () => {
    expect(visibleRange({ heights, gap: 10, viewTop: -900, viewBottom: -100, overscan: 50 })).toEqual({ start: 0, end: 0 });
    expect(visibleRange({ heights, gap: 10, viewTop: 2000, viewBottom: 2800, overscan: 50 })).toEqual({ start: 10, end: 10 });
    expect(visibleRange({ heights: [], gap: 10, viewTop: 0, viewBottom: 800, overscan: 50 })).toEqual({ start: 0, end: 0 });
  });

  it('the view above the list start renders its first items', () => {
    expect(visibleRange({ heights, gap: 10, viewTop: -300, viewBottom: 150, overscan: 0 })).toEqual({ start: 0, end: 2 });
  });
});

describe('sameRange', () => {
  it('compares start and end', () => {
    expect(sameRange({ start: 1, end: 4 }, { start: 1, end: 4 })).toBe(true);
    expect(sameRange({ start: 1, end: 4 }, { start: 1, end: 5 })).toBe(false);
  });
});

describe('estimateTeamHeight', () => {
  it('grows by a row per position and a line per warning', () => {
    const { row, warning } = TEAM_CARD_LAYOUT;
    expect(estimateTeamHeight(6, 0) - estimateTeamHeight(5, 0)).toBe(row);
    expect(estimateTeamHeight(5, 2) - estimateTeamHeight(5, 1)).toBe(warning);
  });

  it('a team without positions shows a line instead of the table', () => {
    const { table, row, noPositions } = TEAM_CARD_LAYOUT;
    expect(estimateTeamHeight(1, 0) - estimateTeamHeight(0, 0)).toBe(table + row - noPositions);
  });
});
