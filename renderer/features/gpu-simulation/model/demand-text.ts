/**
 * A discrete distribution (GPUs per pod, pods per job) as the user types it:
 * "value:weight" pairs, e.g. "1:60 2:30 4:10" (weights are relative; shown
 * as percentages of their sum). Refused with the reason, never repaired.
 */
export function discreteText(dist: Readonly<Record<string, number>>): string {
  const total = Object.values(dist).reduce((a, b) => a + b, 0);
  return Object.entries(dist)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([value, weight]) => `${value}:${total > 0 ? +((weight / total) * 100).toFixed(1) : 0}`)
    .join(' ');
}

export type ParsedDiscrete = { ok: true; value: Record<string, number> } | { ok: false; reason: string };

export function parseDiscreteText(text: string): ParsedDiscrete {
  const pairs = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (pairs.length === 0) return { ok: false, reason: 'needs at least one value:weight pair, e.g. 1:60 2:40' };
  const value: Record<string, number> = {};
  for (const pair of pairs) {
    const m = /^(\d+)(?::(\d+(?:\.\d+)?)%?)?$/.exec(pair);
    if (!m) return { ok: false, reason: `"${pair}" is not value:weight (e.g. 4:25)` };
    const n = Number(m[1]);
    if (n < 1 || n > 9999) return { ok: false, reason: `${m[1]} must be a whole number from 1 to 9999` };
    if (value[String(n)] !== undefined) return { ok: false, reason: `${n} is listed twice` };
    value[String(n)] = m[2] === undefined ? 1 : Number(m[2]);
  }
  if (!Object.values(value).some((w) => w > 0)) return { ok: false, reason: 'at least one weight must be above 0' };
  return { ok: true, value };
}
