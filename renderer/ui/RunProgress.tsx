/**
 * Progress of a simulation running in a worker: a bar with what it is doing,
 * a Cancel button, and a note saying what the figures below are meanwhile
 * (the previous run's, or this run's so far). Renders nothing when no run is
 * in flight.
 */
import type { JobProgress } from '../../sim/kernel/job.ts';

const SHOWING_NOTE = {
  previous: ' · the figures below are from the previous run until this one finishes',
  preliminary: ' · the figures below are this run’s so far and update until it finishes',
} as const;

export function RunProgress({ label, running, progress, showing, onCancel, unit = 'trials' }: {
  /** Accessible name of the bar, e.g. "Delivery simulation progress". */
  label: string;
  running: boolean;
  progress: JobProgress | null;
  /** What the figures shown meanwhile are (null: none shown). */
  showing: keyof typeof SHOWING_NOTE | null;
  onCancel(): void;
  unit?: string;
}) {
  if (!running) return null;
  const pct = progress && progress.total > 0 ? Math.min(100, (100 * progress.done) / progress.total) : 0;
  const text = progress ? `${progress.phase ?? `${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} ${unit}`}` : 'Starting…';
  return (
    <div className="apply-progress run-progress">
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress?.total ?? 100} aria-valuenow={progress?.done ?? 0} aria-valuetext={text}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="small muted" role="status">
        {text}
        {showing ? SHOWING_NOTE[showing] : ''}
      </span>
      <button type="button" className="btn btn-small" onClick={onCancel}>
        Cancel run
      </button>
    </div>
  );
}
