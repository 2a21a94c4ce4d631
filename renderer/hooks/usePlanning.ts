/**
 * Derived planning figures of the open document, recomputed when the parts
 * they read change (costs take about a millisecond for the samples): costs,
 * guardrail warnings per team (the same array per team while its warnings do
 * not change, so memoised team cards do not re-render), and the team list
 * for pickers.
 */
import { useMemo, useRef } from 'react';
import { scenarioCosts } from '../../sim/cost/scenario-costs.ts';
import type { CostBreakdown } from '../../sim/cost/compute.ts';
import { guardrailsByTeam, orgGuardrails, type GuardrailWarning } from '../../sim/org/guardrails.ts';
import type { Scenario } from '../../sim/scenario/index.ts';

export function useScenarioCosts(doc: Scenario): CostBreakdown {
  const { teams, costModel, phases } = doc;
  const nodePools = doc.cluster.nodePools;
  return useMemo(() => scenarioCosts({ teams, costModel, phases, cluster: { nodePools } }), [teams, costModel, phases, nodePools]);
}

const EMPTY: readonly GuardrailWarning[] = [];

function sameIds(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

// Runs for every team on every edit (500 teams: joining the ids here was ~8 ms of a drop).
function sameWarnings(a: readonly GuardrailWarning[], b: readonly GuardrailWarning[]): boolean {
  return a.length === b.length && a.every((w, i) => w.code === b[i]!.code && w.message === b[i]!.message && sameIds(w.positionIds, b[i]!.positionIds));
}

export interface GuardrailView {
  all: GuardrailWarning[];
  /** Warnings of a team (a shared empty array for none). */
  of(teamId: string): readonly GuardrailWarning[];
}

export function useGuardrails(teams: Scenario['teams']): GuardrailView {
  const previous = useRef(new Map<string, GuardrailWarning[]>());
  return useMemo(() => {
    const all = orgGuardrails(teams);
    const grouped = guardrailsByTeam(all);
    const stable = new Map<string, GuardrailWarning[]>();
    for (const [teamId, list] of grouped) {
      const before = previous.current.get(teamId);
      stable.set(teamId, before && sameWarnings(before, list) ? before : list);
    }
    previous.current = stable;
    return { all, of: (teamId) => stable.get(teamId) ?? EMPTY };
  }, [teams]);
}

export interface TeamOption {
  id: string;
  name: string;
}

/** Teams as `{ id, name }`, the same array while no team is added, removed, renamed or reordered. */
export function useTeamOptions(teams: Scenario['teams']): readonly TeamOption[] {
  const key = teams.map((t) => `${t.id}\u0000${t.name}`).join('\u0001');
  // Keyed on ids and names only, on purpose: other team edits keep the same list.
  return useMemo(() => teams.map((t) => ({ id: t.id, name: t.name })), [key]);
}
