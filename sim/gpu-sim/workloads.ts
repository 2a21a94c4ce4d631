/**
 * Workloads as the simulator consumes them. A `WorkloadSpec` is the readable
 * form (an explicit list written by hand or a script, or produced by trace
 * import); `WorkloadTable` is the compact struct-of-arrays form the engine
 * runs on, so a million jobs cost a few typed arrays instead of a million
 * objects. Request shapes (pod sets with per-pod requests), queue names,
 * priority-class names and flavor constraints are interned: most jobs share
 * a handful of shapes.
 */
import type { TopologyRequest } from '../cluster/schema.ts';
import { resourceValue } from '../kueue/resource-value.ts';

export type WorkloadKind = 'training' | 'serving' | 'notebook' | 'batch';
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ['training', 'serving', 'notebook', 'batch'];

export interface PodSetSpec {
  name?: string;
  /** Pods in the set. */
  count: number;
  /** Per-pod requests: Kubernetes quantities ("8", "500m", "64Gi") or numbers in base units (cores, bytes, GPUs). */
  requests: Readonly<Record<string, string | number>>;
}

export interface WorkloadSpec {
  id: string;
  /** ClusterQueue name, "namespace/localQueue", a LocalQueue name that is unique, a queue id or a team id. */
  queue: string;
  /** Seconds from the simulation start. */
  submitTime: number;
  /** A priority value, or the name of a (Workload)PriorityClass of the policy. Default 0. */
  priority?: number | string;
  podSets: readonly PodSetSpec[];
  /** Seconds of running time needed once all pods run. Infinity for services that run until `endTime`. */
  duration: number;
  /** Absolute time at which the workload is deleted (serving replicas scaling down); pending ones leave the queue. */
  endTime?: number;
  /** All pods placed at once or not at all (default true). False: pods bind to nodes one by one as space frees up. */
  gang?: boolean;
  /** Node selector: only these ResourceFlavors (GPU models) are acceptable. */
  flavors?: readonly string[];
  /** Taint keys the pods tolerate (flavors with other NoSchedule taints are skipped). */
  tolerations?: readonly string[];
  /** Topology-aware scheduling for every pod set: `{ level: 'cloud.provider.com/topology-rack', mode: 'required' }`. */
  topology?: TopologyRequest;
  kind?: WorkloadKind;
  /** A serving deployment (for SLO attainment) or a job family; free text. */
  group?: string;
}

/** One pod set of an interned shape, with per-pod requests in Kueue's integer units. */
export interface ShapePodSet {
  name: string;
  count: number;
  /** resource name → per-pod request (millicores for cpu, bytes for memory, whole units otherwise). */
  perPod: ReadonlyMap<string, number>;
}

export interface Shape {
  key: string;
  podSets: readonly ShapePodSet[];
}

export interface Constraint {
  key: string;
  flavors: readonly string[] | null;
  tolerations: readonly string[];
  /** Topology-aware scheduling request of every pod set (Kueue's podset-required-topology / podset-preferred-topology), or null. */
  topology: TopologyRequest | null;
}

/**
 * The compact form. Index i is one workload. Strings are interned into the
 * side tables; `ids` is null when workloads are generated (ids are derived
 * from the index then).
 */
export class WorkloadTable {
  n = 0;
  ids: string[] | null = [];
  queueRef = new Int32Array(0);
  priority = new Int32Array(0);
  /** Index into priorityClassNames, or -1 when `priority` holds the value. */
  priorityClassRef = new Int32Array(0);
  submit = new Float64Array(0);
  duration = new Float64Array(0);
  /** NaN when the workload has no deletion time. */
  endTime = new Float64Array(0);
  shape = new Int32Array(0);
  constraint = new Int32Array(0);
  gang = new Uint8Array(0);
  kind = new Uint8Array(0);
  group = new Int32Array(0);

  readonly queueNames: string[] = [];
  readonly priorityClassNames: string[] = [];
  readonly shapes: Shape[] = [];
  readonly constraints: Constraint[] = [];
  readonly groups: string[] = [];
  private readonly queueIndex = new Map<string, number>();
  private readonly priorityClassIndex = new Map<string, number>();
  private readonly shapeIndex = new Map<string, number>();
  private readonly constraintIndex = new Map<string, number>();
  private readonly groupIndex = new Map<string, number>();
  private capacity = 0;

  /** `withIds` false: ids are derived from the index ("wl-<i>"), saving a string per workload. */
  constructor(capacity = 16, withIds = true) {
    if (!withIds) this.ids = null;
    this.grow(Math.max(1, capacity));
  }

  id(i: number): string {
    return this.ids ? this.ids[i]! : `wl-${i}`;
  }

  internQueue(name: string): number {
    let q = this.queueIndex.get(name);
    if (q === undefined) {
      q = this.queueNames.length;
      this.queueNames.push(name);
      this.queueIndex.set(name, q);
    }
    return q;
  }

  internPriorityClass(name: string): number {
    let p = this.priorityClassIndex.get(name);
    if (p === undefined) {
      p = this.priorityClassNames.length;
      this.priorityClassNames.push(name);
      this.priorityClassIndex.set(name, p);
    }
    return p;
  }

  internGroup(name: string): number {
    let g = this.groupIndex.get(name);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push(name);
      this.groupIndex.set(name, g);
    }
    return g;
  }

  /** Interns a shape from pod sets whose per-pod requests are already in Kueue units. */
  internShape(podSets: readonly ShapePodSet[]): number {
    const key = podSets
      .map((ps) => `${ps.name}|${ps.count}|${[...ps.perPod.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([r, v]) => `${r}=${v}`).join(',')}`)
      .join(';');
    let s = this.shapeIndex.get(key);
    if (s === undefined) {
      s = this.shapes.length;
      this.shapes.push({ key, podSets });
      this.shapeIndex.set(key, s);
    }
    return s;
  }

  internConstraint(flavors: readonly string[] | null | undefined, tolerations: readonly string[] | undefined, topology?: TopologyRequest | null): number {
    const f = flavors && flavors.length ? [...flavors] : null;
    const t = tolerations ? [...tolerations].sort() : [];
    const tas = topology ? { level: topology.level, mode: topology.mode } : null;
    if (!f && t.length === 0 && !tas) return -1;
    const key = `${f ? f.join(',') : '*'}|${t.join(',')}${tas ? `|${tas.mode}:${tas.level}` : ''}`;
    let c = this.constraintIndex.get(key);
    if (c === undefined) {
      c = this.constraints.length;
      this.constraints.push({ key, flavors: f, tolerations: t, topology: tas });
      this.constraintIndex.set(key, c);
    }
    return c;
  }

  /** Appends one workload in compact form; returns its index. */
  push(w: {
    id?: string;
    queue: number;
    priority: number;
    priorityClass?: number;
    submit: number;
    duration: number;
    endTime?: number;
    shape: number;
    constraint?: number;
    gang?: boolean;
    kind?: WorkloadKind;
    group?: number;
  }): number {
    if (this.n === this.capacity) this.grow(this.capacity * 2);
    const i = this.n++;
    if (this.ids) {
      if (w.id === undefined) throw new Error('this workload table keeps ids: every workload needs one');
      this.ids.push(w.id);
    }
    this.queueRef[i] = w.queue;
    this.priority[i] = w.priority;
    this.priorityClassRef[i] = w.priorityClass ?? -1;
    this.submit[i] = w.submit;
    this.duration[i] = w.duration;
    this.endTime[i] = w.endTime ?? Number.NaN;
    this.shape[i] = w.shape;
    this.constraint[i] = w.constraint ?? -1;
    this.gang[i] = w.gang === false ? 0 : 1;
    this.kind[i] = WORKLOAD_KINDS.indexOf(w.kind ?? 'batch');
    this.group[i] = w.group ?? -1;
    return i;
  }

  private grow(capacity: number): void {
    const copyI32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a.subarray(0, Math.min(a.length, capacity)));
      return b;
    };
    const copyF64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a.subarray(0, Math.min(a.length, capacity)));
      return b;
    };
    const copyU8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a.subarray(0, Math.min(a.length, capacity)));
      return b;
    };
    this.queueRef = copyI32(this.queueRef);
    this.priority = copyI32(this.priority);
    this.priorityClassRef = copyI32(this.priorityClassRef);
    this.submit = copyF64(this.submit);
    this.duration = copyF64(this.duration);
    this.endTime = copyF64(this.endTime);
    this.shape = copyI32(this.shape);
    this.constraint = copyI32(this.constraint);
    this.gang = copyU8(this.gang);
    this.kind = copyU8(this.kind);
    this.group = copyI32(this.group);
    this.capacity = capacity;
  }
}

/** A per-pod request in Kueue's units: numbers are base units (cores for cpu), strings are quantities. */
export function requestValue(resource: string, value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`request for ${resource} must be a non-negative number`);
    return resource === 'cpu' ? Math.ceil(value * 1000 - 1e-9) : Math.ceil(value - 1e-9);
  }
  return resourceValue(resource, value);
}

/** Builds the compact table from readable specs, with messages that name the workload and field at fault. */
export function tableFromSpecs(specs: readonly WorkloadSpec[]): WorkloadTable {
  const table = new WorkloadTable(specs.length);
  const seen = new Set<string>();
  specs.forEach((spec, index) => {
    const where = `workloads[${index}] (${spec.id})`;
    if (typeof spec.id !== 'string' || spec.id.length === 0) throw new Error(`workloads[${index}].id: must be a non-empty string`);
    if (seen.has(spec.id)) throw new Error(`${where}.id: duplicate id`);
    seen.add(spec.id);
    if (!Number.isFinite(spec.submitTime) || spec.submitTime < 0) throw new Error(`${where}.submitTime: must be a time ≥ 0 in seconds`);
    if (!(spec.duration >= 0)) throw new Error(`${where}.duration: must be ≥ 0 seconds (Infinity for services)`);
    if (spec.endTime !== undefined && !(spec.endTime >= spec.submitTime)) throw new Error(`${where}.endTime: must not be before submitTime`);
    if (!spec.podSets.length) throw new Error(`${where}.podSets: at least one pod set is required`);
    const podSets: ShapePodSet[] = spec.podSets.map((ps, p) => {
      if (!Number.isInteger(ps.count) || ps.count < 1) throw new Error(`${where}.podSets[${p}].count: must be an integer ≥ 1`);
      const perPod = new Map<string, number>();
      for (const [resource, value] of Object.entries(ps.requests)) {
        let v: number;
        try {
          v = requestValue(resource, value);
        } catch (error) {
          throw new Error(`${where}.podSets[${p}].requests.${resource}: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (v > 0) perPod.set(resource, v);
      }
      return { name: ps.name ?? (spec.podSets.length === 1 ? 'main' : `ps${p}`), count: ps.count, perPod };
    });
    let priority = 0;
    let priorityClass = -1;
    if (typeof spec.priority === 'number') {
      if (!Number.isInteger(spec.priority)) throw new Error(`${where}.priority: must be an integer or a priority class name`);
      priority = spec.priority;
    } else if (typeof spec.priority === 'string') priorityClass = table.internPriorityClass(spec.priority);
    if (spec.kind !== undefined && !WORKLOAD_KINDS.includes(spec.kind)) throw new Error(`${where}.kind: must be one of ${WORKLOAD_KINDS.join(', ')}`);
    if (spec.topology !== undefined) {
      if (typeof spec.topology.level !== 'string' || spec.topology.level.length === 0) throw new Error(`${where}.topology.level: must name a topology level (a node label such as cloud.provider.com/topology-rack)`);
      if (spec.topology.mode !== 'required' && spec.topology.mode !== 'preferred') throw new Error(`${where}.topology.mode: must be "required" or "preferred"`);
    }
    table.push({
      id: spec.id,
      queue: table.internQueue(spec.queue),
      priority,
      priorityClass,
      submit: spec.submitTime,
      duration: spec.duration,
      endTime: spec.endTime,
      shape: table.internShape(podSets),
      constraint: table.internConstraint(spec.flavors, spec.tolerations, spec.topology),
      gang: spec.gang,
      kind: spec.kind,
      group: spec.group === undefined ? -1 : table.internGroup(spec.group),
    });
  });
  return table;
}
