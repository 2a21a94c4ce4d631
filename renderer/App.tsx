/** The app shell: header, the current screen, status bar and notifications. */
import { AppHeader } from './components/AppHeader.tsx';
import { Notices } from './components/Notices.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { useBeforeUnload } from './hooks/useBeforeUnload.ts';
import { useDesktopMenu } from './hooks/useDesktopMenu.ts';
import { useRouteSync } from './hooks/useRouteSync.ts';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { useNavigation } from './stores/navigation.ts';
import { CompareView } from './views/CompareView.tsx';
import { EditorView } from './views/EditorView.tsx';
import { ScenarioListView } from './views/ScenarioListView.tsx';

export function App() {
  const route = useNavigation((s) => s.route);
  useRouteSync();
  useShortcuts();
  useDesktopMenu();
  useBeforeUnload();

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash is the route: move focus without navigating.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <AppHeader />
      <main id="main" className="app-main" tabIndex={-1}>
        {route.view === 'list' ? <ScenarioListView /> : null}
        {route.view === 'editor' ? <EditorView scenarioId={route.scenarioId} {...(route.section ? { section: route.section } : {})} /> : null}
        {route.view === 'compare' ? <CompareView a={route.a} b={route.b} /> : null}
      </main>
      <StatusBar />
      <Notices />
    </div>
  );
}
