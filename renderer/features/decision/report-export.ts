/**
 * A report to hand on, from the Decision view and Compare: the same builders
 * as `podplan report` (sim/report), so the files hold the same figures as
 * the screen and the CLI. HTML, slides, and Markdown or CSV (each a .zip:
 * the .md with its SVG charts beside it, one CSV per table). PDF: in the
 * desktop app its own Chromium prints the HTML to a file; in a browser, the
 * print dialog opens on the report's print layout (save as PDF there).
 */
import type { CostBreakdown } from '../../../sim/cost/compute.ts';
import type { Decision } from '../../../sim/decision/decision.ts';
import { createZip } from '../../../sim/formats/zip.ts';
import { buildReportModel, type ReportModel, type ReportSource } from '../../../sim/report/model.ts';
import { reportCsv } from '../../../sim/report/csv.ts';
import { reportHtml } from '../../../sim/report/html.ts';
import { reportMarkdown } from '../../../sim/report/markdown.ts';
import { desktopApi } from '../../api/desktop.ts';
import { chartFileName } from '../../files/chart-export.ts';
import { downloadBlob, downloadText } from '../../files/download.ts';

export const REPORT_FORMATS = ['pdf', 'html', 'pptx', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FORMAT_LABELS: Record<ReportFormat, string> = {
  pdf: 'PDF',
  html: 'HTML',
  pptx: 'Slides (.pptx)',
  md: 'Markdown (.zip)',
  csv: 'CSV tables (.zip)',
};

export interface ReportScenarioInput {
  decision: Decision;
  costs: CostBreakdown;
  /** Why there are no GPU waits, when the scenario has nothing to simulate on GPUs. */
  gpuNote?: string;
}

const GPU_NOTE = 'This scenario has no GPU quota policy (no team ClusterQueues), so there are no GPU waits to report.';

/** The report's model from the Decisions on screen (a stored revision, or "unsaved edits" when there is none). */
export function reportModelOf(inputs: readonly ReportScenarioInput[]): ReportModel {
  const sources: ReportSource[] = inputs.map((input) => ({
    decision: input.decision,
    costs: input.costs,
    ...(input.decision.scenario.revision === null ? { revisionLabel: 'not saved yet' } : {}),
    ...(input.gpuNote ? { gpuNote: input.gpuNote } : {}),
  }));
  return buildReportModel(sources, { date: inputs[0]!.decision.date });
}

/** "decision-report-three-pilot-pods-2026-12-07" (or the names of the compared scenarios). */
export function reportFileStem(model: ReportModel): string {
  const names = model.scenarios.map((s) => s.name).join(' vs ');
  return `${chartFileName(names, 'decision-report')}-${model.date}`;
}

/** Prints a report's HTML through the browser's print dialog, from a script-less frame (the page's print layout). */
function printInBrowser(html: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
    frame.addEventListener('load', () => {
      try {
        frame.contentWindow?.print();
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        // Some browsers return from print() before the dialog closes: keep the frame a while.
        window.setTimeout(() => frame.remove(), 60_000);
      }
    });
    frame.srcdoc = html;
    document.body.append(frame);
  });
}

/** Writes the report in `format`; returns what was done, for the notice (null when the user cancelled). */
export async function exportReport(inputs: readonly ReportScenarioInput[], format: ReportFormat): Promise<string | null> {
  const model = reportModelOf(inputs);
  const stem = reportFileStem(model);
  switch (format) {
    case 'html':
      downloadText(`${stem}.html`, reportHtml(model), 'text/html;charset=utf-8');
      return `${stem}.html`;
    case 'pdf': {
      const html = reportHtml(model);
      const desktop = desktopApi();
      if (desktop) {
        const saved = await desktop.saveReportPdf(stem, html, 'a4');
        return saved ? saved.filePath : null;
      }
      await printInBrowser(html);
      return 'the print dialog (choose “Save as PDF”)';
    }
    case 'pptx': {
      // pptxgenjs is large: loaded only when slides are asked for.
      const { reportPptx } = await import('../../../sim/report/pptx.ts');
      const bytes = await reportPptx(model);
      downloadBlob(`${stem}.pptx`, new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' }));
      return `${stem}.pptx`;
    }
    case 'md': {
      const md = reportMarkdown(model, { chartPrefix: stem });
      const zip = createZip([{ path: `${stem}.md`, data: md.markdown }, ...md.files.map((f) => ({ path: f.name, data: f.text }))]);
      downloadBlob(`${stem}-markdown.zip`, new Blob([zip as BlobPart], { type: 'application/zip' }));
      return `${stem}-markdown.zip`;
    }
    case 'csv': {
      const zip = createZip(reportCsv(model).map((t) => ({ path: t.name, data: t.text })));
      downloadBlob(`${stem}-csv.zip`, new Blob([zip as BlobPart], { type: 'application/zip' }));
      return `${stem}-csv.zip`;
    }
  }
}

export { GPU_NOTE };
