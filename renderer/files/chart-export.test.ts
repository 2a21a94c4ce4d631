/**
 * The names files leave the app with: one rule for the delivery, GPU and org
 * charts and the phase plan's calendar.
 */
import { describe, expect, it } from 'vitest';
import { chartFileName } from './chart-export.ts';

describe('chartFileName', () => {
  it('joins the scenario’s name and what the file holds, as the downloads are named', () => {
    expect(chartFileName('Three pilot pods with an AI platform team', 'org-chart')).toBe('three-pilot-pods-with-an-ai-platform-team-org-chart');
    expect(chartFileName('Three pilot pods with an AI platform team', 'phase-plan')).toBe('three-pilot-pods-with-an-ai-platform-team-phase-plan');
  });

  it('makes a name alone into a stem, e.g. a delivery chart’s title', () => {
    expect(chartFileName('Time to production (weeks)')).toBe('time-to-production-weeks');
  });

  it('drops accents instead of splitting the word at them', () => {
    expect(chartFileName('Équipe Ümlaut — Zürich')).toBe('equipe-umlaut-zurich');
  });

  it('falls back to a word when nothing of the name is left', () => {
    expect(chartFileName('***', 'org-chart')).toBe('scenario-org-chart');
    expect(chartFileName('—')).toBe('chart');
  });

  it('cuts a long name at 60 characters, without a hyphen left dangling at the cut', () => {
    const long = `${'a'.repeat(59)} pods and more pods`;
    expect(chartFileName(long, 'org-chart')).toBe(`${'a'.repeat(59)}-org-chart`);
    expect(chartFileName('b'.repeat(100))).toHaveLength(60);
  });
});
