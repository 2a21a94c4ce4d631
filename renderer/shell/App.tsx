/** The app shell: header, the current screen, status bar and notifications. */
import { AppHeader } from './AppHeader.tsx';
import { Notices } from './Notices.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useBeforeUnload } from './hooks/useBeforeUnload.ts';
import { useDesktopMenu } from './hooks/useDesktopMenu.ts';
import { useRouteSync } from './hooks/useRouteSync.ts';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { useNavigation } from '../stores/navigation.ts';
import { lazy, Suspense, useEffect } from 'react';
import { ScenarioListView } from '../features/scenario-list/ScenarioListView.tsx';
import './shell.css';

// The scenario list is what a launch shows first: the editor (charts, d3, the
// policy and planning screens) and compare load as their own chunks, fetched
// in the background once the list is up, so start-up parses only the list.
const loadEditor = () => import('../features/editor/EditorView.tsx');
const loadCompare = () => import('../features/compare/CompareView.tsx');
const EditorView = lazy(() => loadEditor().then((m) => ({ default: m.EditorView })));
const CompareView = lazy(() => loadCompare().then((m) => ({ default: m.CompareView })));

export function App() {
  const route = useNavigation((s) => s.route);
  useRouteSync();
  useShortcuts();
  useDesktopMenu();
  useBeforeUnload();
  useEffect(() => {
    const prefetch = () => void Promise.all([loadEditor(), loadCompare()]);
    const timer = setTimeout(prefetch, 300);
    return () => clearTimeout(timer);
  }, []);

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
        <Suspense fallback={<p className="loading" role="status">Loading…</p>}>
          {route.view === 'editor' ? <EditorView scenarioId={route.scenarioId} {...(route.section ? { section: route.section } : {})} /> : null}
          {route.view === 'compare' ? <CompareView a={route.a} b={route.b} {...(route.more ? { more: route.more } : {})} /> : null}
        </Suspense>
      </main>
      <StatusBar />
      <Notices />
    </div>
  );
}
