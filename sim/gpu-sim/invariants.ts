/**
 * Invariants of a simulation state, checked from scratch (not from the
 * engine's incremental bookkeeping). Property tests call this after every
 * event; it returns the violations found (empty when all hold).
 */
import { Strategy } from './model.ts';
import { Reason } from './reasons.ts';
import { WorkloadState } from './scheduler/status.ts';
import type { GpuSimulation } from './simulator.ts';

export function checkInvariants(sim: GpuSimulation, afterScheduling: boolean): string[] {
  const problems: string[] = [];
  const model = sim.model;
  const tree = model.tree;
  const frCount = tree.frCount;
  const nodes = model.nodes;

  // 1. No GPU (CPU, memory) double-booked: recompute every node's load from the bound pods.
  const gpu = new Float64Array(nodes.length);
  const cpu = new Float64Array(nodes.length);
  const mem = new Float64Array(nodes.length);
  for (let w = 0; w < sim.n; w++) {
    const placed = sim.placedNodes[w];
    if (!placed) continue;
    const shape = sim.shapes[sim.table.shape[w]!]!;
    let slot = 0;
    for (const ps of shape.podSets) {
      for (let k = 0; k < ps.count; k++, slot++) {
        const node = placed[slot]!;
        if (node < 0) continue;
        gpu[node]! += ps.gpuPerPod;
        cpu[node]! += ps.cpuPerPod;
        mem[node]! += ps.memPerPod;
      }
    }
  }
  nodes.forEach((node, i) => {
    if (gpu[i]! > node.gpus) problems.push(`node ${node.pool}-${node.ordinal}: ${gpu[i]} GPUs bound on ${node.gpus}`);
    if (cpu[i]! > node.cpu) problems.push(`node ${node.pool}-${node.ordinal}: CPU over-committed`);
    if (mem[i]! > node.memory) problems.push(`node ${node.pool}-${node.ordinal}: memory over-committed`);
    if (sim.nodes.freeGpu[i] !== node.gpus - gpu[i]!) problems.push(`node ${node.pool}-${node.ordinal}: free GPUs ${sim.nodes.freeGpu[i]} but ${node.gpus - gpu[i]!} expected`);
    if (gpu[i]! > 0 && sim.nodes.online[i] !== 1) problems.push(`node ${node.pool}-${node.ordinal}: pods bound on an offline node`);
  });

  // 2. Quota usage equals the sum of admitted workloads' usage, and the tree's arithmetic is consistent.
  const usage = new Float64Array(model.cqs.length * frCount);
  for (let w = 0; w < sim.n; w++) {
    const s = sim.st[w]!;
    const u = sim.usageOf[w];
    if (s === WorkloadState.Admitted || s === WorkloadState.Running) {
      if (!u) {
        problems.push(`${sim.table.id(w)} admitted without usage`);
        continue;
      }
      const cq = sim.cqOf[w]!;
      for (let i = 0; i < u.fr.length; i++) usage[cq * frCount + u.fr[i]!]! += u.amount[i]!;
    } else if (u) problems.push(`${sim.table.id(w)} holds usage while ${sim.stateName(w)}`);
  }
  for (const cq of model.cqs) {
    for (let fr = 0; fr < frCount; fr++) {
      const expected = usage[cq.index * frCount + fr]!;
      const actual = tree.usage[cq.node * frCount + fr]!;
      const where = `${cq.name} ${tree.flavorResources[fr]!.flavor}/${tree.flavorResources[fr]!.resource}`;
      if (actual !== expected) problems.push(`${where}: tree usage ${actual}, admitted workloads use ${expected}`);
      // 3. Never more than nominal + borrowingLimit (nor more than the policy ever allows).
      const nominal = tree.nominal[cq.node * frCount + fr]!;
      const limit = tree.borrowingLimit[cq.node * frCount + fr]!;
      if (limit >= 0 && expected > nominal + limit) problems.push(`${where}: uses ${expected} > nominal ${nominal} + borrowingLimit ${limit}`);
      if (cq.path.length === 0 && expected > nominal) problems.push(`${where}: uses ${expected} > nominal ${nominal} without a cohort`);
      if (expected > model.potential[cq.node * frCount + fr]!) problems.push(`${where}: uses more than it can ever hold`);
    }
  }
  // 4. Never lends beyond lendingLimit: recompute each node's usage in the tree from its children and check it
  // stays within its subtree quota (which only counts what children may lend).
  const treeUsage = new Float64Array(tree.nodes.length * frCount);
  for (const cq of model.cqs) for (let fr = 0; fr < frCount; fr++) treeUsage[cq.node * frCount + fr] = usage[cq.index * frCount + fr]!;
  const computeUsage = (node: number): void => {
    for (const child of model.childCohorts[node]!) computeUsage(child);
    const children = [...model.childCohorts[node]!, ...model.childCqs[node]!.map((c) => model.cqs[c]!.node)];
    for (const child of children) {
      for (let fr = 0; fr < frCount; fr++) {
        const childUsage = treeUsage[child * frCount + fr]!;
        treeUsage[node * frCount + fr]! += Math.max(0, childUsage - tree.localQuota(child, fr));
      }
    }
  };
  for (const node of tree.nodes) if (node.parent < 0 && node.kind === 'cohort') computeUsage(node.index);
  for (const node of tree.nodes) {
    for (let fr = 0; fr < frCount; fr++) {
      const i = node.index * frCount + fr;
      const u = treeUsage[i]!;
      const where = `${node.kind} ${node.name} ${tree.flavorResources[fr]!.flavor}/${tree.flavorResources[fr]!.resource}`;
      if (u !== tree.usage[i]!) problems.push(`${where}: tree usage ${tree.usage[i]} but recomputed ${u}`);
      if (node.parent < 0) {
        // A root never hands out more than its own quota plus what its children may lend.
        if (node.kind === 'cohort' && u > tree.subtreeQuota[i]!) problems.push(`${where}: children draw ${u} > lendable ${tree.subtreeQuota[i]}`);
      } else {
        // What a node takes from its parent stays within what it lends up plus its borrowingLimit.
        const local = tree.localQuota(node.index, fr);
        const limit = tree.borrowingLimit[i]!;
        if (limit >= 0 && Math.max(0, u - local) > tree.subtreeQuota[i]! - local + limit) problems.push(`${where}: takes more from its parent than its borrowingLimit allows`);
      }
    }
  }

  // 5. Gangs are all-or-nothing; running workloads have every pod placed.
  for (let w = 0; w < sim.n; w++) {
    const s = sim.st[w]!;
    const placed = sim.placedNodes[w];
    const bound = placed ? placed.reduce((n, node) => n + (node !== -1 ? 1 : 0), 0) : 0;
    if (s === WorkloadState.Running && placed && bound !== placed.length) problems.push(`${sim.table.id(w)} running with ${bound}/${placed.length} pods placed`);
    if (s === WorkloadState.Admitted && sim.table.gang[w] === 1 && bound !== 0) problems.push(`gang ${sim.table.id(w)} partly placed (${bound}/${placed?.length})`);
    if ((s === WorkloadState.Pending || s === WorkloadState.Backoff || s === WorkloadState.Finished || s === WorkloadState.Deleted) && placed) problems.push(`${sim.table.id(w)} holds nodes while ${sim.stateName(w)}`);
  }

  // 6. After a scheduling pass, no pending workload of a BestEffortFIFO queue is without a reason.
  if (afterScheduling) {
    for (let w = 0; w < sim.n; w++) {
      if (sim.st[w] !== WorkloadState.Pending) continue;
      const cq = model.cqs[sim.cqOf[w]!]!;
      if (cq.strategy !== Strategy.BestEffortFIFO) continue;
      const r = sim.reasonOf(w);
      if (r.code === Reason.None || r.code === Reason.NotYetTried) problems.push(`${sim.table.id(w)} pending in ${cq.name} without a reason`);
    }
  }
  return problems;
}
