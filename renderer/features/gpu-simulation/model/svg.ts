/**
 * Shared pieces of the tab's charts. Each chart is a standalone SVG document
 * (inline styles, its own title), so the screen shows exactly what Export
 * SVG / PNG writes (an image cannot see the page's CSS); it leaves the app
 * the way every chart does, `downloadChart` in `files/chart-export.ts` (whose
 * comment says why the delivery charts make their document another way).
 */
import { PAPER, SVG_NS } from '../../../files/chart-export.ts';
import { escapeXml } from '../../../model/xml.ts';

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
  /** What the chart shows, in words (its accessible name and the document's title). */
  title: string;
}

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const MUTED = '#5c6675';
export const GRID = '#e6e9ee';
export const AXIS = '#8a93a0';

export { escapeXml };

export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" font-size="11" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${PAPER}"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

export const r1 = (v: number) => Math.round(v * 10) / 10;

/** A label; muted unless `attrs` sets its own fill (an attribute may appear only once in XML). */
export function text(x: number, y: number, content: string, attrs = ''): string {
  const fill = /\bfill=/.test(attrs) ? '' : ` fill="${MUTED}"`;
  return `<text x="${r1(x)}" y="${r1(y)}"${fill}${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** A y axis with grid lines at `ticks`, labelled by `format`, and a rotated title. */
export function yAxis(ticks: number[], y: (v: number) => number, innerW: number, format: (v: number) => string, title: string, titleX: number): string[] {
  const out = ticks.map((t) => `<line x1="0" x2="${r1(innerW)}" y1="${r1(y(t))}" y2="${r1(y(t))}" stroke="${GRID}"/>` + text(-6, y(t) + 3.5, format(t), 'text-anchor="end"'));
  const mid = (y(ticks[0] ?? 0) + y(ticks.at(-1) ?? 0)) / 2;
  out.push(`<text transform="translate(${titleX},${r1(mid)}) rotate(-90)" text-anchor="middle" fill="#1c2330" font-size="12">${escapeXml(title)}</text>`);
  return out;
}

export function xAxis(ticks: number[], x: (v: number) => number, innerH: number, innerW: number, format: (v: number) => string, title: string): string[] {
  const out = [`<line x1="0" x2="${r1(innerW)}" y1="${r1(innerH)}" y2="${r1(innerH)}" stroke="${AXIS}"/>`];
  for (const t of ticks) out.push(`<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${r1(innerH)}" y2="${r1(innerH + 4)}" stroke="${AXIS}"/>` + text(x(t), innerH + 16, format(t), 'text-anchor="middle"'));
  out.push(`<text x="${r1(innerW / 2)}" y="${r1(innerH + 34)}" text-anchor="middle" fill="#1c2330" font-size="12">${escapeXml(title)}</text>`);
  return out;
}

/** A legend row of coloured squares, wrapping to `width`. Returns the markup and its height. */
export function legend(items: Array<{ label: string; color: string }>, x0: number, y0: number, width: number): { markup: string[]; height: number } {
  const out: string[] = [];
  let x = x0;
  let y = y0;
  for (const item of items) {
    const w = 18 + item.label.length * 6.4 + 14;
    if (x + w > x0 + width && x > x0) {
      x = x0;
      y += 16;
    }
    out.push(`<rect x="${r1(x)}" y="${r1(y - 9)}" width="10" height="10" fill="${item.color}"/>` + text(x + 14, y, item.label));
    x += w;
  }
  return { markup: out, height: y - y0 + 16 };
}

/** Simulated seconds as days (with hours when short), for time axes. */
export function dayTick(seconds: number, span: number): string {
  if (span <= 2 * 86_400) return `${r1(seconds / 3600)} h`;
  return `day ${r1(seconds / 86_400)}`;
}
