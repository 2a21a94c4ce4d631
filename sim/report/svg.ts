/**
 * The few SVG pieces the report's charts share, as plain strings (the
 * report must be one self-contained file, readable without scripts, and
 * sim/ has no DOM): escaping, text that wraps by characters, nice axis
 * ticks, and the frame every chart sits in — its title on top and the
 * stamp of each scenario (name, revision, date, key assumptions) below,
 * so a chart copied out of the report still says where it came from.
 */

export const CHART_WIDTH = 720;
export const FONT = 'Helvetica, Arial, sans-serif';
export const PALETTE = ['#1f5fa8', '#d9822b', '#2e8b57', '#8e44ad'];
export const INK = '#1d2430';
export const MUTED = '#5a6473';
const STAMP_FONT_SIZE = 9.5;
/** Characters of the stamp's font that fit across the chart. */
const STAMP_LINE_CHARS = 128;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Cuts a label to `chars` characters with an ellipsis (charts only; tables carry the full text). */
export function fit(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

export function svgText(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const extra = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
  return `<text x="${num(x)}" y="${num(y)}"${extra}>${escapeXml(content)}</text>`;
}

/** 0 … max in 3–6 round steps (1, 2 or 5 × a power of ten). */
export function niceTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(t);
  return ticks;
}

/**
 * A whole chart: title, the body (drawn from y = `top`), then the stamps.
 * `bodyHeight` is the body's height; the frame adds the rest.
 */
export function chartFrame(options: { id: string; title: string; body: string; bodyHeight: number; stamps: readonly string[] }): string {
  const top = 34;
  const stampLines = options.stamps.flatMap((s) => wrapText(s, STAMP_LINE_CHARS));
  const stampTop = top + options.bodyHeight + 18;
  const height = stampTop + stampLines.length * (STAMP_FONT_SIZE + 3) + 6;
  const stamps = stampLines.map((line, i) => svgText(8, stampTop + i * (STAMP_FONT_SIZE + 3), line, { 'font-size': STAMP_FONT_SIZE, fill: MUTED })).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${escapeXml(options.id)}" viewBox="0 0 ${CHART_WIDTH} ${num(height)}" width="${CHART_WIDTH}" height="${num(height)}" role="img" aria-label="${escapeXml(options.title)}" font-family="${FONT}" font-size="12" fill="${INK}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${num(height)}" fill="#ffffff"/>`,
    svgText(8, 20, options.title, { 'font-size': 15, 'font-weight': 'bold' }),
    `<g transform="translate(0 ${top})">${options.body}</g>`,
    `<line x1="8" x2="${CHART_WIDTH - 8}" y1="${num(stampTop - 13)}" y2="${num(stampTop - 13)}" stroke="#d5d9e0"/>`,
    stamps,
    '</svg>',
  ].join('');
}
