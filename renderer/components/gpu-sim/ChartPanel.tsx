/**
 * One chart of the GPU simulation tab: the standalone SVG document drawn at
 * the frame's width, with Export SVG and Export PNG of exactly that
 * document (the existing download helpers).
 */
import { useMemo, useRef } from 'react';
import { errorInfo } from '../../api/errors.ts';
import { downloadBlob, downloadText, svgToPng } from '../../files/download.ts';
import type { ChartSvg } from '../../gpu-sim/svg.ts';
import { useElementWidth } from '../../hooks/useElementWidth.ts';
import { chartFileName } from '../../planning/org-chart.ts';
import { notifyError, useNotices } from '../../stores/notices.ts';

export function ChartPanel<D>({ data, draw, name, scenarioName, label }: {
  data: D;
  /** Module-level function, so the chart is redrawn only when the data or the width change. */
  draw(data: D, width: number): ChartSvg | null;
  /** File name part, e.g. "gpu-usage". */
  name: string;
  scenarioName: string;
  /** What the export buttons say they export ("GPU usage chart"). */
  label: string;
}) {
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(480, useElementWidth(frameRef, 960));
  const chart = useMemo(() => draw(data, width), [draw, data, width]);
  if (!chart) return <p className="muted small">Nothing to draw for this run.</p>;
  const exportSvg = () => {
    const file = `${chartFileName(scenarioName, name)}.svg`;
    downloadText(file, chart.svg, 'image/svg+xml');
    useNotices.getState().push({ kind: 'success', title: 'Chart exported', message: `Downloaded ${file}` });
  };
  const exportPng = async () => {
    const file = `${chartFileName(scenarioName, name)}.png`;
    try {
      downloadBlob(file, await svgToPng(chart.svg, chart.width, chart.height));
      useNotices.getState().push({ kind: 'success', title: 'Chart exported', message: `Downloaded ${file}` });
    } catch (error) {
      notifyError(`Could not export the ${label} as PNG`, errorInfo(error));
    }
  };
  return (
    <div className="gpu-chart">
      <div className="gpu-chart-actions">
        <button type="button" className="btn btn-small" onClick={exportSvg} aria-label={`Export the ${label} as SVG`}>
          Export SVG
        </button>
        <button type="button" className="btn btn-small" onClick={() => void exportPng()} aria-label={`Export the ${label} as PNG`}>
          Export PNG
        </button>
      </div>
      {/* The document is ours (escaped text, numbers), built by the chart modules; showing it as is keeps screen and export identical. */}
      <div ref={frameRef} className="chart-frame" dangerouslySetInnerHTML={{ __html: chart.svg }} />
    </div>
  );
}
