/** The report builders (M14): one model from 1–4 Decisions, then HTML (and PDF from it), Markdown, CSV and slides. */
export { buildReportModel, MAX_REPORT_SCENARIOS, ReportInputError, type ReportModel, type ReportScenario, type ReportSource, type ReportTable } from './model.ts';
export { reportCharts, type ReportChart } from './charts.ts';
export { reportHtml } from './html.ts';
export { reportMarkdown, type MarkdownReport } from './markdown.ts';
export { reportCsv } from './csv.ts';
export { reportPptx } from './pptx.ts';
export { deckOutline } from './slides.ts';
export * from '../decision/figure-text.ts';
