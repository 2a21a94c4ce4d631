/** A legend drawn inside a chart's SVG (so exports keep it): swatches in rows that wrap at `width`. */
export interface LegendItem {
  label: string;
  color: string;
  /** 'line' for series drawn as lines, 'box' for bars and bands, 'dash' for markers. */
  shape?: 'line' | 'box' | 'dash';
}

const ROW = 16;
const charWidth = 6.4;

/** Height the legend takes at `width`. */
export function legendHeight(items: readonly LegendItem[], width: number): number {
  return layout(items, width).rows * ROW;
}

function layout(items: readonly LegendItem[], width: number) {
  let x = 0;
  let row = 0;
  const placed = items.map((item) => {
    const w = 22 + item.label.length * charWidth + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    const at = { item, x, y: row * ROW };
    x += w;
    return at;
  });
  return { placed, rows: items.length ? row + 1 : 0 };
}

export function ChartLegend({ items, width, x = 0, y = 0 }: { items: readonly LegendItem[]; width: number; x?: number; y?: number }) {
  return (
    <g className="chart-svg-legend" transform={`translate(${x},${y})`}>
      {layout(items, width).placed.map(({ item, x: ix, y: iy }) => (
        <g key={item.label} transform={`translate(${ix},${iy})`}>
          {item.shape === 'box' ? (
            <rect x={0} y={3} width={14} height={9} fill={item.color} />
          ) : (
            <line x1={0} x2={16} y1={8} y2={8} stroke={item.color} strokeWidth={item.shape === 'dash' ? 1.5 : 2.5} strokeDasharray={item.shape === 'dash' ? '4 3' : undefined} />
          )}
          <text x={22} y={8} dy="0.32em" className="axis-label legend-text">
            {item.label}
          </text>
        </g>
      ))}
    </g>
  );
}
