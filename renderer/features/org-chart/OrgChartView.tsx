/**
 * The org chart (M2): teams grouped by type with their positions, drawn from
 * the pure layout (`model/org-chart.ts`), with zoom and pan (d3-zoom:
 * wheel and drag, or the buttons and + − 0 and the arrow keys), collapse per
 * team, a click (or Enter) on a team to edit it in the org design, and
 * export as SVG and PNG (the same layout as a standalone document).
 */
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { errorInfo } from '../../api/errors.ts';
import { downloadBlob, downloadText, svgToPng } from '../../files/download.ts';
import { useGuardrails } from '../../hooks/usePlanning.ts';
import { chartFileName } from '../../files/chart-export.ts';
import { CHART, layoutOrgChart, orgChartSvg, TYPE_COLORS, type ChartTeam } from './model/org-chart.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { notifyError, useNotices } from '../../stores/notices.ts';
import { usePlanningUi } from '../../stores/planning-ui.ts';
import { plural } from '../../model/text.ts';
import './org-chart.css';

const VIEW_HEIGHT_MIN = 360;

function onActivate(run: () => void) {
  return (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      run();
    }
  };
}

export function OrgChartView({ doc }: { doc: Scenario }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [width, setWidth] = useState(1180);
  const [scale, setScale] = useState(1);
  const collapsedMap = usePlanningUi((s) => s.collapsed);
  const setCollapsed = usePlanningUi((s) => s.setCollapsed);
  const setAllCollapsed = usePlanningUi((s) => s.setAllCollapsed);
  const navigate = useNavigation((s) => s.navigate);
  const guardrails = useGuardrails(doc.teams);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth((previous) => (Math.abs(w - previous) > 1 ? w : previous));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const collapsed = useMemo(() => new Set(Object.keys(collapsedMap).filter((id) => collapsedMap[id])), [collapsedMap]);
  const warningCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const w of guardrails.all) counts.set(w.teamId, (counts.get(w.teamId) ?? 0) + 1);
    return counts;
  }, [guardrails]);
  const layout = useMemo(() => layoutOrgChart(doc.teams, { maxWidth: Math.max(480, width), collapsed, warnings: warningCounts }), [doc.teams, width, collapsed, warningCounts]);
  const viewHeight = Math.max(VIEW_HEIGHT_MIN, Math.min(layout.height, 640));

  // d3-zoom owns the view's transform (no React render per wheel tick).
  useEffect(() => {
    const svg = svgRef.current;
    const view = viewRef.current;
    if (!svg || !view) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.25, 4])
      .on('zoom', (event: { transform: { k: number; toString(): string } }) => {
        view.setAttribute('transform', event.transform.toString());
        setScale(event.transform.k);
      });
    zoomRef.current = behaviour;
    select(svg).call(behaviour).on('dblclick.zoom', null);
    return () => {
      select(svg).on('.zoom', null);
    };
  }, []);

  const zoomBy = (factor: number) => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) select(svg).call(zoomRef.current.scaleBy, factor);
  };
  const panBy = (dx: number, dy: number) => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) select(svg).call(zoomRef.current.translateBy, dx, dy);
  };
  const reset = () => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) select(svg).call(zoomRef.current.transform, zoomIdentity);
  };
  const fit = () => {
    const svg = svgRef.current;
    if (!svg || !zoomRef.current) return;
    const k = Math.min(1, svg.clientWidth / layout.width, svg.clientHeight / layout.height);
    select(svg).call(zoomRef.current.transform, zoomIdentity.scale(Math.max(0.25, k)));
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = 48;
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(1.25),
      '=': () => zoomBy(1.25),
      '-': () => zoomBy(0.8),
      '0': reset,
      ArrowLeft: () => panBy(step, 0),
      ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step),
      ArrowDown: () => panBy(0, -step),
    };
    const action = actions[event.key];
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    action();
  };

  const openTeam = (team: ChartTeam) => {
    usePlanningUi.getState().requestTeamFocus(team.id);
    navigate({ view: 'editor', scenarioId: doc.id });
  };

  const title = `${doc.name} — org chart`;
  const exportSvg = () => {
    const name = `${chartFileName(doc.name, 'org-chart')}.svg`;
    downloadText(name, orgChartSvg(layout, title), 'image/svg+xml');
    useNotices.getState().push({ kind: 'success', title: 'Org chart exported', message: `Downloaded ${name}` });
  };
  const exportPng = async () => {
    const name = `${chartFileName(doc.name, 'org-chart')}.png`;
    try {
      downloadBlob(name, await svgToPng(orgChartSvg(layout, title), layout.width, layout.height));
      useNotices.getState().push({ kind: 'success', title: 'Org chart exported', message: `Downloaded ${name}` });
    } catch (error) {
      notifyError('Could not export the org chart as PNG', errorInfo(error));
    }
  };

  const teamIds = doc.teams.map((t) => t.id);
  const anyCollapsed = collapsed.size > 0;
  return (
    <div className="planning-section">
      <div className="section-header">
        <h2 className="section-title">
          Org chart <span className="muted small">teams grouped by type; click a team to edit it</span>
        </h2>
        <div className="toolbar" role="toolbar" aria-label="Org chart tools">
          <button type="button" className="btn btn-small" aria-label="Zoom in" title="Zoom in (+)" onClick={() => zoomBy(1.25)}>
            +
          </button>
          <button type="button" className="btn btn-small" aria-label="Zoom out" title="Zoom out (−)" onClick={() => zoomBy(0.8)}>
            −
          </button>
          <span className="zoom-level muted small" aria-live="polite">
            {Math.round(scale * 100)}%
          </span>
          <button type="button" className="btn btn-small" onClick={fit}>
            Fit
          </button>
          <button type="button" className="btn btn-small" onClick={reset}>
            100%
          </button>
          <button type="button" className="btn btn-small" onClick={() => setAllCollapsed(teamIds, !anyCollapsed)}>
            {anyCollapsed ? 'Expand all' : 'Collapse all'}
          </button>
          <button type="button" className="btn btn-small" onClick={exportSvg}>
            Export SVG
          </button>
          <button type="button" className="btn btn-small" onClick={() => void exportPng()}>
            Export PNG
          </button>
        </div>
      </div>

      {doc.teams.length === 0 ? <p className="empty">No teams yet: add teams in the org design and they appear here.</p> : null}
      <div ref={wrapRef} className="chart-frame org-chart-frame">
        <svg
          ref={svgRef}
          className="org-chart"
          width="100%"
          height={viewHeight}
          tabIndex={0}
          aria-label={`Org chart of ${doc.name}: ${plural(doc.teams.length, 'team')}. Arrow keys pan, + and − zoom, 0 resets.`}
          onKeyDown={onKeyDown}
        >
          <g ref={viewRef}>
            {layout.groups.map((group) => (
              <g key={group.type} className="chart-group">
                <title>{group.typeLabel}</title>
                <rect x={group.x} y={group.y} width={group.width} height={group.height} rx={8} className="chart-group-box" />
                <text x={group.x + CHART.groupPadding} y={group.y + 18} className="chart-group-label">
                  {group.label.toUpperCase()}
                </text>
                {group.teams.map((team) => (
                  <g key={team.id} className="chart-team" data-team-id={team.id}>
                    <g
                      role="button"
                      tabIndex={0}
                      className="chart-team-body"
                      aria-label={`${team.name}: ${team.summary}${team.warnings ? `, ${plural(team.warnings, 'guardrail warning')}` : ''}. Open in the org design.`}
                      onClick={() => openTeam(team)}
                      onKeyDown={onActivate(() => openTeam(team))}
                    >
                      <title>{team.name}</title>
                      <rect x={team.x} y={team.y} width={team.width} height={team.height} rx={6} fill={TYPE_COLORS[team.type].fill} stroke={TYPE_COLORS[team.type].stroke} className="chart-team-box" />
                      <text x={team.x + 10} y={team.y + 19} className="chart-team-name">
                        {team.shownName}
                      </text>
                      <text x={team.x + 10} y={team.y + 36} className="chart-team-summary">
                        {team.summary}
                        {team.collapsed ? ' (collapsed)' : ''}
                        {team.warnings > 0 ? <tspan className="chart-team-warn">{` · ⚠ ${team.warnings}`}</tspan> : null}
                      </text>
                      {team.lines.map((line) => (
                        <text key={line.positionId} x={team.x + 10} y={line.y + 13} className={`chart-line${line.open ? ' is-open' : ''}${line.owner ? ' is-owner' : ''}`}>
                          <title>{line.full}</title>
                          {line.text}
                        </text>
                      ))}
                      {!team.collapsed && team.lines.length === 0 ? (
                        <text x={team.x + 10} y={team.y + CHART.headerHeight + 13} className="chart-line muted-fill">
                          No positions
                        </text>
                      ) : null}
                    </g>
                    <g
                      role="button"
                      tabIndex={0}
                      className="chart-toggle"
                      aria-expanded={!team.collapsed}
                      aria-label={`${team.collapsed ? 'Expand' : 'Collapse'} ${team.name}`}
                      onClick={() => setCollapsed(team.id, !team.collapsed)}
                      onKeyDown={onActivate(() => setCollapsed(team.id, !team.collapsed))}
                    >
                      <title>{team.collapsed ? 'Show positions' : 'Hide positions'}</title>
                      <rect x={team.x + team.width - 28} y={team.y + 6} width={22} height={22} rx={4} className="chart-toggle-box" />
                      <text x={team.x + team.width - 17} y={team.y + 21} textAnchor="middle" className="chart-toggle-icon">
                        {team.collapsed ? '▸' : '▾'}
                      </text>
                    </g>
                  </g>
                ))}
              </g>
            ))}
          </g>
        </svg>
      </div>
      <p className="muted small chart-note">
        Drag to pan, scroll to zoom. ★ single-threaded owner; <span className="legend-open">italic amber</span>: open position (with its planned hire month); ⚠ guardrail warnings (see the org design). Exports are what you see, collapsed teams included.
      </p>
    </div>
  );
}
