/**
 * `podplan report FILE [--compare FILE…]`: a report to hand on (M14) — the
 * Decision of one scenario, or of 2–4 side by side, as self-contained HTML,
 * PDF (Chromium prints that HTML), slides (pptx), Markdown with SVG charts,
 * or CSV tables. The figures are the Decision's (`decide()`), from the same
 * runs `podplan cost`, `simulate delivery` and `simulate gpu` make.
 */
import path from 'node:path';
import { buildReportModel, MAX_REPORT_SCENARIOS, reportCsv, reportHtml, reportMarkdown, reportPptx, type ReportModel } from '../../../sim/report/index.ts';
import { COMMON_OPTIONS, helpHint, stringListOption, stringOption, type CommandSpec, type ParsedValues } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';
import { findChromium } from '../report/chromium.ts';
import { evaluateScenarioFile, REPORT_CROSSOVER_TRIALS, type EvaluatedScenario } from '../report/evaluate.ts';
import { launchPdfPrinter, PAPERS, type Paper, type PdfPrinter } from '../report/pdf.ts';
import { writeReportFile, writeTables, writeWithSiblings } from '../report/write.ts';

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'pptx', 'csv'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

const EXTENSIONS: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.md': 'md', '.pptx': 'pptx', '.zip': 'csv', '.csv': 'csv' };
/** Progress lines on stderr for reports taking longer than this, at most this often. */
const PROGRESS_MS = 1000;

const spec: CommandSpec = {
  path: 'podplan report',
  summary: 'A decision report of 1–4 scenario files: HTML, PDF, slides (pptx), Markdown or CSV.',
  details: [
    'Costs come from the cost model (as podplan cost), delivery from the delivery simulation with the scenario\'s trials',
    'and seed (as podplan simulate delivery), GPU waits from the GPU simulation with its saved seed, days and load',
    '(as podplan simulate gpu). Every report and chart names each scenario, its revision (a file: its name and',
    'sha256), the date and the key assumptions.',
    'Formats: html (one self-contained file), pdf (Chromium prints the HTML; --paper a4|letter), pptx,',
    'md (Markdown with the charts as SVG files beside it), csv (one CSV per table into the folder --out, or a .zip).',
    'PDF needs Chromium: --chromium PATH, else $PODPLAN_CHROMIUM, else Playwright\'s, else chromium / google-chrome on the PATH.',
    '--json prints the Decision figures (and the report\'s text for them) on stdout.',
    '--crossover adds where pods overtake the centralized design across demand and headcount (as podplan crossover,',
    'with fewer trials per point); it is off by default as it runs the comparison at 14 points.',
  ],
  options: {
    ...COMMON_OPTIONS,
    compare: { type: 'string', valueName: 'FILE', repeatable: true, description: `Another scenario file to compare (repeatable; ${MAX_REPORT_SCENARIOS} scenarios at most in all).` },
    format: { type: 'string', valueName: 'F', description: `${REPORT_FORMATS.join(', ')} (default: from --out's extension).` },
    out: { type: 'string', valueName: 'PATH', description: 'Where to write the report (csv: a folder, or a .zip).' },
    paper: { type: 'string', valueName: 'a4|letter', description: 'PDF paper size (default a4).' },
    chromium: { type: 'string', valueName: 'PATH', description: 'The Chromium or Chrome executable that prints the PDF.' },
    date: { type: 'string', valueName: 'YYYY-MM-DD', description: 'The date the report carries (default today), for reproducible output.' },
    crossover: { type: 'boolean', description: `Also find where pods overtake the centralized design (podplan crossover's default ranges, ${REPORT_CROSSOVER_TRIALS} trials per point).` },
  },
  positionals: [{ name: 'FILE', required: true, description: 'The scenario file, or - for stdin.' }],
  examples: [
    'podplan report plan.podplan.json --out decision.pdf',
    'podplan report today.podplan.json --compare pods.podplan.json --format pptx --out pods-vs-today.pptx',
    'podplan report plan.podplan.json --format csv --out tables/ --date 2026-12-07',
    'podplan report plan.podplan.json --json | jq .scenarios[0].decision.recommendation',
  ],
};

const hint = helpHint(spec);

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function dateOption(values: ParsedValues): string {
  const text = stringOption(values, 'date');
  if (text === undefined) return today();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const valid = m && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).toISOString().startsWith(text);
  if (!valid) throw new UsageError(`--date: "${text}" must be a date written YYYY-MM-DD.`, hint);
  return text;
}

interface Plan {
  files: string[];
  format: ReportFormat | null;
  out: string | null;
  paper: Paper;
  date: string;
}

function planOf(values: ParsedValues, positionals: string[], io: CliIo): Plan {
  const compare = stringListOption(values, 'compare');
  const files = [positionals[0] ?? '-', ...compare];
  if (compare.length > 0 && files.length > MAX_REPORT_SCENARIOS) {
    throw new UsageError(`A report compares 2 to ${MAX_REPORT_SCENARIOS} scenarios: FILE and at most ${MAX_REPORT_SCENARIOS - 1} --compare files (got ${files.length} scenarios).`, hint);
  }
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('Only one scenario can come from stdin (-).', hint);
  const outText = stringOption(values, 'out');
  const formatText = stringOption(values, 'format');
  if (formatText !== undefined && !(REPORT_FORMATS as readonly string[]).includes(formatText)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${formatText}").`, hint);
  let format = (formatText as ReportFormat | undefined) ?? null;
  if (format === null && outText !== undefined) {
    format = EXTENSIONS[path.extname(outText).toLowerCase()] ?? null;
    if (format === null) throw new UsageError(`Cannot tell the format from --out ${outText}: add --format (${REPORT_FORMATS.join(', ')}).`, hint);
  }
  if (format !== null && outText === undefined) throw new UsageError(`--format ${format} needs --out PATH.`, hint);
  if (format === null && values.json !== true) throw new UsageError('Say where the report goes: --out PATH (and --format), or --json for the figures alone.', hint);
  const paperText = stringOption(values, 'paper');
  if (paperText !== undefined && !(PAPERS as readonly string[]).includes(paperText)) throw new UsageError(`--paper must be a4 or letter (got "${paperText}").`, hint);
  for (const flag of ['paper', 'chromium']) if (values[flag] !== undefined && format !== 'pdf') throw new UsageError(`--${flag} applies to --format pdf.`, hint);
  return { files, format, out: outText === undefined ? null : path.resolve(io.cwd, outText), paper: (paperText as Paper | undefined) ?? 'a4', date: dateOption(values) };
}

/** Prints what is going on once the report has taken a second, then at most once a second. */
function progressPrinter(io: CliIo, quiet: boolean): (message: string) => void {
  const started = performance.now();
  let last = -Infinity;
  return (message) => {
    const t = performance.now();
    if (quiet || t - started < PROGRESS_MS || t - last < PROGRESS_MS) return;
    last = t;
    io.stderr(`${message}\n`);
  };
}

async function render(model: ReportModel, plan: Plan & { format: ReportFormat; out: string }, printer: Promise<PdfPrinter> | null, progress: (m: string) => void): Promise<string[]> {
  switch (plan.format) {
    case 'html':
      return writeReportFile(plan.out, reportHtml(model));
    case 'pdf':
      progress('Printing the PDF with Chromium…');
      return writeReportFile(plan.out, await (await printer!).print(reportHtml(model), plan.paper));
    case 'md': {
      const md = reportMarkdown(model, { chartPrefix: path.basename(plan.out).replace(/\.md$/i, '') });
      return writeWithSiblings(plan.out, md.markdown, md.files);
    }
    case 'pptx':
      return writeReportFile(plan.out, await reportPptx(model));
    case 'csv':
      return writeTables(plan.out, reportCsv(model));
  }
}

export const reportCommand: Command = {
  spec,
  async run({ values, positionals }, io) {
    const plan = planOf(values, positionals, io);
    const json = values.json === true;
    const progress = progressPrinter(io, json);
    // Find Chromium before the simulations, so a missing one fails at once, and start it while they run.
    const chromium = plan.format === 'pdf' ? await findChromium(stringOption(values, 'chromium'), io.env, io.cwd) : null;
    const printer = chromium ? launchPdfPrinter(chromium) : null;
    // A launch that fails while the simulations run is reported when the PDF is printed, not as an unhandled rejection.
    printer?.catch(() => undefined);
    let written: string[] = [];
    let model: ReportModel;
    const evaluated: EvaluatedScenario[] = [];
    try {
      const stop = io.shutdownRequested();
      for (const file of plan.files) {
        evaluated.push(await evaluateScenarioFile(file, io, { date: plan.date, stop, crossover: values.crossover === true, onProgress: (what, fraction) => progress(`${file}: ${what} ${Math.round(fraction * 100)}%`) }));
      }
      model = buildReportModel(evaluated.map((e) => ({ decision: e.decision, costs: e.costs, revisionLabel: e.revisionLabel, ...(e.gpuNote ? { gpuNote: e.gpuNote } : {}), ...(e.crossover ? { crossover: e.crossover } : {}) })), { date: plan.date });
      if (plan.format !== null && plan.out !== null) written = await render(model, { ...plan, format: plan.format, out: plan.out }, printer, progress);
    } finally {
      if (printer) await printer.then((p) => p.close(), () => undefined);
    }
    if (json) {
      io.stdout(
        jsonLine({
          date: plan.date,
          title: model.title,
          scenarios: evaluated.map((e, i) => ({ file: e.file, decision: e.decision, report: model.scenarios[i] })),
          output: plan.format ? { format: plan.format, files: written, ...(plan.format === 'pdf' ? { paper: plan.paper, chromium: chromium!.path } : {}) } : null,
        }),
      );
    } else {
      io.stdout(`Wrote the ${plan.format} report of ${model.scenarios.map((s) => `"${s.name}"`).join(', ')} to ${written[0]}${written.length > 1 ? ` (and ${written.length - 1} more file${written.length > 2 ? 's' : ''})` : ''}.\n`);
    }
    return EXIT_OK;
  },
};
