/**
 * One chart of the GPU simulation tab: the standalone SVG document drawn at
 * the frame's width, with Export SVG and Export PNG of exactly that
 * document (`downloadChart`, the way out every chart takes).
 */
import { useMemo, useRef } from 'react';
import { errorInfo } from '../../api/errors.ts';
import { chartFileName, downloadChart } from '../../files/chart-export.ts';
import type { ChartSvg } from './model/svg.ts';
import { useElementWidth } from '../../hooks/useElementWidth.ts';
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
  const standalone = { text: chart.svg, width: chart.width, height: chart.height };
  const exported = (file: string) => useNotices.getState().push({ kind: 'success', title: 'Chart exported', message: `Downloaded ${file}` });
  const exportSvg = () => void downloadChart(standalone, chartFileName(scenarioName, name), 'svg').then(exported);
  const exportPng = async () => {
    try {
      exported(await downloadChart(standalone, chartFileName(scenarioName, name), 'png'));
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
