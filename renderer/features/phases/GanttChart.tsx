/**
 * The phase plan as a Gantt chart (d3 scales, drawn by React): waves as bars
 * (drag one sideways, or focus it and press ← →, to move it by whole
 * months), hires as diamonds with their ramp to full productivity,
 * retrospectives with the go/no-go, milestones, today's line and the monthly
 * cost as a lane at the bottom. The x axis is the plan's months.
 */
import { scaleLinear } from 'd3';
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { AxisLine, AxisTicks, GridLines } from '../../ui/charts/axes.tsx';
import { useElementWidth } from '../../hooks/useElementWidth.ts';
import { tickEvery } from '../../model/charts.ts';
import { money, moneyShort, monthName, monthRange, monthShort } from '../../model/format.ts';
import type { GanttModel, GanttWave } from './model/gantt.ts';

const LABEL_W = 190;

/** Shortens text to about `chars` characters (nothing when fewer than 4 fit). */
function fit(text: string, chars: number): string {
  const n = Math.floor(chars);
  if (n < 4) return '';
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}
const ROW = 26;
const SECTION = 24;
const AXIS = 30;
const COST_LANE = 64;
const BOTTOM = 34;

export interface GanttChartProps {
  model: GanttModel;
  currency: string;
  /** Moves a wave by whole months (one undoable edit). */
  onShiftWave(waveId: string, delta: number): void;
}

interface DragState {
  waveId: string;
  startX: number;
  delta: number;
}

export function GanttChart({ model, currency, onShiftWave }: GanttChartProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(560, useElementWidth(frameRef, 1100));
  const [drag, setDrag] = useState<DragState | null>(null);
  const chartW = width - LABEL_W - 16;
  const x = scaleLinear().domain([0, model.horizon]).range([0, chartW]);
  const monthPx = chartW / Math.max(1, model.horizon);

  // Vertical layout.
  let y = AXIS;
  const wavesTop = y + SECTION;
  y = wavesTop + model.waves.length * ROW;
  const hiresTop = y + SECTION;
  const hireRows = model.hireRows.length;
  y = hiresTop + Math.max(1, hireRows) * ROW;
  const eventsTop = y + SECTION;
  const retroY = eventsTop + ROW / 2;
  const milestoneY = eventsTop + ROW + ROW / 2;
  y = eventsTop + 2 * ROW;
  const costTop = y + SECTION;
  const costBottom = costTop + COST_LANE;
  const height = costBottom + BOTTOM;
  const maxCost = Math.max(1, ...model.monthlyCost);
  const costY = scaleLinear().domain([0, maxCost]).range([costBottom, costTop + 6]);
  const every = tickEvery(model.horizon, chartW, 48);
  // The month grid runs from just under the month names down through the cost lane.
  const gridTop = AXIS - 4;
  const grid = { innerW: chartW, innerH: costBottom - gridTop };

  const startDrag = (event: PointerEvent<SVGGElement>, wave: GanttWave) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ waveId: wave.id, startX: event.clientX, delta: 0 });
  };
  const moveDrag = (event: PointerEvent<SVGGElement>) => {
    if (!drag) return;
    const delta = Math.round((event.clientX - drag.startX) / monthPx);
    if (delta !== drag.delta) setDrag({ ...drag, delta });
  };
  const endDrag = () => {
    if (drag && drag.delta !== 0) onShiftWave(drag.waveId, drag.delta);
    setDrag(null);
  };
  const waveKey = (event: KeyboardEvent<SVGGElement>, wave: GanttWave) => {
    const delta = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (!delta) return;
    event.preventDefault();
    onShiftWave(wave.id, delta);
  };

  const sectionLabel = (text: string, top: number) => (
    <text x={0} y={top - 8} className="gantt-section">
      {text}
    </text>
  );

  return (
    <div ref={frameRef} className="chart-frame gantt-frame">
      <svg width={width} height={height} className="gantt" aria-label={`Gantt chart of the phase plan over ${model.horizon} months`}>
        {/* Month grid and axis */}
        <g transform={`translate(${LABEL_W},${gridTop})`}>
          <GridLines
            axis="x"
            ticks={Array.from({ length: model.horizon + 1 }, (_, m) => m)}
            at={x}
            plot={grid}
            className={(m) => (m % 12 === 0 ? 'grid-line grid-year' : 'grid-line')}
          />
          <AxisTicks
            axis="top"
            grid={false}
            ticks={model.months.map((_, i) => i).filter((i) => i % every === 0)}
            at={(i) => x(i + 0.5)}
            label={(i) => monthShort(model.months[i] ?? '')}
            plot={grid}
          />
        </g>

        {sectionLabel('Waves (drag or ← → to move)', wavesTop)}
        {model.waves.map((wave, i) => {
          const top = wavesTop + i * ROW;
          const shift = drag?.waveId === wave.id ? drag.delta : 0;
          const x0 = x(Math.max(0, wave.x0 + shift));
          const x1 = x(Math.min(model.horizon, wave.x1 + shift));
          const w = Math.max(4, x1 - x0);
          const range = `${monthRange(wave.startMonth, wave.openEnded ? undefined : wave.endMonth)} (${monthName(model.months[wave.startMonth - 1] ?? '')} – ${wave.openEnded ? 'end of plan' : monthName(model.months[wave.endMonth - 1] ?? '')})`;
          const teams = wave.teamNames.length ? wave.teamNames.join(', ') : 'no teams yet';
          return (
            <g key={wave.id}>
              <text x={0} y={top + ROW / 2} dy="0.32em" className="gantt-row-label">
                {wave.name.length > 28 ? `${wave.name.slice(0, 27)}…` : wave.name}
              </text>
              <g
                transform={`translate(${LABEL_W},0)`}
                className={`gantt-wave wave-${wave.kind}${drag?.waveId === wave.id ? ' is-dragging' : ''}`}
                data-wave-id={wave.id}
                data-start-month={wave.startMonth + shift}
                role="button"
                tabIndex={0}
                aria-label={`${wave.name}: ${range}; teams: ${teams}. Arrow keys move it by a month.`}
                onPointerDown={(e) => startDrag(e, wave)}
                onPointerMove={moveDrag}
                onPointerUp={endDrag}
                onPointerCancel={() => setDrag(null)}
                onKeyDown={(e) => waveKey(e, wave)}
              >
                <title>{`${wave.name}: ${range}\nTeams: ${teams}`}</title>
                <rect x={x0} y={top + 4} width={w} height={ROW - 8} rx={4} className="gantt-wave-bar" />
                <text x={x0 + 6} y={top + ROW / 2} dy="0.32em" className="gantt-wave-text">
                  {fit(teams, (w - 12) / 6.2)}
                </text>
              </g>
            </g>
          );
        })}

        {sectionLabel('Hires (◆ starts, bar: ramp to full productivity)', hiresTop)}
        {hireRows === 0 ? (
          <text x={LABEL_W} y={hiresTop + ROW / 2} dy="0.32em" className="muted-fill">
            No open positions to hire.
          </text>
        ) : null}
        {model.hireRows.map((row, i) => {
          const top = hiresTop + i * ROW;
          const mid = top + ROW / 2;
          return (
            <g key={row.teamId}>
              <text x={0} y={mid} dy="0.32em" className="gantt-row-label">
                {row.teamName.length > 28 ? `${row.teamName.slice(0, 27)}…` : row.teamName}
              </text>
              <g transform={`translate(${LABEL_W},0)`}>
                {row.hires.map((h) => {
                  const hx = x(h.x);
                  return (
                    <g key={h.positionId} className={`gantt-hire${h.estimated ? ' is-estimated' : ''}`}>
                      <title>{`${h.label} starts in ${monthName(model.months[h.fillMonth - 1] ?? '')} (month ${h.fillMonth})${h.estimated ? ', estimated from the hiring plan' : ''}; fully productive from month ${h.productiveMonth}.`}</title>
                      {h.rampEnd > h.x ? <rect x={hx} y={mid - 3} width={x(h.rampEnd) - hx} height={6} rx={3} className="gantt-ramp" /> : null}
                      <path d={`M${hx},${mid - 7}L${hx + 7},${mid}L${hx},${mid + 7}L${hx - 7},${mid}Z`} className="gantt-diamond" />
                    </g>
                  );
                })}
              </g>
            </g>
          );
        })}

        {sectionLabel('Calendar', eventsTop)}
        <text x={0} y={retroY} dy="0.32em" className="gantt-row-label">
          Retrospectives
        </text>
        <text x={0} y={milestoneY} dy="0.32em" className="gantt-row-label">
          Milestones
        </text>
        <g transform={`translate(${LABEL_W},0)`}>
          {model.retros
            .filter((r) => !r.goNoGo)
            .map((r) => (
              <circle key={r.month} cx={x(r.x)} cy={retroY} r={3.5} className="gantt-retro">
                <title>{`Monthly retrospective, end of month ${r.month}`}</title>
              </circle>
            ))}
          {model.retros
            .filter((r) => r.goNoGo)
            .map((r) => (
              <g key={r.month} className="gantt-go-no-go">
                <title>{`Go/no-go retrospective at the end of month ${r.month} (${monthName(model.months[r.month - 1] ?? '')})`}</title>
                <path d={`M${x(r.x)},${retroY - 9}L${x(r.x) + 9},${retroY}L${x(r.x)},${retroY + 9}L${x(r.x) - 9},${retroY}Z`} />
                <text x={x(r.x) + 12} y={retroY} dy="0.32em">
                  Go/no-go
                </text>
              </g>
            ))}
          {model.milestones.map((m) => {
            const end = m.x > model.horizon * 0.8;
            return (
              <g key={m.id} className={`gantt-milestone milestone-${m.kind}`}>
                <title>{m.label}</title>
                <path d={`M${x(m.x)},${milestoneY + 8}L${x(m.x)},${milestoneY - 9}L${x(m.x) + 10},${milestoneY - 5}L${x(m.x)},${milestoneY - 1}`} />
                <text x={x(m.x) + (end ? -4 : 12)} y={milestoneY + 4} textAnchor={end ? 'end' : 'start'}>
                  {m.short}
                </text>
              </g>
            );
          })}
        </g>

        {sectionLabel(`Cost per month (${currency})`, costTop)}
        <text x={0} y={costTop + 10} className="axis-label">
          max {moneyShort(maxCost, currency)}
        </text>
        <g transform={`translate(${LABEL_W},0)`} className="gantt-cost">
          {/* The cost lane's base line (this group's top is the SVG's). */}
          <AxisLine plot={{ innerW: chartW, innerH: costBottom }} />
          {model.monthlyCost.map((c, i) => (
            <rect key={i} x={x(i) + 1.5} y={costY(c)} width={Math.max(1, monthPx - 3)} height={Math.max(0, costBottom - costY(c))} data-month={i + 1}>
              <title>{`${monthName(model.months[i] ?? '')} (month ${i + 1}): ${money(c, currency)}`}</title>
            </rect>
          ))}
          <text x={chartW / 2} y={costBottom + 26} textAnchor="middle" className="axis-title">
            Plan month (calendar month); each column is one month
          </text>
        </g>

        {model.today !== null ? (
          <g transform={`translate(${LABEL_W},0)`} className="gantt-today">
            <line x1={x(model.today)} x2={x(model.today)} y1={AXIS - 4} y2={costBottom} />
            <text x={x(model.today) + 4} y={wavesTop - 8}>
              Today {model.todayLabel}
            </text>
          </g>
        ) : null}
      </svg>
      {model.today === null ? <p className="muted small">Today ({model.todayLabel}) is outside the plan, so there is no today line.</p> : null}
    </div>
  );
}
