import { describe, expect, it } from 'vitest';
import { CAPABILITIES, CAPABILITY_IDS, LAYERS } from './catalog.ts';
import { assignCapability, ownershipFlags, ownershipMatrix, suggestAssignments, type OwnershipTeam } from './flags.ts';
import { OwnershipSchema, type OwnershipAssignment } from './schema.ts';

const teams: OwnershipTeam[] = [
  { id: 'pod-1', name: 'Recs pod', type: 'stream-aligned-pod' },
  { id: 'pod-2', name: 'Search pod', type: 'stream-aligned-pod' },
  { id: 'plat', name: 'AI platform', type: 'ai-platform' },
  { id: 'cp', name: 'Central platform', type: 'central-platform' },
  { id: 'biz', name: 'Business', type: 'business' },
  { id: 'cai', name: 'Central AI', type: 'central-ai' },
];

const wellOwned = () => suggestAssignments(teams);
const flagsOf = (assignments: OwnershipAssignment[]) => ownershipFlags(teams, assignments);

describe('capability catalog', () => {
  it('covers the article\'s three layers, the central platform and the product side', () => {
    const byLayer = Object.fromEntries(LAYERS.map((layer) => [layer, CAPABILITIES.filter((c) => c.layer === layer).map((c) => c.id)]));
    expect(byLayer.substrate).toEqual(['gpu-scheduling', 'multi-tenant-namespacing', 'gpu-operator', 'quota-enforcement', 'storage-backends', 'ai-gateway', 'model-artifact-storage']);
    expect(byLayer['ml-primitives']).toEqual(['model-registry', 'serving-runtimes', 'training-pipeline-templates', 'feature-store-boundary', 'prompt-registry']);
    expect(byLayer['application-support']).toEqual(['eval-harness', 'ml-observability', 'llmops-tooling', 'token-cost-attribution']);
    expect(byLayer['central-platform']).toEqual(['kubernetes-control-plane', 'networking', 'identity', 'supply-chain', 'base-observability']);
    expect(byLayer.product).toEqual(['models', 'business-outcome', 'model-training-pipelines']);
    expect(CAPABILITIES.map((c) => c.id)).toEqual([...CAPABILITY_IDS]);
  });
});

describe('ownership flags', () => {
  it('ownership as the article draws it raises no flag, even with every pod owning its own models', () => {
    expect(flagsOf(wellOwned())).toEqual([]);
  });

  it('with nothing assigned every capability is unowned, each with its layer\'s reasoning', () => {
    const flags = flagsOf([]);
    expect(flags).toHaveLength(CAPABILITIES.length);
    expect(new Set(flags.map((f) => f.code))).toEqual(new Set(['unowned']));
    expect(flags.find((f) => f.capability === 'gpu-scheduling')!.reasoning).toMatch(/whoever submits tickets first/);
    expect(flags.find((f) => f.capability === 'model-registry')!.reasoning).toMatch(/duplicated, inconsistent, unauditable/);
  });

  it('assigning a capability twice flags two paved roads', () => {
    const assignments = assignCapability(wellOwned(), 'model-registry', ['plat', 'cp']);
    const flags = flagsOf(assignments).filter((f) => f.capability === 'model-registry');
    expect(flags.map((f) => f.code)).toEqual(['owned-twice', 'central-platform-owns-ai-layer']);
    expect(flags[0]!.teamIds).toEqual(['plat', 'cp']);
    expect(flags[0]!.message).toMatch(/two paved roads/);
    expect(flags[0]!.reasoning).toMatch(/parallel paved roads/);
  });

  it('a platform team owning a product team\'s model or business outcome is flagged', () => {
    const assignments = assignCapability(assignCapability(wellOwned(), 'models', ['pod-1', 'plat']), 'business-outcome', ['cp']);
    const flags = flagsOf(assignments);
    expect(flags.filter((f) => f.code === 'platform-owns-product').map((f) => [f.capability, f.teamIds])).toEqual([
      ['models', ['plat']],
      ['business-outcome', ['cp']],
    ]);
    expect(flags.find((f) => f.code === 'platform-owns-product')!.reasoning).toMatch(/ML consultancy/);
  });

  it('a product team owning substrate is flagged', () => {
    const flags = flagsOf(assignCapability(wellOwned(), 'gpu-scheduling', ['pod-2']));
    expect(flags).toEqual([expect.objectContaining({ code: 'product-owns-substrate', capability: 'gpu-scheduling', teamIds: ['pod-2'] })]);
  });

  it('the AI platform team owning the base cluster is flagged with the accountability-void reasoning', () => {
    const [flag] = flagsOf(assignCapability(wellOwned(), 'kubernetes-control-plane', ['plat']));
    expect(flag).toMatchObject({ code: 'ai-platform-owns-base-cluster', teamIds: ['plat'] });
    expect(flag!.reasoning).toMatch(/accountability void/);
  });

  it('a product team also owning the serving runtime bypasses the platform endpoint', () => {
    const flags = flagsOf(assignCapability(wellOwned(), 'serving-runtimes', ['plat', 'pod-1']));
    expect(flags.map((f) => f.code)).toEqual(['owned-twice', 'product-owns-shared-primitive', 'bypassing-platform-endpoint']);
    expect(flags[2]!.reasoning).toMatch(/rollout controls, rate limits and cost attribution/);
  });

  it('a central AI team running platform capabilities conflates the platform with the MLOps practice', () => {
    const flags = flagsOf(assignCapability(wellOwned(), 'serving-runtimes', ['cai']));
    expect(flags.map((f) => f.code)).toEqual(['platform-and-mlops-conflated']);
    expect(flags[0]!.reasoning).toMatch(/single most common structural mistake/);
  });

  it('an owner outside the boundary, or a team that no longer exists, is flagged', () => {
    const assignments = assignCapability(assignCapability(wellOwned(), 'business-outcome', ['biz']), 'eval-harness', ['gone']);
    const codes = flagsOf(assignments).map((f) => [f.code, f.capability]);
    expect(codes).toEqual([
      ['unknown-team', 'eval-harness'],
      ['unowned', 'eval-harness'],
      ['owner-type-mismatch', 'business-outcome'],
    ]);
  });

  it('the matrix lists every capability with its owners and its flags', () => {
    const rows = ownershipMatrix(teams, assignCapability(wellOwned(), 'gpu-scheduling', []));
    expect(rows).toHaveLength(CAPABILITIES.length);
    const gpu = rows.find((r) => r.capability.id === 'gpu-scheduling')!;
    expect(gpu.ownerIds).toEqual([]);
    expect(gpu.flags.map((f) => f.code)).toEqual(['unowned']);
    expect(rows.find((r) => r.capability.id === 'models')!.ownerIds).toEqual(['pod-1', 'pod-2']);
    expect(rows.find((r) => r.capability.id === 'identity')!.ownerIds).toEqual(['cp']);
  });

  it('stored ownership defaults to no assignments, a fresh array each time', () => {
    const a = OwnershipSchema.parse({});
    a.assignments.push({ capability: 'models', teamIds: ['x'], note: '' });
    expect(OwnershipSchema.parse({}).assignments).toEqual([]);
  });
});
