/**
 * Node-level placement after admission: the nodes of each flavor's pools
 * with free GPUs, CPU (millicores) and memory (bytes). Nodes sit in buckets
 * by free GPU count (intrusive linked lists over typed arrays), so best-fit
 * ("the node with the fewest free GPUs that still fits") and spread ("the
 * most free GPUs") cost O(GPUs per node) per pod instead of a scan of every
 * node, and "can this gang fit at all" is answered from the bucket counts.
 */
import type { SimModel } from './model.ts';

export type PlacementPolicy = 'best-fit' | 'spread';

/** Node changes remembered (a TAS count older than this many changes is recomputed in full). */
export const CHANGE_LOG = 4096;

export class NodeState {
  readonly freeGpu: Int32Array;
  readonly freeCpu: Float64Array;
  readonly freeMem: Float64Array;
  readonly online: Uint8Array;
  readonly flavorOf: Int32Array;
  /** Pods bound per node (for the heatmap and invariants). */
  readonly pods: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly bucket: Int32Array;
  /** Per flavor: head node of each free-GPU bucket (-1 empty), bucket sizes, max GPUs per node. */
  private readonly heads: Int32Array[] = [];
  private readonly counts: Int32Array[] = [];
  readonly maxGpu: number[] = [];
  /** Per flavor: online GPUs and free GPUs on online nodes. */
  readonly totalGpus: number[] = [];
  readonly freeGpus: number[] = [];
  private readonly withNodes: Uint8Array;
  /** Bumped on every bind, unbind and node change: a node choice made at an older version may be stale. */
  version = 0;
  /** The node of each recent change: change v is at changes[v % CHANGE_LOG] (TAS updates its counts from it). */
  readonly changes = new Int32Array(CHANGE_LOG);

  private readonly model: SimModel;
  readonly policy: PlacementPolicy;

  constructor(model: SimModel, policy: PlacementPolicy = 'best-fit') {
    this.model = model;
    this.policy = policy;
    const n = model.nodes.length;
    this.freeGpu = new Int32Array(n);
    this.freeCpu = new Float64Array(n);
    this.freeMem = new Float64Array(n);
    this.online = new Uint8Array(n);
    this.flavorOf = new Int32Array(n);
    this.pods = new Int32Array(n);
    this.next = new Int32Array(n).fill(-1);
    this.prev = new Int32Array(n).fill(-1);
    this.bucket = new Int32Array(n).fill(-1);
    for (let f = 0; f < model.flavors.length; f++) {
      this.maxGpu.push(0);
      this.totalGpus.push(0);
      this.freeGpus.push(0);
    }
    model.nodes.forEach((node, i) => {
      this.flavorOf[i] = node.flavor;
      this.freeGpu[i] = node.gpus;
      this.freeCpu[i] = node.cpu;
      this.freeMem[i] = node.memory;
      this.maxGpu[node.flavor] = Math.max(this.maxGpu[node.flavor]!, node.gpus);
    });
    for (let f = 0; f < model.flavors.length; f++) {
      this.heads.push(new Int32Array(this.maxGpu[f]! + 1).fill(-1));
      this.counts.push(new Int32Array(this.maxGpu[f]! + 1));
    }
    this.withNodes = new Uint8Array(model.flavors.length);
    for (const pool of model.pools) {
      if (pool.maxNodes > 0) this.withNodes[pool.flavor] = 1;
      const count = pool.schedule[0]!.count;
      for (let k = 0; k < count; k++) this.setOnline(pool.firstNode + k, true);
    }
  }

  /** True when the flavor has nodes at all (placement applies); flavors without pools are quota-only. */
  hasNodes(flavor: number): boolean {
    return this.withNodes[flavor] === 1;
  }

  setOnline(node: number, on: boolean): void {
    if ((this.online[node] === 1) === on) return;
    this.changed(node);
    const f = this.flavorOf[node]!;
    const full = this.model.nodes[node]!.gpus;
    if (on) {
      this.online[node] = 1;
      this.totalGpus[f]! += full;
      this.freeGpus[f]! += this.freeGpu[node]!;
      this.link(node);
    } else {
      this.unlink(node);
      this.online[node] = 0;
      this.totalGpus[f]! -= full;
      this.freeGpus[f]! -= this.freeGpu[node]!;
    }
  }

  /**
   * Whether `count` pods of (gpu, cpu, mem) could fit in the flavor right now,
   * from the bucket counts alone (exact when CPU and memory do not bind).
   */
  mayFit(flavor: number, count: number, gpu: number): boolean {
    if (gpu === 0) return true;
    const counts = this.counts[flavor];
    if (!counts) return false;
    let slots = 0;
    for (let b = gpu; b < counts.length; b++) {
      slots += counts[b]! * Math.floor(b / gpu);
      if (slots >= count) return true;
    }
    return false;
  }

  /** Picks a node for one pod, or -1. */
  pick(flavor: number, gpu: number, cpu: number, mem: number): number {
    const heads = this.heads[flavor];
    if (!heads) return -1;
    const max = heads.length - 1;
    if (gpu > max) return -1;
    if (this.policy === 'spread') {
      for (let b = max; b >= gpu; b--) {
        for (let node = heads[b]!; node >= 0; node = this.next[node]!) if (this.freeCpu[node]! >= cpu && this.freeMem[node]! >= mem) return node;
      }
    } else {
      for (let b = gpu; b <= max; b++) {
        for (let node = heads[b]!; node >= 0; node = this.next[node]!) if (this.freeCpu[node]! >= cpu && this.freeMem[node]! >= mem) return node;
      }
    }
    return -1;
  }

  bind(node: number, gpu: number, cpu: number, mem: number): void {
    this.changed(node);
    this.unlink(node);
    this.freeGpu[node]! -= gpu;
    this.freeCpu[node]! -= cpu;
    this.freeMem[node]! -= mem;
    this.pods[node]!++;
    this.freeGpus[this.flavorOf[node]!]! -= gpu;
    this.link(node);
  }

  unbind(node: number, gpu: number, cpu: number, mem: number): void {
    this.changed(node);
    const on = this.online[node] === 1;
    if (on) this.unlink(node);
    this.freeGpu[node]! += gpu;
    this.freeCpu[node]! += cpu;
    this.freeMem[node]! += mem;
    this.pods[node]!--;
    if (on) {
      this.freeGpus[this.flavorOf[node]!]! += gpu;
      this.link(node);
    }
  }

  /** Free GPUs on online nodes of a flavor that hold fewer than `minUseful` free GPUs (fragmented for the pending pods). */
  fragmentedGpus(flavor: number, minUseful: number): number {
    const counts = this.counts[flavor];
    if (!counts) return 0;
    let frag = 0;
    for (let b = 1; b < Math.min(minUseful, counts.length); b++) frag += b * counts[b]!;
    return frag;
  }

  private changed(node: number): void {
    this.changes[this.version % CHANGE_LOG] = node;
    this.version++;
  }

  private link(node: number): void {
    const f = this.flavorOf[node]!;
    const b = Math.max(0, this.freeGpu[node]!);
    const heads = this.heads[f]!;
    const head = heads[b]!;
    this.next[node] = head;
    this.prev[node] = -1;
    if (head >= 0) this.prev[head] = node;
    heads[b] = node;
    this.bucket[node] = b;
    this.counts[f]![b]!++;
  }

  private unlink(node: number): void {
    const b = this.bucket[node]!;
    if (b < 0) return;
    const f = this.flavorOf[node]!;
    const p = this.prev[node]!;
    const nx = this.next[node]!;
    if (p >= 0) this.next[p] = nx;
    else this.heads[f]![b] = nx;
    if (nx >= 0) this.prev[nx] = p;
    this.next[node] = -1;
    this.prev[node] = -1;
    this.bucket[node] = -1;
    this.counts[f]![b]!--;
  }
}
