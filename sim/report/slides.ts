/**
 * The slide deck as data: which slides, their titles, texts, tables and
 * native chart series, laid out on a 13.33 × 7.5 in (16:9 "wide") slide.
 * Kept apart from the pptxgenjs adapter (`pptx.ts`) so what a deck says is
 * pure and testable, and the adapter only draws it. Every slide's footer is
 * the scenarios' stamps (name, revision, date, key assumptions).
 *
 * Charts carry no data labels: PowerPoint would format the numbers itself;
 * the figures as the report writes them are in the table beside each chart.
 */
import { visibleColumns, type ReportModel, type ReportTable } from './model.ts';

export const SLIDE_WIDTH = 13.333;
export const SLIDE_HEIGHT = 7.5;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Paragraph {
  text: string;
  bold?: boolean;
  bullet?: boolean;
  size?: number;
}

export type SlideBlock =
  | { kind: 'text'; box: Box; paragraphs: Paragraph[] }
  | { kind: 'table'; box: Box; columns: string[]; rows: string[][]; numeric: number[]; fontSize: number }
  | { kind: 'chart'; box: Box; chart: 'line' | 'bar'; title: string; categories: string[]; series: Array<{ name: string; values: number[] }>; valueTitle: string; valueFormat: string };

export interface SlideSpec {
  title: string;
  blocks: SlideBlock[];
  footer: string[];
}

const MARGIN = 0.5;
const CONTENT_TOP = 1.15;
const FULL_WIDTH = SLIDE_WIDTH - 2 * MARGIN;
/** Table rows (and bullet items) per slide that stay readable at a glance. */
const ROWS_PER_SLIDE = 11;
const ITEMS_PER_SLIDE = 9;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

const numbered = (title: string, i: number, n: number) => (n > 1 ? `${title} (${i + 1} of ${n})` : title);

function tableBlock(model: ReportModel, table: ReportTable, box: Box, keep?: readonly string[], rows = table.rows): SlideBlock {
  const visible = visibleColumns(model, table).filter((i) => !keep || keep.includes(table.columns[i]!));
  return {
    kind: 'table',
    box,
    columns: visible.map((i) => table.columns[i]!),
    rows: rows.map((r) => visible.map((i) => r[i] ?? '')),
    numeric: visible.flatMap((i, at) => (table.numeric.includes(i) ? [at] : [])),
    fontSize: 12,
  };
}

function tableOf(model: ReportModel, id: string): ReportTable {
  const t = model.tables.find((x) => x.id === id);
  if (!t) throw new Error(`The report model has no table "${id}".`);
  return t;
}

function titleSlide(model: ReportModel): SlideSpec {
  return {
    title: model.title,
    footer: [],
    blocks: [
      {
        kind: 'text',
        box: { x: MARGIN, y: 2.2, w: FULL_WIDTH, h: 4 },
        paragraphs: [{ text: `Made on ${model.date} by Podplan`, size: 20 }, ...model.scenarios.map((s) => ({ text: s.stamp, bullet: true, size: 14 }))],
      },
    ],
  };
}

function decisionSlides(model: ReportModel): SlideSpec[] {
  const several = model.scenarios.length > 1;
  return model.scenarios.map((s) => ({
    title: several ? `The decision: ${s.name}` : 'The decision',
    footer: [s.stamp],
    blocks: [
      { kind: 'text', box: { x: MARGIN, y: CONTENT_TOP, w: FULL_WIDTH, h: 2.6 }, paragraphs: [{ text: s.recommendation.text, size: 16 }] },
      {
        kind: 'text',
        box: { x: MARGIN, y: CONTENT_TOP + 2.7, w: FULL_WIDTH, h: 2.6 },
        paragraphs: [
          { text: `Recommended design: ${s.recommendation.design ?? 'none yet'}`, bold: true, bullet: true, size: 16 },
          { text: `Total cost over ${s.horizon}: ${s.totalCost}`, bullet: true, size: 16 },
          ...s.designs.map((d) => ({ text: d.meaningful ? `${d.label}: ${d.p85} to production at P85 · ${d.costPerShipped} per shipped initiative` : `${d.label}: not a meaningful comparison`, bullet: true, size: 14 })),
        ],
      },
    ],
  }));
}

function costSlide(model: ReportModel): SlideSpec {
  const series = model.charts.cumulativeCost;
  const longest = [...series].sort((a, b) => b.months.length - a.months.length)[0]!;
  return {
    title: 'Costs',
    footer: model.scenarios.map((s) => s.stamp),
    blocks: [
      tableBlock(model, tableOf(model, 'summary'), { x: MARGIN, y: CONTENT_TOP, w: FULL_WIDTH, h: 1.2 }, ['Scenario', 'Total cost', 'People', 'GPU use', 'Idle GPUs', 'Annual run rate']),
      {
        kind: 'chart',
        box: { x: MARGIN, y: CONTENT_TOP + 1.5, w: FULL_WIDTH, h: 3.9 },
        chart: 'line',
        title: 'Cumulative cost by month',
        categories: longest.months,
        series: series.map((s) => ({ name: s.scenario, values: s.cumulative.map((v) => Math.round(v)) })),
        valueTitle: series[0]?.currency ?? 'USD',
        valueFormat: '#,##0',
      },
    ],
  };
}

function timelineSlide(model: ReportModel): SlideSpec {
  const rows = model.charts.timeline.filter((r) => r.p50 && r.p85);
  const several = model.scenarios.length > 1;
  return {
    title: 'Timeline comparison',
    footer: model.scenarios.map((s) => s.stamp),
    blocks: [
      {
        kind: 'chart',
        box: { x: MARGIN, y: CONTENT_TOP, w: 5.6, h: 4.6 },
        chart: 'bar',
        title: 'Weeks to production: P50 and P85',
        categories: rows.map((r) => (several ? `${r.scenario}: ${r.design}` : r.design)),
        series: [
          { name: 'P50', values: rows.map((r) => Math.round(r.p50!.weeks * 10) / 10) },
          { name: 'P85', values: rows.map((r) => Math.round(r.p85!.weeks * 10) / 10) },
        ],
        valueTitle: 'weeks',
        valueFormat: '0',
      },
      tableBlock(model, tableOf(model, 'designs'), { x: MARGIN + 5.8, y: CONTENT_TOP, w: FULL_WIDTH - 5.8, h: 4.6 }, ['Scenario', 'Design', 'P50 to production (95% interval)', 'P85 to production (95% interval)', 'Cost per shipped initiative']),
    ],
  };
}

function gpuSlide(model: ReportModel): SlideSpec {
  const { rows, notes } = model.charts.gpuWaits;
  const several = model.scenarios.length > 1;
  const blocks: SlideBlock[] = [];
  if (rows.length) {
    blocks.push({
      kind: 'chart',
      box: { x: MARGIN, y: CONTENT_TOP, w: 6.4, h: 4.6 },
      chart: 'bar',
      title: 'P90 wait for GPUs per team (hours)',
      categories: rows.map((r) => (several ? `${r.scenario}: ${r.team}` : r.team)),
      series: [{ name: 'P90 wait', values: rows.map((r) => (r.hours === null ? 0 : Math.round(r.hours * 10) / 10)) }],
      valueTitle: 'hours',
      valueFormat: '0.0',
    });
    blocks.push(tableBlock(model, tableOf(model, 'gpu-waits'), { x: MARGIN + 6.6, y: CONTENT_TOP, w: FULL_WIDTH - 6.6, h: 3 }, ['Scenario', 'Team', 'P90 wait for GPUs'], tableOf(model, 'gpu-waits').rows.filter((r) => r[1] !== '—')));
  }
  if (notes.length) blocks.push({ kind: 'text', box: { x: MARGIN, y: rows.length ? CONTENT_TOP + 4.8 : CONTENT_TOP, w: FULL_WIDTH, h: rows.length ? 0.8 : 2 }, paragraphs: notes.map((n) => ({ text: several ? `${n.scenario}: ${n.note}` : n.note, size: 14 })) });
  return { title: 'GPU policy and waits', footer: model.scenarios.map((s) => s.stamp), blocks };
}

function riskSlides(model: ReportModel): SlideSpec[] {
  const several = model.scenarios.length > 1;
  const items = tableOf(model, 'risks-and-questions').rows.map((r) => `${several ? `${r[0]}: ` : ''}${r[1]}: ${r[2]}`);
  const pages = chunks(items, ITEMS_PER_SLIDE);
  return pages.map((page, i) => ({
    title: numbered('Risks and open questions', i, pages.length),
    footer: model.scenarios.map((s) => s.stamp),
    blocks: [{ kind: 'text', box: { x: MARGIN, y: CONTENT_TOP, w: FULL_WIDTH, h: 5.3 }, paragraphs: page.length ? page.map((text) => ({ text, bullet: true, size: 13 })) : [{ text: 'None recorded.', size: 14 }] }],
  }));
}

function assumptionSlides(model: ReportModel): SlideSpec[] {
  const table = tableOf(model, 'assumptions');
  const pages = chunks(table.rows, ROWS_PER_SLIDE);
  return pages.map((rows, i) => ({
    title: numbered('Assumptions and their sources', i, pages.length),
    footer: model.scenarios.map((s) => s.stamp),
    blocks: [tableBlock(model, table, { x: MARGIN, y: CONTENT_TOP, w: FULL_WIDTH, h: 5.2 }, undefined, rows)],
  }));
}

/** The crossover's sentences, one slide per scenario that has one (the grid is in the CSV and the HTML). */
function crossoverSlides(model: ReportModel): SlideSpec[] {
  const several = model.scenarios.length > 1;
  return model.scenarios
    .filter((s) => s.crossover)
    .map((s) => ({
      title: several ? `Where pods pay off: ${s.name}` : 'Where pods pay off',
      footer: [s.stamp],
      blocks: [{ kind: 'text', box: { x: MARGIN, y: CONTENT_TOP, w: FULL_WIDTH, h: 5.3 }, paragraphs: [{ text: s.crossover!.run, size: 12 }, ...s.crossover!.sentences.map((text) => ({ text, bullet: true, size: 13 }))] }],
    }));
}

/** Title, the decision, costs, timeline comparison, the crossover (when run), GPU policy and waits, risks and open questions, assumptions with their sources. */
export function deckOutline(model: ReportModel): SlideSpec[] {
  return [titleSlide(model), ...decisionSlides(model), costSlide(model), timelineSlide(model), ...crossoverSlides(model), gpuSlide(model), ...riskSlides(model), ...assumptionSlides(model)];
}
