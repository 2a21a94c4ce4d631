/**
 * Where a default or a piece of advice comes from. Every default Podplan
 * ships names one of these, so the UI can show it next to the figure
 * (SOURCES.md: "Each default in Podplan that uses one of these should name
 * its source in the UI").
 */

/** Seed article: AI-native 2-pizza pods with single-threaded owners. */
export const SEED_PODS = 'Seed "2-pizza AI teams"';
/** Seed article: what an AI platform team owns (three-layer stack, ownership boundary). */
export const SEED_PLATFORM = 'Seed "What an AI platform team actually owns"';
/** Team Topologies (Skelton & Pais, 2019), as cited by the AI platform seed. */
export const TEAM_TOPOLOGIES = 'Team Topologies (Skelton & Pais, 2019), cited in seed "What an AI platform team actually owns"';

/**
 * `seed`: the figure is in one of the seeds. `assumption`: Podplan's
 * documented default where the seeds give no figure (the user is invited to
 * change it). `user`: edited in this scenario.
 */
export const SOURCE_KINDS = ['seed', 'assumption', 'user'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
