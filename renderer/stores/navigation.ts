/**
 * Which screen is shown, mirrored in the URL hash so that a reload (or the
 * browser's back button) returns to the same place:
 *   #/                      scenario list
 *   #/scenario/<id>         editor (org design)
 *   #/scenario/<id>/<section>  editor, another section (decision, org-chart, costs, ownership, phases,
 *                              readiness, delivery; capacity, policy, manifests, cluster, gpu-sim)
 *   #/compare/<a>/<b>[/<c>[/<d>]]  compare 2–4 scenarios (a or b may be empty)
 */
import { create } from 'zustand';

/** Sections of the scenario editor; 'org' is the default and is not written to the hash. */
export const EDITOR_SECTIONS = ['decision', 'org', 'org-chart', 'costs', 'ownership', 'phases', 'readiness', 'delivery', 'capacity', 'policy', 'manifests', 'cluster', 'gpu-sim'] as const;
export type EditorSection = (typeof EDITOR_SECTIONS)[number];

const isSection = (value: string | undefined): value is EditorSection => (EDITOR_SECTIONS as readonly (string | undefined)[]).includes(value);

export type Route =
  | { view: 'list' }
  | { view: 'editor'; scenarioId: string; section?: EditorSection }
  | { view: 'compare'; a: string | null; b: string | null; /** Third and fourth scenarios (Compare takes up to four). */ more?: string[] };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] === 'scenario' && parts[1]) {
    const section = parts[2];
    return isSection(section) && section !== 'org' ? { view: 'editor', scenarioId: parts[1], section } : { view: 'editor', scenarioId: parts[1] };
  }
  if (parts[0] === 'compare') {
    const more = parts.slice(3, 5).filter((p) => p !== '');
    return more.length > 0 ? { view: 'compare', a: parts[1] || null, b: parts[2] || null, more } : { view: 'compare', a: parts[1] || null, b: parts[2] || null };
  }
  return { view: 'list' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'list':
      return '#/';
    case 'editor':
      return route.section && route.section !== 'org'
        ? `#/scenario/${encodeURIComponent(route.scenarioId)}/${route.section}`
        : `#/scenario/${encodeURIComponent(route.scenarioId)}`;
    case 'compare':
      return `#/compare/${[route.a ?? '', route.b ?? '', ...(route.more ?? []).slice(0, 2)].map(encodeURIComponent).join('/')}`;
  }
}

interface NavigationState {
  route: Route;
  navigate(route: Route, options?: { replace?: boolean }): void;
  /** Called on `hashchange`. */
  syncFromLocation(): void;
}

const initialRoute = (): Route => (typeof window === 'undefined' ? { view: 'list' } : parseHash(window.location.hash));

export const useNavigation = create<NavigationState>()((set) => ({
  route: initialRoute(),
  navigate(route, options) {
    set({ route });
    if (typeof window === 'undefined') return;
    const hash = routeHash(route);
    if (window.location.hash === hash) return;
    if (options?.replace) window.history.replaceState(null, '', hash);
    else window.history.pushState(null, '', hash);
  },
  syncFromLocation() {
    set({ route: parseHash(window.location.hash) });
  },
}));
