/** Client-side size check of a scenario file, before anything is read or sent. */
import { MAX_SCENARIO_FILE_BYTES } from '../../sim/scenario/index.ts';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A message when the file is too large to be a scenario, else null. */
export function fileSizeProblem(fileName: string, bytes: number, limit = MAX_SCENARIO_FILE_BYTES): string | null {
  if (bytes <= limit) return null;
  return `“${fileName}” is ${formatBytes(bytes)}; a Podplan scenario file can be at most ${formatBytes(limit)}. Nothing was imported.`;
}

export { scenarioFileName } from '../../sim/scenario/index.ts';
