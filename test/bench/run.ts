/**
 * `npm run bench`: runs every benchmark, prints its median against the
 * target from docs/performance-targets.md. Figures, not pass/fail tests: it exits 0 unless a
 * benchmark could not run at all. `npm run bench -- startup` runs one group.
 */
import type { BenchResult } from './types.ts';

type Bench = () => Promise<BenchResult[]>;

const groups: Record<string, () => Promise<Bench>> = {
  startup: async () => (await import('./startup.ts')).benchStartup,
  'cli-startup': async () => (await import('./cli-startup.ts')).benchCliStartup,
  'store-saves': async () => (await import('./store-saves.ts')).benchStoreSaves,
  'cluster-apply': async () => (await import('./cluster-apply.ts')).benchClusterApply,
  'cluster-apply-vs-kubectl': async () => (await import('./cluster-apply-vs-kubectl.ts')).benchClusterApplyVsKubectl,
  cost: async () => (await import('./cost.ts')).benchCost,
  delivery: async () => (await import('./delivery.ts')).benchDelivery,
  'delivery-rerun': async () => (await import('./delivery-rerun.ts')).benchDeliveryRerun,
  calibration: async () => (await import('./calibration.ts')).benchCalibration,
  'editor-frames': async () => (await import('./editor-frames.ts')).benchEditorFrames,
  'gpu-sim': async () => (await import('./gpu-sim.ts')).benchGpuSim,
  'gpu-sim-tas': async () => async () => (await import('./gpu-sim.ts')).benchGpuSimTas(),
  'gpu-sim-scaling': async () => async () => (await import('./gpu-sim-scaling.ts')).benchGpuSimScaling(),
  'gpu-sim-1m': async () => (await import('./gpu-sim-1m.ts')).benchGpuSim1M,
  'trace-import': async () => (await import('./trace-import.ts')).benchTraceImport,
  'cluster-replay': async () => (await import('./cluster-replay.ts')).benchClusterReplay,
  report: async () => (await import('./report.ts')).benchReport,
  'decision-update': async () => (await import('./decision-update.ts')).benchDecisionUpdate,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !(name in groups));
if (unknown.length) {
  console.error(`Unknown benchmark group(s): ${unknown.join(', ')}. Known: ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
let failedToRun = false;
for (const [name, load] of Object.entries(groups)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  try {
    const bench = await load();
    results.push(...(await bench()));
  } catch (error) {
    failedToRun = true;
    console.error(`bench ${name} could not run: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

const width = Math.max(...results.map((r) => r.name.length), 10);
console.log(`\n${'benchmark'.padEnd(width)}  ${'median'.padStart(12)}  target        result`);
for (const r of results) {
  const figure = `${r.value} ${r.unit}`;
  console.log(`${r.name.padEnd(width)}  ${figure.padStart(12)}  ${r.target.padEnd(12)}  ${r.pass ? 'meets target' : 'MISSES target'}${r.detail ? `  (${r.detail})` : ''}`);
}
process.exit(failedToRun ? 1 : 0);
