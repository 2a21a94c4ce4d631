/** A field's policy problems, under it: red for errors, amber for warnings. */
import type { IssueIndex } from '../model/cluster/issues.ts';
import { fieldMessageId } from '../model/cluster/issues.ts';

export function FieldMessages({ path, issues, id }: { path: string; issues: IssueIndex; id?: string }) {
  const found = issues.at(path);
  if (found.length === 0) return null;
  return (
    <span id={id ?? fieldMessageId(path)} className="field-messages">
      {found.map((issue, i) => (
        <span key={i} className={issue.severity === 'error' ? 'field-error' : 'field-warning'}>
          <span className="visually-hidden">{issue.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
          {issue.message}
        </span>
      ))}
    </span>
  );
}

/** "Kueue default" beside a label, with where it is documented as its tooltip. */
export function SourceTag({ label, reference }: { label: string; reference: string }) {
  return (
    <span className="source-tag" title={`Source: ${reference}`}>
      {label}
    </span>
  );
}
