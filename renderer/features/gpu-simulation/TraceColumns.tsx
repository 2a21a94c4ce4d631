/**
 * The column-mapping step for a CSV in a layout Podplan does not recognise:
 * each column of the generic CSV takes one of the file's columns (or none);
 * the file is then read as the generic CSV with its header renamed.
 */
import { useState } from 'react';
import { GENERIC_COLUMNS } from './model/trace-job.ts';

const REQUIRED: ReadonlySet<string> = new Set(['id', 'submit_time', 'gpus_per_pod']);

/** What the mapping still lacks, in words; null when the generic CSV can be read. */
export function missingColumns(chosen: Readonly<Record<string, string>>): string | null {
  const has = (c: string) => !!chosen[c];
  const missing = [...REQUIRED].filter((c) => !has(c));
  if (!has('duration') && !(has('start_time') && has('end_time'))) missing.push('duration (or start_time and end_time)');
  if (!has('user') && !has('vc')) missing.push('user or vc');
  return missing.length ? `Still needed: ${missing.join(', ')}.` : null;
}

export function TraceColumns({ header, onApply }: { header: string[]; onApply(columns: Record<string, string>): void }) {
  // generic column → file column; same names (any case) are taken as they are.
  const [chosen, setChosen] = useState<Record<string, string>>(() =>
    Object.fromEntries(GENERIC_COLUMNS.flatMap((g) => {
      const match = header.find((h) => h.toLowerCase() === g);
      return match ? [[g, match]] : [];
    })),
  );
  const missing = missingColumns(chosen);
  return (
    <section className="gpu-trace-columns" aria-label="Trace columns">
      <div className="gpu-form-row">
        {GENERIC_COLUMNS.map((g) => (
          <label key={g}>
            {g}
            {REQUIRED.has(g) ? ' *' : ''}{' '}
            <select
              className="input"
              data-native-undo
              value={chosen[g] ?? ''}
              aria-label={`File column for ${g}`}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setChosen((c) => {
                  const { [g]: _old, ...rest } = c;
                  return value ? { ...rest, [g]: value } : rest;
                });
              }}
            >
              <option value="">—</option>
              {header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {missing ? <p className="muted small">{missing}</p> : null}
      <button type="button" className="btn btn-small" disabled={missing !== null} onClick={() => onApply(Object.fromEntries(Object.entries(chosen).map(([g, h]) => [h, g])))}>
        Read the file with these columns
      </button>
    </section>
  );
}
