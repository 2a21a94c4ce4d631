/**
 * One validation, one answer: what is wrong with a scenario beyond its shape.
 * The schema accepts a half-edited quota policy (the editor saves as you
 * type); `validatePolicy` decides what export and apply refuse. `podplan
 * validate` and the imports report exactly these, so a file that passes
 * validate is a file export takes.
 */
import { validatePolicy } from '../cluster/validate.ts';
import { costModelIssues } from '../cost/validate.ts';
import type { Scenario } from './schema.ts';

export interface ScenarioCheckIssue {
  /** Path from the scenario root, e.g. `cluster.flavors[2].name`. */
  path: string;
  message: string;
}

export interface ScenarioChecks {
  /** What export and apply refuse on: the quota policy's errors (the API server's and Kueue's rules). */
  errors: ScenarioCheckIssue[];
  /** Applies, but probably a mistake: the policy's warnings (as export prints them), then the cost model's. */
  warnings: ScenarioCheckIssue[];
}

export function checkScenario(scenario: Scenario): ScenarioChecks {
  const policy = validatePolicy(scenario.cluster);
  const plain = ({ path, message }: ScenarioCheckIssue): ScenarioCheckIssue => ({ path, message });
  return {
    errors: policy.filter((issue) => issue.severity === 'error').map(plain),
    warnings: [...policy.filter((issue) => issue.severity === 'warning'), ...costModelIssues(scenario.costModel)].map(plain),
  };
}
