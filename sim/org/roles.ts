/**
 * Role identifiers. Salary bands and their sources live in the role catalog
 * (cost model); this file only names the roles the org model can hold.
 */
export const ROLE_IDS = [
  'single-threaded-owner',
  'ai-ml-engineer',
  'software-engineer',
  'data-platform-engineer',
  'ai-platform-engineer',
  'ai-product-manager',
  'mlops-engineer',
  'data-scientist',
  'principal-engineer',
  'engineering-manager',
  'business-stakeholder',
] as const;

export type RoleId = (typeof ROLE_IDS)[number];

export const ROLE_LABELS: Record<RoleId, string> = {
  'single-threaded-owner': 'Single-threaded owner (technical PM)',
  'ai-ml-engineer': 'AI/ML engineer',
  'software-engineer': 'Software engineer',
  'data-platform-engineer': 'Data platform engineer',
  'ai-platform-engineer': 'AI platform engineer',
  'ai-product-manager': 'AI product manager',
  'mlops-engineer': 'MLOps engineer',
  'data-scientist': 'Data scientist',
  'principal-engineer': 'Principal engineer',
  'engineering-manager': 'Engineering manager',
  'business-stakeholder': 'Business stakeholder',
};
