/**
 * Which screen is shown, mirrored in the URL hash so that a reload (or the
 * browser's back button) returns to the same place:
 *   #/                      scenario list
 *   #/scenario/<id>         editor
 *   #/compare/<a>/<b>       compare two scenarios (either id may be empty)
 */
import { create } from 'zustand';

export type Route =
  | { view: 'list' }
  | { view: 'editor'; scenarioId: string }
  | { view: 'compare'; a: string | null; b: string | null };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] === 'scenario' && parts[1]) return { view: 'editor', scenarioId: parts[1] };
  if (parts[0] === 'compare') return { view: 'compare', a: parts[1] || null, b: parts[2] || null };
  return { view: 'list' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'list':
      return '#/';
    case 'editor':
      return `#/scenario/${encodeURIComponent(route.scenarioId)}`;
    case 'compare':
      return `#/compare/${encodeURIComponent(route.a ?? '')}/${encodeURIComponent(route.b ?? '')}`;
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
