/** The content width of an element, kept up to date (charts size themselves to their frame). */
import { useEffect, useState, type RefObject } from 'react';

export function useElementWidth(ref: RefObject<HTMLElement | null>, initial = 900): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth((previous) => (el.clientWidth > 0 && Math.abs(el.clientWidth - previous) > 1 ? el.clientWidth : previous));
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth((previous) => (Math.abs(w - previous) > 1 ? Math.floor(w) : previous));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
