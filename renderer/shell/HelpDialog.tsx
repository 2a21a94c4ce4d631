/**
 * Help: the glossary (find a term as you type) and the keyboard shortcuts,
 * in a modal dialog opened from the header's Help button, or with "?" or F1
 * anywhere outside a text field. A native <dialog>: focus stays inside it
 * and Esc closes it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { findTerms, SHORTCUTS } from './model/glossary.ts';

/** Whether a key press should open help: "?" or F1, not while typing in a field. */
export function opensHelp(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: EventTarget | null): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (event.key !== '?' && event.key !== 'F1') return false;
  const typing = target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select') !== null);
  return event.key === 'F1' || !typing;
}

export function HelpDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const titleId = useId();
  const open = () => {
    if (!dialog.current || dialog.current.open) return;
    setQuery('');
    dialog.current.showModal();
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!opensHelp(event, event.target)) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const terms = findTerms(query);
  return (
    <>
      <button type="button" className="nav-link help-button" aria-keyshortcuts="? F1" onClick={open}>
        Help
      </button>
      <dialog ref={dialog} className="help-dialog" aria-labelledby={titleId} onClose={() => setQuery('')}>
        <div className="help-head">
          <h2 id={titleId}>Help</h2>
          <button type="button" className="btn btn-small" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
        <section aria-label="Glossary">
          <h3>Glossary</h3>
          <input
            type="text"
            className="input"
            data-native-undo
            placeholder="Find a term: P85, cohort, STO…"
            aria-label="Find a term"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {terms.length === 0 ? <p className="muted small">No term matches “{query}”.</p> : null}
          <dl className="glossary">
            {terms.map((t) => (
              <div key={t.term} className="glossary-entry">
                <dt>{t.term}</dt>
                <dd>
                  {t.definition} <span className="muted small">Source: {t.source}. Shown in {t.where}.</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-label="Keyboard shortcuts">
          <h3>Keyboard shortcuts</h3>
          <table className="table compact-table">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{s.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </dialog>
    </>
  );
}
