/**
 * What in a cost model is probably a mistake. The schema checks structure
 * only, so a half-edited band still saves; these show next to the field.
 */
import { ROLE_LABELS } from '../org/roles.ts';
import type { CostModel } from './schema.ts';

export interface CostModelIssue {
  severity: 'warning';
  /** Path from the scenario root, e.g. `costModel.roles[2].max`. */
  path: string;
  message: string;
}

export function costModelIssues(model: Pick<CostModel, 'roles' | 'loadedCostMultiplier'>): CostModelIssue[] {
  const issues: CostModelIssue[] = [];
  const seen = new Map<string, number>();
  model.roles.forEach((entry, i) => {
    const label = ROLE_LABELS[entry.role];
    if (entry.max < entry.min) {
      issues.push({ severity: 'warning', path: `costModel.roles[${i}].max`, message: `${label}: the band's maximum is below its minimum; the two are swapped when costing` });
    }
    const first = seen.get(entry.role);
    if (first !== undefined) {
      issues.push({ severity: 'warning', path: `costModel.roles[${i}].role`, message: `${label} is in the catalog twice; the first entry (roles[${first}]) is used` });
    } else seen.set(entry.role, i);
  });
  if (model.loadedCostMultiplier < 1) {
    issues.push({ severity: 'warning', path: 'costModel.loadedCostMultiplier', message: 'below 1: the loaded cost would be less than the salary' });
  }
  return issues;
}
