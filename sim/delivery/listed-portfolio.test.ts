import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runDeliveryJob } from './job.ts';
import { scenarioPortfolio } from './listed-portfolio.ts';
import type { ListedInitiative } from './schema.ts';

const pods = (): Scenario => loadSamples().find((s) => s.teams.some((t) => t.type === 'ai-platform'))!;
const context = { cancelled: false, progress: () => {}, breathe: async () => {} };

async function compare(scenario: Scenario, initiatives?: ListedInitiative[]) {
  const result = await runDeliveryJob({ kind: 'compare', scenario, trials: 200, seed: 5, ...(initiatives ? { initiatives } : {}) }, context, { now: () => 0 });
  if (result.kind !== 'compare') throw new Error('wrong kind');
  return result.comparison;
}

describe('a listed portfolio', () => {
  it('replaces the arrival rate: every trial runs exactly the listed initiatives, in every design', async () => {
    const scenario = pods();
    const pod = scenario.teams.find((t) => t.type === 'stream-aligned-pod')!;
    const list: ListedInitiative[] = [
      { name: 'Recommendations', size: 'medium', areaId: pod.id, arrivalMonth: 1 },
      { name: 'Churn model', size: 'large', arrivalMonth: 2 },
      { name: 'Search ranking', size: 'small', areaId: pod.id, arrivalMonth: 4.5 },
    ];
    const comparison = await compare(scenario, list);
    expect(comparison.portfolio.listed).toBe(3);
    for (const d of comparison.designs) {
      expect(d.initiativesPerTrial).toBe(3);
      expect(d.timeToProduction.p50).toBeGreaterThan(0);
    }
    const byRate = await compare(scenario);
    expect(byRate.designs[0]!.initiativesPerTrial).toBeGreaterThan(3);
  });

  it('an initiative whose pod was removed falls back to round-robin and is reported', () => {
    const scenario = pods();
    const { portfolio, orphaned } = scenarioPortfolio(scenario, [
      { name: 'Kept', size: 'small', areaId: scenario.teams.find((t) => t.type === 'stream-aligned-pod')!.id, arrivalMonth: 1 },
      { name: 'Orphan', size: 'small', areaId: 'no-such-pod', arrivalMonth: 1 },
    ]);
    expect(orphaned).toEqual([1]);
    expect(portfolio.initiatives![0]!.area).toBe(0);
    expect(portfolio.initiatives![1]!.area).toBeUndefined();
  });

  it('an empty list keeps the arrival rate until it has an initiative', async () => {
    const [empty, byRate] = [await compare(pods(), []), await compare(pods())];
    expect(empty.portfolio.listed).toBe(0);
    expect(empty.designs.map((d) => d.timeToProduction.p50)).toEqual(byRate.designs.map((d) => d.timeToProduction.p50));
  });
});
