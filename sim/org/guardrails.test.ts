import { describe, expect, it } from 'vitest';
import { orgGuardrails, guardrailsByTeam, type GuardrailTeam } from './guardrails.ts';
import type { RoleId } from './roles.ts';
import type { TeamType } from './team-types.ts';

function team(id: string, type: TeamType, roles: RoleId[], owners: number[] = []): GuardrailTeam {
  return {
    id,
    name: `Team ${id}`,
    type,
    positions: roles.map((role, i) => ({ id: `${id}-${i}`, role, singleThreadedOwner: owners.includes(i) })),
  };
}

const healthyPod = (id: string) =>
  team(id, 'stream-aligned-pod', ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer'], [0]);

const codes = (teams: GuardrailTeam[]) => orgGuardrails(teams).map((w) => w.code);

describe('org guardrails', () => {
  it('a pod shaped as the seed describes raises nothing', () => {
    expect(orgGuardrails([healthyPod('a')])).toEqual([]);
  });

  it('growing a pod past 8 warns, with the seed as the reason, and never as an error', () => {
    const pod = healthyPod('a');
    const grown = { ...pod, positions: [...pod.positions, ...[5, 6, 7, 8].map((i) => ({ id: `a-${i}`, role: 'software-engineer' as const, singleThreadedOwner: false }))] };
    const warnings = orgGuardrails([grown]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ teamId: 'a', code: 'pod-too-large', severity: 'warning' });
    expect(warnings[0]!.message).toMatch(/9 positions/);
    expect(warnings[0]!.source).toMatch(/2-pizza/);
    // 8 is still inside the range.
    expect(codes([{ ...grown, positions: grown.positions.slice(0, 8) }])).toEqual([]);
  });

  it('a pod under 5 warns as too small', () => {
    expect(codes([team('a', 'stream-aligned-pod', ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'data-platform-engineer'], [0])])).toEqual(['pod-too-small']);
  });

  it('a pod with no single-threaded owner warns, and points at an owner-role position that is not flagged', () => {
    const pod = team('a', 'stream-aligned-pod', ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer']);
    const [warning] = orgGuardrails([pod]);
    expect(warning).toMatchObject({ code: 'pod-no-owner', positionIds: ['a-0'] });
    expect(warning!.message).toMatch(/not marked/);
  });

  it('a pod with two single-threaded owners warns and names both', () => {
    const pod = team('a', 'stream-aligned-pod', ['single-threaded-owner', 'ai-product-manager', 'ai-ml-engineer', 'software-engineer', 'data-platform-engineer'], [0, 1]);
    expect(orgGuardrails([pod])).toEqual([expect.objectContaining({ code: 'pod-multiple-owners', positionIds: ['a-0', 'a-1'] })]);
  });

  it('each missing required role is its own warning naming the role', () => {
    const pod = team('a', 'stream-aligned-pod', ['single-threaded-owner', 'software-engineer', 'software-engineer', 'software-engineer', 'mlops-engineer'], [0]);
    const missing = orgGuardrails([pod]).filter((w) => w.code === 'pod-missing-role').map((w) => w.role);
    expect(missing).toEqual(['ai-ml-engineer', 'data-platform-engineer']);
  });

  it('an AI platform team with no team consuming it warns; adding a pod or product team clears it', () => {
    const platform = team('plat', 'ai-platform', ['ai-platform-engineer', 'ai-platform-engineer']);
    expect(codes([platform, team('biz', 'business', ['business-stakeholder'])])).toEqual(['platform-no-consumers']);
    expect(codes([platform, healthyPod('a')])).toEqual([]);
    expect(codes([platform, team('pe', 'product-engineering', ['software-engineer'])])).toEqual([]);
  });

  it('the central platform counts the AI platform team as a consumer', () => {
    const central = team('cp', 'central-platform', ['software-engineer']);
    expect(codes([central])).toEqual(['platform-no-consumers']);
    expect(orgGuardrails([central, team('plat', 'ai-platform', ['ai-platform-engineer'])]).map((w) => w.teamId)).toEqual(['plat']);
  });

  it('a single-threaded owner outside a pod is pointed out', () => {
    expect(codes([team('c', 'central-ai', ['ai-product-manager', 'ai-ml-engineer'], [0])])).toEqual(['owner-outside-pod']);
  });

  it('warnings group by team for inline display', () => {
    const byTeam = guardrailsByTeam(orgGuardrails([healthyPod('a'), team('b', 'stream-aligned-pod', ['ai-ml-engineer'])]));
    expect([...byTeam.keys()]).toEqual(['b']);
    expect(byTeam.get('b')!.map((w) => w.code)).toEqual(['pod-too-small', 'pod-no-owner', 'pod-missing-role', 'pod-missing-role']);
  });
});
