import { describe, expect, it } from 'vitest';
import { sourceKindOf } from './sources.ts';

describe('source kinds', () => {
  it('reads the domain\'s source strings', () => {
    expect(sourceKindOf('Seed "2-pizza AI teams"')).toBe('seed');
    expect(sourceKindOf('Team Topologies (Skelton & Pais, 2019), cited in seed "What an AI platform team actually owns"')).toBe('seed');
    expect(sourceKindOf('Podplan')).toBe('check');
    expect(sourceKindOf('DORA Accelerate State of DevOps 2024')).toBe('DORA');
    expect(sourceKindOf('something else')).toBe('assumption');
  });
});
