/**
 * Policy B of the comparison: the scenario's policy with a few GPU quota
 * fields of ClusterQueues changed. The edits are saved in the scenario
 * (`gpuSimulation.variant`, see `section-edits.ts`) but change its policy
 * only when B is adopted (`applyVariant` on the scenario's cluster); these
 * functions build B from the edits.
 */
import { GPU_RESOURCE, type Cluster } from '../cluster/schema.ts';
import type { VariantEdit } from './section.ts';

export type { VariantEdit };

export interface GpuQuotaRow {
  clusterQueue: string;
  team: string;
  flavor: string;
  hasCohort: boolean;
  nominalQuota: string;
  borrowingLimit: string | undefined;
  lendingLimit: string | undefined;
}

/** Every ClusterQueue × flavor that holds GPU quota, in policy order. */
export function gpuQuotaRows(cluster: Cluster): GpuQuotaRow[] {
  const rows: GpuQuotaRow[] = [];
  for (const q of cluster.queues) {
    for (const g of q.resourceGroups) {
      for (const f of g.flavors) {
        const r = f.resources.find((x) => x.name === GPU_RESOURCE);
        if (!r) continue;
        rows.push({ clusterQueue: q.clusterQueue, team: q.teamId ?? q.id, flavor: f.name, hasCohort: !!q.cohortName, nominalQuota: r.nominalQuota, borrowingLimit: r.borrowingLimit, lendingLimit: r.lendingLimit });
      }
    }
  }
  return rows;
}

/** Replaces the edit of the same queue, flavor and field (or drops it when it restores policy A's value). */
export function setVariantEdit(edits: readonly VariantEdit[], edit: VariantEdit, base: Cluster): VariantEdit[] {
  const rest = edits.filter((e) => !(e.clusterQueue === edit.clusterQueue && e.flavor === edit.flavor && e.field === edit.field));
  const row = gpuQuotaRows(base).find((r) => r.clusterQueue === edit.clusterQueue && r.flavor === edit.flavor);
  const original = row ? (row[edit.field] ?? null) : null;
  return original === edit.value ? rest : [...rest, edit];
}

export function applyVariant(cluster: Cluster, edits: readonly VariantEdit[]): Cluster {
  if (edits.length === 0) return cluster;
  return {
    ...cluster,
    queues: cluster.queues.map((q) => {
      const mine = edits.filter((e) => e.clusterQueue === q.clusterQueue);
      if (mine.length === 0) return q;
      return {
        ...q,
        resourceGroups: q.resourceGroups.map((g) => ({
          ...g,
          flavors: g.flavors.map((f) => {
            const forFlavor = mine.filter((e) => e.flavor === f.name);
            if (forFlavor.length === 0) return f;
            return {
              ...f,
              resources: f.resources.map((r) => {
                if (r.name !== GPU_RESOURCE) return r;
                const next = { ...r };
                for (const e of forFlavor) {
                  if (e.field === 'nominalQuota') next.nominalQuota = e.value ?? '0';
                  else if (e.value === null) delete next[e.field];
                  else next[e.field] = e.value;
                }
                return next;
              }),
            };
          }),
        })),
      };
    }),
  };
}

export function describeEdit(e: VariantEdit): string {
  return `${e.clusterQueue} ${e.flavor} ${e.field} → ${e.value ?? 'unset'}`;
}
