/** Small scenario documents for unit tests. */
import { defaultPlanning, SCENARIO_SCHEMA_VERSION, type Scenario } from '../index.ts';
import { EMPTY_CLUSTER } from '../../cluster/schema.ts';

export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: 'scn-1',
    name: 'Test scenario',
    description: '',
    teams: [
      {
        id: 'pod-1',
        name: 'Recommendations pod',
        type: 'stream-aligned-pod',
        description: '',
        positions: [
          { id: 'p1', role: 'single-threaded-owner', title: '', personName: 'Ana', filled: true, singleThreadedOwner: true },
          { id: 'p2', role: 'ai-ml-engineer', title: '', personName: '', filled: true, singleThreadedOwner: false },
          { id: 'p3', role: 'software-engineer', title: '', personName: '', filled: false, hireMonth: 3, singleThreadedOwner: false },
        ],
      },
    ],
    cluster: structuredClone(EMPTY_CLUSTER),
    ...defaultPlanning(),
    ...overrides,
  };
}

type Role = Scenario['teams'][number]['positions'][number]['role'];

const team = (id: string, name: string, type: Scenario['teams'][number]['type'], roles: Role[]): Scenario['teams'][number] => ({
  id,
  name,
  type,
  description: '',
  positions: roles.map((role, i) => ({ id: `${id}-p${i + 1}`, role, title: '', personName: '', filled: true, singleThreadedOwner: role === 'single-threaded-owner' })),
});

/** Two AI pods of six with an AI platform team and a business group: enough org for every delivery design. */
export function makePodsScenario(overrides: Partial<Scenario> = {}): Scenario {
  const pod: Role[] = ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer', 'ai-ml-engineer'];
  return makeScenario({
    id: 'scn-pods',
    name: 'Pods test scenario',
    teams: [
      team('pod-a', 'Search pod', 'stream-aligned-pod', pod),
      team('pod-b', 'Support pod', 'stream-aligned-pod', pod),
      team('platform', 'AI platform', 'ai-platform', ['ai-platform-engineer', 'ai-platform-engineer', 'mlops-engineer', 'ai-platform-engineer']),
      team('business', 'Business', 'business', ['business-stakeholder', 'business-stakeholder']),
    ],
    ...overrides,
  });
}
