/**
 * Carries out "take me to this field" requests (from the issue lists): once
 * the screen has rendered the field, scrolls it into view and focuses it, or
 * the nearest element of a parent path when the field itself has none.
 */
import { useEffect } from 'react';
import { focusCandidates } from '../model/cluster/issues.ts';
import { usePolicyUi } from '../stores/policy-ui.ts';

export function useFocusRequest(): void {
  const focus = usePolicyUi((s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    let tries = 0;
    let timer = 0;
    const attempt = () => {
      for (const id of focusCandidates(focus.path)) {
        const element = document.getElementById(id);
        if (element) {
          element.scrollIntoView({ block: 'center', behavior: 'auto' });
          element.focus({ preventScroll: true });
          return;
        }
      }
      // The section or card may still be rendering.
      if (++tries < 10) timer = window.setTimeout(attempt, 30);
    };
    timer = window.setTimeout(attempt, 0);
    return () => window.clearTimeout(timer);
  }, [focus]);
}
