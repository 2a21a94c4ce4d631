/**
 * The tab's charts and pure helpers on a real run of the pods sample: every
 * chart is a well-formed standalone SVG (what Export SVG/PNG writes) with
 * labelled axes and units; the cohort bars follow the tree; policy B's edits
 * change only the named field and drop an edit that restores A.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_CLUSTER, type Cluster } from '../../../../sim/cluster/schema.ts';
 
import sample from '../../../../data/samples/three-pilot-pods.podplan.json' with { type: 'json' };
 
import centralized from '../../../../data/samples/centralized-ai-team.podplan.json' with { type: 'json' };
import type { JobContext } from '../../../../sim/kernel/job.ts';
import { cohortChart, sweepChart, waitHistogram, waitUnit } from './figure-charts.ts';
import { gpuRunViewJob } from './run-job.ts';
import { heatmapRows, MAX_HEATMAP_ROWS, nodeHeatmap, usageChart } from './usage-charts.ts';
import { applyVariant, gpuQuotaRows, setVariantEdit } from '../../../../sim/gpu-sim/variant.ts';
import { quotaSizedWorkloads } from '../../../../sim/gpu-sim/testing.ts';

const cluster = (sample as unknown as { cluster: Cluster }).cluster;
const context: JobContext = { cancelled: false, progress: () => {}, preliminary: () => {}, breathe: () => Promise.resolve() };
const view = await gpuRunViewJob({ cluster, source: { kind: 'generated', seed: 1, days: 3, teams: quotaSizedWorkloads(cluster, 0.8) } }, context);

/** Tags open and close in order, and no tag repeats an attribute (an XML error an image load would fail on). */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, attrs, selfClose] = match;
    const names = [...attrs!.matchAll(/\s([\w:-]+)=/g)].map((m) => m[1]);
    if (new Set(names).size !== names.length) return false;
    if (selfClose) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0 && !/&(?!amp;|lt;|gt;|quot;|#39;|apos;)/.test(xml);
}

describe('GPU simulation charts', () => {
  it('are well-formed standalone SVG documents with labelled axes and units', () => {
    const team = view.summary.teams[0]!;
    const charts = [
      usageChart(view.series, 900),
      nodeHeatmap(view.series, 900, view.nodeGpus)!,
      cohortChart(view.cohorts, 900),
      waitHistogram({ team: 'Recommendations pod', waits: view.waits[team.team]!, p50: team.wait.p50, p90: team.wait.p90, p99: team.wait.p99 }, 700),
    ];
    for (const c of charts) {
      expect(c.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(wellFormed(c.svg)).toBe(true);
      expect(c.svg).toContain(`width="${c.width}" height="${c.height}"`);
    }
    expect(charts[0]!.svg).toContain('GPUs allocated');
    expect(charts[0]!.svg).toContain('Simulated time');
    expect(charts[1]!.svg).toContain('pool-h100-0');
    expect(charts[2]!.svg).toContain('GPUs (nominal quota; borrowed and lent averaged over the run)');
    expect(charts[3]!.svg).toMatch(/Wait from submission to admission \((minutes|hours|days)\)/);
    expect(charts[3]!.svg).toContain('>Workloads<');
  });

  it('group a large cluster’s nodes into at most 96 heatmap rows, averaging their use', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `pool-${i}`);
    const used = names.map((_, i) => [i % 2 === 0 ? 8 : 0, 4]);
    const rows = heatmapRows(names, used, names.map(() => 8), 2);
    expect(rows.length).toBeLessThanOrEqual(MAX_HEATMAP_ROWS);
    expect(rows.length).toBe(Math.ceil(1000 / Math.ceil(1000 / MAX_HEATMAP_ROWS)));
    expect(rows[0]!.label).toBe('pool-0 … pool-10');
    expect(rows[0]!.shares[1]).toBeCloseTo(0.5);
    expect(heatmapRows(['a', 'b'], [[2], [8]], [8, 8], 1).map((r) => r.shares[0])).toEqual([0.25, 1]);
  });

  it('draw a policy without cohorts: its queue stands alone and lends nothing', async () => {
    const one = (centralized as unknown as { cluster: Cluster }).cluster;
    const v = await gpuRunViewJob({ cluster: one, source: { kind: 'generated', seed: 2, days: 2, teams: quotaSizedWorkloads(one, 0.8) } }, context);
    expect(v.cohorts.rows).toEqual([expect.objectContaining({ kind: 'queue', name: 'central-ai', depth: 0, nominal: 32, lent: 0 })]);
    expect(wellFormed(cohortChart(v.cohorts, 700).svg)).toBe(true);
    expect(wellFormed(usageChart(v.series, 700).svg)).toBe(true);
    expect(gpuQuotaRows(one).every((r) => !r.hasCohort)).toBe(true);
  });

  it('pick the wait unit from the spread', () => {
    expect(waitUnit(90 * 60).unit).toBe('minutes');
    expect(waitUnit(20 * 3600).unit).toBe('hours');
    expect(waitUnit(5 * 86_400).unit).toBe('days');
  });

  it('draw a sweep over seeds with every team by name, a band for its range and the current value', () => {
    const spread = (median: number) => ({ median, min: median / 2, max: median * 1.5, seeds: 3 });
    const sweep = {
      clusterQueue: 'recommendations',
      queueName: 'Recommendations pod',
      flavor: 'h100',
      resource: 'nvidia.com/gpu',
      current: 8,
      cancelled: false,
      seeds: 3,
      seedValues: [1, 2, 3],
      points: [0, 8, 16].map((value) => ({ value, seeds: 3, idleGpuHours: spread(0), teams: [{ team: 'pod-1', name: 'Recommendations pod', p90Wait: spread(3600 * (16 - value + 1)), p50Wait: spread(0), neverAdmitted: spread(0) }] })),
    };
    const c = sweepChart(sweep, 800);
    expect(wellFormed(c.svg)).toBe(true);
    expect(c.svg).toContain('P90 wait (hours), median with its range over seeds');
    expect(c.svg).toContain('current 8');
    expect(c.svg).toContain('class="sweep-band"');
    expect(c.svg).toContain('Recommendations pod');
    expect(c.svg).not.toMatch(/>pod-1</);
  });

  it('lay the cohort bars out in tree order, cohorts summing their queues', () => {
    const names = view.cohorts.rows.map((r) => `${'-'.repeat(r.depth)}${r.name}`);
    expect(names).toEqual(['ai-org', '-product-pods', '--recommendations', '--search-relevance', '--support-assistant', '-platform', '--ai-platform']);
    const root = view.cohorts.rows[0]!;
    expect(root.nominal).toBe(64);
    const queues = view.cohorts.rows.filter((r) => r.kind === 'queue');
    expect(root.borrowed).toBeCloseTo(queues.reduce((s, r) => s + r.borrowed, 0));
  });
});

describe('policy B', () => {
  it('changes only the named GPU quota field and leaves policy A as it was', () => {
    const b = applyVariant(cluster, [{ clusterQueue: 'recommendations', flavor: 'h100', field: 'lendingLimit', value: '1' }]);
    const rowsB = gpuQuotaRows(b);
    const rowsA = gpuQuotaRows(cluster);
    expect(rowsB.find((r) => r.clusterQueue === 'recommendations' && r.flavor === 'h100')!.lendingLimit).toBe('1');
    expect(rowsA.find((r) => r.clusterQueue === 'recommendations' && r.flavor === 'h100')!.lendingLimit).toBe('4');
    expect(rowsB.filter((r, i) => JSON.stringify(r) !== JSON.stringify(rowsA[i]))).toHaveLength(1);
  });

  it('unsets a limit with null and drops an edit that restores A’s value', () => {
    const edit = { clusterQueue: 'recommendations', flavor: 'a100', field: 'borrowingLimit' as const, value: null };
    const unset = applyVariant(cluster, [edit]);
    expect(gpuQuotaRows(unset).find((r) => r.clusterQueue === 'recommendations' && r.flavor === 'a100')!.borrowingLimit).toBeUndefined();
    const edits = setVariantEdit([], { ...edit, value: '2' }, cluster);
    expect(edits).toHaveLength(1);
    expect(setVariantEdit(edits, { ...edit, value: '8' }, cluster)).toEqual([]);
  });

  it('has no rows without GPU quota', () => {
    expect(gpuQuotaRows(structuredClone(EMPTY_CLUSTER))).toEqual([]);
  });
});
