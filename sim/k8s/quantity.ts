/**
 * Kubernetes resource quantities ("500m", "16", "64Gi", "1e3"), as the API
 * server accepts them. Quotas are kept as the strings the user wrote (so
 * manifests and imports round-trip byte for byte) and parsed to numbers in
 * base units (cores, bytes, GPUs) wherever arithmetic is needed.
 */

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))((?:[KMGTPE]i)|[numkMGTPE]|(?:[eE][+-]?\d+))?$/;

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function isQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

/** Parses a quantity to a number in base units; throws on malformed text. */
export function parseQuantity(text: string): number {
  const match = QUANTITY.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a Kubernetes quantity (examples: 8, 500m, 64Gi)`);
  const [, number, suffix = ''] = match;
  const value = Number(number);
  if (suffix.startsWith('e') || suffix.startsWith('E')) return value * 10 ** Number(suffix.slice(1));
  return value * (SUFFIX[suffix] ?? 1);
}

/** Formats a count of whole units (GPUs, pods) or cores as a quantity, using millis for fractions. */
export function formatQuantity(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const millis = Math.round(value * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Formats bytes with the largest binary suffix that keeps an integer. */
export function formatBytes(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const unit = SUFFIX[suffix]!;
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(Math.round(bytes));
}
