/** Kubernetes object-name rules (apimachinery validation), so the editor refuses what the API server would. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Namespaces: a DNS-1123 label, at most 63 characters. Returns the problem, or null when valid. */
export function dns1123LabelProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.length > 63) return `must be at most 63 characters (is ${name.length})`;
  if (!DNS1123_LABEL.test(name)) return 'must be lower-case letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label)';
  return null;
}

/** Most cluster-scoped objects (ClusterQueue, ResourceFlavor, PriorityClass): a DNS-1123 subdomain, at most 253 characters. */
export function dns1123SubdomainProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.length > 253) return `must be at most 253 characters (is ${name.length})`;
  if (!DNS1123_SUBDOMAIN.test(name)) return 'must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit (DNS-1123 subdomain)';
  return null;
}

export function labelValueProblem(value: string): string | null {
  if (value.length > 63) return `must be at most 63 characters (is ${value.length})`;
  if (!LABEL_VALUE.test(value)) return 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return null;
}

/** Label keys and resource names: an optional DNS-1123 subdomain prefix and a name part of at most 63 characters. */
export function qualifiedNameProblem(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : null;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== null) {
    const problem = dns1123SubdomainProblem(prefix);
    if (problem) return `prefix "${prefix}" ${problem}`;
  }
  if (name.length === 0 || name.length > 63) return 'name part must be 1 to 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return 'name part must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return null;
}
