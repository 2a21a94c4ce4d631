import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { naturalDesign } from '../delivery/design.ts';
import { prepareRun } from '../delivery/simulate.ts';
import { orgAtFullStrength, pastOrgParameters } from './staffing.ts';

describe('the org over a history of the past', () => {
  it('is the sample at full strength from month 1: every position filled, every team and area working, no adoption dip', () => {
    const sample = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
    const past = orgAtFullStrength(sample, 60, '2021-12');
    const prepared = prepareRun({ scenario: past, parameters: pastOrgParameters(undefined) }, [naturalDesign(past)]);
    const design = prepared.designs[0]!;
    for (const team of design.teams) {
      expect(team.startMonth, team.name).toBe(1);
      expect(new Set(team.fte), team.name).toEqual(new Set([team.people.length]));
    }
    expect(prepared.portfolio.areas.every((a) => a.startMonth === 1)).toBe(true);
    expect(prepared.parameters.adoptionDipMonths).toBe(0);
    expect(prepared.planStart).toBe('2021-12');
    // The plan itself still hires along its ramp.
    const plan = prepareRun({ scenario: sample }, [naturalDesign(sample)]).designs[0]!;
    expect(plan.teams.some((t) => t.startMonth > 1 || t.fte[0]! < t.people.length)).toBe(true);
  });
});
