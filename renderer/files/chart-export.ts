/**
 * Charts leaving the app as files. Every chart, on every tab, goes out the
 * same way: a standalone SVG document (`StandaloneSvg`) written as .svg, or
 * rasterised through a canvas as .png (`downloadChart`).
 *
 * How the standalone document is made stays two ways, on purpose:
 * - The delivery charts are React elements styled by the stylesheet (the
 *   classes and custom properties the cost chart and Gantt chart use too).
 *   The page's CSS does not travel with a file (nor into the canvas the PNG is
 *   drawn on), so `standaloneSvg` copies the presentation the stylesheet sets
 *   onto each element from its computed style, and adds an XML declaration.
 * - The GPU tab's charts are written as standalone documents in the first
 *   place (`features/gpu-simulation/model/svg.ts`: inline colours and fonts, pure functions tested
 *   without a DOM) and shown on screen as that very document, so they go out
 *   as they are. Running them through `standaloneSvg` would add nothing they
 *   lack, only a style attribute on every element, a second title and
 *   background, and a DOM to their tests; drawing the delivery charts as
 *   strings instead would give up the stylesheet they share with the
 *   planning charts. Both documents carry the same namespace and white paper.
 *
 * Every exported chart, SVG or PNG, carries a footer band (`stampChart`): the
 * scenario's name, revision and the date, and the assumptions its figures
 * rest on (loaded-cost multiplier, salary percentile; trials and random seed
 * for a simulation's charts). A chart passed around alone still says what it
 * is a chart of. The band is added to the document text, so both kinds of
 * document get the same one and the PNG is drawn from it.
 */
import { currentChartStamp } from './chart-stamp.ts';
import { downloadBlob, downloadText, svgToPng } from './download.ts';

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
/** The background every exported chart is drawn on (a PNG has no page behind it). */
export const PAPER = '#ffffff';

/** What an exported chart says about where it comes from. */
export interface ChartStamp {
  scenario: string;
  /** Stored revision the figures are from; null = never saved. */
  revision: number | null;
  /** The revision has edits not saved yet. */
  unsaved?: boolean;
  /** Day of the export, YYYY-MM-DD. */
  date: string;
  /** Key assumptions, each a short phrase ("loaded-cost multiplier 1.3×"). */
  assumptions: string[];
}

/**
 * Downloads `chart` as `<fileStem>.svg`, or `<fileStem>.png` at twice its size,
 * with the stamp band (by default the open scenario's, `currentChartStamp`;
 * null for none); returns the file's name. The SVG is saved before anything
 * is awaited, so the click that asked for it still counts as the user's gesture.
 */
export async function downloadChart(chart: StandaloneSvg, fileStem: string, format: 'svg' | 'png', stamp: ChartStamp | null = currentChartStamp()): Promise<string> {
  const fileName = `${fileStem}.${format}`;
  const out = stamp ? stampChart(chart, stamp) : chart;
  if (format === 'svg') downloadText(fileName, out.text, 'image/svg+xml');
  else downloadBlob(fileName, await svgToPng(out.text, out.width, out.height));
  return fileName;
}

const STAMP_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const STAMP_SIZE = 11;
const STAMP_LINE = 15;
const STAMP_PAD = 8;
/** Average advance of an 11 px sans-serif character, to wrap lines without a DOM to measure them. */
const STAMP_CHAR = 6.1;

function escapeText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The stamp in lines of at most `maxChars`: who and when first, then the assumptions, joined by " · " and wrapped between them. */
export function stampLines(stamp: ChartStamp, maxChars: number): string[] {
  const revision = stamp.revision === null ? 'not saved yet' : `revision ${stamp.revision}${stamp.unsaved ? ' + unsaved edits' : ''}`;
  const head = `${stamp.scenario} · ${revision} · ${stamp.date}`;
  const [first, ...rest] = stamp.assumptions;
  return [...wrap([head], maxChars), ...(first === undefined ? [] : wrap([`Assumptions: ${first}`, ...rest], maxChars))];
}

/** Parts joined by " · " into lines of at most `maxChars`, broken between parts (a part longer than a line stays whole). */
function wrap(parts: string[], maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const next = line ? `${line} · ${part}` : part;
    if (line && next.length > maxChars) {
      lines.push(line);
      line = part;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * `chart` with the stamp as a band below it: the document grows by the band's
 * height (width, height and viewBox of the root element), and the band is
 * the last thing drawn, so nothing of the chart covers it.
 */
export function stampChart(chart: StandaloneSvg, stamp: ChartStamp): StandaloneSvg {
  const root = /<svg\b[^>]*>/.exec(chart.text);
  const end = chart.text.lastIndexOf('</svg>');
  if (!root || end < 0) return chart;
  const maxChars = Math.max(24, Math.floor((chart.width - 2 * STAMP_PAD) / STAMP_CHAR));
  const lines = stampLines(stamp, maxChars);
  const band = STAMP_PAD * 2 + lines.length * STAMP_LINE - 4;
  const height = chart.height + band;
  // The band is drawn in the document's own units: a viewBox other than the pixel size scales it.
  const box = /\sviewBox="([^"]*)"/.exec(root[0]);
  const vb = box?.[1]?.trim().split(/[\s,]+/).map(Number);
  const valid = vb && vb.length === 4 && vb.every(Number.isFinite) && vb[2]! > 0 && vb[3]! > 0;
  const [vx, vy, vw, vh] = valid ? (vb as [number, number, number, number]) : [0, 0, chart.width, chart.height];
  const k = vh / Math.max(1, chart.height);
  const top = vy + vh;
  const bandUnits = band * k;
  let tag = root[0];
  const set = (name: string, value: string) => {
    const attr = new RegExp(`(\\s)${name}="[^"]*"`);
    tag = attr.test(tag) ? tag.replace(attr, `$1${name}="${value}"`) : tag.replace(/^<svg\b/, `<svg ${name}="${value}"`);
  };
  set('width', String(chart.width));
  set('height', String(height));
  set('viewBox', `${vx} ${vy} ${vw} ${vh + bandUnits}`);
  const x = vx + STAMP_PAD * k;
  const texts = lines
    .map((line, i) => `<text x="${x}" y="${top + (STAMP_PAD + 11 + i * STAMP_LINE) * k}" fill="${i === 0 ? '#1c2330' : '#5c6675'}"${i === 0 ? ' font-weight="600"' : ''}>${escapeText(line)}</text>`)
    .join('');
  const group =
    `<g data-chart-stamp="" font-family="${escapeText(STAMP_FONT)}" font-size="${STAMP_SIZE * k}" text-anchor="start">` +
    `<rect x="${vx}" y="${top}" width="${vw}" height="${bandUnits}" fill="#f4f5f7"/>` +
    `<line x1="${vx}" x2="${vx + vw}" y1="${top}" y2="${top}" stroke="#dde1e7" stroke-width="${k}"/>` +
    `${texts}</g>\n`;
  const text = chart.text.slice(0, root.index) + tag + chart.text.slice(root.index + root[0].length, end) + group + chart.text.slice(end);
  return { text, width: chart.width, height };
}

const PRESENTATION = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  // Labels drawn over lines get a white halo (stroke under the fill); without it the stroke covers the letters.
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** Serialises `svg` with its computed presentation inlined, a white background and `title`. */
export function standaloneSvg(svg: SVGSVGElement, title: string): StandaloneSvg {
  const box = svg.getBoundingClientRect();
  const width = Math.round(Number(svg.getAttribute('width')) || box.width);
  const height = Math.round(Number(svg.getAttribute('height')) || box.height);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((element, i) => {
    const target = copies[i];
    if (!target) return;
    const style = getComputedStyle(element);
    const inline = PRESENTATION.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', inline);
    target.removeAttribute('class');
  });
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', PAPER);
  const heading = document.createElementNS(SVG_NS, 'title');
  heading.textContent = title;
  copy.prepend(background);
  copy.prepend(heading);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`, width, height };
}

/** Each part of a file name (a scenario's name, a chart's title) is cut to this many characters. */
const NAME_PART_MAX = 60;

/**
 * The stem of a file the app saves (charts, the phase plan's calendar): a
 * scenario's name and what the file holds, ("Three pilot pods — Ümlaut!",
 * "org-chart") → "three-pilot-pods-umlaut-org-chart"; or one name alone,
 * "Time to production (weeks)" → "time-to-production-weeks". Accents are
 * dropped ("Ü" → "u"), anything else but letters and digits becomes a hyphen.
 */
export function chartFileName(name: string, what?: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, NAME_PART_MAX)
    .replace(/-+$/, '');
  return what === undefined ? base || 'chart' : `${base || 'scenario'}-${what}`;
}
