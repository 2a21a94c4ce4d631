/**
 * `PODPLAN_TRACE_STARTUP=1 podplan …` prints, on stderr, how long after the
 * process started the CLI reached each step of its start-up: the command
 * loaded, a simulation handed to its worker, the simulator's first slice of
 * events done. `npm run bench -- cli-startup` reads these lines. Off by
 * default; when off, a mark costs one environment lookup.
 *
 * Node's `performance.now()` counts from the process's start, in worker
 * threads too, so marks from the main thread and the workers share one clock.
 * A mark is written synchronously to the process's stderr: a worker's own
 * stderr is relayed by the main thread and would be lost when the worker is
 * stopped right after its result.
 */
import { writeSync } from 'node:fs';

/** The prefix of every mark line: `podplan startup: <mark> at <ms> ms`. */
export const STARTUP_MARK_PREFIX = 'podplan startup: ';

export function markStartup(mark: string): void {
  if (process.env.PODPLAN_TRACE_STARTUP !== '1') return;
  writeSync(2, `${STARTUP_MARK_PREFIX}${mark} at ${performance.now().toFixed(1)} ms\n`);
}
