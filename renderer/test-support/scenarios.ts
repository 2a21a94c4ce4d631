/** Small scenario documents for unit tests. */
import { defaultPlanning, SCENARIO_SCHEMA_VERSION, type Scenario } from '../../sim/scenario/index.ts';
import { EMPTY_CLUSTER } from '../../sim/cluster/schema.ts';

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
