/**
 * Seeded random cases for the differential test: a cohort (sometimes with a
 * child cohort), 2–4 ClusterQueues with random quotas, limits, queueing
 * strategies, preemption policies and weights, and 12–16 steps creating and
 * finishing workloads. Deterministic for a seed (mulberry32).
 *
 *   node test/kueue-diff/random-cases.ts   # rewrites cases/random-<seed>.json
 */
import { mulberry32 } from '../../sim/cluster/testing/random-policy.ts';
import type { DiffCase, DiffStep } from './cases.ts';

export const RANDOM_SEEDS = [1, 2, 3, 4, 5, 6] as const;

export function randomCase(seed: number): DiffCase {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const chance = (p: number) => random() < p;

  const fairSharing = seed % 2 === 0;
  const weight = () => (fairSharing && chance(0.6) ? pick(['0', '0.5', '1', '2', '3']) : undefined);
  const cohorts: DiffCase['cohorts'] = [{ name: 'root', quota: chance(0.4) ? { nominalQuota: int(1, 3) } : undefined, weight: undefined }];
  if (chance(0.5)) cohorts.push({ name: 'org', parent: 'root', quota: chance(0.5) ? { nominalQuota: int(0, 2), lendingLimit: chance(0.3) ? int(0, 1) : undefined } : undefined, weight: weight() });

  const names = ['a', 'b', 'c', 'd'].slice(0, int(2, 4));
  const clusterQueues: DiffCase['clusterQueues'] = names.map((name, i) => {
    const nominalQuota = i === 0 ? int(1, 4) : int(0, 4);
    return {
      name,
      cohort: cohorts.length > 1 && chance(0.5) ? 'org' : 'root',
      quota: {
        nominalQuota,
        borrowingLimit: chance(0.25) ? int(0, 2) : undefined,
        lendingLimit: chance(0.25) ? int(0, nominalQuota) : undefined,
      },
      queueingStrategy: pick(['StrictFIFO', 'BestEffortFIFO'] as const),
      preemption: {
        withinClusterQueue: pick(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority'] as const),
        reclaimWithinCohort: pick(['Never', 'LowerPriority', 'Any'] as const),
        ...(chance(0.2) ? { borrowWithinCohort: 'LowerPriority' as const, maxPriorityThreshold: 5 } : {}),
      },
      weight: weight(),
    };
  });

  const steps: DiffStep[] = [];
  const live: string[] = [];
  const count = int(12, 16);
  for (let k = 1; k <= count; k++) {
    if (live.length > 0 && chance(0.3)) {
      const name = live.splice(Math.floor(random() * live.length), 1)[0]!;
      steps.push({ finish: name });
    } else {
      const queue = pick(names);
      const name = `w${String(k).padStart(2, '0')}-${queue}`;
      live.push(name);
      steps.push({ create: { name, queue, gpus: int(1, 3), priority: pick([0, 0, 5, 10]) } });
    }
  }
  return {
    name: `random-${seed}`,
    description: `Seeded random case ${seed} (test/kueue-diff/random-cases.ts).`,
    fairSharing,
    cohorts: cohorts.map((c) => JSON.parse(JSON.stringify(c)) as DiffCase['cohorts'][number]),
    clusterQueues: clusterQueues.map((q) => JSON.parse(JSON.stringify(q)) as DiffCase['clusterQueues'][number]),
    steps,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  for (const seed of RANDOM_SEEDS) {
    const file = join(import.meta.dirname, 'cases', `random-${seed}.json`);
    writeFileSync(file, `${JSON.stringify(randomCase(seed), null, 2)}\n`);
    console.log(file);
  }
}
