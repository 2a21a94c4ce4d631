/**
 * What the policy uses that its target Kueue version lacks (errors: the
 * API server of that version would drop or refuse it), and what the target
 * has only behind a feature gate that is off by default (warnings). Each
 * message names the field and the version that introduced it.
 */
import { kueueFeature, missingFeatureMessage } from './kueue-versions.ts';
import type { Cluster } from './schema.ts';
import type { PolicyIssue } from './validate.ts';

export function kueueVersionIssues(cluster: Cluster, base = 'cluster'): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const version = cluster.kueueVersion;
  cluster.queues.forEach((queue, i) => {
    const policy = queue.concurrentAdmission;
    if (policy === undefined) return;
    const path = `${base}.queues[${i}].concurrentAdmission`;
    const missing = missingFeatureMessage(version, 'concurrentAdmissionPolicy');
    if (missing !== null) {
      issues.push({ severity: 'error', path, message: `ClusterQueue "${queue.clusterQueue}": ${missing}` });
      return;
    }
    const [, stage] = kueueFeature('concurrentAdmissionPolicy').stages[0]!;
    issues.push({ severity: 'warning', path, message: `concurrentAdmissionPolicy is ${stage} in Kueue ${version}: it takes effect only with that gate on, and the simulator does not model it` });
    if (policy.lastAcceptableFlavorName !== undefined) {
      const lastPath = `${path}.lastAcceptableFlavorName`;
      if (policy.migrationMode !== 'TryPreferredFlavors') {
        issues.push({ severity: 'error', path: lastPath, message: 'lastAcceptableFlavorName can only be used with migration mode TryPreferredFlavors' });
      }
      const flavors = new Set(queue.resourceGroups.flatMap((g) => g.flavors.map((f) => f.name)));
      if (!flavors.has(policy.lastAcceptableFlavorName)) {
        issues.push({ severity: 'warning', path: lastPath, message: `flavor "${policy.lastAcceptableFlavorName}" is not one of ${queue.clusterQueue}'s flavors` });
      }
    }
  });
  return issues;
}
