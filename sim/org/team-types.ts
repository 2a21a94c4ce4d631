/**
 * Team types: the four of Team Topologies (Skelton & Pais, 2019) as the seeds
 * use them, plus the shapes an AI org actually has today.
 */
export const TEAM_TYPES = [
  'stream-aligned-pod',
  'central-ai',
  'ai-platform',
  'central-platform',
  'enabling',
  'complicated-subsystem',
  'product-engineering',
  'business',
] as const;

export type TeamType = (typeof TEAM_TYPES)[number];

export const TEAM_TYPE_LABELS: Record<TeamType, string> = {
  'stream-aligned-pod': 'Stream-aligned AI pod',
  'central-ai': 'Central AI team',
  'ai-platform': 'AI platform team',
  'central-platform': 'Central platform (consumed)',
  enabling: 'Enabling team',
  'complicated-subsystem': 'Complicated-subsystem team',
  'product-engineering': 'Product engineering (non-AI)',
  business: 'Business / stakeholder group',
};
