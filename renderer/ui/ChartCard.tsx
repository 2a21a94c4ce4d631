/**
 * A chart with its title, a sentence on how to read it, and SVG/PNG export.
 * The chart draws its own title and legend inside its SVG, so an exported
 * file explains itself too.
 */
import { useRef, type ReactNode } from 'react';
import { ChartExport } from './ChartExport.tsx';

export function ChartCard({ title, fileStem, caption, children, actions }: { title: string; fileStem: string; caption: ReactNode; children: ReactNode; actions?: ReactNode }) {
  const frame = useRef<HTMLElement>(null);
  return (
    <figure ref={frame} className="chart-card" aria-label={title}>
      <div className="chart-card-bar">
        <figcaption className="small muted">{caption}</figcaption>
        {actions}
        <ChartExport frame={frame} title={title} fileStem={fileStem} />
      </div>
      {children}
    </figure>
  );
}
