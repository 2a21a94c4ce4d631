/**
 * The GPU scheduling simulation: this scenario's quota policy and workloads
 * through Kueue's admission (sim/gpu-sim), run in a Web Worker.
 */
import type { Scenario } from '../../sim/scenario/index.ts';
import type { IssueIndex } from '../cluster/issues.ts';

export function GpuSimulationView({ doc, issues }: { doc: Scenario; issues: IssueIndex }) {
  void issues;
  return (
    <section className="gpu-sim-view" aria-label="GPU simulation">
      <h2 className="section-title">GPU simulation</h2>
      <p className="muted">{doc.name}: being built.</p>
    </section>
  );
}
