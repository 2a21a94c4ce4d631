/**
 * Topology-aware scheduling (TAS), after Kueue's TASFlavorSnapshot
 * (pkg/cache/scheduler/tas_flavor_snapshot.go, the same algorithm in 0.16
 * and 0.19 with the default feature gates): for a pod set that asks for a
 * topology level, count how many of its pods fit on each node, sum the
 * counts up the tree (node → rack → block), then
 *
 * - at the requested level, take the domain with the fewest pods' room that
 *   still holds them all (BestFit; ties go to the first domain by label
 *   values);
 * - when none does: `required` fails with Kueue's message ("topology
 *   "default" allows to fit only 6 out of 8 pod(s)"); `preferred` tries the
 *   level above, and at the top spreads over several domains, largest first
 *   with the last one best-fitted;
 * - then descend level by level, filling the chosen domains' children the
 *   same way, down to nodes.
 *
 * The result is a pod count per node, which placement binds as Kueue's
 * ungater pins pods with node selectors. Every node is a leaf: a Topology
 * whose lowest level is not kubernetes.io/hostname is counted in whole pods
 * per node too (Kueue would sum a rack's free capacity, which
 * kube-scheduler may not be able to use). A ClusterQueue whose flavors are
 * all TAS flavors places workloads that ask for nothing as Kueue's implied
 * TAS does: unconstrained, on the lowest level.
 */
import { levelWord, topologyDomainValue } from '../cluster/topology.ts';
import { HOSTNAME_LABEL, type Cluster } from '../cluster/schema.ts';
import type { ShapeModel } from './flavor-assigner.ts';
import type { SimModel } from './model.ts';
import { CHANGE_LOG, type NodeState } from './nodes.ts';
import type { TopologyFragmentation } from './types.ts';

/** A pod set's topology request, as the compiled constraint holds it. */
export interface TopologyRequestModel {
  /** The level's node label. */
  level: string;
  required: boolean;
}

/** Why a pod set found no placement: Kueue's message and the numbers behind it. */
export interface TopologyFailure {
  flavor: number;
  podSet: string;
  /** Kueue's words: `topology "default" allows to fit only 6 out of 8 pod(s)`. */
  message: string;
  /** The level asked for (node label), or null for implied TAS. */
  level: string | null;
  pods: number;
  gpuPerPod: number;
  /** When the pods do not fit even on empty nodes. */
  never: boolean;
  /** The explanation in words as the nodes were when it failed (`topologyFailureWords`), once filled in. */
  words?: string;
}

/** One TAS flavor's topology tree over its nodes, with scratch counts. */
export class TasFlavor {
  readonly flavor: number;
  readonly topologyName: string;
  /** The Topology's levels (node labels), broadest first. */
  readonly labels: readonly string[];
  /** Internal levels: the Topology's levels without the hostname, then nodes (always the last). */
  readonly levelCount: number;
  /** Per internal level: each domain's label value (the node's name at the node level), domains sorted by their label values' path. */
  readonly names: string[][];
  /** Per internal level ≥ 1: the parent domain; per level < last: first child (children are contiguous), with a sentinel. */
  readonly parent: Int32Array[];
  readonly childStart: Int32Array[];
  /** Node-level domain → global node index. */
  readonly nodes: Int32Array;
  /** Pods that fit per domain, per level: per pod size, as of a nodes' version; and scratch for one-off counts. */
  readonly cache = new Map<string, { version: number; count: Int32Array[] }>();
  readonly scratch: Int32Array[];
  /** What earlier pod sets of the workload being placed take per node (`assumed` while any is set). */
  assumed = false;
  readonly assumedGpu: Float64Array;
  readonly assumedCpu: Float64Array;
  readonly assumedMem: Float64Array;

  constructor(flavor: number, topologyName: string, labels: readonly string[], paths: ReadonlyArray<{ node: number; values: string[] }>) {
    this.flavor = flavor;
    this.topologyName = topologyName;
    this.labels = labels;
    const upper = labels.filter((l) => l !== HOSTNAME_LABEL).length;
    this.levelCount = upper + 1;
    // Domains per level, sorted by the path of label values (Kueue's order for ties).
    const sorted = [...paths].sort((a, b) => comparePaths(a.values, b.values));
    this.names = [];
    this.parent = [];
    this.childStart = [];
    const indexOfPath: Array<Map<string, number>> = [];
    for (let l = 0; l < this.levelCount; l++) {
      const names: string[] = [];
      const parents: number[] = [];
      const index = new Map<string, number>();
      for (const p of sorted) {
        const key = p.values.slice(0, l + 1).join('\u0000');
        if (index.has(key)) continue;
        index.set(key, names.length);
        names.push(p.values[l]!);
        parents.push(l === 0 ? -1 : indexOfPath[l - 1]!.get(p.values.slice(0, l).join('\u0000'))!);
      }
      indexOfPath.push(index);
      this.names.push(names);
      this.parent.push(Int32Array.from(parents));
    }
    for (let l = 0; l < this.levelCount - 1; l++) {
      const start = new Int32Array(this.names[l]!.length + 1);
      const parents = this.parent[l + 1]!;
      let d = 0;
      for (let c = 0; c < parents.length; c++) while (d <= parents[c]!) start[d++] = c;
      while (d <= this.names[l]!.length) start[d++] = parents.length;
      this.childStart.push(start);
    }
    this.nodes = Int32Array.from(sorted.map((p) => p.node));
    this.scratch = this.names.map((n) => new Int32Array(n.length));
    this.assumedGpu = new Float64Array(this.nodes.length);
    this.assumedCpu = new Float64Array(this.nodes.length);
    this.assumedMem = new Float64Array(this.nodes.length);
  }

  /** Internal level of a node label, or -1 when the Topology has no such level. */
  levelOf(label: string): number {
    if (label === HOSTNAME_LABEL) return this.labels.includes(HOSTNAME_LABEL) ? this.levelCount - 1 : -1;
    const i = this.labels.indexOf(label);
    return i < 0 ? -1 : i;
  }
}

function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

/** A pod set's placement: pods per node (global node indices). */
export interface PodSetPlacement {
  nodes: number[];
  pods: number[];
}

/** Pods a node takes at most (the kubelet's default maxPods): a pod set asking for nothing is still counted in pods. */
const PODS_PER_NODE = 110;

/** The TAS flavors of a policy and the placement algorithm over them. */
export class TopologyPlacer {
  /** Per flavor id: its TAS tree, or null (not a TAS flavor). */
  readonly flavors: Array<TasFlavor | null>;
  private readonly model: SimModel;
  private readonly nodes: NodeState;
  /** Per ClusterQueue: every flavor it lists is a TAS flavor (Kueue's IsTASOnly: workloads without a request get implied TAS). */
  readonly tasOnly: Uint8Array;
  /** Global node → its leaf index in its flavor's tree (-1: not in a topology). */
  private readonly leafOfNode: Int32Array;

  /** Each admitted workload's topology assignment and its shape (to free its pods when preemption is simulated). */
  private readonly holders: { topologyOf: ReadonlyArray<ReadonlyArray<PodSetPlacement | null> | null>; shapeOf(w: number): ShapeModel } | null;

  constructor(cluster: Cluster, model: SimModel, nodes: NodeState, holders: TopologyPlacer['holders'] = null) {
    this.model = model;
    this.nodes = nodes;
    this.holders = holders;
    this.flavors = model.flavors.map(() => null);
    const topologies = new Map((cluster.topologies ?? []).map((t) => [t.name, t]));
    for (const flavor of cluster.flavors) {
      const topology = flavor.topologyName !== undefined ? topologies.get(flavor.topologyName) : undefined;
      if (!topology || topology.levels.length === 0) continue;
      const f = model.findFlavor(flavor.name);
      const labels = topology.levels.map((l) => l.nodeLabel);
      const upper = labels.filter((l) => l !== HOSTNAME_LABEL);
      const paths: Array<{ node: number; values: string[] }> = [];
      cluster.nodePools.forEach((pool, p) => {
        const pm = model.pools[p]!;
        if (pm.flavor !== f) return;
        for (let k = 0; k < pm.maxNodes; k++) {
          const values = upper.map((label) => topologyDomainValue(pool, label, k));
          // A node without every level's label is not part of the topology (Kueue cannot place TAS pods on it).
          if (values.some((v) => v === null)) continue;
          paths.push({ node: pm.firstNode + k, values: [...(values as string[]), topologyDomainValue(pool, HOSTNAME_LABEL, k)!] });
        }
      });
      this.flavors[f] = new TasFlavor(f, topology.name, labels, paths);
    }
    this.leafOfNode = new Int32Array(model.nodes.length).fill(-1);
    for (const tf of this.flavors) if (tf) tf.nodes.forEach((n, i) => (this.leafOfNode[n] = i));
    this.tasOnly = Uint8Array.from(model.cqs.map((cq) => (cq.groups.length > 0 && cq.groups.every((g) => g.flavors.every((f) => this.flavors[f] !== null)) ? 1 : 0)));
  }

  /** Whether a workload holds a topology assignment (its pods can be freed by preempting it). */
  holdsTopology(w: number): boolean {
    return !!this.holders?.topologyOf[w];
  }

  /**
   * `place` as if the `freed` workloads' pods were gone: Kueue's simulated
   * removal of preemption candidates, for TAS.
   */
  placeWithout(freed: readonly number[], shape: ShapeModel, podSetFlavor: readonly number[], request: TopologyRequestModel | null, implied: boolean): Array<PodSetPlacement | null> | TopologyFailure {
    const holders = this.holders!;
    const touched = new Set<TasFlavor>();
    for (const w of freed) {
      const placements = holders.topologyOf[w];
      if (!placements) continue;
      const ws = holders.shapeOf(w);
      placements.forEach((placed, p) => {
        if (!placed) return;
        const ps = ws.podSets[p]!;
        placed.nodes.forEach((node, i) => {
          const leaf = this.leafOfNode[node]!;
          const tf = this.flavors[this.model.nodes[node]!.flavor];
          if (leaf < 0 || !tf) return;
          tf.assumedGpu[leaf]! -= ps.gpuPerPod * placed.pods[i]!;
          tf.assumedCpu[leaf]! -= ps.cpuPerPod * placed.pods[i]!;
          tf.assumedMem[leaf]! -= ps.memPerPod * placed.pods[i]!;
          tf.assumed = true;
          touched.add(tf);
        });
      });
    }
    const found = this.place(shape, podSetFlavor, request, implied, false);
    for (const tf of touched) {
      tf.assumedGpu.fill(0);
      tf.assumedCpu.fill(0);
      tf.assumedMem.fill(0);
      tf.assumed = false;
    }
    return found;
  }

  /** Kueue's TAS Fits: the placement's pods still have room on its nodes (else it is computed again). */
  stillFits(shape: ShapeModel, placements: ReadonlyArray<PodSetPlacement | null>): boolean {
    const ns = this.nodes;
    for (let p = 0; p < placements.length; p++) {
      const placed = placements[p];
      if (!placed) continue;
      const ps = shape.podSets[p]!;
      for (let i = 0; i < placed.nodes.length; i++) {
        const n = placed.nodes[i]!;
        const k = placed.pods[i]!;
        if (ns.online[n] !== 1 || ns.freeGpu[n]! < k * ps.gpuPerPod || ns.freeCpu[n]! < k * ps.cpuPerPod || ns.freeMem[n]! < k * ps.memPerPod) return false;
      }
    }
    return true;
  }

  /** A node's topology labels (level label → value), or null when it is in no topology. */
  nodeLabels(node: number): Record<string, string> | null {
    const leaf = this.leafOfNode[node]!;
    if (leaf < 0) return null;
    const tf = this.flavors[this.model.nodes[node]!.flavor]!;
    const upper = tf.labels.filter((l) => l !== HOSTNAME_LABEL);
    const labels: Record<string, string> = {};
    let d = leaf;
    for (let l = tf.levelCount - 1; l >= 0; l--) {
      labels[l === tf.levelCount - 1 ? HOSTNAME_LABEL : upper[l]!] = tf.names[l]![d]!;
      d = tf.parent[l]![d]!;
    }
    return labels;
  }

  flavorName(f: number): string {
    return this.model.flavors[f]!.name;
  }

  /** The nodes' version (bumped on every bind and unbind). */
  get nodesVersion(): number {
    return this.nodes.version;
  }

  get any(): boolean {
    return this.flavors.some((f) => f !== null);
  }

  isTas(flavor: number): boolean {
    return this.flavors[flavor] !== null && this.flavors[flavor] !== undefined;
  }

  /**
   * Placements for every TAS pod set of a workload on its assigned flavors
   * (null entries: not TAS), or the first pod set's failure. `empty`: as if
   * no TAS workload held any node (Kueue's simulate-empty check).
   */
  place(shape: ShapeModel, podSetFlavor: readonly number[], request: TopologyRequestModel | null, implied: boolean, empty: boolean): Array<PodSetPlacement | null> | TopologyFailure {
    const out: Array<PodSetPlacement | null> = [];
    const touched: TasFlavor[] = [];
    let failure: TopologyFailure | null = null;
    for (let p = 0; p < shape.podSets.length; p++) {
      const tf = this.flavors[podSetFlavor[p]!] ?? null;
      if (!tf || (!request && !implied)) {
        out.push(null);
        continue;
      }
      const ps = shape.podSets[p]!;
      const name = shape.podSets.length === 1 ? 'main' : `ps${p}`;
      const found = this.placePodSet(tf, ps.count, ps.gpuPerPod, ps.cpuPerPod, ps.memPerPod, request, empty);
      if (typeof found === 'string') {
        failure = { flavor: tf.flavor, podSet: name, message: found, level: request?.level ?? null, pods: ps.count, gpuPerPod: ps.gpuPerPod, never: empty };
        break;
      }
      // Later pod sets of the workload see this one's pods on the nodes (Kueue's assumed usage).
      for (let i = 0; i < found.nodes.length; i++) {
        const leaf = this.leafOfNode[found.nodes[i]!]!;
        tf.assumedGpu[leaf]! += ps.gpuPerPod * found.pods[i]!;
        tf.assumedCpu[leaf]! += ps.cpuPerPod * found.pods[i]!;
        tf.assumedMem[leaf]! += ps.memPerPod * found.pods[i]!;
      }
      tf.assumed = true;
      if (!touched.includes(tf)) touched.push(tf);
      out.push(found);
    }
    for (const tf of touched) {
      tf.assumedGpu.fill(0);
      tf.assumedCpu.fill(0);
      tf.assumedMem.fill(0);
      tf.assumed = false;
    }
    return failure ?? out;
  }

  /** Kueue's findTopologyAssignment for one pod set (slice size 1, no leader): pods per node, or Kueue's failure message. */
  private placePodSet(tf: TasFlavor, pods: number, gpu: number, cpu: number, mem: number, request: TopologyRequestModel | null, empty: boolean): PodSetPlacement | string {
    const last = tf.levelCount - 1;
    const requested = request ? tf.levelOf(request.level) : last;
    if (requested < 0) return `no requested topology level: ${request!.level}`;
    if (tf.names[requested]!.length === 0) return `no topology domains at level: ${request ? request.level : HOSTNAME_LABEL}`;
    const count = this.countsFor(tf, gpu, cpu, mem, empty);
    const unconstrained = request === null;
    const fit = findLevelWithFitDomains(tf, count, requested, pods, request?.required ?? false, unconstrained);
    if (typeof fit === 'string') return fit;
    let { level, domains } = fit;
    let assigned = takeGreedy(count[level]!, domains, pods);
    // Descend: the chosen domains' children, sorted together, filled the same way down to nodes.
    while (level < last) {
      const children: number[] = [];
      const start = tf.childStart[level]!;
      for (const d of domains) for (let c = start[d]!; c < start[d + 1]!; c++) children.push(c);
      level++;
      assigned = takeGreedy(count[level]!, children, pods, true);
      domains = assigned.domains;
    }
    return { nodes: assigned.domains.map((d) => tf.nodes[d]!), pods: assigned.pods };
  }

  /**
   * Phase 1: pods of this size that fit on each node, summed up the levels.
   * Counts are kept per pod size and brought up to date from the nodes'
   * change log (a few nodes change between two admissions, not 640), so a
   * placement costs the changes since the last one of that size.
   */
  private countsFor(tf: TasFlavor, gpu: number, cpu: number, mem: number, empty: boolean): Int32Array[] {
    if (empty || tf.assumed) return this.fillCounts(tf, tf.scratch, gpu, cpu, mem, empty);
    const key = `${gpu}|${cpu}|${mem}`;
    let cached = tf.cache.get(key);
    const ns = this.nodes;
    if (!cached) {
      if (tf.cache.size >= 64) tf.cache.clear();
      cached = { version: ns.version, count: tf.names.map((n) => new Int32Array(n.length)) };
      tf.cache.set(key, cached);
      return this.fillCounts(tf, cached.count, gpu, cpu, mem, false);
    }
    if (cached.version === ns.version) return cached.count;
    if (ns.version - cached.version > Math.min(CHANGE_LOG, tf.nodes.length)) {
      cached.version = ns.version;
      return this.fillCounts(tf, cached.count, gpu, cpu, mem, false);
    }
    const last = tf.levelCount - 1;
    const leaf = cached.count[last]!;
    for (let v = cached.version; v < ns.version; v++) {
      const i = this.leafOfNode[ns.changes[v % CHANGE_LOG]!]!;
      if (i < 0 || tf.nodes[i] !== ns.changes[v % CHANGE_LOG]) continue;
      const delta = this.podsOnNode(tf, i, gpu, cpu, mem, false) - leaf[i]!;
      if (delta === 0) continue;
      leaf[i] = leaf[i]! + delta;
      for (let l = last, d = i; l > 0; l--) {
        d = tf.parent[l]![d]!;
        cached.count[l - 1]![d] = cached.count[l - 1]![d]! + delta;
      }
    }
    cached.version = ns.version;
    return cached.count;
  }

  /** Pods of (gpu, cpu, mem) that fit on leaf i now (or empty), after what earlier pod sets of the workload took. */
  private podsOnNode(tf: TasFlavor, i: number, gpu: number, cpu: number, mem: number, empty: boolean): number {
    const n = tf.nodes[i]!;
    const ns = this.nodes;
    if (ns.online[n] !== 1) return 0;
    const node = this.model.nodes[n]!;
    let c = PODS_PER_NODE;
    if (gpu > 0) c = Math.min(c, Math.floor(((empty ? node.gpus : ns.freeGpu[n]!) - tf.assumedGpu[i]!) / gpu));
    if (cpu > 0) c = Math.min(c, Math.floor(((empty ? node.cpu : ns.freeCpu[n]!) - tf.assumedCpu[i]!) / cpu));
    if (mem > 0) c = Math.min(c, Math.floor(((empty ? node.memory : ns.freeMem[n]!) - tf.assumedMem[i]!) / mem));
    return Math.max(0, c);
  }

  private fillCounts(tf: TasFlavor, count: Int32Array[], gpu: number, cpu: number, mem: number, empty: boolean): Int32Array[] {
    const last = tf.levelCount - 1;
    const leaf = count[last]!;
    for (let i = 0; i < tf.nodes.length; i++) leaf[i] = this.podsOnNode(tf, i, gpu, cpu, mem, empty);
    for (let l = last; l > 0; l--) {
      const up = count[l - 1]!;
      up.fill(0);
      const child = count[l]!;
      const parent = tf.parent[l]!;
      for (let d = 0; d < child.length; d++) up[parent[d]!] = up[parent[d]!]! + child[d]!;
    }
    return count;
  }

  /** Every TAS flavor's free GPUs by level now (the result's fragmentation). */
  fragmentation(time: number): TopologyFragmentation[] {
    const out: TopologyFragmentation[] = [];
    for (const tf of this.flavors) {
      if (!tf) continue;
      const levels = this.freeGpusByLevel(tf.flavor).map((l) => ({ ...l, word: levelWord(l.level) }));
      out.push({ time, flavor: this.flavorName(tf.flavor), topology: tf.topologyName, levels });
    }
    return out;
  }

  /** Free GPUs per domain at each level of a TAS flavor (for fragmentation): total, largest in one domain, domains. */
  freeGpusByLevel(f: number): Array<{ level: string; domains: number; freeGpus: number; largestFreeGpus: number }> {
    const tf = this.flavors[f];
    if (!tf) return [];
    const ns = this.nodes;
    const last = tf.levelCount - 1;
    const free: Float64Array[] = tf.names.map((n) => new Float64Array(n.length));
    for (let i = 0; i < tf.nodes.length; i++) {
      const n = tf.nodes[i]!;
      free[last]![i] = ns.online[n] === 1 ? Math.max(0, ns.freeGpu[n]!) : 0;
    }
    for (let l = last; l > 0; l--) for (let d = 0; d < free[l]!.length; d++) free[l - 1]![tf.parent[l]![d]!]! += free[l]![d]!;
    const labelOf = (l: number) => (l === last ? HOSTNAME_LABEL : tf.labels.filter((x) => x !== HOSTNAME_LABEL)[l]!);
    return free.map((values, l) => {
      let total = 0;
      let largest = 0;
      for (const v of values) {
        total += v;
        largest = Math.max(largest, v);
      }
      return { level: labelOf(l), domains: values.length, freeGpus: total, largestFreeGpus: largest };
    });
  }
}

/** Kueue's findLevelWithFitDomains: one BestFit domain at the level; else fail (required), go up (preferred), or spread at the top. */
function findLevelWithFitDomains(tf: TasFlavor, count: Int32Array[], level: number, pods: number, required: boolean, unconstrained: boolean): { level: number; domains: number[] } | string {
  const counts = count[level]!;
  let top = 0;
  for (let d = 1; d < counts.length; d++) if (counts[d]! > counts[top]!) top = d;
  if (counts[top]! >= pods) return { level, domains: [bestFit(counts, null, pods)] };
  if (required) return notFitMessage(tf.topologyName, counts[top]!, pods);
  if (level > 0 && !unconstrained) return findLevelWithFitDomains(tf, count, level - 1, pods, required, unconstrained);
  const sorted = sortByRoom(Array.from(counts.keys()), counts);
  const chosen: number[] = [];
  let remaining = pods;
  for (let i = 0; remaining > 0 && i < sorted.length; i++) {
    let d = sorted[i]!;
    if (counts[d]! >= remaining) d = bestFit(counts, sorted.slice(i), remaining);
    chosen.push(d);
    remaining -= counts[d]!;
  }
  if (remaining > 0) return notFitMessage(tf.topologyName, pods - remaining, pods);
  return { level, domains: chosen };
}

/** Kueue's notFitMessage (slice size 1). */
function notFitMessage(topology: string, fit: number, pods: number): string {
  return fit === 0 ? `topology "${topology}" doesn't allow to fit any of ${pods} pod(s)` : `topology "${topology}" allows to fit only ${fit} out of ${pods} pod(s)`;
}

/** Domains by room for pods, most first; ties by label values (the domain index order). */
function sortByRoom(domains: number[], counts: Int32Array): number[] {
  return domains.sort((a, b) => counts[b]! - counts[a]! || a - b);
}

/** Kueue's findBestFitDomain: the first domain (in the given order, else index order) with the fewest pods' room that still holds `pods`. */
function bestFit(counts: Int32Array, order: readonly number[] | null, pods: number): number {
  let best = -1;
  let bestCount = Number.MAX_SAFE_INTEGER;
  const n = order ? order.length : counts.length;
  for (let i = 0; i < n; i++) {
    const d = order ? order[i]! : i;
    const c = counts[d]!;
    if (c >= pods && c < bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best >= 0 ? best : order ? order[0]! : 0;
}

/**
 * Kueue's updateCountsToMinimum: fill domains in order, best-fitting the one
 * that completes the request. `sort`: the domains are Kueue's sorted list
 * (most room first, then label values); when one of them holds all the pods
 * the best fit over them is the answer whatever the order, so the sort is
 * only done when several are needed.
 */
function takeGreedy(counts: Int32Array, domains: number[], pods: number, sort = false): { domains: number[]; pods: number[] } {
  if (sort) {
    // The fewest pods' room that still holds them all, ties to the first by label values (the lowest index).
    let best = -1;
    for (const d of domains) {
      const c = counts[d]!;
      if (c >= pods && (best < 0 || c < counts[best]! || (c === counts[best]! && d < best))) best = d;
    }
    if (best >= 0) return { domains: [best], pods: [pods] };
    sortByRoom(domains, counts);
  }
  const out: number[] = [];
  const taken: number[] = [];
  let remaining = pods;
  for (let i = 0; i < domains.length && remaining > 0; i++) {
    let d = domains[i]!;
    if (counts[d]! >= remaining) {
      d = bestFit(counts, domains.slice(i), remaining);
      out.push(d);
      taken.push(remaining);
      return { domains: out, pods: taken };
    }
    if (counts[d]! <= 0) continue;
    out.push(d);
    taken.push(counts[d]!);
    remaining -= counts[d]!;
  }
  return { domains: out, pods: taken };
}
