/**
 * The GPU simulation tab's saved inputs: defaults when the scenario sets
 * none, edits of a queue the policy no longer has are ignored, and adopting
 * policy B changes the policy and empties B in one edit.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario, type Scenario } from '../scenario/index.ts';
 
import sample from '../../data/samples/three-pilot-pods.podplan.json' with { type: 'json' };
import { adoptPolicyB, gpuSimulationInputs, setGpuSimulation } from './gpu-simulation.ts';
import { gpuQuotaRows } from '../gpu-sim/variant.ts';

const pods = (): Scenario => validateScenario(structuredClone(sample));

describe('the GPU simulation tab’s saved inputs', () => {
  it('start from the documented defaults, with policy B equal to A', () => {
    expect(gpuSimulationInputs(pods())).toEqual({ seed: 1, days: 7, load: 0.8, seeds: 5, variant: [] });
  });

  it('are ordinary scenario edits: a change makes a new document, setting the same value keeps it', () => {
    const doc = pods();
    const edited = setGpuSimulation(doc, { days: 14, seed: 3 });
    expect(gpuSimulationInputs(edited)).toMatchObject({ days: 14, seed: 3, load: 0.8 });
    expect(setGpuSimulation(edited, { days: 14 })).toBe(edited);
    expect(doc.gpuSimulation).toEqual({ variant: [] });
  });

  it('ignore an edit of a ClusterQueue the policy no longer has', () => {
    const doc = setGpuSimulation(pods(), { variant: [{ clusterQueue: 'gone', flavor: 'h100', field: 'nominalQuota', value: '4' }] });
    expect(gpuSimulationInputs(doc).variant).toEqual([]);
    expect(adoptPolicyB(doc)).toEqual({ scenario: doc, adopted: 0 });
  });

  it('adopting B writes its quotas into the policy and starts B afresh, in one edit', () => {
    const row = gpuQuotaRows(pods().cluster)[0]!;
    const doc = setGpuSimulation(pods(), { variant: [{ clusterQueue: row.clusterQueue, flavor: row.flavor, field: 'nominalQuota', value: '3' }] });
    const { scenario, adopted } = adoptPolicyB(doc);
    expect(adopted).toBe(1);
    expect(gpuQuotaRows(scenario.cluster).find((r) => r.clusterQueue === row.clusterQueue && r.flavor === row.flavor)?.nominalQuota).toBe('3');
    expect(scenario.gpuSimulation.variant).toEqual([]);
    expect(validateScenario(scenario)).toEqual(scenario);
  });
});
