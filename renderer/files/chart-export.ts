/**
 * A chart on the page as a standalone SVG document: the page's CSS does not
 * travel with an exported file (nor into the canvas the PNG is drawn on), so
 * the presentation properties the stylesheet sets are copied onto each
 * element from its computed style.
 */

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

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Serialises `svg` with its computed presentation inlined, a white background and `title`. */
export function standaloneSvg(svg: SVGSVGElement, title: string): { text: string; width: number; height: number } {
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
  background.setAttribute('fill', '#ffffff');
  const heading = document.createElementNS(SVG_NS, 'title');
  heading.textContent = title;
  copy.prepend(background);
  copy.prepend(heading);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`, width, height };
}

/** A file name from a chart's title: "Time to production (weeks)" → "time-to-production-weeks". */
export function chartFileName(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'chart'
  );
}
