/**
 * Kueue's flavor assigner: for each pod set and each resource group it
 * needs, the flavors are tried in the ClusterQueue's order; a resource fits
 * a flavor within the queue's available quota (its unused nominal quota,
 * or borrowing from the cohort within nominal + borrowingLimit and the
 * lenders' lendingLimit). When it does not, the preemption oracle says
 * whether preemption could make room (Preempt within the queue, Reclaim
 * from the cohort) or not (NoCandidates). Flavor fungibility decides when
 * to stop: whenCanBorrow / whenCanPreempt = MayStopSearch stop at the first
 * flavor that fits by borrowing / preemption, TryNextFlavor keeps looking;
 * among the flavors considered the best is kept (no preemption over
 * preemption, then the lowest borrowing level).
 */
import { ReclaimPolicy, WithinPolicy, type CqModel, type SimModel } from './model.ts';
import { getTargets, type PreemptionState } from './preemption.ts';
import { Reason, type QuotaFailure } from './reasons.ts';
import type { Usage } from './quota.ts';
import type { PodSetPlacement, TopologyPlacer, TopologyRequestModel } from './tas.ts';
import { topologyFailureWords } from './tas-words.ts';

export const Mode = { NoFit: 0, Preempt: 1, Fit: 2 } as const;

/** Granular preemption modes, ordered from worst to best. */
const G = { NoFit: 0, NoCandidates: 1, Preempt: 2, Reclaim: 3, Fit: 4 } as const;

/** A compiled pod set: per-pod and total requests by resource id (Kueue units). */
export interface PodSetModel {
  count: number;
  resources: number[];
  perPod: number[];
  total: number[];
  gpuPerPod: number;
  cpuPerPod: number;
  memPerPod: number;
}

export interface ShapeModel {
  podSets: PodSetModel[];
  /** Total GPUs over all pod sets. */
  gpus: number;
}

export interface ConstraintModel {
  /** Allowed flavor ids, or null for any. */
  flavors: Set<number> | null;
  tolerations: Set<string>;
  /** Topology-aware scheduling request of every pod set, or null. */
  topology: TopologyRequestModel | null;
}

export interface Assignment {
  mode: number;
  /** Kueue's Assignment.Borrowing: the highest borrowing level of any resource (0 = within nominal). */
  borrowing: number;
  usage: Usage;
  /** Flavor-resources whose flavor assignment needs preemption. */
  preemptFrs: number[];
  /** Per pod set, the flavor its pods are placed on (the GPU's flavor, else the first group's), or -1. */
  podSetFlavor: number[];
  failure: QuotaFailure | null;
  /** Whether the preemption oracle was consulted (the outcome may change when admitted workloads change). */
  oracleUsed: boolean;
  /** Topology-aware placement per pod set (null: not TAS) when it fits now; null when no pod set uses TAS. */
  topology: Array<PodSetPlacement | null> | null;
  /** The nodes' version `topology` was found at (a later bind may have taken its room). */
  topologyVersion: number;
  /** Preemption targets that free a topology domain for it (quota fitted, nodes did not), or null. */
  topologyTargets: number[] | null;
}

export interface AssignerState extends PreemptionState {
  /** Optional cheap pre-check: false when no preemption candidate can exist for this queue and priority. */
  candidatesPossible?(cq: CqModel, priority: number): boolean;
}

interface Granular {
  pm: number;
  borrow: number;
}

function isPreferred(a: Granular, b: Granular): boolean {
  if (a.pm === G.NoFit) return false;
  if (b.pm === G.NoFit) return true;
  if (a.pm !== b.pm) return a.pm > b.pm;
  return a.borrow < b.borrow;
}

function shouldTryNextFlavor(rep: Granular, cq: CqModel): boolean {
  if (rep.pm === G.NoFit || rep.pm === G.NoCandidates) return true;
  if ((rep.pm === G.Preempt || rep.pm === G.Reclaim) && cq.whenCanPreemptTryNext) return true;
  if (rep.borrow > 0 && cq.whenCanBorrowTryNext) return true;
  return false;
}

function flavorMode(pm: number): number {
  return pm === G.Fit ? Mode.Fit : pm === G.NoFit ? Mode.NoFit : Mode.Preempt;
}

export function flavorMatches(model: SimModel, flavor: number, constraint: ConstraintModel | null): boolean {
  const f = model.flavors[flavor]!;
  if (!f.defined) return false;
  if (constraint?.flavors && !constraint.flavors.has(flavor)) return false;
  for (const taint of f.taints) if (!constraint || !constraint.tolerations.has(taint)) return false;
  return true;
}

/** Classifies why `val` does not fit the queue's available quota on fr. */
export function classifyQuotaFailure(s: PreemptionState, cq: CqModel, fr: number, val: number): Reason {
  if (fr < 0) return Reason.ExceedsMaximumCapacity;
  const q = s.quota;
  if (val > q.potential(cq.node, fr)) return Reason.ExceedsMaximumCapacity;
  if (cq.path.length === 0) return Reason.InsufficientNominalQuota;
  const usage = q.usage(cq.node, fr);
  const nominal = q.nominal(cq.node, fr);
  const limit = q.borrowingLimit(cq.node, fr);
  if (limit >= 0 && usage + val > nominal + limit) return Reason.BorrowingLimitReached;
  if (usage + val <= nominal) return Reason.NominalQuotaLentOut;
  return Reason.CohortHasNothingToLend;
}

const heightOut = { borrow: 0, mayReclaim: false };

export class FlavorAssigner {
  private readonly s: AssignerState;

  private readonly tas: TopologyPlacer | null;

  /** `tas`: the policy's TAS flavors (null or none: every flavor is placed by kube-scheduler after admission). */
  constructor(s: AssignerState, tas: TopologyPlacer | null = null) {
    this.s = s;
    this.tas = tas?.any ? tas : null;
  }

  /**
   * Kueue's checkPodSetAndFlavorMatchForTAS: a pod set asking for a topology
   * takes only TAS flavors whose Topology has the level; one that does not
   * ask never takes a TAS flavor, unless every flavor of its ClusterQueue is
   * one (implied TAS).
   */
  private tasMatches(cq: CqModel, flavor: number, constraint: ConstraintModel | null): boolean {
    const tas = this.tas;
    if (!tas) return true;
    const tf = tas.flavors[flavor];
    const request = constraint?.topology ?? null;
    if (request) return !!tf && tf.levelOf(request.level) >= 0;
    return !tf || tas.tasOnly[cq.index] === 1;
  }

  /**
   * After quota, as Kueue's flavor assigner does: a Fit is checked against
   * the nodes now; a Preempt against empty nodes (if the pods could not fit
   * even then, no preemption helps). A failure is TopologyPlacementFailed.
   * Kueue would also preempt to free a domain when quota fits but nodes do
   * not; here such a workload waits for nodes (TAS-aware preemption is not
   * modelled).
   */
  /** A Fit's topology placement again, against the nodes now (null: it no longer fits). */
  replaceTopology(a: Assignment, cq: CqModel, shape: ShapeModel, constraint: ConstraintModel | null): Array<PodSetPlacement | null> | null {
    const tas = this.tas!;
    const request = constraint?.topology ?? null;
    const found = tas.place(shape, a.podSetFlavor, request, !request && tas.tasOnly[cq.index] === 1, false);
    return Array.isArray(found) ? found : null;
  }

  /**
   * Kueue's preemption when quota fits but no domain has room: the
   * ClusterQueue's own lower-priority TAS workloads (withinClusterQueue),
   * lowest priority and most recently admitted first, taken until the pods
   * fit, then pruned back to a minimal set. Reclaiming nodes from other
   * queues of the cohort is not modelled (their quota is not what blocks).
   */
  private topologyTargets(w: number, cq: CqModel, priority: number, queueTime: number, shape: ShapeModel, podSetFlavor: readonly number[], request: TopologyRequestModel | null, implied: boolean): number[] | null {
    if (cq.within === WithinPolicy.Never) return null;
    const s = this.s;
    const tas = this.tas!;
    const candidates = s.admitted[cq.index]!.filter(
      (t) =>
        t !== w &&
        s.evictionPending[t] === 0 &&
        s.preemptedAt[t] !== s.now &&
        tas.holdsTopology(t) &&
        (s.priority[t]! < priority || (cq.within === WithinPolicy.LowerOrNewerEqualPriority && s.priority[t] === priority && s.queueTime[t]! > queueTime)),
    );
    if (candidates.length === 0) return null;
    candidates.sort((a, b) => s.priority[a]! - s.priority[b]! || s.admitTime[b]! - s.admitTime[a]! || b - a);
    const fits = (freed: readonly number[]) => Array.isArray(tas.placeWithout(freed, shape, podSetFlavor, request, implied));
    const chosen: number[] = [];
    for (const t of candidates) {
      chosen.push(t);
      if (fits(chosen)) break;
    }
    if (!fits(chosen)) return null;
    for (let i = chosen.length - 2; i >= 0; i--) {
      const without = chosen.filter((_, k) => k !== i);
      if (fits(without)) chosen.splice(i, 1);
    }
    return chosen;
  }

  private checkTopology(w: number, result: Assignment, cq: CqModel, priority: number, queueTime: number, shape: ShapeModel, constraint: ConstraintModel | null): void {
    const tas = this.tas!;
    const request = constraint?.topology ?? null;
    const implied = !request && tas.tasOnly[cq.index] === 1;
    if (!request && !implied) return;
    const found = tas.place(shape, result.podSetFlavor, request, implied, result.mode === Mode.Preempt);
    if (Array.isArray(found)) {
      if (result.mode === Mode.Fit) {
        result.topology = found;
        result.topologyVersion = tas.nodesVersion;
      }
      return;
    }
    // Kueue tries a failed Fit again on empty nodes: the answer says whether waiting can ever help.
    if (!found.never && !Array.isArray(tas.place(shape, result.podSetFlavor, request, implied, true))) found.never = true;
    if (!found.never && result.mode === Mode.Fit) {
      result.oracleUsed = true;
      const targets = this.topologyTargets(w, cq, priority, queueTime, shape, result.podSetFlavor, request, implied);
      if (targets) {
        result.mode = Mode.Preempt;
        result.topologyTargets = targets;
        return;
      }
    }
    // Said as the nodes are now ("12 GPUs free, but no rack has 16"): by the time someone asks, they will have moved on.
    found.words = topologyFailureWords(found, tas);
    result.mode = Mode.NoFit;
    result.preemptFrs = [];
    result.failure = { code: Reason.TopologyPlacementFailed, fr: -1, needed: 0, available: 0, noCandidates: false, topology: found };
  }

  assign(w: number, cq: CqModel, priority: number, queueTime: number, shape: ShapeModel, constraint: ConstraintModel | null): Assignment {
    const s = this.s;
    const model = s.model;
    const result: Assignment = { mode: Mode.Fit, borrowing: 0, usage: { fr: [], amount: [] }, preemptFrs: [], podSetFlavor: [], failure: null, oracleUsed: false, topology: null, topologyVersion: -1, topologyTargets: null };
    // Usage assumed by earlier pod sets, per fr in first-use order (a handful: arrays beat a Map here, per head per cycle).
    const assumedFr: number[] = [];
    const assumedAmount: number[] = [];
    const assumedOf = (fr: number) => {
      const i = assumedFr.indexOf(fr);
      return i < 0 ? 0 : assumedAmount[i]!;
    };
    const frModes: number[] = [];

    for (const ps of shape.podSets) {
      // Requested resources of this pod set, with the reserved "pods" resource when the queue covers it.
      const groupsNeeded: number[] = [];
      const requestRes: number[] = [];
      const requestVal: number[] = [];
      for (let i = 0; i < ps.resources.length; i++) {
        const at = requestRes.indexOf(ps.resources[i]!);
        if (at < 0) {
          requestRes.push(ps.resources[i]!);
          requestVal.push(ps.total[i]!);
        } else requestVal[at] = ps.total[i]!;
      }
      if (cq.podsResource >= 0) {
        const at = requestRes.indexOf(cq.podsResource);
        if (at < 0) {
          requestRes.push(cq.podsResource);
          requestVal.push(ps.count);
        } else requestVal[at]! += ps.count;
      }
      for (const r of requestRes) {
        const g = cq.groupOfResource[r] ?? -1;
        if (g < 0) {
          result.mode = Mode.NoFit;
          result.failure = { code: Reason.ResourceNotInQueue, fr: -1, needed: r, available: 0, noCandidates: false };
          return result;
        }
        if (!groupsNeeded.includes(g)) groupsNeeded.push(g);
      }
      groupsNeeded.sort((a, b) => a - b);
      let placementFlavor = -1;
      for (const gi of groupsNeeded) {
        const group = cq.groups[gi]!;
        const covered = group.covered;
        const reqRes: number[] = [];
        const reqVal: number[] = [];
        for (let k = 0; k < covered.length; k++) {
          const at = requestRes.indexOf(covered[k]!);
          if (at >= 0) {
            reqRes.push(k);
            reqVal.push(requestVal[at]!);
          }
        }
        let best = -1;
        let bestMode: Granular = { pm: G.NoFit, borrow: Number.MAX_SAFE_INTEGER };
        let bestFrs: number[] = [];
        let bestFrModes: number[] = [];
        let bestBorrows: number[] = [];
        let anyFlavorMatched = false;
        for (let fi = 0; fi < group.flavors.length; fi++) {
          const flavor = group.flavors[fi]!;
          if (!flavorMatches(model, flavor, this.constraintOf(constraint)) || !this.tasMatches(cq, flavor, constraint)) continue;
          anyFlavorMatched = true;
          const rep: Granular = { pm: G.Fit, borrow: 0 };
          const frs: number[] = [];
          const modes: number[] = [];
          const borrows: number[] = [];
          for (let j = 0; j < reqRes.length; j++) {
            const fr = group.fr[fi * covered.length + reqRes[j]!]!;
            const g = this.fitsResourceQuota(w, cq, priority, queueTime, fr, assumedOf(fr), reqVal[j]!, result);
            if (isPreferred(rep, g)) {
              rep.pm = g.pm;
              rep.borrow = g.borrow;
            }
            if (rep.pm === G.NoFit) break;
            frs.push(fr);
            modes.push(flavorMode(g.pm));
            borrows.push(g.borrow);
          }
          if (!shouldTryNextFlavor(rep, cq)) {
            best = flavor;
            bestMode = rep;
            bestFrs = frs;
            bestFrModes = modes;
            bestBorrows = borrows;
            break;
          }
          if (isPreferred(rep, bestMode)) {
            best = flavor;
            bestMode = { pm: rep.pm, borrow: rep.borrow };
            bestFrs = frs;
            bestFrModes = modes;
            bestBorrows = borrows;
          }
        }
        if (best < 0) {
          result.mode = Mode.NoFit;
          if (!anyFlavorMatched) result.failure = { code: Reason.FlavorMismatch, fr: -1, needed: 0, available: 0, noCandidates: false };
          return result;
        }
        for (let j = 0; j < bestFrs.length; j++) {
          const fr = bestFrs[j]!;
          const at = assumedFr.indexOf(fr);
          if (at < 0) {
            assumedFr.push(fr);
            assumedAmount.push(reqVal[j]!);
          } else assumedAmount[at]! += reqVal[j]!;
          frModes.push(bestFrModes[j]!);
          result.borrowing = Math.max(result.borrowing, bestBorrows[j]!);
          if (bestFrModes[j] === Mode.Preempt && !result.preemptFrs.includes(fr)) result.preemptFrs.push(fr);
          if (bestFrModes[j]! < result.mode) result.mode = bestFrModes[j]!;
        }
        if (bestMode.pm === G.Fit) {
          // A fitting pod set carries no partial modes.
        }
        if (placementFlavor < 0 || group.covered.includes(model.gpuResource)) placementFlavor = best;
      }
      result.podSetFlavor.push(placementFlavor);
    }
    result.usage.fr = assumedFr;
    result.usage.amount = assumedAmount;
    if (result.mode === Mode.Fit) result.failure = null;
    if (this.tas && result.mode !== Mode.NoFit) this.checkTopology(w, result, cq, priority, queueTime, shape, constraint);
    return result;
  }

  private constraintOf(c: ConstraintModel | null): ConstraintModel | null {
    return c;
  }

  private fitsResourceQuota(w: number, cq: CqModel, priority: number, queueTime: number, fr: number, assumedUsage: number, request: number, result: Assignment): Granular {
    const s = this.s;
    const q = s.quota;
    const val = assumedUsage + request;
    if (fr < 0) {
      if (val === 0) return { pm: G.Fit, borrow: 0 };
      if (!result.failure) result.failure = { code: Reason.ExceedsMaximumCapacity, fr, needed: val, available: 0, noCandidates: false };
      return { pm: G.NoFit, borrow: 0 };
    }
    const available = q.available(cq.node, fr);
    if (val > q.potential(cq.node, fr)) {
      if (!result.failure) result.failure = { code: Reason.ExceedsMaximumCapacity, fr, needed: val, available, noCandidates: false };
      return { pm: G.NoFit, borrow: 0 };
    }
    q.borrowingHeight(cq.node, cq.path, fr, val, heightOut);
    const borrow = heightOut.borrow;
    const mayReclaim = heightOut.mayReclaim;
    if (val <= available) return { pm: G.Fit, borrow };
    const failure: QuotaFailure = { code: classifyQuotaFailure(s, cq, fr, val), fr, needed: val, available, noCandidates: false };
    const canPreemptWhileBorrowing = cq.borrowWithin || (s.fairSharing && cq.reclaim !== ReclaimPolicy.Never);
    if (val <= q.nominal(cq.node, fr) || mayReclaim || canPreemptWhileBorrowing) {
      result.oracleUsed = true;
      const g = this.simulatePreemption(w, cq, priority, queueTime, fr, val);
      if (g.pm === G.NoCandidates) failure.noCandidates = true;
      if (!result.failure) result.failure = failure;
      return g;
    }
    if (!result.failure) result.failure = failure;
    return { pm: G.NoFit, borrow };
  }

  /** Kueue's PreemptionOracle.SimulatePreemption for one flavor-resource. */
  private simulatePreemption(w: number, cq: CqModel, priority: number, queueTime: number, fr: number, quantity: number): Granular {
    const s = this.s;
    const noPolicy = cq.within === WithinPolicy.Never && (cq.path.length === 0 || cq.reclaim === ReclaimPolicy.Never);
    const possible = !noPolicy && (!s.candidatesPossible || s.candidatesPossible(cq, priority));
    const targets = possible ? getTargets(s, { w, cq, priority, queueTime, frs: [fr], usage: { fr: [fr], amount: [quantity] } }) : null;
    if (!targets || targets.workloads.length === 0) {
      s.quota.borrowingHeight(cq.node, cq.path, fr, quantity, heightOut);
      return { pm: G.NoCandidates, borrow: heightOut.borrow };
    }
    for (const t of targets.workloads) s.quota.removeUsage(s.model.cqs[s.cqOf[t]!]!.node, s.usageOf[t]!);
    s.quota.borrowingHeight(cq.node, cq.path, fr, quantity, heightOut);
    for (const t of targets.workloads) s.quota.addUsage(s.model.cqs[s.cqOf[t]!]!.node, s.usageOf[t]!);
    const sameQueue = targets.workloads.some((t) => s.cqOf[t] === cq.index);
    return { pm: sameQueue ? G.Preempt : G.Reclaim, borrow: heightOut.borrow };
  }
}
