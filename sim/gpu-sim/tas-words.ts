/**
 * Topology-aware scheduling in words: why a pod set found no placement
 * (Kueue's condition message, then the free GPUs per level behind it) and
 * a level's fragmentation ("12 GPUs free over 2 racks; the most in one rack
 * is 8").
 */
import { levelWord } from '../cluster/topology.ts';
import { HOSTNAME_LABEL } from '../cluster/schema.ts';
import type { TopologyFailure, TopologyPlacer } from './tas.ts';
import type { TopologyFragmentation } from './types.ts';

/**
 * A TopologyPlacementFailed explanation: Kueue's condition message, then the
 * fragmentation behind it now ("12 GPUs free on h100-tas, but no rack has 8").
 */
export function topologyFailureWords(t: TopologyFailure, placer: TopologyPlacer | null): string {
  if (t.words !== undefined) return t.words;
  const kueue = `couldn't assign flavors to pod set ${t.podSet}: ${t.message}`;
  const tf = placer?.flavors[t.flavor];
  if (!placer || !tf) return kueue;
  const label = t.level ?? HOSTNAME_LABEL;
  const word = levelWord(label);
  const need = t.pods * t.gpuPerPod;
  if (t.never) return `${kueue} — not even on empty nodes: no ${word} of ${placer.flavorName(t.flavor)} can ever hold ${t.pods} pod(s)${need > 0 ? ` of ${t.gpuPerPod} GPU(s)` : ''}, so no preemption helps`;
  const levels = placer.freeGpusByLevel(t.flavor);
  const at = levels.find((l) => l.level === label);
  if (!at || need === 0) return kueue;
  const total = levels[0]!.freeGpus;
  const flavor = placer.flavorName(t.flavor);
  if (at.largestFreeGpus < need) return `${kueue} — ${total} GPUs free on ${flavor}, but no ${word} has ${need} (the most free in one ${word} is ${at.largestFreeGpus})`;
  return `${kueue} — a ${word} of ${flavor} has ${at.largestFreeGpus} GPUs free, but not as whole pods of ${t.gpuPerPod} GPU(s) per node`;
}

/** A level of a fragmentation entry in words: "12 GPUs free over 4 racks; the most in one rack is 6". */
export function fragmentationWords(level: TopologyFragmentation['levels'][number]): string {
  return `${level.freeGpus} GPUs free over ${level.domains} ${level.word}${level.domains === 1 ? '' : 's'}; the most in one ${level.word} is ${level.largestFreeGpus}`;
}
