import { describe, expect, it } from 'vitest';
import { effectiveReadiness, hasAnsweredQuestion, readinessDifferences, readinessForFile, sameAnswers } from './effective.ts';
import { recommend } from './recommend.ts';
import type { ReadinessAnswers, ScenarioReadiness } from './schema.ts';

const organisation: ReadinessAnswers = { ownerCandidates: 3, optimizingFor: 'velocity', productLevelMeasurement: 'partly', bottleneck: 'decision-making', notes: 'The three product leads.' };
const stale: ScenarioReadiness = { ownerCandidates: 1, optimizingFor: 'coordination', notes: 'written long ago', scope: 'organisation' };
const override: ScenarioReadiness = { ownerCandidates: 5, bottleneck: 'talent', notes: '', scope: 'scenario' };

describe('effective readiness answers', () => {
  it('a scenario that follows the organisation gets the organisation’s answers, whatever it carries itself', () => {
    expect(effectiveReadiness(stale, organisation)).toEqual(organisation);
  });

  it('a scenario that overrides keeps its own answers', () => {
    expect(effectiveReadiness(override, organisation)).toEqual({ ownerCandidates: 5, bottleneck: 'talent', notes: '' });
  });

  it('without known organisation answers (a lone file in the CLI), a scenario’s own answers apply', () => {
    expect(effectiveReadiness(stale, null)).toEqual({ ownerCandidates: 1, optimizingFor: 'coordination', notes: 'written long ago' });
  });

  it('two scenarios of one organisation get the same recommendation for the same org', () => {
    const teams = [{ id: 'pod', name: 'Pod', type: 'stream-aligned-pod' as const, positions: [] }];
    const a = recommend(effectiveReadiness(stale, organisation), { teams });
    const b = recommend(effectiveReadiness({ notes: '', scope: 'organisation' }, organisation), { teams });
    expect(a).toEqual(b);
  });

  it('carries no scope and no empty keys (answers compare and serialise cleanly)', () => {
    const answers = effectiveReadiness({ notes: '', ownerCandidates: undefined, scope: 'scenario' }, null);
    expect(Object.keys(answers)).toEqual(['notes']);
  });
});

describe('readiness in a file', () => {
  it('carries the answers in effect, and the scenario’s scope', () => {
    expect(readinessForFile(stale, organisation)).toEqual({ ...organisation, scope: 'organisation' });
    expect(readinessForFile(override, organisation)).toEqual(override);
  });

  it('read back alone, gives the same answers as in the workspace', () => {
    expect(effectiveReadiness(readinessForFile(stale, organisation), null)).toEqual(effectiveReadiness(stale, organisation));
  });
});

describe('comparing answers', () => {
  it('names the questions (and notes) an override changes, in the form’s order', () => {
    expect(readinessDifferences(override, organisation)).toEqual(['ownerCandidates', 'optimizingFor', 'productLevelMeasurement', 'bottleneck', 'notes']);
    expect(readinessDifferences({ ...organisation, ownerCandidates: 4 }, organisation)).toEqual(['ownerCandidates']);
    expect(sameAnswers({ ...organisation }, organisation)).toBe(true);
  });

  it('notes alone are not an answered question', () => {
    expect(hasAnsweredQuestion({ notes: 'thinking about it' })).toBe(false);
    expect(hasAnsweredQuestion({ notes: '', bottleneck: 'data' })).toBe(true);
  });
});
