/** Field problems as the backend or the schema named them: `path: message`. */
import type { ScenarioIssue } from '../../sim/scenario/index.ts';

export function IssueList({ issues, max = 8 }: { issues: readonly ScenarioIssue[]; max?: number }) {
  if (issues.length === 0) return null;
  const shown = issues.slice(0, max);
  return (
    <ul className="issue-list">
      {shown.map((issue, i) => (
        <li key={`${issue.path}-${i}`}>
          {issue.path ? <code className="issue-path">{issue.path}</code> : null}
          {issue.path ? ': ' : null}
          {issue.message}
        </li>
      ))}
      {issues.length > max ? <li>…and {issues.length - max} more</li> : null}
    </ul>
  );
}
