/**
 * Where a default or a statement comes from, one click away: a small badge
 * ("seed", "assumption", "edited", "DORA", …) that opens a popover with the
 * source and the rationale (or the article's own words). The articles Podplan is built on are filed as
 * "seeds" in the domain; people do not know that word, so a badge says
 * "article" and names it ("Source: article — 2-pizza AI teams"). The popover is the
 * platform's (`popover="auto"`): Escape and a click elsewhere close it, and
 * it sits above scroll containers; it is placed next to its badge when it
 * opens and closes when the page scrolls under it.
 */
import { useEffect, useId, useRef, useState, type ReactNode, type ToggleEvent } from 'react';
import { articleOf, sourceInWords, type SourceBadgeKind } from '../model/sources.ts';

const KIND_LABELS: Record<SourceBadgeKind, string> = {
  seed: 'article',
  assumption: 'assumption',
  user: 'edited',
  DORA: 'DORA',
  research: 'research',
  check: 'Podplan check',
  history: 'your history',
};

const KIND_TITLES: Record<SourceBadgeKind, string> = {
  seed: 'From one of the articles Podplan is built on',
  assumption: 'Podplan’s documented assumption (the articles give no figure)',
  user: 'Set in this scenario',
  DORA: 'From the DORA research the AI platform article cites',
  research: 'From published research or queueing theory (named in the popover)',
  check: 'A consistency check of Podplan',
  history: 'Fitted from your team’s delivery history, accepted in this scenario',
};

export interface SourceBadgeProps {
  kind: SourceBadgeKind;
  /** What the badge is about, for its accessible name ("Source of the data platform engineer band"). */
  subject?: string;
  /** The source named in full, e.g. 'Seed "2-pizza AI teams"'. */
  source?: string;
  /** Why the figure is what it is, or what the statement rests on. */
  rationale?: string;
  /** The article's own words, shown as a quotation. */
  quote?: string;
  /** Extra content, e.g. a "Reset to default" button. */
  children?: ReactNode;
}

const POPOVER_WIDTH = 340;

export function SourceBadge({ kind, subject, source, rationale, quote, children }: SourceBadgeProps) {
  const id = useId();
  const popoverId = `source-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);

  const place = () => {
    const button = buttonRef.current;
    const popover = popoverRef.current;
    if (!button || !popover) return;
    const rect = button.getBoundingClientRect();
    const width = Math.min(POPOVER_WIDTH, window.innerWidth - 16);
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    popover.style.width = `${width}px`;
    popover.style.left = `${left}px`;
    const height = popover.offsetHeight;
    const below = rect.bottom + 6;
    const top = below + height > window.innerHeight - 8 && rect.top - 6 - height > 8 ? rect.top - 6 - height : below;
    popover.style.top = `${top}px`;
  };

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event.target instanceof Node && popoverRef.current?.contains(event.target)) return;
      popoverRef.current?.hidePopover();
    };
    window.addEventListener('scroll', close, true);
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
    };
  }, [open]);

  const label = KIND_LABELS[kind];
  const article = kind === 'seed' ? articleOf(source) : null;
  const named = article ? `${label} — ${article}` : label;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={`source-badge source-${kind === 'DORA' ? 'dora' : kind}`}
        popoverTarget={popoverId}
        aria-label={`Source${subject ? ` of ${subject}` : ''}: ${named}`}
        title={article ? `Source: the article “${article}”` : KIND_TITLES[kind]}
      >
        {label}
      </button>
      {/* A span (shown as a block): badges sit inside paragraphs, labels and legends. */}
      <span
        ref={popoverRef}
        id={popoverId}
        popover="auto"
        className="source-popover"
        role="note"
        aria-label={`Source${subject ? ` of ${subject}` : ''}`}
        onBeforeToggle={(event: ToggleEvent<HTMLSpanElement>) => {
          if (event.newState === 'open') requestAnimationFrame(place);
        }}
        onToggle={(event: ToggleEvent<HTMLSpanElement>) => {
          const isOpen = event.newState === 'open';
          setOpen(isOpen);
          if (isOpen) place();
        }}
      >
        <span className="source-popover-head">
          <span className={`source-kind source-${kind === 'DORA' ? 'dora' : kind}`}>{label}</span> {source ? sourceInWords(source) : KIND_TITLES[kind]}
        </span>
        {quote ? <span className="source-quote">“{quote}”</span> : null}
        {rationale ? <span className="source-rationale">{rationale}</span> : null}
        {children}
      </span>
    </>
  );
}
