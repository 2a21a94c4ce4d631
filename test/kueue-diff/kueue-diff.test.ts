/**
 * Differential test: every stable step of every case agrees with real Kueue
 * (admitted set by name, pending count, weighted shares). Kueue's outcomes
 * are the stored references (regenerate.sh; test/cluster/README.md), so this
 * runs in seconds without Go.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase, ReferenceSchema, type DiffCase, type Reference } from './cases.ts';
import { describeDifference } from './compare.ts';
import { KNOWN_DIFFERENCES } from './known-differences.ts';
import { randomCase, RANDOM_SEEDS } from './random-cases.ts';
import { actionOf, simulateSteps } from './to-simulator.ts';

const KUEUE_VERSION = 'v0.16.2';
const dir = import.meta.dirname;
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

const cases: DiffCase[] = readdirSync(join(dir, 'cases'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => parseCase(`cases/${f}`, readJson(join(dir, 'cases', f))));

function referenceOf(c: DiffCase): Reference {
  const file = join(dir, 'reference', KUEUE_VERSION, `${c.name}.json`);
  return ReferenceSchema.parse(readJson(file));
}

describe('the cases', () => {
  it('include A, B, limits (of ClusterQueues and Cohorts), multi-pod workloads, both queueing strategies, each preemption policy, fair sharing, cohort trees and six random cases', () => {
    const names = cases.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['a-strict-fifo-head-reserves', 'b-borrowers-after-release', ...RANDOM_SEEDS.map((s) => `random-${s}`)]));
    expect(cases.some((c) => c.clusterQueues.some((q) => q.quota.borrowingLimit !== undefined))).toBe(true);
    expect(cases.some((c) => c.clusterQueues.some((q) => q.quota.lendingLimit !== undefined))).toBe(true);
    expect(cases.some((c) => c.cohorts.some((co) => co.parent !== undefined))).toBe(true);
    expect(cases.some((c) => c.cohorts.some((co) => co.quota?.lendingLimit !== undefined))).toBe(true);
    expect(cases.some((c) => c.steps.some((s) => 'create' in s && (s.create.pods ?? 1) > 1))).toBe(true);
    expect(cases.some((c) => c.fairSharing && [...c.clusterQueues, ...c.cohorts].some((n) => n.weight === '0'))).toBe(true);
    for (const s of ['StrictFIFO', 'BestEffortFIFO'] as const) expect(cases.some((c) => c.clusterQueues.some((q) => q.queueingStrategy === s))).toBe(true);
    for (const p of ['LowerPriority', 'LowerOrNewerEqualPriority'] as const) expect(cases.some((c) => c.clusterQueues.some((q) => q.preemption.withinClusterQueue === p))).toBe(true);
    for (const p of ['LowerPriority', 'Any'] as const) expect(cases.some((c) => c.clusterQueues.some((q) => q.preemption.reclaimWithinCohort === p))).toBe(true);
    expect(cases.some((c) => c.clusterQueues.some((q) => q.preemption.borrowWithinCohort === 'LowerPriority'))).toBe(true);
  });

  it('random cases are what their generator makes for the seed, with at least 10 steps', () => {
    for (const seed of RANDOM_SEEDS) {
      const stored = cases.find((c) => c.name === `random-${seed}`);
      expect(stored, `random-${seed}: run node test/kueue-diff/random-cases.ts`).toEqual(randomCase(seed));
      expect(stored!.steps.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('every known difference names a case and a stable step', () => {
    for (const [name, steps] of Object.entries(KNOWN_DIFFERENCES)) {
      const c = cases.find((x) => x.name === name);
      expect(c, `known difference for an unknown case ${name}`).toBeDefined();
      const ref = referenceOf(c!);
      for (const step of Object.keys(steps).map(Number)) expect(ref.steps[step - 1]?.unstable, `${name} step ${step}`).not.toBe(true);
    }
  });
});

describe.each(cases.map((c) => [c.name, c] as const))('%s agrees with Kueue ' + KUEUE_VERSION, (name, c) => {
  const reference = referenceOf(c);
  const podplan = simulateSteps(c);
  const known = KNOWN_DIFFERENCES[name] ?? {};

  it('has a reference for its current steps (else run test/kueue-diff/regenerate.sh)', () => {
    expect(reference.fairSharing).toBe(c.fairSharing);
    expect(reference.steps.map((s) => s.action)).toEqual(c.steps.map(actionOf));
  });

  const stable = reference.steps.filter((s) => !s.unstable);
  it.each(stable.map((s) => [s.step, s.action, s] as const))('step %i: %s', (step, _action, s) => {
    const difference = describeDifference(s.outcome, podplan[step - 1]!);
    const behaviour = known[step];
    if (behaviour) {
      expect(difference, `step ${step} now agrees with Kueue: delete KNOWN_DIFFERENCES['${name}'][${step}] (behaviour ${behaviour})`).not.toBeNull();
    } else {
      expect(difference, `step ${step} (${s.action}) differs from Kueue — ${difference}`).toBeNull();
    }
  });
});
