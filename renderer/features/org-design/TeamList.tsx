/**
 * The org design's list of team cards. A big org (hundreds of teams,
 * thousands of positions) renders only the cards near the view: the others
 * are placeholders of the card's measured (or estimated) height, so the
 * scroll height is right and opening or editing stays fast. A card stays
 * rendered while it has the focus, while one of its positions is being
 * dragged, or when the caller keeps it (a new team, a moved position, a
 * "go to team" request). Find in page still finds a team that is not
 * rendered: each placeholder holds its team's names as `hidden="until-found"`
 * text, and a match renders the card. While a position is dragged, autosave
 * waits (sending a big scenario takes a frame or two), until the drop.
 */
import { Fragment, memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Team } from '../../../sim/scenario/index.ts';
import { estimateTeamHeight, sameRange, visibleRange, type ItemRange } from './model/virtual-window.ts';
import { holdAutosave } from '../../stores/session.ts';

/** Up to this many teams every card is rendered (find in page and Tab work as on any page). */
export const WINDOW_FROM_TEAMS = 40;
const FIRST_RANGE: ItemRange = { start: 0, end: 6 };
const DEFAULT_GAP = 14;

export interface TeamListProps {
  teams: readonly Team[];
  /** Ids of teams to render wherever the view is. */
  keep: ReadonlySet<string>;
  warningCount(teamId: string): number;
  renderTeam(team: Team, index: number): ReactNode;
}

function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

function teamIdOf(target: EventTarget | null, attribute: string): string | null {
  return target instanceof Element ? (target.closest(`[${attribute}]`)?.getAttribute(attribute) ?? null) : null;
}

/**
 * Holds autosave from a drag's start to its end. The release listens on the
 * document: a moved row is gone by then, and its dragend would not reach React.
 * The next press of the pointer also releases it (none comes during a drag;
 * moves do), so a drag whose end was missed never stops autosaving.
 */
const DRAG_END_EVENTS = ['drop', 'dragend', 'pointerdown'] as const;

function holdAutosaveWhileDragging(): void {
  const release = holdAutosave();
  const end = () => {
    for (const type of DRAG_END_EVENTS) document.removeEventListener(type, end, true);
    release();
  };
  for (const type of DRAG_END_EVENTS) document.addEventListener(type, end, true);
}

export function TeamList(props: TeamListProps) {
  return props.teams.length > WINDOW_FROM_TEAMS ? (
    <WindowedTeamList {...props} />
  ) : (
    <div className="team-list" onDragStart={holdAutosaveWhileDragging}>
      {props.teams.map((team, index) => (
        <Fragment key={team.id}>{props.renderTeam(team, index)}</Fragment>
      ))}
    </div>
  );
}

interface Measured {
  team: Team;
  height: number;
}

function WindowedTeamList({ teams, keep, warningCount, renderTeam }: TeamListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const measured = useRef(new Map<string, Measured>());
  const [range, setRange] = useState<ItemRange>(FIRST_RANGE);
  const [focusedTeam, setFocusedTeam] = useState<string | null>(null);
  const [draggedFrom, setDraggedFrom] = useState<string | null>(null);
  const [foundTeam, setFoundTeam] = useState<string | null>(null);

  const latest = useRef({ teams, warningCount });
  latest.current = { teams, warningCount };
  const heightOf = useCallback((team: Team): number => {
    const known = measured.current.get(team.id);
    // A measurement is only good for the content it was taken of.
    if (known && known.team === team) return known.height;
    return estimateTeamHeight(team.positions.length, latest.current.warningCount(team.id));
  }, []);

  // Found once: looking it up reads the computed style of every ancestor, on every update.
  const scrollerRef = useRef<HTMLElement | null | undefined>(undefined);
  const update = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    if (scrollerRef.current === undefined || (scrollerRef.current && !scrollerRef.current.contains(list))) scrollerRef.current = scrollParent(list);
    const scroller = scrollerRef.current;
    const listTop = list.getBoundingClientRect().top;
    const viewTop = (scroller ? scroller.getBoundingClientRect().top : 0) - listTop;
    const viewHeight = scroller ? scroller.clientHeight : window.innerHeight;
    const gap = Number.parseFloat(getComputedStyle(list).rowGap) || DEFAULT_GAP;
    const next = visibleRange({ heights: latest.current.teams.map(heightOf), gap, viewTop, viewBottom: viewTop + viewHeight, overscan: Math.max(600, viewHeight) });
    setRange((previous) => (sameRange(previous, next) ? previous : next));
  }, [heightOf]);

  // Follow the scroll and the view's size (once a frame at most).
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const scroller = scrollParent(list);
    scrollerRef.current = scroller;
    let frame = 0;
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => {
        frame = 0;
        update();
      });
    };
    const target: HTMLElement | Window = scroller ?? window;
    target.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller ?? list);
    // A find-in-page match inside a placeholder: render that team's card.
    const onBeforeMatch = (event: Event) => setFoundTeam(teamIdOf(event.target, 'data-placeholder-team-id'));
    list.addEventListener('beforematch', onBeforeMatch);
    return () => {
      cancelAnimationFrame(frame);
      target.removeEventListener('scroll', schedule);
      resize.disconnect();
      list.removeEventListener('beforematch', onBeforeMatch);
    };
  }, [update]);

  // Measure the rendered cards; a card whose height changed moves the window.
  const cardSizes = useMemo(
    () =>
      new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const element = entry.target;
          const id = element.getAttribute('data-team-id');
          const team = id ? latest.current.teams.find((t) => t.id === id) : undefined;
          const height = element instanceof HTMLElement ? element.offsetHeight : 0;
          if (!team || height === 0) continue;
          const before = measured.current.get(team.id);
          if (before?.team === team && before.height === height) continue;
          measured.current.set(team.id, { team, height });
          changed = true;
        }
        if (changed) update();
      }),
    [update],
  );
  useLayoutEffect(() => () => cardSizes.disconnect(), [cardSizes]);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    for (const card of list.querySelectorAll(':scope > [data-team-id]')) cardSizes.observe(card);
    update();
  });

  const rendered = (team: Team, index: number) =>
    (index >= range.start && index < range.end) || keep.has(team.id) || team.id === focusedTeam || team.id === draggedFrom || team.id === foundTeam;

  return (
    <div
      ref={listRef}
      className="team-list"
      onFocus={(e) => {
        const id = teamIdOf(e.target, 'data-team-id');
        if (id && id !== focusedTeam) setFocusedTeam(id);
      }}
      onDragStart={(e) => {
        holdAutosaveWhileDragging();
        setDraggedFrom(teamIdOf(e.target, 'data-team-id'));
      }}
      onDragEnd={() => setDraggedFrom(null)}
    >
      {teams.map((team, index) =>
        rendered(team, index) ? <Fragment key={team.id}>{renderTeam(team, index)}</Fragment> : <TeamPlaceholder key={team.id} team={team} height={heightOf(team)} />,
      )}
    </div>
  );
}

/** A team not rendered: its height, and its names for find in page. */
const TeamPlaceholder = memo(function TeamPlaceholder({ team, height }: { team: Team; height: number }) {
  const text = [team.name, team.description, ...team.positions.flatMap((p) => [p.title, p.personName])].filter(Boolean).join(' · ');
  return (
    <div className="team-placeholder" style={{ height }} data-placeholder-team-id={team.id}>
      {/* React 19 does not know hidden="until-found" yet; set it directly. */}
      <div ref={(el) => el?.setAttribute('hidden', 'until-found')}>{text}</div>
    </div>
  );
});
