import { describe, expect, it } from 'vitest';
import { defaultRoleCost } from '../cost/catalog.ts';
import { scenarioCosts } from '../cost/scenario-costs.ts';
import { orgGuardrails } from '../org/guardrails.ts';
import { ownershipFlags } from '../ownership/flags.ts';
import { validateScenario, type Scenario } from '../scenario/index.ts';
import { removeTeam } from './scenario.ts';
import { makeScenario } from '../scenario/testing/scenarios.ts';
import { isDefaultRoleCost, resetRoleCost, setOptionalCost, updateCostModel, updateRoleCost } from './cost.ts';
import { movePosition, setPositionPercentile, setTeamGpuHours } from './org.ts';
import { applySuggestedOwnership, ownersOf, setOwner, setOwnershipNote } from './ownership.ts';
import { addWave, removeWave, resetHiring, setWaveTeam, shiftWave, updateHiring, updateRetrospectives, updateWave } from './phases.ts';
import { followOrganisation, overrideReadiness, patchAnswers, setReadiness } from './readiness.ts';

/** Two pods and an AI platform team. */
function org(): Scenario {
  const base = makeScenario();
  return {
    ...base,
    teams: [
      ...base.teams,
      {
        id: 'pod-2',
        name: 'Search pod',
        type: 'stream-aligned-pod',
        description: '',
        positions: [{ id: 'q1', role: 'software-engineer', title: '', personName: '', filled: true, singleThreadedOwner: false }],
      },
      { id: 'plat', name: 'AI platform', type: 'ai-platform', description: '', positions: [] },
    ],
  };
}

describe('org edits', () => {
  it('moves a position to another team, keeping its id and fields; the input is untouched', () => {
    const before = org();
    const copy = structuredClone(before);
    const after = movePosition(before, 'p2', 'pod-2');
    expect(before).toEqual(copy);
    expect(after.teams[0]!.positions.map((p) => p.id)).toEqual(['p1', 'p3']);
    expect(after.teams[1]!.positions.map((p) => p.id)).toEqual(['q1', 'p2']);
    expect(after.teams[1]!.positions[1]).toBe(before.teams[0]!.positions[1]);
    expect(after.teams[2]).toBe(before.teams[2]);
    expect(() => validateScenario(after)).not.toThrow();
  });

  it('moves before a given position, within a team too; a no-op move is the same document', () => {
    const doc = org();
    expect(movePosition(doc, 'p2', 'pod-2', 0).teams[1]!.positions.map((p) => p.id)).toEqual(['p2', 'q1']);
    expect(movePosition(doc, 'p3', 'pod-1', 0).teams[0]!.positions.map((p) => p.id)).toEqual(['p3', 'p1', 'p2']);
    expect(movePosition(doc, 'p1', 'pod-1', 3).teams[0]!.positions.map((p) => p.id)).toEqual(['p2', 'p3', 'p1']);
    expect(movePosition(doc, 'p2', 'pod-1', 1)).toBe(doc);
    expect(movePosition(doc, 'p2', 'pod-1', 2)).toBe(doc);
    expect(movePosition(doc, 'p3', 'pod-1')).toBe(doc);
    expect(movePosition(doc, 'nope', 'pod-2')).toBe(doc);
    expect(movePosition(doc, 'p1', 'nope')).toBe(doc);
  });

  it('moving the owner out changes the guardrails of both teams', () => {
    const after = movePosition(org(), 'p1', 'pod-2');
    const codes = orgGuardrails(after.teams).map((w) => `${w.teamId}:${w.code}`);
    expect(codes).toContain('pod-1:pod-no-owner');
    expect(codes).not.toContain('pod-2:pod-no-owner');
  });

  it('sets and clears a salary percentile override and GPU-hours', () => {
    const doc = org();
    const set = setPositionPercentile(doc, 'pod-1', 'p2', 75);
    expect(set.teams[0]!.positions[1]!.salaryPercentile).toBe(75);
    expect(setPositionPercentile(set, 'pod-1', 'p2', 75)).toBe(set);
    const cleared = setPositionPercentile(set, 'pod-1', 'p2', null);
    expect(cleared.teams[0]!.positions[1]).not.toHaveProperty('salaryPercentile');
    expect(setPositionPercentile(doc, 'pod-1', 'p2', null)).toBe(doc);
    // The override moves the position's cost.
    const band = defaultRoleCost('ai-ml-engineer');
    expect(scenarioCosts(set).positionAnnual[1]).toBeCloseTo(band.min + (band.max - band.min) * 0.75);

    const gpu = setTeamGpuHours(doc, 'pod-1', 1200);
    expect(gpu.teams[0]!.gpuHoursPerMonth).toBe(1200);
    expect(setTeamGpuHours(gpu, 'pod-1', null).teams[0]).not.toHaveProperty('gpuHoursPerMonth');
    expect(setTeamGpuHours(doc, 'pod-1', null)).toBe(doc);
  });

  it('removing a team takes it out of the waves and the ownership map, in one edit', () => {
    let doc = setWaveTeam(org(), 'wave-pilot', 'pod-2', true);
    doc = setOwner(doc, 'models', 'pod-2', true);
    const after = removeTeam(doc, 'pod-2');
    expect(after.phases.waves[0]!.teamIds).toEqual([]);
    expect(ownersOf(after.ownership.assignments, 'models')).toEqual([]);
    expect(after.phases.waves[1]).toBe(doc.phases.waves[1]);
  });
});

describe('cost model edits', () => {
  it('a band edit makes the entry the user\'s and moves the costs; reset restores the seed default', () => {
    const doc = org();
    const before = scenarioCosts(doc);
    const edited = updateRoleCost(doc, 'data-platform-engineer', { min: 200_000, max: 300_000 });
    const entry = edited.costModel.roles.find((r) => r.role === 'data-platform-engineer')!;
    expect(entry).toMatchObject({ min: 200_000, max: 300_000, source: 'user' });
    expect(isDefaultRoleCost(entry)).toBe(false);
    // No data platform engineer in the org: edit the AI/ML band to move the org's cost.
    const ml = updateRoleCost(doc, 'ai-ml-engineer', { percentile: 90 });
    expect(scenarioCosts(ml).total).toBeGreaterThan(before.total);
    expect(updateRoleCost(ml, 'ai-ml-engineer', { percentile: 90 })).toBe(ml);
    const reset = resetRoleCost(edited, 'data-platform-engineer');
    expect(reset.costModel.roles.find((r) => r.role === 'data-platform-engineer')).toEqual(defaultRoleCost('data-platform-engineer'));
    expect(resetRoleCost(reset, 'data-platform-engineer')).toBe(reset);
    expect(() => validateScenario(edited)).not.toThrow();
  });

  it('a role missing from the catalog is added from its default when edited', () => {
    const doc = org();
    const without = { ...doc, costModel: { ...doc.costModel, roles: doc.costModel.roles.filter((r) => r.role !== 'mlops-engineer') } };
    const edited = updateRoleCost(without, 'mlops-engineer', { equityPerYear: 10_000 });
    expect(edited.costModel.roles.at(-1)).toMatchObject({ role: 'mlops-engineer', equityPerYear: 10_000, min: 150_000, source: 'user' });
  });

  it('multipliers, budget cap and GPU price; null unsets the optional ones', () => {
    const doc = org();
    const m = updateCostModel(doc, { loadedCostMultiplier: 1.3 });
    // Salary × multiplier (equity is added after the multipliers).
    expect(scenarioCosts(m).positionAnnual[1]).toBeCloseTo(scenarioCosts(doc).positionAnnual[1]! * 1.3);
    expect(updateCostModel(m, { loadedCostMultiplier: 1.3 })).toBe(m);
    const capped = setOptionalCost(doc, 'budgetCapPerYear', 500_000);
    expect(scenarioCosts(capped).budget?.capPerYear).toBe(500_000);
    const uncapped = setOptionalCost(capped, 'budgetCapPerYear', null);
    expect(uncapped.costModel).not.toHaveProperty('budgetCapPerYear');
    expect(setOptionalCost(uncapped, 'budgetCapPerYear', null)).toBe(uncapped);
  });
});

describe('ownership edits', () => {
  it('a second owner of a platform capability raises "two paved roads"; taking it away clears it', () => {
    let doc = setOwner(org(), 'model-registry', 'plat', true);
    expect(ownershipFlags(doc.teams, doc.ownership.assignments).filter((f) => f.capability === 'model-registry').map((f) => f.code)).toEqual([]);
    doc = setOwner(doc, 'model-registry', 'pod-1', true);
    const codes = ownershipFlags(doc.teams, doc.ownership.assignments).filter((f) => f.capability === 'model-registry').map((f) => f.code);
    expect(codes).toContain('owned-twice');
    expect(codes).toContain('product-owns-shared-primitive');
    const back = setOwner(doc, 'model-registry', 'pod-1', false);
    expect(ownersOf(back.ownership.assignments, 'model-registry')).toEqual(['plat']);
    expect(setOwner(back, 'model-registry', 'plat', true)).toBe(back);
  });

  it('keeps a capability\'s note and its place; an unowned capability without a note has no entry', () => {
    let doc = setOwner(org(), 'gpu-scheduling', 'plat', true);
    doc = setOwner(doc, 'model-registry', 'plat', true);
    doc = setOwnershipNote(doc, 'gpu-scheduling', 'Kueue since 2025');
    const moved = setOwner(doc, 'gpu-scheduling', 'pod-1', true);
    expect(moved.ownership.assignments.map((a) => a.capability)).toEqual(['gpu-scheduling', 'model-registry']);
    expect(moved.ownership.assignments[0]).toEqual({ capability: 'gpu-scheduling', teamIds: ['plat', 'pod-1'], note: 'Kueue since 2025' });
    const none = setOwner(setOwner(moved, 'gpu-scheduling', 'plat', false), 'gpu-scheduling', 'pod-1', false);
    expect(none.ownership.assignments[0]).toEqual({ capability: 'gpu-scheduling', teamIds: [], note: 'Kueue since 2025' });
    expect(setOwner(doc, 'model-registry', 'plat', false).ownership.assignments.map((a) => a.capability)).toEqual(['gpu-scheduling']);
  });

  it('suggests the article\'s ownership, keeping notes, and is a no-op the second time', () => {
    const doc = setOwnershipNote(setOwner(org(), 'gpu-scheduling', 'pod-1', true), 'gpu-scheduling', 'Was the pod\'s');
    const suggested = applySuggestedOwnership(doc);
    expect(ownersOf(suggested.ownership.assignments, 'gpu-scheduling')).toEqual(['plat']);
    expect(ownersOf(suggested.ownership.assignments, 'models')).toEqual(['pod-1', 'pod-2']);
    expect(suggested.ownership.assignments.find((a) => a.capability === 'gpu-scheduling')?.note).toBe('Was the pod\'s');
    expect(applySuggestedOwnership(suggested)).toBe(suggested);
    const codes = new Set(ownershipFlags(suggested.teams, suggested.ownership.assignments).map((f) => f.code));
    // No central platform team in this org: its layer stays unowned, nothing else is flagged.
    expect([...codes]).toEqual(['unowned']);
    expect(() => validateScenario(suggested)).not.toThrow();
  });
});

describe('phase edits', () => {
  it('moves a wave by whole months keeping its length, clamped at month 1', () => {
    const doc = org();
    const later = shiftWave(doc, 'wave-pilot', 2);
    expect(later.phases.waves[0]).toMatchObject({ startMonth: 3, endMonth: 5 });
    expect(shiftWave(doc, 'wave-pilot', -1)).toBe(doc);
    expect(shiftWave(doc, 'wave-expand', 1).phases.waves[2]).toMatchObject({ startMonth: 8 });
    expect(shiftWave(doc, 'wave-expand', 1).phases.waves[2]).not.toHaveProperty('endMonth');
  });

  it('moving the pilot wave moves when its teams start costing', () => {
    const doc = setWaveTeam(org(), 'wave-pilot', 'pod-1', true);
    const before = scenarioCosts(doc);
    const after = scenarioCosts(updateWave(doc, 'wave-pilot', { startMonth: 2, endMonth: 4 }));
    expect(before.teams[0]!.monthly[0]).toBeGreaterThan(0);
    expect(after.teams[0]!.monthly[0]).toBe(0);
    expect(after.teams[0]!.monthly[1]).toBeCloseTo(before.teams[0]!.monthly[0]!);
  });

  it('edits, opens and closes the end month, adds and removes waves', () => {
    const doc = org();
    const open = updateWave(doc, 'wave-refine', { endMonth: null, name: 'Refine' });
    expect(open.phases.waves[1]).not.toHaveProperty('endMonth');
    expect(open.phases.waves[1]!.name).toBe('Refine');
    expect(updateWave(open, 'wave-refine', { endMonth: null })).toBe(open);
    const { scenario, wave } = addWave(doc);
    expect(wave).toMatchObject({ id: 'wave-1', kind: 'expand', startMonth: 8, endMonth: 10, teamIds: [] });
    expect(removeWave(scenario, wave.id).phases.waves).toEqual(doc.phases.waves);
    expect(() => validateScenario(scenario)).not.toThrow();
  });

  it('hiring plan edits become the user\'s; reset restores the default; retrospectives', () => {
    const doc = org();
    const edited = updateHiring(doc, 'ai-ml-engineer', { monthsToHire: 6 });
    expect(edited.phases.hiring.find((h) => h.role === 'ai-ml-engineer')).toMatchObject({ monthsToHire: 6, monthsToProductivity: 3, source: 'user' });
    expect(resetHiring(edited, 'ai-ml-engineer').phases.hiring.find((h) => h.role === 'ai-ml-engineer')).toMatchObject({ monthsToHire: 4, source: 'assumption' });
    const retro = updateRetrospectives(doc, { goNoGoMonth: 4 });
    expect(retro.phases.retrospectives).toEqual({ monthly: true, goNoGoMonth: 4 });
    expect(updateRetrospectives(retro, { goNoGoMonth: 4 })).toBe(retro);
  });
});

describe('readiness edits', () => {
  it('sets and clears a scenario’s own answers', () => {
    const doc = org();
    const answered = setReadiness(doc, { bottleneck: 'talent', ownerCandidates: 2 });
    expect(answered.readiness).toEqual({ notes: '', bottleneck: 'talent', ownerCandidates: 2, scope: 'organisation' });
    const cleared = setReadiness(answered, { bottleneck: undefined });
    expect(cleared.readiness).toEqual({ notes: '', ownerCandidates: 2, scope: 'organisation' });
    expect(setReadiness(cleared, { bottleneck: undefined })).toBe(cleared);
    expect(setReadiness(cleared, { ownerCandidates: 2 })).toBe(cleared);
  });

  it('patches the organisation’s answers, the same object when nothing changes', () => {
    const answers = { notes: '', ownerCandidates: 3 };
    expect(patchAnswers(answers, { bottleneck: 'data', ownerCandidates: undefined })).toEqual({ notes: '', bottleneck: 'data' });
    expect(patchAnswers(answers, { ownerCandidates: 3 })).toBe(answers);
  });

  it('overriding starts from the organisation’s answers; following again keeps the override stored for undo', () => {
    const organisation = { notes: 'org', ownerCandidates: 3, bottleneck: 'decision-making' as const };
    const doc = setReadiness(org(), { ownerCandidates: 9 });
    const overridden = overrideReadiness(doc, organisation);
    expect(overridden.readiness).toEqual({ ...organisation, scope: 'scenario' });
    expect(overrideReadiness(overridden, organisation)).toBe(overridden);
    // Without known organisation answers, the scenario's own are the start.
    expect(overrideReadiness(doc, null).readiness).toEqual({ notes: '', ownerCandidates: 9, scope: 'scenario' });
    const following = followOrganisation(setReadiness(overridden, { ownerCandidates: 1 }));
    expect(following.readiness).toEqual({ ...organisation, ownerCandidates: 1, scope: 'organisation' });
    expect(followOrganisation(following)).toBe(following);
  });
});
