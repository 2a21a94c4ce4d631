/**
 * The report for wikis: Markdown with pipe tables (GitHub, GitLab and
 * Confluence's Markdown macro read them) and the charts as SVG files beside
 * it, linked by relative name — wikis strip inline SVG, but show an image.
 */
import { reportCharts } from './charts.ts';
import { visibleColumns, type ReportModel, type ReportTable } from './model.ts';

export interface MarkdownReport {
  markdown: string;
  /** Files to write beside the .md, by name (the links in the text). */
  files: Array<{ name: string; text: string }>;
}

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Plain text in a paragraph: the characters Markdown would read as markup are escaped. */
function inline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function tableMarkdown(model: ReportModel, table: ReportTable): string {
  const columns = visibleColumns(model, table);
  const numeric = new Set(table.numeric);
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    `**${inline(table.title)}**`,
    '',
    row(columns.map((i) => table.columns[i]!)),
    `|${columns.map((i) => (numeric.has(i) ? ' ---: ' : ' --- ')).join('|')}|`,
    ...table.rows.map((r) => row(columns.map((i) => r[i] ?? ''))),
  ].join('\n');
}

/** `chartPrefix` names the SVG files: `<prefix>-cumulative-cost.svg`, … */
export function reportMarkdown(model: ReportModel, options: { chartPrefix: string }): MarkdownReport {
  const charts = reportCharts(model);
  const files = charts.map((c) => ({ name: `${options.chartPrefix}-${c.id}.svg`, text: `<?xml version="1.0" encoding="UTF-8"?>\n${c.svg}\n` }));
  const image = (id: string) => {
    const i = charts.findIndex((c) => c.id === id);
    return `![${inline(charts[i]!.title)}](${encodeURI(files[i]!.name)})`;
  };
  const table = (id: string) => {
    const t = model.tables.find((x) => x.id === id);
    return t ? tableMarkdown(model, t) : '';
  };
  const several = model.scenarios.length > 1;
  const out: string[] = [`# ${inline(model.title)}`, '', `Made on ${model.date} by Podplan.`, '', ...model.scenarios.map((s) => `- ${inline(s.stamp)}`), '', '## The decision', ''];
  for (const s of model.scenarios) {
    if (several) out.push(`### ${inline(s.name)}`, '');
    if (s.preliminary) out.push('> Preliminary: some figures come from a run that had not finished.', '');
    out.push(inline(s.recommendation.text), '');
    out.push(`- Recommended design: **${inline(s.recommendation.design ?? 'none yet')}**`, `- Total cost over ${s.horizon}: **${s.totalCost}**`);
    for (const d of s.designs) {
      out.push(d.meaningful ? `- ${inline(d.label)}: **${d.p85}** to production at P85 · **${d.costPerShipped}** per shipped initiative · total **${d.totalCost}**` : `- ${inline(d.label)}: not a meaningful comparison (see the risks).`);
    }
    out.push('');
    if (s.recommendation.restsOn.length) out.push('What it rests on:', '', ...s.recommendation.restsOn.map((t) => `- ${inline(t)}`), '');
    if (s.recommendation.wouldChange.length) out.push('What would change it:', '', ...s.recommendation.wouldChange.map((t) => `- ${inline(t)}`), '');
  }
  out.push('## Costs', '', table('summary'), '', image('cumulative-cost'), '');
  out.push('## Time to production', '', table('designs'), '', table('clocks'), '', image('time-to-production'), '');
  const withCrossover = model.scenarios.filter((s) => s.crossover);
  if (withCrossover.length) {
    out.push('## Where pods pay off: the crossover', '');
    for (const s of withCrossover) {
      if (several) out.push(`### ${inline(s.name)}`, '');
      out.push(`_${inline(s.crossover!.run)}._`, '', ...s.crossover!.sentences.map((t) => `- ${inline(t)}`), '');
    }
    for (const c of charts) if (c.id.startsWith('crossover-')) out.push(image(c.id), '');
    out.push(table('crossover'), '');
  }
  out.push('## GPU policy and waits', '');
  for (const s of model.scenarios) if (s.gpuNote) out.push(`_${several ? `${inline(s.name)}: ` : ''}${inline(s.gpuNote)}_`, '');
  out.push(table('gpu-waits'), '', image('gpu-waits'), '');
  out.push('## Risks and open questions', '', ...model.scenarios.map((s) => `Readiness${several ? ` (${inline(s.name)})` : ''}: ${inline(s.readiness)}`).flatMap((l) => [l, '']), table('risks-and-questions'), '');
  out.push('## Assumptions and their sources', '', table('assumptions'), '');
  out.push('## Costs by month', '', table('monthly-costs'), '');
  return { markdown: out.join('\n'), files };
}
