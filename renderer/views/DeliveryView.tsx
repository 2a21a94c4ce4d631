/**
 * The delivery simulation: centralized vs pods vs pods with a platform team,
 * derived from this scenario's org (sim/delivery), run in a Web Worker.
 */
import type { Scenario } from '../../sim/scenario/index.ts';

export function DeliveryView({ doc }: { doc: Scenario }) {
  return (
    <section className="delivery-view" aria-label="Delivery simulation">
      <h2 className="section-title">Delivery simulation</h2>
      <p className="muted">{doc.name}: being built.</p>
    </section>
  );
}
