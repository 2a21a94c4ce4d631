/**
 * Placement: binding an admitted workload's pods to nodes of the flavors its
 * admission chose (what kube-scheduler does after Kueue admits). Gangs are
 * all or nothing; a workload whose pods do not all fit stays admitted but
 * unschedulable and is retried, highest priority first, whenever nodes free
 * up or come online. Quota-only flavors (no nodes modelled) bind nothing.
 * Pod sets placed by topology-aware scheduling bind to the nodes their
 * admission chose (Kueue pins them there with node selectors).
 */
import type { ShapeModel } from '../flavor-assigner.ts';
import type { NodeState } from '../nodes.ts';
import type { PodSetPlacement } from '../tas.ts';
import type { WorkloadTable } from '../workloads.ts';
import type { RunMetrics } from './run-metrics.ts';
import { WorkloadState, type Clock, type WorkloadStatus } from './status.ts';

/** A slot's node when the pod is not bound yet, and when its flavor has no nodes (nothing to bind). */
const UNBOUND = -1;
const QUOTA_ONLY = -2;

export class Placement {
  /** Per workload, the node of each pod slot (null when not admitted). */
  readonly placedNodes: Array<Int32Array | null>;
  readonly placedCount: Int32Array;
  /** Admitted workloads waiting for nodes, by priority then admission time. */
  private unplaced: number[] = [];
  /** Nodes freed or came online since the last retry. */
  dirty = false;
  private readonly nodes: NodeState;
  private readonly table: WorkloadTable;
  private readonly shapes: readonly ShapeModel[];
  private readonly shapePods: Int32Array;
  private readonly status: WorkloadStatus;
  private readonly metrics: RunMetrics;
  private readonly clock: Clock;

  constructor(nodes: NodeState, table: WorkloadTable, shapes: readonly ShapeModel[], status: WorkloadStatus, metrics: RunMetrics, clock: Clock) {
    this.nodes = nodes;
    this.table = table;
    this.shapes = shapes;
    this.status = status;
    this.metrics = metrics;
    this.clock = clock;
    this.placedNodes = new Array<Int32Array | null>(table.n).fill(null);
    this.placedCount = new Int32Array(table.n);
    this.shapePods = Int32Array.from(shapes.map((s) => s.podSets.reduce((sum, ps) => sum + ps.count, 0)));
  }

  /** A newly admitted workload: binds what fits now; true when every pod is placed, else it waits for nodes. */
  placeAdmitted(w: number): boolean {
    this.placedNodes[w] = new Int32Array(this.shapePods[this.table.shape[w]!]!).fill(UNBOUND);
    this.placedCount[w] = 0;
    if (this.tryPlace(w)) return true;
    this.insertUnplaced(w);
    return false;
  }

  /** Retries the workloads waiting for nodes; `start` is called for each that now has all its pods placed. */
  retry(start: (w: number) => void): void {
    this.dirty = false;
    if (this.unplaced.length === 0) return;
    const still: number[] = [];
    for (const w of this.unplaced) {
      if (this.status.state[w] !== WorkloadState.Admitted) continue;
      if (this.tryPlace(w)) start(w);
      else still.push(w);
    }
    this.unplaced = still;
    this.dirty = false;
  }

  /** A workload loses its admission: its pods are unbound, and it no longer waits for nodes. */
  release(w: number): void {
    this.unbindAll(w);
    if (this.status.state[w] === WorkloadState.Admitted) {
      const i = this.unplaced.indexOf(w);
      if (i >= 0) this.unplaced.splice(i, 1);
    }
  }

  private unbindAll(w: number): void {
    const placed = this.placedNodes[w];
    if (!placed) return;
    const slots: number[] = [];
    for (let s = 0; s < placed.length; s++) if (placed[s] !== UNBOUND) slots.push(s);
    this.unbindSlots(w, slots);
    this.placedNodes[w] = null;
    this.placedCount[w] = 0;
  }

  /** Smallest per-pod GPU request among workloads waiting for nodes, per flavor (folded into `out`). */
  minUnplacedGpuPerPod(out: Float64Array): void {
    for (const w of this.unplaced) {
      const shape = this.shapes[this.table.shape[w]!]!;
      const flavors = this.status.podSetFlavorOf[w];
      if (!flavors) continue;
      shape.podSets.forEach((ps, p) => {
        const f = flavors[p]!;
        if (f >= 0 && ps.gpuPerPod > 0) out[f] = Math.min(out[f]!, ps.gpuPerPod);
      });
    }
  }

  private tryPlace(w: number): boolean {
    const shape = this.shapes[this.table.shape[w]!]!;
    const flavors = this.status.podSetFlavorOf[w]!;
    const placed = this.placedNodes[w]!;
    const gang = this.table.gang[w] === 1;
    const nodes = this.nodes;
    const now = this.clock.now;
    const topology = this.status.topologyOf[w];
    if (gang) {
      for (let p = 0; p < shape.podSets.length; p++) {
        const f = flavors[p]!;
        const ps = shape.podSets[p]!;
        if (f >= 0 && !topology?.[p] && nodes.hasNodes(f) && !nodes.mayFit(f, ps.count, ps.gpuPerPod)) return false;
      }
    }
    this.metrics.touchFlavors(now);
    const cq = this.status.cqOf[w]!;
    const bound: number[] = [];
    let offset = 0;
    let complete = true;
    for (let p = 0; p < shape.podSets.length; p++) {
      const ps = shape.podSets[p]!;
      const f = flavors[p]!;
      const planned = topology?.[p] ? plannedNodes(topology[p]!) : null;
      for (let k = 0; k < ps.count; k++) {
        const slot = offset + k;
        if (placed[slot] !== UNBOUND) continue;
        if (f < 0 || !nodes.hasNodes(f)) {
          placed[slot] = QUOTA_ONLY;
          this.placedCount[w]!++;
          continue;
        }
        const node = planned ? planned[k]! : nodes.pick(f, ps.gpuPerPod, ps.cpuPerPod, ps.memPerPod);
        if (node < 0) {
          complete = false;
          if (gang) break;
          continue;
        }
        nodes.bind(node, ps.gpuPerPod, ps.cpuPerPod, ps.memPerPod);
        placed[slot] = node;
        this.placedCount[w]!++;
        bound.push(slot);
        this.metrics.changeRunning(cq, f, ps.gpuPerPod, now);
      }
      if (!complete && gang) break;
      offset += ps.count;
    }
    if (!complete && gang) {
      // All or nothing: undo this attempt.
      this.unbindSlots(w, bound);
      return false;
    }
    return complete;
  }

  private unbindSlots(w: number, slots: readonly number[]): void {
    const shape = this.shapes[this.table.shape[w]!]!;
    const placed = this.placedNodes[w]!;
    const now = this.clock.now;
    const cq = this.status.cqOf[w]!;
    this.metrics.touchFlavors(now);
    for (const slot of slots) {
      const ps = podSetOfSlot(shape, slot);
      const node = placed[slot]!;
      if (node >= 0) {
        this.nodes.unbind(node, ps.gpuPerPod, ps.cpuPerPod, ps.memPerPod);
        this.metrics.changeRunning(cq, this.nodes.flavorOf[node]!, -ps.gpuPerPod, now);
      }
      placed[slot] = UNBOUND;
      this.placedCount[w]!--;
    }
    if (slots.length) this.dirty = true;
  }

  private insertUnplaced(w: number): void {
    const list = this.unplaced;
    const { priority, admitTime } = this.status;
    const p = priority[w]!;
    let i = list.length;
    while (i > 0) {
      const o = list[i - 1]!;
      const op = priority[o]!;
      if (op > p || (op === p && (admitTime[o]! < admitTime[w]! || (admitTime[o] === admitTime[w] && o < w)))) break;
      i--;
    }
    list.splice(i, 0, w);
  }
}

/** A topology placement as one node per pod. */
function plannedNodes(placement: PodSetPlacement): number[] {
  const out: number[] = [];
  placement.nodes.forEach((node, i) => {
    for (let k = 0; k < placement.pods[i]!; k++) out.push(node);
  });
  return out;
}

function podSetOfSlot(shape: ShapeModel, slot: number): ShapeModel['podSets'][number] {
  let offset = 0;
  for (const ps of shape.podSets) {
    if (slot < offset + ps.count) return ps;
    offset += ps.count;
  }
  return shape.podSets[shape.podSets.length - 1]!;
}
