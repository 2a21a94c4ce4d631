import { describe, expect, it } from 'vitest';
import { findTerms, GLOSSARY } from './glossary.ts';

describe('the glossary', () => {
  it('defines the words the app shows, each once, with its source', () => {
    const names = GLOSSARY.map((t) => t.term);
    expect(new Set(names).size).toBe(names.length);
    for (const t of GLOSSARY) expect(t.definition.length, t.term).toBeGreaterThan(30);
  });

  it('finds a term by an alias a user would type', () => {
    expect(findTerms('STO').map((t) => t.term)).toContain('Single-threaded owner');
    expect(findTerms('p85').map((t) => t.term)).toContain('P50, P85, P95');
    expect(findTerms('flavor').map((t) => t.term)).toContain('ResourceFlavor');
    expect(findTerms('')).toHaveLength(GLOSSARY.length);
  });
});
