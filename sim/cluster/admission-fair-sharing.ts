/**
 * Admission fair sharing (Kueue's AdmissionFairSharing, beta since 0.15) in
 * the quota policy: the Kueue Configuration's `admissionFairSharing`, each
 * ClusterQueue's `admissionScope`, each LocalQueue's `fairSharing.weight`.
 * What Kueue (its Configuration validation and the CRDs) would refuse is an
 * error naming the field; settings Kueue ignores are warnings.
 */
import { durationProblem, parseDuration } from '../k8s/duration.ts';
import { dns1123SubdomainProblem, qualifiedNameProblem } from '../k8s/names.ts';
import { isQuantity, parseQuantity } from '../k8s/quantity.ts';
import type { Cluster, TeamQueue } from './schema.ts';
import type { PolicyIssue } from './validate.ts';

/** The LocalQueues of a team queue in Kueue's terms: the team's own first, then its extra ones. */
export interface LocalQueueRef {
  namespace: string;
  name: string;
  /** `spec.fairSharing.weight` as typed; unset = 1. */
  weight: string | undefined;
}

export function localQueuesOf(queue: TeamQueue): LocalQueueRef[] {
  return [
    { namespace: queue.namespace, name: queue.localQueue, weight: queue.localQueueFairSharingWeight },
    ...(queue.extraLocalQueues ?? []).map((lq) => ({ namespace: queue.namespace, name: lq.name, weight: lq.fairSharingWeight })),
  ];
}

/** Whether Kueue orders this ClusterQueue's workloads by LocalQueue usage: the Configuration enables it and the queue opts in. */
export function usesAdmissionFairSharing(cluster: Cluster, queue: TeamQueue): boolean {
  return cluster.admissionFairSharing !== undefined && queue.admissionScope?.admissionMode === 'UsageBasedAdmissionFairSharing';
}

/** The Configuration's settings in seconds and plain weights, for the simulator (call after validation). */
export function admissionFairSharingSettings(cluster: Cluster): { halfLifeSeconds: number; samplingSeconds: number; resourceWeights: Readonly<Record<string, number>> } | null {
  const afs = cluster.admissionFairSharing;
  if (!afs) return null;
  return { halfLifeSeconds: parseDuration(afs.usageHalfLifeTime), samplingSeconds: parseDuration(afs.usageSamplingInterval), resourceWeights: afs.resourceWeights };
}

function weightIssue(weight: string | undefined, path: string, out: PolicyIssue[]): void {
  if (weight === undefined) return;
  if (!isQuantity(weight)) out.push({ severity: 'error', path, message: `"${weight}" is not a Kubernetes quantity (examples: 1, 2, 500m)` });
  else if (parseQuantity(weight) < 0) out.push({ severity: 'error', path, message: 'a LocalQueue weight must not be negative' });
  else if (parseQuantity(weight) === 0) out.push({ severity: 'warning', path, message: 'weight 0 makes any usage of this LocalQueue infinite: its workloads go after every other LocalQueue\'s once it has used anything' });
}

export function validateAdmissionFairSharing(cluster: Cluster, base: string): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  const afs = cluster.admissionFairSharing;
  if (afs) {
    const path = `${base}.admissionFairSharing`;
    const halfLife = durationProblem(afs.usageHalfLifeTime);
    if (halfLife) out.push({ severity: 'error', path: `${path}.usageHalfLifeTime`, message: halfLife });
    else if (parseDuration(afs.usageHalfLifeTime) < 0) out.push({ severity: 'error', path: `${path}.usageHalfLifeTime`, message: 'usageHalfLifeTime must not be negative (Kueue refuses the configuration)' });
    const sampling = durationProblem(afs.usageSamplingInterval);
    if (sampling) out.push({ severity: 'error', path: `${path}.usageSamplingInterval`, message: sampling });
    else if (!(parseDuration(afs.usageSamplingInterval) > 0)) out.push({ severity: 'error', path: `${path}.usageSamplingInterval`, message: 'usageSamplingInterval must be greater than 0 (Kueue refuses the configuration)' });
    for (const [resource, weight] of Object.entries(afs.resourceWeights)) {
      const problem = qualifiedNameProblem(resource);
      if (problem) out.push({ severity: 'error', path: `${path}.resourceWeights`, message: `resource "${resource}": ${problem}` });
      if (!Number.isFinite(weight)) out.push({ severity: 'error', path: `${path}.resourceWeights`, message: `the weight of "${resource}" must be a number` });
      else if (weight < 0) out.push({ severity: 'error', path: `${path}.resourceWeights`, message: `the weight of "${resource}" must not be negative (Kueue refuses the configuration)` });
    }
  }
  cluster.queues.forEach((q, i) => {
    const path = `${base}.queues[${i}]`;
    if (q.admissionScope?.admissionMode === 'UsageBasedAdmissionFairSharing' && !afs) {
      out.push({ severity: 'warning', path: `${path}.admissionScope`, message: 'Kueue ignores admissionScope until its Configuration sets admissionFairSharing (turn admission fair sharing on for the cluster)' });
    }
    weightIssue(q.localQueueFairSharingWeight, `${path}.localQueueFairSharingWeight`, out);
    const seen = new Set([q.localQueue]);
    (q.extraLocalQueues ?? []).forEach((lq, j) => {
      const lqPath = `${path}.extraLocalQueues[${j}]`;
      const problem = dns1123SubdomainProblem(lq.name);
      if (problem) out.push({ severity: 'error', path: `${lqPath}.name`, message: `LocalQueue name ${problem}` });
      if (seen.has(lq.name)) out.push({ severity: 'error', path: `${lqPath}.name`, message: `LocalQueue "${lq.name}" is defined twice in namespace ${q.namespace}` });
      seen.add(lq.name);
      weightIssue(lq.fairSharingWeight, `${lqPath}.fairSharingWeight`, out);
    });
  });
  return out;
}
