/**
 * "Report" buttons of the Decision view and Compare: one per format. While a
 * report is written the buttons say so (slides take a moment); the result or
 * the problem is a notice. Figures still preliminary go into the report
 * marked as such, as the report itself says.
 */
import { useState } from 'react';
import { errorInfo } from '../../api/errors.ts';
import { exportReport, REPORT_FORMAT_LABELS, REPORT_FORMATS, type ReportFormat, type ReportScenarioInput } from './report-export.ts';
import { useNotices } from '../../stores/notices.ts';

export function ReportActions({ inputs, disabledReason }: { inputs: readonly ReportScenarioInput[] | null; disabledReason?: string }) {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const write = async (format: ReportFormat) => {
    if (!inputs) return;
    setBusy(format);
    try {
      const done = await exportReport(inputs, format);
      if (done) useNotices.getState().push({ kind: 'success', title: `Report: ${REPORT_FORMAT_LABELS[format]}`, message: `Written to ${done}.` });
    } catch (error) {
      useNotices.getState().push({ kind: 'error', title: `Could not write the ${REPORT_FORMAT_LABELS[format]} report`, message: errorInfo(error).message });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="report-actions" role="group" aria-label="Report to hand on">
      <span className="small muted">Report:</span>
      {REPORT_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="btn btn-small"
          disabled={inputs === null || busy !== null}
          title={inputs === null ? disabledReason : undefined}
          aria-busy={busy === format}
          onClick={() => void write(format)}
        >
          {busy === format ? 'Writing…' : REPORT_FORMAT_LABELS[format]}
        </button>
      ))}
    </div>
  );
}
