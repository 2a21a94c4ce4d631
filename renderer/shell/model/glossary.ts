/**
 * The words Podplan uses, in a sentence each, with where they come from:
 * the help panel lists them (and finds them by name), so a user who meets
 * "P85", "cohort" or "single-threaded owner" is one key away from what it
 * means. Definitions of Kueue terms follow Kueue's documentation; the org
 * terms follow the two articles Podplan is built on.
 */

export type GlossarySource = 'Kueue docs' | 'Kubernetes docs' | 'the article “2-pizza AI teams”' | 'the article on AI platform teams' | 'Podplan';

export interface GlossaryTerm {
  term: string;
  /** Other names a user may search for. */
  aliases?: readonly string[];
  definition: string;
  source: GlossarySource;
  /** Where in the app it shows up. */
  where: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  // Org design
  { term: 'Single-threaded owner', aliases: ['STO', 'owner'], definition: 'The one leader of a pod who owns its product end to end — P&L, data and AI outcomes — and does nothing else.', source: 'the article “2-pizza AI teams”', where: 'Org design, Readiness' },
  { term: 'Pod (2-pizza AI team)', aliases: ['pod', 'stream-aligned'], definition: 'A small team (5–8 people) that owns one product area and builds its AI features itself: owner, AI/ML engineer, software engineers, data platform engineer.', source: 'the article “2-pizza AI teams”', where: 'Org design, Delivery simulation' },
  { term: 'Centralized AI team', aliases: ['central AI'], definition: 'One shared team that builds models for every product team; work reaches it through a queue and comes back as a hand-off.', source: 'the article “2-pizza AI teams”', where: 'Org design, Delivery simulation' },
  { term: 'AI platform team', aliases: ['platform', 'paved road'], definition: 'The team that owns the shared stack (GPU scheduling, serving, evaluation, pipelines) so pods use a paved road instead of building their own.', source: 'the article on AI platform teams', where: 'Org design, Ownership' },
  { term: 'Paved road', aliases: ['paved-road adoption'], definition: 'The supported way to do infrastructure work through the platform; adoption is the share of that work pods hand to it instead of doing it themselves.', source: 'the article on AI platform teams', where: 'Delivery simulation' },
  { term: 'Hand-off', aliases: ['handoff', 'queue'], definition: 'Work passed from one team to another; it waits in the receiving team’s queue until that team takes it in.', source: 'Podplan', where: 'Delivery simulation' },
  { term: 'Tough questions', aliases: ['readiness'], definition: 'The article’s questions a company should answer before moving to pods: who can own a product, what you optimise for, whether outcomes are measured, where the bottleneck is.', source: 'the article “2-pizza AI teams”', where: 'Readiness, Decision' },
  // Delivery
  { term: 'P50, P85, P95', aliases: ['percentile', 'P85', 'P50', 'P95'], definition: 'Half, 85% and 95% of initiatives reach production within this time in the simulation. P85 is the usual planning figure: a date you meet six times in seven.', source: 'Podplan', where: 'Delivery simulation, Decision' },
  { term: 'Time to production', aliases: ['lead time'], definition: 'From the day an initiative is requested to the day it runs in production, waiting included.', source: 'Podplan', where: 'Delivery simulation, Decision' },
  { term: 'Utilisation', aliases: ['load'], definition: 'A team’s work as a share of its capacity. At 1 or more its queue grows without bound, so a design with such a team is not a meaningful comparison.', source: 'Podplan', where: 'Delivery simulation, Decision' },
  { term: 'Not a meaningful comparison', aliases: ['counterfactual'], definition: 'A derived design that could not work as built (a team at utilisation ≥ 1, or people missing): Podplan says why and what to change instead of showing figures.', source: 'Podplan', where: 'Delivery simulation, Decision' },
  { term: 'Trials', aliases: ['Monte Carlo'], definition: 'How many times the simulation replays the plan with different random draws; more trials pin the percentiles down more precisely (the intervals shrink).', source: 'Podplan', where: 'Delivery simulation, Decision' },
  { term: 'Random seed', aliases: ['seed'], definition: 'The number that fixes a simulation’s random draws: the same seed gives the same figures, in the app and in the CLI.', source: 'Podplan', where: 'Delivery simulation, GPU simulation' },
  { term: 'Preliminary', definition: 'Figures from the first trials of a run still going; they settle when it finishes.', source: 'Podplan', where: 'Delivery simulation, Decision, Compare' },
  // Costs
  { term: 'Loaded-cost multiplier', aliases: ['loaded cost'], definition: 'What a person costs the company per dollar of salary: benefits, payroll tax and overhead included.', source: 'Podplan', where: 'Costs' },
  { term: 'Salary percentile', aliases: ['pay percentile', 'band'], definition: 'Where in a role’s salary band positions are costed: 0 is the band’s minimum, 100 its maximum.', source: 'Podplan', where: 'Costs' },
  { term: 'Idle GPUs', aliases: ['owned capacity', 'on demand'], definition: 'GPU capacity the organisation owns but no team uses; paid for all the same. Billed on demand instead, only use is paid.', source: 'Podplan', where: 'Costs, GPU capacity, Decision' },
  { term: 'Budget cap', definition: 'A spending limit per plan year or over any 12 months (a setting); the chart, the marker and the card all measure it the same way.', source: 'Podplan', where: 'Costs' },
  // Kueue
  { term: 'ResourceFlavor', aliases: ['flavor'], definition: 'A kind of node a quota can be spent on, e.g. one GPU model; a workload is admitted on one flavor at a time.', source: 'Kueue docs', where: 'GPU capacity, Quota policy' },
  { term: 'ClusterQueue', aliases: ['queue', 'CQ'], definition: 'A pool of quota (per flavor and resource) that admits a team’s workloads; here one per team.', source: 'Kueue docs', where: 'Quota policy, GPU simulation' },
  { term: 'LocalQueue', definition: 'The namespaced queue a team submits to; it points at the team’s ClusterQueue.', source: 'Kueue docs', where: 'Quota policy, Manifests' },
  { term: 'Cohort', definition: 'A group of ClusterQueues that lend each other unused quota; cohorts can nest.', source: 'Kueue docs', where: 'Quota policy, GPU simulation' },
  { term: 'nominalQuota', aliases: ['nominal quota', 'guaranteed'], definition: 'The quota a ClusterQueue owns: always available to it (other queues may use it while idle, and give it back).', source: 'Kueue docs', where: 'Quota policy' },
  { term: 'borrowingLimit', aliases: ['borrowing'], definition: 'How much more than its nominalQuota a ClusterQueue may borrow from its cohort; unset = as much as the cohort lends.', source: 'Kueue docs', where: 'Quota policy' },
  { term: 'lendingLimit', aliases: ['lending'], definition: 'How much of its nominalQuota a ClusterQueue lends to its cohort; unset = all of it.', source: 'Kueue docs', where: 'Quota policy' },
  { term: 'Preemption', aliases: ['reclaimWithinCohort', 'borrowWithinCohort', 'withinClusterQueue'], definition: 'Evicting admitted workloads to admit others: within a queue by priority, or across a cohort to take back lent quota.', source: 'Kueue docs', where: 'Quota policy, GPU simulation' },
  { term: 'Fair sharing', aliases: ['DRS', 'weight'], definition: 'Admitting the queue with the lowest weighted share of what it borrows first, and preempting the highest.', source: 'Kueue docs', where: 'Quota policy, GPU simulation' },
  { term: 'StrictFIFO / BestEffortFIFO', aliases: ['queueing strategy', 'FIFO'], definition: 'Both order workloads by priority, then age. StrictFIFO lets a head that does not fit block the queue; BestEffortFIFO tries the next.', source: 'Kueue docs', where: 'Quota policy' },
  { term: 'Namespace and ResourceQuota', aliases: ['namespace', 'ResourceQuota'], definition: 'Each team’s own space in the cluster, and the hard cap on what it may request there.', source: 'Kubernetes docs', where: 'Quota policy, Manifests' },
];

/** Terms matching a search (term, alias or definition), in glossary order. */
export function findTerms(query: string): GlossaryTerm[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...GLOSSARY];
  return GLOSSARY.filter((t) => t.term.toLowerCase().includes(q) || (t.aliases ?? []).some((a) => a.toLowerCase().includes(q)) || t.definition.toLowerCase().includes(q));
}

export interface Shortcut {
  keys: string;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+Z (⌘Z)', does: 'Undo the last edit of the scenario (or of the organisation’s readiness answers)' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', does: 'Redo' },
  { keys: '← → Home End', does: 'Move between a scenario’s tabs when a tab has focus' },
  { keys: '?  or  F1', does: 'Open this help (outside text fields)' },
  { keys: 'Esc', does: 'Close this help or a dialog' },
];
