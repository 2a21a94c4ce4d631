/**
 * What a quota quantity probably means, when what it says is valid but odd:
 * Kubernetes reads a memory quantity without a unit as bytes, so "1000"
 * typed into a memory quota is 1000 bytes, and a queue with it admits
 * nothing. The value is kept as typed (it is a valid quantity); the field
 * says what it is and what was probably meant.
 */

/** Resources measured in bytes. */
const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage', 'requests.memory', 'limits.memory', 'requests.ephemeral-storage', 'limits.ephemeral-storage', 'requests.storage']);

const GIBIBYTE = 1024 ** 3;

/** The unit a resource's plain numbers are in, for the resource column ("bytes"), or null when it has none worth saying. */
export function resourceUnit(resource: string): string | null {
  if (BYTE_RESOURCES.has(resource)) return 'bytes; e.g. 64Gi';
  if (resource === 'cpu') return 'cores; e.g. 32 or 500m';
  return null;
}

/** A warning for a byte quantity without a unit below 1 GiB ("1000 bytes — did you mean 1000Gi?"), else null. */
export function quantityWarning(resource: string, value: string | undefined): string | null {
  if (value === undefined || !BYTE_RESOURCES.has(resource)) return null;
  const text = value.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const bytes = Number(text);
  if (bytes === 0 || bytes >= GIBIBYTE) return null;
  return `${text} bytes — did you mean ${text}Gi?`;
}
