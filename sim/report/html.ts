/**
 * The report as one self-contained HTML file: inline CSS and inline SVG
 * charts, no script and no external URL, so it opens anywhere, mails as one
 * attachment and prints the same. It is also the source of the PDF
 * (Chromium prints it), so its print stylesheet lays it out on A4 and Letter
 * alike: the narrower printable width of the two (A4: 210 mm − 2 × 14 mm)
 * bounds every table and chart, rows and figures never split across pages,
 * and each page's margin carries the report's name, date and page number.
 */
import { reportCharts, type ReportChart } from './charts.ts';
import { visibleColumns, type ReportModel, type ReportScenario, type ReportTable } from './model.ts';
import { escapeXml } from './svg.ts';

const esc = escapeXml;

/** Keeps a figure's number and unit on one line ("8.1 weeks", "12.5 h"); the text itself is the model's. */
function figureHtml(text: string): string {
  return esc(text).replace(/(\d) (weeks|h)\b/g, '$1&nbsp;$2');
}

/** A CSS string literal (for the page-margin boxes). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 920px; padding: 24px; font: 10.5pt/1.45 Helvetica, Arial, sans-serif; color: #1d2430; background: #fff; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 22px 0 8px; border-bottom: 2px solid #1f5fa8; padding-bottom: 3px; }
h3 { font-size: 11.5pt; margin: 14px 0 6px; }
p, li { overflow-wrap: break-word; }
.stamps { margin: 8px 0 0; padding: 8px 12px; background: #f3f5f8; border-left: 4px solid #1f5fa8; list-style: none; font-size: 9pt; }
.stamps li { margin: 2px 0; }
.recommendation { font-size: 11.5pt; padding: 10px 12px; border: 1px solid #c9d3e0; border-radius: 4px; background: #fbfcfe; }
.headline { margin: 8px 0; }
.headline b, td.num { white-space: nowrap; }
.notice { color: #8a4b00; background: #fff6e5; padding: 6px 10px; border-radius: 4px; }
.note { color: #5a6473; font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: 6px 0 12px; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid #dde2e8; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: bold; }
td.text { overflow-wrap: anywhere; }
td.num, th.num { text-align: right; }
figure { margin: 10px 0 16px; }
figure svg { display: block; width: 100%; height: auto; max-width: 100%; }
figcaption { font-size: 8.5pt; color: #5a6473; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  figure, tr, .recommendation, .stamps, li { break-inside: avoid; }
  thead { display: table-header-group; }
  section { break-inside: auto; }
  a { color: inherit; text-decoration: none; }
}
`;

function pageRules(model: ReportModel): string {
  const running = `${model.title} · ${model.date}`;
  return `@page { margin: 16mm 14mm 18mm 14mm;
  @bottom-left { content: ${cssString(running.length > 110 ? `${running.slice(0, 109)}…` : running)}; font: 7.5pt Helvetica, Arial, sans-serif; color: #5a6473; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font: 7.5pt Helvetica, Arial, sans-serif; color: #5a6473; }
}`;
}

export function tableHtml(model: ReportModel, table: ReportTable): string {
  const columns = visibleColumns(model, table);
  const numeric = new Set(table.numeric);
  const cls = (i: number) => (numeric.has(i) ? 'num' : 'text');
  const head = columns.map((i) => `<th scope="col" class="${cls(i)}">${esc(table.columns[i]!)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${columns.map((i) => `<td class="${cls(i)}">${figureHtml(row[i] ?? '')}</td>`).join('')}</tr>`).join('\n');
  return `<table id="table-${esc(table.id)}"><caption>${esc(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Inline SVG needs no namespace in HTML; leaving it out keeps the file free of any URL at all. */
function figureOf(chart: ReportChart): string {
  return `<figure>${chart.svg.replace(' xmlns="http://www.w3.org/2000/svg"', '')}</figure>`;
}

const list = (items: readonly string[]) => (items.length ? `<ul>${items.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : '');

function decisionHtml(s: ReportScenario, several: boolean): string {
  const designs = s.designs.map((d) =>
    d.meaningful
      ? `<li>${esc(d.label)}: <b>${figureHtml(d.p85)}</b> to production at P85 · <b>${figureHtml(d.costPerShipped)}</b> per shipped initiative · total <b>${esc(d.totalCost)}</b></li>`
      : `<li>${esc(d.label)}: not a meaningful comparison (see the risks).</li>`,
  );
  return [
    several ? `<h3>${esc(s.name)}</h3>` : '',
    s.preliminary ? '<p class="notice">Preliminary: some figures come from a run that had not finished.</p>' : '',
    `<p class="recommendation">${esc(s.recommendation.text)}</p>`,
    `<ul class="headline"><li>Recommended design: <b>${esc(s.recommendation.design ?? 'none yet')}</b></li><li>Total cost over ${esc(s.horizon)}: <b>${esc(s.totalCost)}</b></li>${designs.join('')}</ul>`,
    s.recommendation.restsOn.length ? `<h3>What it rests on</h3>${list(s.recommendation.restsOn)}` : '',
    s.recommendation.wouldChange.length ? `<h3>What would change it</h3>${list(s.recommendation.wouldChange)}` : '',
  ].join('\n');
}

/** Where pods pay off, when the crossover was run: its sentences per scenario, the grid, the charts. */
function crossoverHtml(model: ReportModel, table: string, charts: readonly ReportChart[]): string {
  const withCrossover = model.scenarios.filter((s) => s.crossover);
  if (withCrossover.length === 0) return '';
  const several = model.scenarios.length > 1;
  const parts = withCrossover.map((s) => `${several ? `<h3>${esc(s.name)}</h3>` : ''}<p class="note">${esc(s.crossover!.run)}.</p>${list(s.crossover!.sentences)}`);
  return `<section id="crossover">
<h2>Where pods pay off: the crossover</h2>
${parts.join('\n')}
${charts.map(figureOf).join('\n')}
${table}
</section>`;
}

export function reportHtml(model: ReportModel): string {
  const charts = new Map(reportCharts(model).map((c) => [c.id, c]));
  const table = (id: string) => {
    const t = model.tables.find((x) => x.id === id);
    return t ? tableHtml(model, t) : '';
  };
  const several = model.scenarios.length > 1;
  const gpuNotes = model.scenarios.filter((s) => s.gpuNote).map((s) => `<p class="note">${several ? `${esc(s.name)}: ` : ''}${esc(s.gpuNote!)}</p>`);
  const readiness = model.scenarios.map((s) => `<p>${several ? `<b>${esc(s.name)}</b>: ` : ''}${esc(s.readiness)}</p>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Podplan">
<title>${esc(model.title)}</title>
<style>${STYLE}
${pageRules(model)}
</style>
</head>
<body>
<header>
<h1>${esc(model.title)}</h1>
<p>Made on ${esc(model.date)} by Podplan. Every figure comes from the scenario’s cost model and simulations; each scenario below is named with its revision, date and key assumptions.</p>
<ul class="stamps">${model.scenarios.map((s) => `<li>${esc(s.stamp)}</li>`).join('')}</ul>
</header>
<section id="decision">
<h2>The decision</h2>
${model.scenarios.map((s) => decisionHtml(s, several)).join('\n')}
</section>
<section id="costs">
<h2>Costs</h2>
${table('summary')}
${figureOf(charts.get('cumulative-cost')!)}
</section>
<section id="timeline">
<h2>Time to production</h2>
${table('designs')}
${table('clocks')}
${figureOf(charts.get('time-to-production')!)}
</section>
${crossoverHtml(model, table('crossover'), [...charts.values()].filter((c) => c.id.startsWith('crossover-')))}
<section id="gpu">
<h2>GPU policy and waits</h2>
${gpuNotes.join('\n')}
${table('gpu-waits')}
${figureOf(charts.get('gpu-waits')!)}
</section>
<section id="risks">
<h2>Risks and open questions</h2>
<h3>Readiness</h3>
${readiness.join('\n')}
${table('risks-and-questions')}
</section>
<section id="assumptions">
<h2>Assumptions and their sources</h2>
${table('assumptions')}
</section>
<section id="monthly">
<h2>Costs by month</h2>
${table('monthly-costs')}
</section>
</body>
</html>
`;
}
