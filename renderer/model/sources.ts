/**
 * Where a default or a statement comes from, in words: the kind of source
 * a badge shows (`SourceBadge`), the article a source names, and a source
 * as people read it. Pure, so that model code can pick a badge's kind.
 */

export type SourceBadgeKind = 'seed' | 'assumption' | 'user' | 'DORA' | 'research' | 'check' | 'history';

/** A source as people read it: 'Seed "2-pizza AI teams"' → 'The article "2-pizza AI teams"'. */
export function sourceInWords(source: string): string {
  return source.replace(/^Seed\b/, 'The article').replace(/\bcited in seed\b/gi, 'cited in the article');
}

/** The article a source names, if it names one: 'Seed "2-pizza AI teams"' → '2-pizza AI teams'. */
export function articleOf(source: string | undefined): string | null {
  if (!source || !/\b(seed|article)\b/i.test(source)) return null;
  return /"([^"]+)"|“([^”]+)”/.exec(source)?.slice(1).find(Boolean) ?? null;
}

/** Kind of a source string from the domain (`SEED_PODS`, `SEED_PLATFORM`, 'Podplan', …). */
export function sourceKindOf(source: string): SourceBadgeKind {
  if (/^seed\b/i.test(source) || /cited in seed/i.test(source)) return 'seed';
  if (/DORA/.test(source)) return 'DORA';
  if (source === 'Podplan') return 'check';
  return 'assumption';
}
