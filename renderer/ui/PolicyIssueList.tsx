/**
 * Every problem of the quota policy at the top of the screen, errors first:
 * each names the field in words and takes the user to it.
 */
import { useState } from 'react';
import { describePath, sectionOf, type IssueIndex } from '../model/cluster/issues.ts';
import type { Cluster } from '../../sim/cluster/schema.ts';
import { useNavigation } from '../stores/navigation.ts';
import { usePolicyUi } from '../stores/policy-ui.ts';
import { plural } from '../model/text.ts';

export interface PolicyIssueListProps {
  issues: IssueIndex;
  cluster: Cluster;
  scenarioId: string;
  /** Title line, e.g. "Policy check" or "Manifests are not generated while the policy has errors". */
  title?: string;
  max?: number;
}

/** Opens the right section and card and focuses the field of an issue. */
export function goToIssue(scenarioId: string, cluster: Cluster, path: string): void {
  const section = sectionOf(path);
  const queue = /^cluster\.queues\[(\d+)\]/.exec(path);
  if (queue) {
    const id = cluster.queues[Number(queue[1])]?.id;
    if (id) usePolicyUi.getState().setExpanded(id, true);
  }
  const nav = useNavigation.getState();
  const route = nav.route;
  if (route.view !== 'editor' || (route.section ?? 'org') !== section) nav.navigate({ view: 'editor', scenarioId, section });
  usePolicyUi.getState().requestFocus(path);
}

export function PolicyIssueList({ issues, cluster, scenarioId, title, max = 6 }: PolicyIssueListProps) {
  const [all, setAll] = useState(false);
  if (issues.all.length === 0) return null;
  const sorted = [...issues.all].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const shown = all ? sorted : sorted.slice(0, max);
  const names = { queues: cluster.queues.map((q) => q.clusterQueue), pools: cluster.nodePools.map((p) => p.name) };
  const counts = [issues.errors ? plural(issues.errors, 'error') : null, issues.warnings ? plural(issues.warnings, 'warning') : null].filter(Boolean).join(', ');
  return (
    <div className={`banner policy-issues ${issues.errors ? 'banner-error' : 'banner-warning'}`} role={issues.errors ? 'alert' : 'status'} aria-label="Policy problems">
      <div className="policy-issues-body">
        <strong>{title ?? 'Policy check'}:</strong> {counts}
        {issues.errors ? <span className="muted"> — the API server would refuse these; export and apply wait until they are fixed.</span> : null}
        <ul className="policy-issue-items">
          {shown.map((issue, i) => (
            <li key={`${issue.path}-${i}`} className={`policy-issue policy-issue-${issue.severity}`}>
              <span className={`severity-dot severity-${issue.severity}`} aria-hidden="true" />
              <span className="visually-hidden">{issue.severity === 'error' ? 'Error' : 'Warning'}: </span>
              <button type="button" className="link-button" onClick={() => goToIssue(scenarioId, cluster, issue.path)}>
                {describePath(issue.path, names)}
              </button>
              : {issue.message}
            </li>
          ))}
        </ul>
        {sorted.length > max ? (
          <button type="button" className="link-button small" onClick={() => setAll(!all)}>
            {all ? 'Show fewer' : `Show all ${sorted.length}`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
