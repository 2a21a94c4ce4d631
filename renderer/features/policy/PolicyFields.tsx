/**
 * Labelled inputs of the quota policy forms: each is tied to its policy path
 * (id, invalid state, messages underneath) and may say where its default
 * comes from.
 */
import type { ReactNode } from 'react';
import type { DefaultSource } from '../../model/cluster/defaults.ts';
import { fieldAttrs, fieldId, type IssueIndex } from '../../model/cluster/issues.ts';
import { FieldMessages, SourceTag } from '../../ui/FieldMessages.tsx';

interface BaseProps {
  label: string;
  path: string;
  issues: IssueIndex;
  source?: DefaultSource | null;
  hint?: ReactNode;
  className?: string;
}

function FieldShell({ label, path, issues, source, hint, className, children }: BaseProps & { children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fieldId(path)} className="field-label">
        {label}
      </label>
      {children}
      {hint || source ? (
        <span className="field-hint">
          {source ? <SourceTag label={source.label} reference={source.reference} /> : null} {hint}
        </span>
      ) : null}
      <FieldMessages path={path} issues={issues} />
    </div>
  );
}

export interface TextFieldProps extends BaseProps {
  value: string;
  placeholder?: string;
  maxLength?: number;
  /** Free text outside Kubernetes names, e.g. a description. */
  onChange(value: string): void;
  onBlur(): void;
}

export function PolicyTextField(props: TextFieldProps) {
  const { value, placeholder, maxLength = 253, onChange, onBlur, path, issues } = props;
  return (
    <FieldShell {...props}>
      <input
        className="input"
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        spellCheck={false}
        autoComplete="off"
        {...fieldAttrs(path, issues)}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps<T extends string> extends BaseProps {
  value: T;
  options: ReadonlyArray<{ value: T; label: string; help?: string }>;
  onChange(value: T): void;
}

export function PolicySelectField<T extends string>(props: SelectFieldProps<T>) {
  const { value, options, onChange, path, issues } = props;
  const current = options.find((o) => o.value === value);
  return (
    <FieldShell {...props} hint={props.hint ?? current?.help}>
      <select
        className="input"
        value={value}
        {...fieldAttrs(path, issues)}
        onChange={(e) => {
          const next = options.find((o) => o.value === e.target.value);
          if (next) onChange(next.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
