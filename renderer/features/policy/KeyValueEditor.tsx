/**
 * A small map editor (ResourceQuota hard limits, LimitRange defaults, node
 * labels): one row per entry, keys renamed on blur or Enter (a key already
 * listed is refused, so no entry is silently merged away), values edited live.
 */
import { useId, useState } from 'react';
import type { IssueIndex } from '../../model/cluster/issues.ts';
import { fieldAttrs } from '../../model/cluster/issues.ts';
import { FieldMessages } from '../../ui/FieldMessages.tsx';

export interface KeyValueEditorProps {
  /** Names the group and its inputs ("Namespace ResourceQuota"). */
  label: string;
  keyLabel: string;
  valueLabel: string;
  entries: Record<string, string>;
  /** Policy path of the map, for its issues. */
  path: string;
  issues: IssueIndex;
  keySuggestions?: readonly string[];
  /** Value of a new entry ("0" for quantities, "" for labels). */
  newValue?: string;
  valuePlaceholder?: string;
  emptyText?: string;
  onChange(next: Record<string, string>, coalesceKey?: string): void;
  onBlur(): void;
}

function renameKey(entries: Record<string, string>, from: string, to: string): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => (k === from ? [to, v] : [k, v])));
}

export function KeyValueEditor(props: KeyValueEditorProps) {
  const { label, keyLabel, valueLabel, entries, path, issues, keySuggestions = [], newValue = '0', valuePlaceholder, emptyText = 'None', onChange, onBlur } = props;
  const listId = useId();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [draftError, setDraftError] = useState<{ key: string; message: string } | null>(null);
  const list = Object.entries(entries);

  const commitKey = (key: string) => {
    const draft = drafts[key];
    if (draft === undefined) return;
    const next = draft.trim();
    if (next !== key && next in entries) {
      setDraftError({ key, message: `"${next}" is already listed` });
      return;
    }
    setDrafts(({ [key]: _done, ...rest }) => rest);
    setDraftError(null);
    if (next !== key) onChange(renameKey(entries, key, next));
  };

  const addEntry = () => {
    const key = keySuggestions.find((k) => !(k in entries)) ?? (() => {
      for (let n = 1; ; n++) if (!(`key-${n}` in entries)) return `key-${n}`;
    })();
    onChange({ ...entries, [key]: newValue });
  };

  return (
    <div className="kv-editor" role="group" aria-label={label}>
      {list.length === 0 ? <p className="muted small kv-empty">{emptyText}</p> : null}
      {list.map(([key, value], i) => (
        <div className="kv-row" key={i}>
          <input
            className="input input-compact kv-key"
            aria-label={`${keyLabel} ${i + 1}`}
            list={keySuggestions.length ? listId : undefined}
            value={drafts[key] ?? key}
            aria-invalid={draftError?.key === key ? true : undefined}
            onChange={(e) => setDrafts({ ...drafts, [key]: e.target.value })}
            onBlur={() => {
              commitKey(key);
              onBlur();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitKey(key);
              } else if (e.key === 'Escape' && drafts[key] !== undefined) {
                e.preventDefault();
                setDrafts(({ [key]: _dropped, ...rest }) => rest);
                setDraftError(null);
              }
            }}
          />
          <input
            className="input input-compact kv-value"
            aria-label={`${valueLabel} for ${key || `entry ${i + 1}`}`}
            placeholder={valuePlaceholder}
            value={value}
            onChange={(e) => onChange({ ...entries, [key]: e.target.value }, `${path}:${key}`)}
            onBlur={onBlur}
          />
          <button
            type="button"
            className="btn btn-icon btn-ghost"
            aria-label={`Remove ${key || `entry ${i + 1}`} from ${label}`}
            title="Remove"
            onClick={() => onChange(Object.fromEntries(list.filter(([k]) => k !== key)))}
          >
            ✕
          </button>
          {draftError?.key === key ? <span className="field-error kv-draft-error">{draftError.message}</span> : null}
        </div>
      ))}
      <div className="kv-footer">
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Add entry to ${label}`} onClick={addEntry} {...fieldAttrs(path, issues)}>
          + Add
        </button>
        <FieldMessages path={path} issues={issues} />
      </div>
      {keySuggestions.length ? (
        <datalist id={listId}>
          {keySuggestions.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
