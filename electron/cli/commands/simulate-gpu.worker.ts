/** Worker thread of `podplan simulate gpu`: the run happens here so the CLI's main thread stays free for progress and signals. */
import { parentPort, workerData } from 'node:worker_threads';
import { runGpuSimulation, type GpuRunInput } from './simulate-gpu-run.ts';

const port = parentPort!;
runGpuSimulation(workerData as GpuRunInput, (progress) => port.postMessage({ type: 'progress', progress })).then(
  (output) => port.postMessage({ type: 'done', output }),
  (error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
