/**
 * What the API server and Kueue's webhooks would refuse (errors) and what
 * would apply but is probably a mistake (warnings), each with the field path
 * the editor highlights. Export and apply refuse while errors remain.
 */
import { dns1123LabelProblem, dns1123SubdomainProblem, qualifiedNameProblem } from '../k8s/names.ts';
import { isQuantity, parseQuantity } from '../k8s/quantity.ts';
import { kueueVersionIssues } from './kueue-version-check.ts';
import { validateAdmissionFairSharing } from './admission-fair-sharing.ts';
import { HOSTNAME_LABEL, type Cluster, type ResourceGroup } from './schema.ts';
import { levelWord } from './topology.ts';

export interface PolicyIssue {
  severity: 'error' | 'warning';
  /** Path from the scenario root, e.g. `cluster.queues[1].cohortName`. */
  path: string;
  message: string;
}

type Report = (severity: PolicyIssue['severity'], path: string, message: string) => void;

function checkUnique(names: Array<{ name: string; path: string }>, what: string, report: Report): void {
  const seen = new Map<string, string>();
  for (const { name, path } of names) {
    const first = seen.get(name);
    if (first !== undefined) report('error', path, `${what} "${name}" is defined twice (first at ${first})`);
    else seen.set(name, path);
  }
}

function checkQuantity(value: string | undefined, path: string, report: Report): number | null {
  if (value === undefined) return null;
  if (!isQuantity(value)) {
    report('error', path, `"${value}" is not a Kubernetes quantity (examples: 8, 500m, 64Gi)`);
    return null;
  }
  const parsed = parseQuantity(value);
  if (parsed < 0) {
    report('error', path, 'must not be negative');
    return null;
  }
  return parsed;
}

function checkResourceGroups(
  groups: readonly ResourceGroup[],
  base: string,
  hasCohort: boolean,
  flavorNames: ReadonlySet<string>,
  report: Report,
): void {
  const resourceOwner = new Map<string, number>();
  const flavorOwner = new Map<string, number>();
  groups.forEach((group, g) => {
    const gPath = `${base}.resourceGroups[${g}]`;
    if (group.coveredResources.length === 0) report('error', `${gPath}.coveredResources`, 'must list at least one resource');
    group.coveredResources.forEach((resource, r) => {
      const problem = qualifiedNameProblem(resource);
      if (problem) report('error', `${gPath}.coveredResources[${r}]`, `resource name ${problem}`);
      const owner = resourceOwner.get(resource);
      if (owner !== undefined && owner !== g) {
        report('error', `${gPath}.coveredResources[${r}]`, `resource "${resource}" is already covered by resource group ${owner + 1}; a resource may be in only one group`);
      } else resourceOwner.set(resource, g);
    });
    if (group.flavors.length === 0) report('error', `${gPath}.flavors`, 'must list at least one flavor');
    group.flavors.forEach((flavor, f) => {
      const fPath = `${gPath}.flavors[${f}]`;
      if (!flavorNames.has(flavor.name)) report('error', `${fPath}.name`, `ResourceFlavor "${flavor.name}" is not defined; Kueue keeps the queue inactive until it exists`);
      const owner = flavorOwner.get(flavor.name);
      if (owner !== undefined) report('error', `${fPath}.name`, `flavor "${flavor.name}" already appears in resource group ${owner + 1}; a flavor may appear once per queue`);
      else flavorOwner.set(flavor.name, g);
      const names = flavor.resources.map((r) => r.name);
      if (names.length !== group.coveredResources.length || names.some((n, i) => n !== group.coveredResources[i])) {
        report('error', `${fPath}.resources`, `must list exactly the covered resources in the same order (${group.coveredResources.join(', ') || 'none'})`);
      }
      flavor.resources.forEach((quota, q) => {
        const qPath = `${fPath}.resources[${q}]`;
        const nominal = checkQuantity(quota.nominalQuota, `${qPath}.nominalQuota`, report);
        checkQuantity(quota.borrowingLimit, `${qPath}.borrowingLimit`, report);
        const lending = checkQuantity(quota.lendingLimit, `${qPath}.lendingLimit`, report);
        if (quota.borrowingLimit !== undefined && !hasCohort) {
          report('error', `${qPath}.borrowingLimit`, 'borrowingLimit must be unset when the queue has no cohort (there is no one to borrow from)');
        }
        if (quota.lendingLimit !== undefined && !hasCohort) {
          report('error', `${qPath}.lendingLimit`, 'lendingLimit must be unset when the queue has no cohort (there is no one to lend to)');
        }
        if (nominal !== null && lending !== null && lending > nominal) {
          report('error', `${qPath}.lendingLimit`, `lendingLimit (${quota.lendingLimit}) must not exceed nominalQuota (${quota.nominalQuota})`);
        }
      });
    });
  });
}

export function validatePolicy(cluster: Cluster, base = 'cluster'): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const report: Report = (severity, path, message) => issues.push({ severity, path, message });
  const name = (problem: string | null, path: string, what: string) => {
    if (problem) report('error', path, `${what} ${problem}`);
  };

  cluster.flavors.forEach((f, i) => name(dns1123SubdomainProblem(f.name), `${base}.flavors[${i}].name`, 'ResourceFlavor name'));
  checkUnique(cluster.flavors.map((f, i) => ({ name: f.name, path: `${base}.flavors[${i}].name` })), 'ResourceFlavor', report);
  cluster.flavors.forEach((f, i) => {
    for (const key of Object.keys(f.nodeLabels)) {
      const problem = qualifiedNameProblem(key);
      if (problem) report('error', `${base}.flavors[${i}].nodeLabels`, `label key "${key}": ${problem}`);
    }
  });
  const flavorNames = new Set(cluster.flavors.map((f) => f.name));

  cluster.nodePools.forEach((pool, i) => {
    if (!flavorNames.has(pool.flavor)) report('error', `${base}.nodePools[${i}].flavor`, `node pool "${pool.name}" names ResourceFlavor "${pool.flavor}", which is not defined`);
    const months = pool.capacityChanges.map((c) => c.month);
    if (new Set(months).size !== months.length) report('error', `${base}.nodePools[${i}].capacityChanges`, 'two capacity changes in the same month');
  });

  checkTopologies(cluster, base, report);

  cluster.priorityClasses.forEach((p, i) => name(dns1123SubdomainProblem(p.name), `${base}.priorityClasses[${i}].name`, 'PriorityClass name'));
  cluster.priorityClasses.forEach((p, i) => {
    if (p.name.startsWith('system-')) report('error', `${base}.priorityClasses[${i}].name`, 'names starting with "system-" are reserved by Kubernetes');
  });
  checkUnique(cluster.priorityClasses.map((p, i) => ({ name: p.name, path: `${base}.priorityClasses[${i}].name` })), 'PriorityClass', report);

  const cohortNames = new Set(cluster.cohorts.map((c) => c.name));
  cluster.cohorts.forEach((c, i) => {
    const path = `${base}.cohorts[${i}]`;
    name(dns1123SubdomainProblem(c.name), `${path}.name`, 'Cohort name');
    if (c.parentName !== undefined) name(dns1123SubdomainProblem(c.parentName), `${path}.parentName`, 'parent cohort name');
    if (c.parentName === c.name) report('error', `${path}.parentName`, 'a cohort cannot be its own parent');
    checkQuantity(c.fairSharingWeight, `${path}.fairSharingWeight`, report);
    checkResourceGroups(c.resourceGroups, path, c.parentName !== undefined, flavorNames, report);
  });
  checkUnique(cluster.cohorts.map((c, i) => ({ name: c.name, path: `${base}.cohorts[${i}].name` })), 'Cohort', report);
  // A cycle in the cohort tree makes Kueue deactivate every queue in it.
  const parentOf = new Map(cluster.cohorts.map((c) => [c.name, c.parentName]));
  cluster.cohorts.forEach((c, i) => {
    const seen = new Set<string>([c.name]);
    let at = c.parentName;
    while (at !== undefined) {
      if (seen.has(at)) {
        report('error', `${base}.cohorts[${i}].parentName`, `cohort "${c.name}" is in a cycle (${[...seen, at].join(' → ')})`);
        break;
      }
      seen.add(at);
      at = parentOf.get(at);
    }
  });

  cluster.queues.forEach((q, i) => {
    const path = `${base}.queues[${i}]`;
    name(dns1123LabelProblem(q.namespace), `${path}.namespace`, 'namespace');
    name(dns1123SubdomainProblem(q.clusterQueue), `${path}.clusterQueue`, 'ClusterQueue name');
    name(dns1123SubdomainProblem(q.localQueue), `${path}.localQueue`, 'LocalQueue name');
    if (q.cohortName !== undefined) {
      name(dns1123SubdomainProblem(q.cohortName), `${path}.cohortName`, 'cohort name');
      if (!cohortNames.has(q.cohortName)) {
        report('warning', `${path}.cohortName`, `cohort "${q.cohortName}" has no Cohort object; Kueue creates it implicitly with no quota of its own`);
      }
    }
    checkQuantity(q.fairSharingWeight, `${path}.fairSharingWeight`, report);
    if (q.preemption.reclaimWithinCohort === 'Never' && q.preemption.borrowWithinCohort.policy !== 'Never') {
      report('error', `${path}.preemption.borrowWithinCohort.policy`, 'borrowWithinCohort needs reclaimWithinCohort other than Never');
    }
    if (q.resourceGroups.length === 0) report('warning', `${path}.resourceGroups`, 'the ClusterQueue has no quota: no workload can be admitted');
    checkResourceGroups(q.resourceGroups, path, q.cohortName !== undefined, flavorNames, report);
    for (const [key, value] of Object.entries(q.namespaceQuota)) {
      const problem = qualifiedNameProblem(key);
      if (problem) report('error', `${path}.namespaceQuota`, `ResourceQuota key "${key}": ${problem}`);
      checkQuantity(value, `${path}.namespaceQuota`, report);
    }
    for (const kind of ['defaultRequest', 'default'] as const) {
      for (const [key, value] of Object.entries(q.limitRange[kind])) {
        const problem = qualifiedNameProblem(key);
        if (problem) report('error', `${path}.limitRange.${kind}`, `resource "${key}": ${problem}`);
        checkQuantity(value, `${path}.limitRange.${kind}`, report);
      }
    }
  });
  checkUnique(cluster.queues.map((q, i) => ({ name: q.clusterQueue, path: `${base}.queues[${i}].clusterQueue` })), 'ClusterQueue', report);
  // One team, one namespace: its ResourceQuota, LimitRange and RoleBinding would otherwise clash.
  checkUnique(cluster.queues.map((q, i) => ({ name: q.namespace, path: `${base}.queues[${i}].namespace` })), 'Team namespace', report);
  const clusterQueueNames = new Set(cluster.queues.map((q) => q.clusterQueue));
  cluster.cohorts.forEach((c, i) => {
    if (clusterQueueNames.has(c.name)) report('warning', `${base}.cohorts[${i}].name`, `cohort "${c.name}" has the same name as a ClusterQueue, which makes Kueue's status hard to read`);
  });
  issues.push(...kueueVersionIssues(cluster, base));
  issues.push(...validateAdmissionFairSharing(cluster, base));
  return issues;
}

/**
 * Topology-aware scheduling: Topology objects as Kueue's CRD validation
 * accepts them, TAS flavors (topologyName) as its webhook does, and the node
 * pools of a TAS flavor laid out over every level, which the simulator needs
 * to place pods (Kueue reads the same from the nodes' labels).
 */
function checkTopologies(cluster: Cluster, base: string, report: Report): void {
  const topologies = cluster.topologies ?? [];
  topologies.forEach((t, i) => {
    const path = `${base}.topologies[${i}]`;
    const problem = dns1123SubdomainProblem(t.name);
    if (problem) report('error', `${path}.name`, `Topology name ${problem}`);
    if (t.levels.length === 0) report('error', `${path}.levels`, 'a Topology needs at least one level (e.g. cloud.provider.com/topology-rack)');
    const seen = new Set<string>();
    t.levels.forEach((level, l) => {
      const lPath = `${path}.levels[${l}].nodeLabel`;
      const labelProblem = level.nodeLabel === '' ? null : qualifiedNameProblem(level.nodeLabel);
      if (level.nodeLabel === '') report('error', lPath, `level ${l + 1} of Topology "${t.name}" has no node label (e.g. cloud.provider.com/topology-rack)`);
      else if (labelProblem) report('error', lPath, `level ${l + 1} of Topology "${t.name}": node label ${labelProblem}`);
      if (seen.has(level.nodeLabel)) report('error', lPath, `level "${level.nodeLabel}" appears twice; levels must be unique`);
      seen.add(level.nodeLabel);
      if (level.nodeLabel === HOSTNAME_LABEL && l !== t.levels.length - 1) report('error', lPath, `the ${HOSTNAME_LABEL} label can only be used at the lowest level of topology`);
    });
  });
  checkUnique(topologies.map((t, i) => ({ name: t.name, path: `${base}.topologies[${i}].name` })), 'Topology', report);

  const byName = new Map(topologies.map((t) => [t.name, t]));
  cluster.flavors.forEach((flavor, i) => {
    if (flavor.topologyName === undefined) return;
    const path = `${base}.flavors[${i}]`;
    if (!byName.has(flavor.topologyName)) report('error', `${path}.topologyName`, `Topology "${flavor.topologyName}" is not defined; Kueue keeps ClusterQueues using flavor "${flavor.name}" inactive until it exists`);
    if (Object.keys(flavor.nodeLabels).length === 0) report('error', `${path}.nodeLabels`, 'at least one nodeLabel is required when topology is set');
    if (!cluster.nodePools.some((p) => p.flavor === flavor.name)) report('warning', `${path}.topologyName`, `TAS flavor "${flavor.name}" has no node pools: Kueue can place no pod on it`);
  });

  cluster.nodePools.forEach((pool, i) => {
    const path = `${base}.nodePools[${i}].topology`;
    const flavor = cluster.flavors.find((f) => f.name === pool.flavor);
    const topology = flavor?.topologyName !== undefined ? byName.get(flavor.topologyName) : undefined;
    if (!topology) {
      if (pool.topology && flavor) report('warning', path, `flavor "${flavor.name}" has no Topology, so this layout is not used`);
      return;
    }
    // An unnamed level is reported on the Topology itself; asking the pool for "nodes per ()" would say nothing.
    const levels = topology.levels.map((l) => l.nodeLabel).filter((l) => l !== HOSTNAME_LABEL && l !== '');
    const per = pool.topology?.nodesPerDomain ?? {};
    const missing = levels.filter((l) => per[l] === undefined);
    if (missing.length > 0) {
      report('error', path, `node pool "${pool.name}" is in TAS flavor "${pool.flavor}" (Topology "${topology.name}"): set nodes per ${missing.map(levelWord).join(', per ')} (${missing.join(', ')}) so its nodes carry the topology labels`);
    }
    for (const key of Object.keys(per)) {
      if (!levels.includes(key)) report('error', `${path}.nodesPerDomain`, `"${key}" is not a level of Topology "${topology.name}" (levels: ${topology.levels.map((l) => l.nodeLabel).join(', ')})`);
    }
    // Each domain must hold whole domains of the level below, as racks sit whole in a block.
    for (let l = 0; l + 1 < levels.length; l++) {
      const upper = per[levels[l]!];
      const lower = per[levels[l + 1]!];
      if (upper !== undefined && lower !== undefined && upper % lower !== 0) {
        report('error', `${path}.nodesPerDomain`, `nodes per ${levelWord(levels[l]!)} (${upper}) must be a whole number of ${levelWord(levels[l + 1]!)}s of ${lower} nodes`);
      }
    }
  });
}

export const hasErrors = (issues: readonly PolicyIssue[]): boolean => issues.some((i) => i.severity === 'error');
