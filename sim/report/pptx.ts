/**
 * The slide deck (`deckOutline`) drawn with pptxgenjs into a .pptx file.
 *
 * Why this lives in sim/ although sim/ is otherwise free of libraries: the
 * Decision view (browser) and `podplan report` (Node) must make the same
 * deck, and sim/ is the one place both may import. pptxgenjs needs no DOM
 * to write a deck (only its HTML-table import and browser download do,
 * which are not used) and no Node API (its lazy `node:fs` import serves
 * media paths, and the deck has none: charts are native). It is not
 * deterministic to the byte — it stamps the file's creation time and zip
 * dates from the clock — so tests check the deck's content, not its bytes.
 */
import pptxgenjs from 'pptxgenjs';
import type { ReportModel } from './model.ts';
import { deckOutline, SLIDE_HEIGHT, SLIDE_WIDTH, type SlideBlock, type SlideSpec } from './slides.ts';
import { PALETTE } from './svg.ts';

// pptxgenjs's types are CommonJS-shaped (TypeScript sees the default import as `{ default: class }`)
// while Node and Vite load its ES build (default = the class): take whichever is there.
type PptxModule = typeof pptxgenjs;
type PptxClass = PptxModule extends { default: infer C } ? C : PptxModule;
const PptxGenJS = ((pptxgenjs as unknown as { default?: PptxClass }).default ?? pptxgenjs) as PptxClass;
type Pptx = InstanceType<PptxClass>;

const FONT = 'Arial';
const INK = '1D2430';
const MUTED = '5A6473';
const COLORS = PALETTE.map((c) => c.slice(1).toUpperCase());
const FOOTER_LINE = 0.17;

type Slide = ReturnType<Pptx['addSlide']>;

function drawBlock(pptx: Pptx, slide: Slide, block: SlideBlock): void {
  const { x, y, w, h } = block.box;
  if (block.kind === 'text') {
    slide.addText(
      block.paragraphs.map((p) => ({ text: p.text, options: { bold: p.bold ?? false, fontSize: p.size ?? 14, bullet: p.bullet ?? false, breakLine: true, paraSpaceAfter: 6 } })),
      { x, y, w, h, fontFace: FONT, color: INK, valign: 'top', fit: 'shrink' },
    );
    return;
  }
  if (block.kind === 'table') {
    const header = block.columns.map((text) => ({ text, options: { bold: true, fill: { color: 'EEF1F5' } } }));
    const rows = block.rows.map((row) => row.map((text, i) => ({ text, options: { align: block.numeric.includes(i) ? ('right' as const) : ('left' as const) } })));
    slide.addTable([header, ...rows], { x, y, w, fontFace: FONT, fontSize: block.fontSize, color: INK, border: { type: 'solid', pt: 0.5, color: 'C9D3E0' }, valign: 'top', autoPage: false });
    return;
  }
  const type = block.chart === 'line' ? pptx.ChartType.line : pptx.ChartType.bar;
  // Horizontal bars list the first category at the bottom: reversed, they read top-down like the table beside them.
  const order = <T>(items: readonly T[]) => (block.chart === 'bar' ? [...items].reverse() : [...items]);
  slide.addChart(
    type,
    block.series.map((s) => ({ name: s.name, labels: order(block.categories), values: order(s.values) })),
    {
      x,
      y,
      w,
      h,
      showTitle: true,
      title: block.title,
      titleFontSize: 14,
      titleColor: INK,
      showLegend: true,
      legendPos: 'b',
      legendFontSize: 12,
      catAxisLabelFontSize: 11,
      valAxisLabelFontSize: 11,
      valAxisLabelFormatCode: block.valueFormat,
      showValAxisTitle: true,
      valAxisTitle: block.valueTitle,
      valAxisTitleFontSize: 11,
      chartColors: COLORS,
      ...(block.chart === 'bar' ? { barDir: 'bar', barGrouping: 'clustered' as const} : { lineSize: 2, lineDataSymbol: 'none' as const }),
    },
  );
}

function drawSlide(pptx: Pptx, spec: SlideSpec): void {
  const slide = pptx.addSlide();
  slide.addText(spec.title, { x: 0.5, y: 0.3, w: SLIDE_WIDTH - 1, h: 0.75, fontFace: FONT, fontSize: 26, bold: true, color: INK, fit: 'shrink' });
  for (const block of spec.blocks) drawBlock(pptx, slide, block);
  if (spec.footer.length) {
    const h = spec.footer.length * FOOTER_LINE + 0.05;
    slide.addText(spec.footer.join('\n'), { x: 0.5, y: SLIDE_HEIGHT - h - 0.12, w: SLIDE_WIDTH - 1, h, fontFace: FONT, fontSize: 8, color: MUTED, valign: 'bottom' });
  }
}

/** The deck as .pptx bytes (Office Open XML, a zip). */
export async function reportPptx(model: ReportModel): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = model.title;
  pptx.author = 'Podplan';
  pptx.subject = model.scenarios.map((s) => s.stamp).join(' | ');
  for (const spec of deckOutline(model)) drawSlide(pptx, spec);
  const out = await pptx.write({ outputType: 'uint8array' });
  if (!(out instanceof Uint8Array)) throw new Error('pptxgenjs did not return bytes.');
  return out;
}
