/**
 * A number input whose text is the user's: it is kept exactly as typed, and
 * only a valid number within bounds reaches the document. Anything else is
 * refused out loud — the field is marked invalid and says why under it
 * ("Salary percentile must be 0–100 (you typed 150)") — and the stored value
 * stays what it was: digits that passed through a valid value on the way
 * (typing 150 passes 1 and 15) are taken back as soon as the text turns
 * invalid, so nothing is clamped, re-signed or truncated in silence.
 *
 * The refused text stays in the field, also after leaving it, until the user
 * fixes it or presses Escape (which puts back the stored value). Values
 * changed from outside (undo, redo) replace the text. A nullable field maps
 * an empty input to null (unset). A `warning` is shown for a stored value
 * that is valid but probably not meant (0 GPUs per node).
 *
 * The input is a text box with a numeric keyboard rather than
 * `type="number"`: the browser sanitises a number input's value (a typed
 * "−150000" with a typographic minus reads as empty or as 150000), so the
 * text could not be shown or judged as typed. ArrowUp/ArrowDown still step.
 */
import { useId, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';

type BaseProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max' | 'step'> & {
  min: number;
  max: number;
  integer?: boolean;
  /** What the field is, for its messages ("Salary percentile"); defaults to the aria-label. */
  label?: string;
  /** A further rule a number within bounds must meet (the band maximum ≥ its minimum): the reason it is refused, or null. */
  check?(value: number): string | null;
  /** A visible warning about the stored value (valid, but probably not meant). */
  warning?: string | null;
  /** Step of ArrowUp / ArrowDown (default 1). */
  step?: number;
};

export type NumberFieldProps = BaseProps &
  ({ nullable?: false; value: number; onValue(value: number): void } | { nullable: true; value: number | null; onValue(value: number | null): void });

export type Parsed = { ok: true; value: number | null } | { ok: false; reason: string };

export interface ParseRules {
  min: number;
  max: number;
  integer: boolean;
  nullable: boolean;
  label: string;
  check?: ((value: number) => string | null) | undefined;
}

const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

// Plain decimal notation, optionally with an exponent; hex, "Infinity" and the like are not numbers a person types here.
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
// "150,000": thousands separators, only where they cannot mean anything else.
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** What a text means under the rules: the number (null for empty), or why it is refused. */
export function parseNumber(text: string, rules: ParseRules): Parsed {
  // A typographic minus (−) is a minus: reading it as anything else would flip the sign.
  let t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return rules.nullable ? { ok: true, value: null } : { ok: false, reason: `${rules.label} needs a value` };
  if (GROUPED.test(t)) t = t.replace(/,/g, '');
  const typed = `(you typed ${text.trim()})`;
  if (!NUMBER.test(t)) return { ok: false, reason: `${rules.label} must be a number ${typed}` };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, reason: `${rules.label} must be a number ${typed}` };
  if (rules.integer && !Number.isInteger(n)) return { ok: false, reason: `${rules.label} must be a whole number ${typed}` };
  if (n < rules.min || n > rules.max) {
    const { min, max } = rules;
    // A short range reads best whole ("0–100"); a huge one by the side that was crossed.
    const bound = max - min <= 10_000 ? `must be ${format(min)}–${format(max)}` : n < min ? (min === 0 ? 'cannot be negative' : `must be at least ${format(min)}`) : `must be at most ${format(max)}`;
    return { ok: false, reason: `${rules.label} ${bound} ${typed}` };
  }
  const refused = rules.check?.(n);
  if (refused) return { ok: false, reason: `${refused} ${typed}` };
  return { ok: true, value: n };
}

const show = (value: number | null) => (value === null ? '' : String(value));

export function NumberField(props: NumberFieldProps) {
  const { value, min, max, integer = true, nullable, onValue: _onValue, onBlur, onFocus, onKeyDown, className, label, check, warning, step = 1, ...rest } = props;
  const messageId = `${useId().replace(/[^A-Za-z0-9_-]/g, '')}-msg`;
  const [text, setText] = useState(show(value));
  const [shown, setShown] = useState(value);
  // The stored value before this edit began: what a refused text puts back.
  const [base, setBase] = useState(value);
  // The value this field itself just stored, so that its own change does not overwrite the text.
  const [own, setOwn] = useState<number | null | undefined>(undefined);
  const rules: ParseRules = { min, max, integer, nullable: Boolean(nullable), label: label ?? rest['aria-label'] ?? 'This value', check };
  const parsed = parseNumber(text, rules);
  if (shown !== value) {
    setShown(value);
    setOwn(undefined);
    if (value !== own) {
      // Changed from outside (undo, redo, a reset): show the stored value.
      setBase(value);
      if (!parsed.ok || parsed.value !== value) setText(show(value));
    }
  }
  const store = (n: number | null) => {
    if (n === value) return;
    setOwn(n);
    if (props.nullable) props.onValue(n);
    else if (n !== null) props.onValue(n);
  };
  const edit = (next: string) => {
    setText(next);
    const result = parseNumber(next, rules);
    // Valid: stored at once (figures follow the typing). Refused: the value from before the edit is stored again.
    store(result.ok ? result.value : base);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === 'Escape' && text !== show(value)) {
      // The user's choice to drop what they typed: the stored value comes back.
      event.preventDefault();
      event.stopPropagation();
      setText(show(value));
      setBase(value);
      return;
    }
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && parsed.ok) {
      event.preventDefault();
      const from = parsed.value ?? base ?? min;
      const next = Number((from + (event.key === 'ArrowUp' ? step : -step)).toPrecision(12));
      // At a bound the arrow does nothing: stepping never stores a value the user did not reach.
      if (parseNumber(String(next), rules).ok) edit(String(next));
    }
  };
  const message = parsed.ok ? null : `${parsed.reason}. Not saved; Esc puts back ${value === null ? 'the empty value' : format(value)}.`;
  const note = message ?? warning ?? null;
  const describedBy = [rest['aria-describedby'], note ? messageId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <input
        {...rest}
        type="text"
        inputMode={integer && min >= 0 ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        className={`${className ?? 'input'}${message ? ' is-draft-invalid' : warning ? ' has-warning' : ''}`}
        value={text}
        aria-invalid={message ? true : rest['aria-invalid']}
        aria-describedby={describedBy}
        onFocus={(e) => {
          if (parsed.ok) setBase(value);
          onFocus?.(e);
        }}
        onChange={(e) => edit(e.target.value)}
        onKeyDown={onKey}
        onBlur={onBlur}
      />
      {note ? (
        <span id={messageId} className={`number-field-note ${message ? 'field-error' : 'field-warning'}`}>
          {note}
        </span>
      ) : null}
    </>
  );
}
