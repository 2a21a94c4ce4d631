/**
 * "SVG" and "PNG" buttons for a chart drawn on the page: the chart's first
 * <svg> inside `frame`, made standalone (styles inlined) and downloaded.
 */
import { useState, type RefObject } from 'react';
import { chartFileName, downloadChart, standaloneSvg } from '../files/chart-export.ts';
import { useNotices } from '../stores/notices.ts';

export function ChartExport({ frame, title, fileStem }: { frame: RefObject<HTMLElement | null>; title: string; fileStem: string }) {
  const [busy, setBusy] = useState(false);
  const notify = useNotices((s) => s.push);
  const svg = () => frame.current?.querySelector('svg') ?? null;
  const name = `${fileStem}-${chartFileName(title)}`;
  const exportSvg = () => {
    const element = svg();
    if (element) void downloadChart(standaloneSvg(element, title), name, 'svg');
  };
  const exportPng = async () => {
    const element = svg();
    if (!element) return;
    setBusy(true);
    try {
      await downloadChart(standaloneSvg(element, title), name, 'png');
    } catch (error) {
      notify({ kind: 'error', title: 'PNG not exported', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="chart-export" role="group" aria-label={`Export ${title}`}>
      <button type="button" className="btn btn-small btn-ghost" onClick={exportSvg} aria-label={`Export ${title} as SVG`}>
        SVG
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => void exportPng()} disabled={busy} aria-label={`Export ${title} as PNG`}>
        PNG
      </button>
    </span>
  );
}
