import { describe, expect, it } from 'vitest';
import { fileSizeProblem, formatBytes, scenarioFileName } from './size.ts';

describe('fileSizeProblem', () => {
  it('accepts files up to the limit', () => {
    expect(fileSizeProblem('a.podplan.json', 1000, 1000)).toBeNull();
    expect(fileSizeProblem('a.podplan.json', 20 * 1024 * 1024)).toBeNull();
  });

  it('names the file, its size and the limit when it is too large', () => {
    expect(fileSizeProblem('big.podplan.json', 60 * 1024 * 1024)).toBe(
      '“big.podplan.json” is 60.0 MB; a Podplan scenario file can be at most 20.0 MB. Nothing was imported.',
    );
  });
});

describe('formatBytes and scenarioFileName', () => {
  it('formats sizes', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
  });

  it('makes a file name from a scenario name', () => {
    expect(scenarioFileName('Three pilot pods with an AI platform team')).toBe('three-pilot-pods-with-an-ai-platform-team.podplan.json');
    expect(scenarioFileName('Équipe IA / données')).toBe('equipe-ia-donnees.podplan.json');
    expect(scenarioFileName('***')).toBe('scenario.podplan.json');
  });
});
