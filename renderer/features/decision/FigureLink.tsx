/**
 * A figure of the Decision that opens the tab computing it: every number is
 * one click from its inputs and sources.
 */
import type { ReactNode } from 'react';
import type { FigureTab } from '../../../sim/decision/decision.ts';
import { routeHash, useNavigation, type EditorSection } from '../../stores/navigation.ts';

const TAB_NAMES: Record<FigureTab, string> = {
  costs: 'Costs',
  delivery: 'Delivery simulation',
  'gpu-sim': 'GPU simulation',
  capacity: 'GPU capacity',
  readiness: 'Readiness',
};

export function FigureLink({ scenarioId, tab, children, label }: { scenarioId: string; tab: FigureTab; children: ReactNode; label?: string }) {
  const navigate = useNavigation((s) => s.navigate);
  const route = { view: 'editor' as const, scenarioId, section: tab as EditorSection };
  return (
    <a
      className="figure-link"
      href={routeHash(route)}
      title={`Computed in ${TAB_NAMES[tab]}: open it to see the inputs and their sources`}
      data-tab={tab}
      aria-label={label ? `${label} (open ${TAB_NAMES[tab]})` : undefined}
      onClick={(e) => {
        e.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </a>
  );
}
