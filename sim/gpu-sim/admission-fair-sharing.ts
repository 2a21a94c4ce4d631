/**
 * Admission fair sharing (Kueue's AdmissionFairSharing, KEP-4136): a
 * ClusterQueue with `admissionScope.admissionMode:
 * UsageBasedAdmissionFairSharing` orders its pending workloads by their
 * LocalQueue's recent usage first (lower first), then as usual.
 *
 * As Kueue keeps it (pkg/util/admissionfairsharing, the LocalQueue and
 * Workload controllers), per LocalQueue:
 * - consumed resources C, sampled every `usageSamplingInterval` from the
 *   LocalQueue's creation (time 0 here): C ← C·(1−α) + U·α with
 *   α = 1 − 0.5^(elapsed / usageHalfLifeTime) and U the resources its admitted
 *   workloads hold now (flavors summed); a half-life of 0 resets C to nothing;
 * - when a workload is admitted: the same decay up to now (U now includes
 *   it), plus the entry penalty α(usageSamplingInterval) × its requests;
 * - usage = Σ over resources of resourceWeight × C (cores for cpu, bytes for
 *   memory, a resource not listed weighs 1) ÷ the LocalQueue's weight.
 * Quantities are whole millis, truncated as Kueue's MulByFloat does. Kueue
 * settles the entry penalty when the Admitted condition lands, milliseconds
 * after the scheduler assumes the workload; here both happen at the same
 * instant, so no penalty is ever pending between two instants.
 */
import { admissionFairSharingSettings, localQueuesOf, usesAdmissionFairSharing } from '../cluster/admission-fair-sharing.ts';
import type { Cluster } from '../cluster/schema.ts';
import { displayValue } from '../kueue/resource-value.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { ShapeModel } from './flavor-assigner.ts';
import type { SimModel } from './model.ts';
import type { WorkloadTable } from './workloads.ts';

/** One LocalQueue's admission fair sharing state (Kueue's `status.fairSharing.admissionFairSharingStatus`, plus the usage Kueue sorts by). */
export interface LocalQueueUsage {
  clusterQueue: string;
  /** "namespace/name". */
  localQueue: string;
  /** `spec.fairSharing.weight` (1 when unset). */
  weight: number;
  /** Decayed consumed resources in Kueue's units (cores for cpu, bytes for memory, GPUs). */
  consumedResources: Record<string, number>;
  /** Σ resourceWeight × consumed ÷ weight: lower goes first. */
  usage: number;
  /** Simulated time (s) of the last sample or admission that updated it. */
  lastUpdate: number;
}

/** Go's cmp.Compare on float64: NaN (0 usage ÷ weight 0) before every number. */
export function compareUsage(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Kueue's decay factor for `elapsed` seconds (0 when the half-life is 0). */
export function alphaRate(elapsed: number, halfLife: number): number {
  return halfLife === 0 ? 0 : 1 - 0.5 ** (elapsed / halfLife);
}

/** Samples taken one by one per instant; older ones fold into one decay (bounds the cost of a tiny usageSamplingInterval). */
const MAX_STEPPED_SAMPLES = 256;

export class AdmissionFairSharingState {
  /** Per workload: its LocalQueue (index into the lists below), or -1 when its ClusterQueue does not use admission fair sharing. */
  readonly lqOf: Int32Array;
  /** ClusterQueue indices that use it. */
  readonly cqs: number[] = [];
  private readonly lqCq: number[] = [];
  private readonly lqName: string[] = [];
  private readonly lqWeight: number[] = [];
  private readonly resourceWeight: Float64Array;
  private readonly resourceCount: number;
  /** [lq * resourceCount + r]: consumed, in millis of Kueue's units. */
  private readonly consumed: Float64Array;
  private readonly lastUpdate: Float64Array;
  private readonly usageOfLq: Float64Array;
  private readonly halfLife: number;
  private readonly sampling: number;
  /** Time of the last sample taken (samples fall on multiples of the interval). */
  private lastSample = 0;

  private readonly model: SimModel;
  private readonly shapeOf: Int32Array;
  private readonly shapes: readonly ShapeModel[];

  /** Null when no ClusterQueue orders by LocalQueue usage (the simulator then runs exactly as without the feature). */
  static create(cluster: Cluster, model: SimModel, table: WorkloadTable, cqOf: Int32Array, shapes: readonly ShapeModel[]): AdmissionFairSharingState | null {
    const settings = admissionFairSharingSettings(cluster);
    if (!settings || !cluster.queues.some((q) => usesAdmissionFairSharing(cluster, q))) return null;
    return new AdmissionFairSharingState(cluster, model, table, cqOf, shapes, settings);
  }

  private constructor(
    cluster: Cluster,
    model: SimModel,
    table: WorkloadTable,
    cqOf: Int32Array,
    shapes: readonly ShapeModel[],
    settings: NonNullable<ReturnType<typeof admissionFairSharingSettings>>,
  ) {
    this.model = model;
    this.shapes = shapes;
    this.shapeOf = table.shape;
    this.halfLife = settings.halfLifeSeconds;
    this.sampling = settings.samplingSeconds;
    this.resourceCount = model.resources.length;
    this.resourceWeight = Float64Array.from(model.resources, (name) => settings.resourceWeights[name] ?? 1);

    // LocalQueues of the queues that use it, and which one each queue name a workload gives stands for.
    const lqByKey = new Map<string, number>();
    const mainLq = new Int32Array(model.cqs.length).fill(-1);
    cluster.queues.forEach((queue, cq) => {
      if (!usesAdmissionFairSharing(cluster, queue)) return;
      this.cqs.push(cq);
      localQueuesOf(queue).forEach((lq, k) => {
        const index = this.lqName.length;
        const key = `${lq.namespace}/${lq.name}`;
        this.lqCq.push(cq);
        this.lqName.push(key);
        this.lqWeight.push(lq.weight === undefined ? 1 : parseQuantity(lq.weight));
        lqByKey.set(key, index);
        if (k === 0) mainLq[cq] = index;
      });
    });
    const lqOfRef = table.queueNames.map((name) => {
      const cq = model.resolveQueue(name);
      if (cq < 0 || mainLq[cq]! < 0) return -1;
      const exact = lqByKey.get(name);
      return exact !== undefined && this.lqCq[exact] === cq ? exact : mainLq[cq]!;
    });
    this.lqOf = new Int32Array(table.n);
    for (let w = 0; w < table.n; w++) this.lqOf[w] = cqOf[w]! >= 0 ? lqOfRef[table.queueRef[w]!]! : -1;

    const lqCount = this.lqName.length;
    this.consumed = new Float64Array(lqCount * this.resourceCount);
    this.lastUpdate = new Float64Array(lqCount);
    this.usageOfLq = new Float64Array(lqCount);
    for (let lq = 0; lq < lqCount; lq++) this.refreshUsage(lq);
  }

  /** Whether a ClusterQueue orders by LocalQueue usage. */
  uses(cq: number): boolean {
    return this.cqs.includes(cq);
  }

  /** The usage Kueue sorts a LocalQueue's workloads by. */
  usage(lq: number): number {
    return this.usageOfLq[lq]!;
  }

  /**
   * Takes the samples due up to time t. What is admitted cannot have changed
   * since the last instant, so every sample due sees the same usage. They
   * are taken one by one, as Kueue truncates to whole millis at each; beyond
   * the last MAX_STEPPED_SAMPLES the older ones fold into one decay (α
   * composes: (1−α(a))(1−α(b)) = 1−α(a+b)), which differs only by that
   * truncation. True if any sample was due.
   */
  advance(t: number, admitted: readonly (readonly number[])[]): boolean {
    const due = Math.floor(t / this.sampling) * this.sampling;
    if (!(due > this.lastSample)) return false;
    const count = Math.round((due - this.lastSample) / this.sampling);
    const held = this.heldNow(admitted);
    const folded = count > MAX_STEPPED_SAMPLES ? due - MAX_STEPPED_SAMPLES * this.sampling : null;
    if (folded !== null) this.sampleAll(held, folded);
    for (let k = Math.min(count, MAX_STEPPED_SAMPLES) - 1; k >= 0; k--) this.sampleAll(held, due - k * this.sampling);
    this.lastSample = due;
    return true;
  }

  private sampleAll(held: Float64Array, at: number): void {
    for (let lq = 0; lq < this.lqName.length; lq++) {
      if (this.halfLife === 0) this.consumed.fill(0, lq * this.resourceCount, (lq + 1) * this.resourceCount);
      else this.decay(lq, held, at);
      this.lastUpdate[lq] = at;
      this.refreshUsage(lq);
    }
  }

  /** A workload was admitted at t: its LocalQueue's usage is brought up to now and takes the entry penalty. */
  admitted(w: number, t: number, admitted: readonly (readonly number[])[]): void {
    const lq = this.lqOf[w]!;
    if (lq < 0) return;
    const held = this.heldNow(admitted, this.lqCq[lq]);
    this.decay(lq, held, t);
    const penaltyAlpha = alphaRate(this.sampling, this.halfLife);
    const requests = this.requestsOf(w);
    const base = lq * this.resourceCount;
    for (let r = 0; r < this.resourceCount; r++) if (requests[r]! > 0) this.consumed[base + r]! += Math.trunc(requests[r]! * penaltyAlpha);
    this.lastUpdate[lq] = Math.max(this.lastUpdate[lq]!, t);
    this.refreshUsage(lq);
  }

  /** Every LocalQueue's state now, in policy order. */
  describe(): LocalQueueUsage[] {
    return this.lqName.map((name, lq) => {
      const consumedResources: Record<string, number> = {};
      for (let r = 0; r < this.resourceCount; r++) {
        const milli = this.consumed[lq * this.resourceCount + r]!;
        if (milli !== 0) consumedResources[this.model.resources[r]!] = milli / 1000;
      }
      return {
        clusterQueue: this.model.cqs[this.lqCq[lq]!]!.name,
        localQueue: name,
        weight: this.lqWeight[lq]!,
        consumedResources,
        usage: this.usageOfLq[lq]!,
        lastUpdate: this.lastUpdate[lq]!,
      };
    });
  }

  private decay(lq: number, held: Float64Array, t: number): void {
    const alpha = alphaRate(Math.max(0, t - this.lastUpdate[lq]!), this.halfLife);
    const base = lq * this.resourceCount;
    for (let r = 0; r < this.resourceCount; r++) {
      this.consumed[base + r] = Math.trunc(this.consumed[base + r]! * (1 - alpha)) + Math.trunc(held[base + r]! * alpha);
    }
  }

  /** What each LocalQueue's admitted workloads hold now, in millis of Kueue's units (only `onlyCq`'s when given). */
  private heldNow(admitted: readonly (readonly number[])[], onlyCq?: number): Float64Array {
    const held = new Float64Array(this.lqName.length * this.resourceCount);
    for (const cq of onlyCq === undefined ? this.cqs : [onlyCq]) {
      for (const w of admitted[cq]!) {
        const lq = this.lqOf[w]!;
        if (lq < 0) continue;
        const requests = this.requestsOf(w);
        for (let r = 0; r < this.resourceCount; r++) held[lq * this.resourceCount + r]! += requests[r]!;
      }
    }
    return held;
  }

  /** A workload's total requests per resource (Kueue's SumTotalRequests), in millis of Kueue's units. */
  private requestsOf(w: number): Float64Array {
    const out = new Float64Array(this.resourceCount);
    for (const ps of this.shapes[this.shapeOf[w]!]!.podSets) {
      for (let i = 0; i < ps.resources.length; i++) {
        const r = ps.resources[i]!;
        if (r < this.resourceCount) out[r]! += displayValue(this.model.resources[r]!, ps.total[i]!) * 1000;
      }
    }
    return out;
  }

  private refreshUsage(lq: number): void {
    let sum = 0;
    const base = lq * this.resourceCount;
    for (let r = 0; r < this.resourceCount; r++) {
      const milli = this.consumed[base + r]!;
      if (milli !== 0) sum += this.resourceWeight[r]! * (milli / 1000);
    }
    this.usageOfLq[lq] = sum / this.lqWeight[lq]!;
  }
}
