/**
 * Keeps the open scenario in step with the route: entering the editor opens
 * the scenario; leaving it saves pending edits first. If they cannot be saved
 * (an error, a conflict) the user stays in the editor and is told why, with a
 * way to leave anyway.
 */
import { useEffect } from 'react';
import { useEditor } from '../../stores/editor.ts';
import { useNavigation, type Route } from '../../stores/navigation.ts';
import { useNotices } from '../../stores/notices.ts';
import { closeScenario, discardAndClose, openScenario } from '../../stores/session.ts';

async function enter(route: Route): Promise<void> {
  const openId = useEditor.getState().scenarioId;
  const leaving = openId !== null && (route.view !== 'editor' || route.scenarioId !== openId);
  if (openId !== null && leaving) {
    const ok = await closeScenario();
    if (!ok) {
      useNavigation.getState().navigate({ view: 'editor', scenarioId: openId }, { replace: true });
      useNotices.getState().push({
        kind: 'error',
        title: 'Your latest changes are not saved',
        message: 'Resolve the problem shown in the editor first, or leave and lose the unsaved changes.',
        action: {
          label: 'Leave without saving',
          run: () => {
            discardAndClose();
            useNavigation.getState().navigate(route);
          },
        },
      });
      return;
    }
  }
  if (route.view === 'editor') await openScenario(route.scenarioId);
}

export function useRouteSync(): void {
  const route = useNavigation((s) => s.route);
  useEffect(() => {
    const sync = () => useNavigation.getState().syncFromLocation();
    window.addEventListener('hashchange', sync);
    window.addEventListener('popstate', sync);
    return () => {
      window.removeEventListener('hashchange', sync);
      window.removeEventListener('popstate', sync);
    };
  }, []);
  useEffect(() => {
    void enter(route);
  }, [route]);
}
