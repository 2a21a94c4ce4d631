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
 *   place (`gpu-sim/svg.ts`: inline colours and fonts, pure functions tested
 *   without a DOM) and shown on screen as that very document, so they go out
 *   as they are. Running them through `standaloneSvg` would add nothing they
 *   lack, only a style attribute on every element, a second title and
 *   background, and a DOM to their tests; drawing the delivery charts as
 *   strings instead would give up the stylesheet they share with the
 *   planning charts. Both documents carry the same namespace and white paper.
 */
import { downloadBlob, downloadText, svgToPng } from './download.ts';

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
/** The background every exported chart is drawn on (a PNG has no page behind it). */
export const PAPER = '#ffffff';

/**
 * Downloads `chart` as `<fileStem>.svg`, or `<fileStem>.png` at twice its size;
 * returns the file's name. The SVG is saved before anything is awaited, so the
 * click that asked for it still counts as the user's gesture.
 */
export async function downloadChart(chart: StandaloneSvg, fileStem: string, format: 'svg' | 'png'): Promise<string> {
  const fileName = `${fileStem}.${format}`;
  if (format === 'svg') downloadText(fileName, chart.text, 'image/svg+xml');
  else downloadBlob(fileName, await svgToPng(chart.text, chart.width, chart.height));
  return fileName;
}

const PRESENTATION = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
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
