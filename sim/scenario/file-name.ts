/** How a scenario is named on disk and in downloads. */

/** `"Three pilot pods (Q3)"` → `three-pilot-pods-q3`: ASCII only, so it needs no escaping in a header or on any file system. */
export function scenarioSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'scenario';
}

/** Suggested file name for a scenario: its name in lowercase words, with the Podplan extension. */
export function scenarioFileName(name: string): string {
  return `${scenarioSlug(name)}.podplan.json`;
}
