/**
 * A number input that lets the user clear it and type: the text is kept as
 * typed, and only a valid number within bounds reaches the document. Leaving
 * the field puts back the stored value when the text was not valid. Values
 * changed from outside (undo, redo) replace the text. A nullable field maps
 * an empty input to null (unset).
 */
import { useState, type InputHTMLAttributes } from 'react';

type BaseProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'> & {
  min: number;
  max: number;
  integer?: boolean;
};

export type NumberFieldProps = BaseProps &
  ({ nullable?: false; value: number; onValue(value: number): void } | { nullable: true; value: number | null; onValue(value: number | null): void });

/** The number a text means, null for empty, undefined when it is not valid. */
function parse(text: string, min: number, max: number, integer: boolean): number | null | undefined {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) return undefined;
  if (integer && !Number.isInteger(n)) return undefined;
  return n;
}

const show = (value: number | null) => (value === null ? '' : String(value));

export function NumberField(props: NumberFieldProps) {
  const { value, min, max, integer = true, nullable, onValue: _onValue, onBlur, className, ...rest } = props;
  const [text, setText] = useState(show(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Changed from outside: show the stored value.
    setShown(value);
    if (parse(text, min, max, integer) !== value) setText(show(value));
  }
  const parsed = parse(text, min, max, integer);
  const invalid = parsed === undefined || (parsed === null && !nullable);
  const commit = (n: number | null) => {
    if (props.nullable) props.onValue(n);
    else if (n !== null) props.onValue(n);
  };
  return (
    <input
      {...rest}
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      className={`${className ?? 'input'}${invalid ? ' is-draft-invalid' : ''}`}
      min={min}
      max={max}
      step={integer ? 1 : 'any'}
      value={text}
      title={invalid ? `Enter ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}` : rest.title}
      onChange={(e) => {
        setText(e.target.value);
        const n = parse(e.target.value, min, max, integer);
        if (n === undefined || (n === null && !nullable)) return;
        if (n !== value) commit(n);
      }}
      onBlur={(e) => {
        if (invalid) setText(show(value));
        onBlur?.(e);
      }}
    />
  );
}
