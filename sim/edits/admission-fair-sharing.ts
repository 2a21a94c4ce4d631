/**
 * Edits of admission fair sharing in the quota policy: the Kueue
 * Configuration's `admissionFairSharing`, a ClusterQueue's admissionScope,
 * and a team's LocalQueues with their weights. Pure: each returns the same
 * scenario when nothing changes, so no-op edits make no undo step. Values are
 * kept as typed; `validatePolicy` says what Kueue would refuse.
 */
import type { AdmissionFairSharing, Cluster, ExtraLocalQueue, TeamQueue } from '../cluster/schema.ts';
import type { Scenario } from '../scenario/index.ts';

/** What turning it on starts from: Kueue's example configuration (its manager config and docs): 168h, 5m. */
export const ADMISSION_FAIR_SHARING_EXAMPLE: AdmissionFairSharing = { usageHalfLifeTime: '168h', usageSamplingInterval: '5m', resourceWeights: {} };

function withCluster(scenario: Scenario, fn: (cluster: Cluster) => Cluster): Scenario {
  const cluster = fn(scenario.cluster);
  return cluster === scenario.cluster ? scenario : { ...scenario, cluster };
}

function withQueue(scenario: Scenario, queueId: string, fn: (queue: TeamQueue) => TeamQueue): Scenario {
  return withCluster(scenario, (c) => {
    const at = c.queues.findIndex((q) => q.id === queueId);
    if (at < 0) return c;
    const next = fn(c.queues[at]!);
    if (next === c.queues[at]) return c;
    const queues = [...c.queues];
    queues[at] = next;
    return { ...c, queues };
  });
}

/** Turns the Configuration's admissionFairSharing on (Kueue's example values, or what it had) or off. */
export function setAdmissionFairSharing(scenario: Scenario, on: boolean): Scenario {
  return withCluster(scenario, (c) => {
    if (on === (c.admissionFairSharing !== undefined)) return c;
    if (on) return { ...c, admissionFairSharing: { ...ADMISSION_FAIR_SHARING_EXAMPLE } };
    const copy = { ...c };
    delete copy.admissionFairSharing;
    return copy;
  });
}

export function setAdmissionFairSharingField(scenario: Scenario, field: 'usageHalfLifeTime' | 'usageSamplingInterval', value: string): Scenario {
  return withCluster(scenario, (c) => (!c.admissionFairSharing || c.admissionFairSharing[field] === value ? c : { ...c, admissionFairSharing: { ...c.admissionFairSharing, [field]: value } }));
}

/** Sets a resource's weight in the LocalQueue usage; null unsets it (Kueue's 1). */
export function setResourceWeight(scenario: Scenario, resource: string, weight: number | null): Scenario {
  return withCluster(scenario, (c) => {
    const afs = c.admissionFairSharing;
    if (!afs || afs.resourceWeights[resource] === (weight ?? undefined)) return c;
    const resourceWeights = { ...afs.resourceWeights };
    if (weight === null) delete resourceWeights[resource];
    else resourceWeights[resource] = weight;
    return { ...c, admissionFairSharing: { ...afs, resourceWeights } };
  });
}

/** A ClusterQueue's admissionScope mode; null removes the field. */
export function setAdmissionScope(scenario: Scenario, queueId: string, mode: NonNullable<TeamQueue['admissionScope']>['admissionMode'] | null): Scenario {
  return withQueue(scenario, queueId, (q) => {
    if ((q.admissionScope?.admissionMode ?? null) === mode) return q;
    const copy = { ...q };
    if (mode === null) delete copy.admissionScope;
    else copy.admissionScope = { admissionMode: mode };
    return copy;
  });
}

/** The weight of the team's own LocalQueue (extra: null) or of its extra LocalQueue at `extra`; '' unsets it. */
export function setLocalQueueWeight(scenario: Scenario, queueId: string, extra: number | null, weight: string): Scenario {
  return withQueue(scenario, queueId, (q) => {
    if (extra === null) {
      if ((q.localQueueFairSharingWeight ?? '') === weight) return q;
      const copy = { ...q };
      if (weight === '') delete copy.localQueueFairSharingWeight;
      else copy.localQueueFairSharingWeight = weight;
      return copy;
    }
    return updateExtra(q, extra, (lq) => {
      if ((lq.fairSharingWeight ?? '') === weight) return lq;
      const copy = { ...lq };
      if (weight === '') delete copy.fairSharingWeight;
      else copy.fairSharingWeight = weight;
      return copy;
    });
  });
}

export function renameExtraLocalQueue(scenario: Scenario, queueId: string, extra: number, name: string): Scenario {
  return withQueue(scenario, queueId, (q) => updateExtra(q, extra, (lq) => (lq.name === name ? lq : { ...lq, name })));
}

/** Adds a LocalQueue to the team's namespace, named after the queue's others ("<localQueue>-2", …). */
export function addExtraLocalQueue(scenario: Scenario, queueId: string): Scenario {
  return withQueue(scenario, queueId, (q) => {
    const taken = new Set([q.localQueue, ...(q.extraLocalQueues ?? []).map((lq) => lq.name)]);
    let n = 2;
    while (taken.has(`${q.localQueue}-${n}`)) n++;
    return { ...q, extraLocalQueues: [...(q.extraLocalQueues ?? []), { name: `${q.localQueue}-${n}` }] };
  });
}

export function removeExtraLocalQueue(scenario: Scenario, queueId: string, extra: number): Scenario {
  return withQueue(scenario, queueId, (q) => {
    const list = q.extraLocalQueues ?? [];
    if (extra < 0 || extra >= list.length) return q;
    const rest = list.filter((_, i) => i !== extra);
    const copy = { ...q };
    if (rest.length) copy.extraLocalQueues = rest;
    else delete copy.extraLocalQueues;
    return copy;
  });
}

function updateExtra(q: TeamQueue, extra: number, fn: (lq: ExtraLocalQueue) => ExtraLocalQueue): TeamQueue {
  const list = q.extraLocalQueues ?? [];
  const item = list[extra];
  if (!item) return q;
  const next = fn(item);
  if (next === item) return q;
  const copy = [...list];
  copy[extra] = next;
  return { ...q, extraLocalQueues: copy };
}
